"""Contract: every repository's get/save/all and queries, identical on both adapters."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from bot.domain.people import Unreachable
from bot.domain.plan import KeyMark, Revision
from bot.domain.ports import Store
from tests.factories import entities as f
from tests.storage.store_backends import Reopen

Builder = Callable[..., Any]

KEYED: list[tuple[str, Builder, dict[str, Any]]] = [
    ("teams", f.team, {"name": "乡镇督查室", "group_chat_id": -100123, "group_thread_id": 7}),
    ("settings", f.settings, {"paused": True}),
    ("units", f.unit, {"name": "县财政局"}),
    (
        "people",
        f.person,
        {
            "telegram_id": 42,
            "unreachable_since": f.at(1),
            "unreachable_why": Unreachable.DELETED,
            "unit_since": f.at(2),  # moved (调岗): when, and from which unit
            "unit_before": "u0",
        },
    ),
    ("invites", f.invite, {"used_at": f.at(1)}),
    ("leaves", f.leave, {"end": date(2025, 3, 20)}),
    ("plans", f.plan, {"version": 2, "legend": (KeyMark("★", "县政府重点督办事项"),)}),
    (
        "measures",
        f.measure,
        {
            "removed_at": f.at(2),
            "marks": "★",
            "revisions": (Revision(f.at(1), "旧标题", "旧正文", "一、", marks="▲"),),
        },
    ),
    ("assignments", f.assignment, {"ended_at": f.at(3)}),
    ("cycles", f.cycle, {"closed_at": f.at(1), "digest_failed_at": f.at(2), "missed": True}),
    ("prompts", f.prompt, {"reminders_sent": 2}),
    ("reports", f.report, {"progress": 90}),
    ("reminders", f.reminder, {"delivered": False}),
    ("closeouts", f.closeout, {"reason": "材料不全"}),
    ("extensions", f.extension, {"decision_reason": "可以追回"}),
]
REPOS = [pytest.param(name, build, change, id=name) for name, build, change in KEYED]


@pytest.mark.parametrize(("repo", "build", "change"), REPOS)
def test_saved_entity_is_returned_by_get_and_survives_reopen(
    store: Store, reopen: Reopen, repo: str, build: Builder, change: dict[str, Any]
) -> None:
    """get() returns what save() stored, before and after a restart."""
    item = build()
    getattr(store, repo).save(item)
    assert getattr(store, repo).get(item.id) == item
    assert getattr(reopen(), repo).get(item.id) == item


@pytest.mark.parametrize(("repo", "build", "change"), REPOS)
def test_get_of_unknown_id_is_none(
    store: Store, repo: str, build: Builder, change: dict[str, Any]
) -> None:
    """An unknown id gives None, not an error."""
    assert getattr(store, repo).get("nope") is None


@pytest.mark.parametrize(("repo", "build", "change"), REPOS)
def test_save_replaces_in_place_keeping_insertion_order(
    store: Store, reopen: Reopen, repo: str, build: Builder, change: dict[str, Any]
) -> None:
    """Saving an existing id replaces it where it stood in all()."""
    first, second, third = build(), build(), build()
    for item in (first, second, third):
        getattr(store, repo).save(item)
    changed = dataclasses.replace(second, **change)
    getattr(store, repo).save(changed)
    assert getattr(store, repo).all() == (first, changed, third)
    assert getattr(reopen(), repo).all() == (first, changed, third)


def test_settings_are_keyed_by_team_and_invites_by_token(store: Store) -> None:
    """Settings use the team id as key and invites their token."""
    store.settings.save(f.settings(team_id="t9"))
    store.invites.save(f.invite(token="abc"))
    assert store.settings.get("t9") is not None
    assert store.invites.get("abc") is not None


def test_saving_the_wrong_entity_type_is_refused(store: Store) -> None:
    """A repository stores only its own entity type."""
    with pytest.raises(TypeError):
        store.teams.save(f.unit())  # type: ignore[arg-type]


def test_units_and_people_for_team(store: Store, reopen: Reopen) -> None:
    """for_team returns the team's units and people in insertion order."""
    u1, u2, other = f.unit(team_id="ta"), f.unit(team_id="ta"), f.unit(team_id="tb")
    p1, p2 = f.person(team_id="ta"), f.person(team_id="tb")
    for item in (u1, other, u2):
        store.units.save(item)
    store.people.save(p1)
    store.people.save(p2)
    for current in (store, reopen()):
        assert current.units.for_team("ta") == (u1, u2)
        assert current.people.for_team("tb") == (p2,)
        assert current.units.for_team("none") == ()


def test_people_by_telegram_id_follows_rebinding(store: Store, reopen: Reopen) -> None:
    """by_telegram_id finds bound people and forgets an account once the person is rebound."""
    alice = f.person(team_id="ta", telegram_id=7)
    bob = f.person(team_id="tb", telegram_id=7)
    store.people.save(alice)
    store.people.save(bob)
    store.people.save(f.person(telegram_id=None))
    assert store.people.by_telegram_id(7) == (alice, bob)
    store.people.save(dataclasses.replace(alice, telegram_id=8))
    for current in (store, reopen()):
        assert current.people.by_telegram_id(7) == (bob,)
        assert [p.id for p in current.people.by_telegram_id(8)] == [alice.id]


def test_invites_and_leaves_for_person(store: Store, reopen: Reopen) -> None:
    """Invites and leaves are listed per person."""
    i1, i2 = f.invite(person_id="px"), f.invite(person_id="px")
    l1 = f.leave(person_id="px")
    store.invites.save(i1)
    store.invites.save(f.invite(person_id="py"))
    store.invites.save(i2)
    store.leaves.save(l1)
    for current in (store, reopen()):
        assert current.invites.for_person("px") == (i1, i2)
        assert current.leaves.for_person("px") == (l1,)


def test_leave_delete_removes_it_everywhere(store: Store, reopen: Reopen) -> None:
    """A deleted leave is gone from get, all and for_person, also after a restart."""
    kept, gone = f.leave(person_id="px"), f.leave(person_id="px")
    store.leaves.save(kept)
    store.leaves.save(gone)
    store.leaves.delete(gone.id)
    store.leaves.delete("unknown")
    for current in (store, reopen()):
        assert current.leaves.get(gone.id) is None
        assert current.leaves.all() == (kept,)
        assert current.leaves.for_person("px") == (kept,)


def test_pending_imports_survive_a_restart_until_deleted(store: Store, reopen: Reopen) -> None:
    """An import preview is kept by token across a restart; deleting it removes it for good."""
    kept, gone = f.pending_import(changed=("M1a2b",)), f.pending_import(team_id="tb")
    store.pending_imports.save(kept)
    store.pending_imports.save(gone)
    store.pending_imports.delete(gone.id)
    store.pending_imports.delete("unknown")
    for current in (store, reopen()):
        assert current.pending_imports.get(kept.id) == kept
        assert current.pending_imports.get(gone.id) is None
        assert current.pending_imports.all() == (kept,)


def test_plans_for_team_oldest_first(store: Store, reopen: Reopen) -> None:
    """for_team orders plans by import time, whatever the insertion order."""
    new, old = f.plan(team_id="ta", imported_at=f.at(5)), f.plan(team_id="ta", imported_at=f.at())
    store.plans.save(new)
    store.plans.save(old)
    for current in (store, reopen()):
        assert current.plans.for_team("ta") == (old, new)


def test_measures_for_plan_include_removed(store: Store, reopen: Reopen) -> None:
    """for_plan lists removed measures too, in insertion order."""
    m1, m2 = f.measure(plan_id="px"), f.measure(plan_id="px", removed_at=f.at(1))
    store.measures.save(m1)
    store.measures.save(f.measure(plan_id="py"))
    store.measures.save(m2)
    for current in (store, reopen()):
        assert current.measures.for_plan("px") == (m1, m2)


def test_assignments_by_measure_person_and_unit(store: Store, reopen: Reopen) -> None:
    """Assignments are found by measure, person and unit, ended ones included; the batch id
    (签收全部's scope) is kept."""
    by_person = f.assignment(measure_id="mx", person_id="px", unit_id=None, batch_id="bx")
    by_unit = f.assignment(measure_id="mx", person_id=None, unit_id="ux", ended_at=f.at(1))
    store.assignments.save(by_person)
    store.assignments.save(by_unit)
    for current in (store, reopen()):
        assert current.assignments.for_measure("mx") == (by_person, by_unit)
        assert current.assignments.for_person("px") == (by_person,)
        assert current.assignments.for_person("px")[0].batch_id == "bx"
        assert current.assignments.for_unit("ux") == (by_unit,)


def test_cycles_for_team_by_period_start(store: Store, reopen: Reopen) -> None:
    """for_team orders cycles by period start."""
    later = f.cycle(team_id="ta", period_start=date(2025, 3, 10))
    earlier = f.cycle(team_id="ta", period_start=date(2025, 3, 3))
    store.cycles.save(later)
    store.cycles.save(earlier)
    for current in (store, reopen()):
        assert current.cycles.for_team("ta") == (earlier, later)


def test_prompts_for_cycle(store: Store, reopen: Reopen) -> None:
    """for_cycle returns the cycle's prompts in insertion order."""
    p1, p2 = f.prompt(cycle_id="cx"), f.prompt(cycle_id="cx")
    store.prompts.save(p1)
    store.prompts.save(f.prompt(cycle_id="cy"))
    store.prompts.save(p2)
    for current in (store, reopen()):
        assert current.prompts.for_cycle("cx") == (p1, p2)


def test_reminders_for_person_oldest_first_and_for_cycle(store: Store, reopen: Reopen) -> None:
    """Reminders are listed per person by time and per cycle by insertion."""
    late = f.reminder(person_id="px", cycle_id="cx", sent_at=f.at(2))
    early = f.reminder(person_id="px", cycle_id="cx", sent_at=f.at(1))
    store.reminders.save(late)
    store.reminders.save(early)
    for current in (store, reopen()):
        assert current.reminders.for_person("px") == (early, late)
        assert current.reminders.for_cycle("cx") == (late, early)


def test_batched_queries_equal_the_one_key_queries_in_turn(store: Store, reopen: Reopen) -> None:
    """for_people / for_measures / for_cycles list each key's rows as its one-key query does,
    key after key in the order asked; unknown keys add nothing and no keys give nothing."""
    store.leaves.save(f.leave(person_id="pb"))
    store.leaves.save(f.leave(person_id="pa"))
    store.leaves.save(f.leave(person_id="pb"))
    store.assignments.save(f.assignment(measure_id="mb"))
    store.assignments.save(f.assignment(measure_id="ma"))
    store.assignments.save(f.assignment(measure_id="mb"))
    store.prompts.save(f.prompt(cycle_id="cb"))
    store.prompts.save(f.prompt(cycle_id="ca"))
    store.prompts.save(f.prompt(cycle_id="cb"))
    store.reminders.save(f.reminder(person_id="pb", sent_at=f.at(3)))
    store.reminders.save(f.reminder(person_id="pa", sent_at=f.at(2)))
    store.reminders.save(f.reminder(person_id="pb", sent_at=f.at(1)))
    people, measures, cycles = ["pb", "nobody", "pa"], ["ma", "mb"], ["cb", "ca"]
    for current in (store, reopen()):
        assert current.leaves.for_people(people) == tuple(
            leave for key in people for leave in current.leaves.for_person(key)
        )
        assert current.assignments.for_measures(measures) == tuple(
            a for key in measures for a in current.assignments.for_measure(key)
        )
        assert current.prompts.for_cycles(cycles) == tuple(
            p for key in cycles for p in current.prompts.for_cycle(key)
        )
        reminders = current.reminders.for_people(people)
        assert reminders == tuple(r for key in people for r in current.reminders.for_person(key))
        assert [r.sent_at for r in reminders] == [f.at(1), f.at(3), f.at(2)]
        assert len(current.leaves.for_people(people)) == 3
        assert current.assignments.for_measures([]) == ()


def test_closeouts_by_measure_and_team_oldest_first(store: Store, reopen: Reopen) -> None:
    """Close-outs are listed by request time per measure and per team."""
    late = f.closeout(team_id="ta", measure_id="mx", requested_at=f.at(3))
    early = f.closeout(team_id="ta", measure_id="mx", requested_at=f.at(1))
    store.closeouts.save(late)
    store.closeouts.save(early)
    for current in (store, reopen()):
        assert current.closeouts.for_measure("mx") == (early, late)
        assert current.closeouts.for_team("ta") == (early, late)


def test_extensions_by_measure_and_team_oldest_first(store: Store, reopen: Reopen) -> None:
    """Extension requests are listed by request time per measure and per team."""
    late = f.extension(team_id="ta", measure_id="mx", requested_at=f.at(3))
    early = f.extension(team_id="ta", measure_id="mx", requested_at=f.at(1))
    other = f.extension(team_id="tb", measure_id="my", requested_at=f.at(2))
    for item in (late, early, other):
        store.extensions.save(item)
    for current in (store, reopen()):
        assert current.extensions.for_measure("mx") == (early, late)
        assert current.extensions.for_team("ta") == (early, late)
        assert current.extensions.for_team("tb") == (other,)
