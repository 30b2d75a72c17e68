"""Dispatch planning: who is asked about which tasks, with leave, deputies and carry-forward."""

from __future__ import annotations

from dataclasses import replace

from bot.domain.people import Role
from bot.domain.work import PromptState
from bot.rhythm.dispatch import SkipReason, plan_dispatch, prompt_id, responsible_people
from tests.factories.office import window, world
from tests.factories.snapshots import local, person, unit


def test_responsible_people() -> None:
    """Person, unit and leader assignments map to the people who report: one per party."""
    snap = world()
    assert responsible_people(snap, "m1") == ["p1"]
    assert responsible_people(snap, "m2") == ["p3"]  # the unit's first official, by default
    assert responsible_people(snap, "m3") == ["p5"]  # the leader's liaison
    assert responsible_people(snap, "m8") == []  # an inactive person is never asked


def test_plan_dispatch_recipients_and_tasks() -> None:
    """Each recipient gets their open tasks, most urgent first; closed and removed ones are out."""
    plan = plan_dispatch(world(), window())
    tasks = {p.person_id: p.measure_ids for p in plan.planned}
    # p1: red first by deadline (m9 overdue 10-01, m1 far behind, due 10-15; m5 blocked, no
    # deadline), then green m2, covered for p3
    assert tasks == {"p1": ("m9", "m1", "m5", "m2"), "p5": ("m3",)}


def test_deputy_covers_person_on_leave() -> None:
    """A person on leave is skipped (counted on leave); their deputy gets their tasks."""
    plan = plan_dispatch(world(), window())
    p1 = next(p for p in plan.planned if p.person_id == "p1")
    assert p1.covering_for == ("p3",)
    assert "p3" not in {p.person_id for p in plan.planned}
    assert "p3" in {s.person_id for s in plan.skipped}


def test_leave_without_deputy_is_skipped() -> None:
    """A person on leave without a deputy is skipped with the reason and their tasks."""
    skipped = {s.person_id: s for s in plan_dispatch(world(), window()).skipped}
    assert (skipped["p2"].person_id, skipped["p2"].reason, skipped["p2"].measure_ids) == (
        "p2",
        SkipReason.ON_LEAVE,
        ("m7",),
    )


def test_last_answers_carry_forward() -> None:
    """The latest earlier report per task is offered as "与上周相同"."""
    p1 = next(p for p in plan_dispatch(world(), window()).planned if p.person_id == "p1")
    answer = p1.last_answer("m1")
    assert answer is not None
    assert (answer.progress, answer.progress_text) == (70, "主体完工")
    assert p1.last_answer("m2") is None


def test_prompts_to_store() -> None:
    """The plan becomes Prompt rows: pending, unreachable (never joined) or skipped."""
    now = local(2024, 10, 10, 9)
    named = world(units=(unit("u1", "县发改委"), unit("u2", "县财政局", reporter_id="p6")))
    rows = {p.person_id: p for p in plan_dispatch(named, window()).prompts(now)}
    assert rows["p1"].state is PromptState.PENDING
    assert rows["p6"].state is PromptState.UNREACHABLE
    assert rows["p2"].state is PromptState.SKIPPED
    assert rows["p1"].id == prompt_id("t1.w20241007", "p1") == "t1.w20241007:p1"
    assert rows["p1"].measure_ids == ("m9", "m1", "m5")  # m2 is p6's to answer now


def test_unit_reporter_rule() -> None:
    """A unit answers through its named reporter, else its own liaison, else its first official."""
    liaison = person("p9", "小周", Role.LIAISON, unit_id="u2")
    snap = world(people=(*world().people, liaison))
    assert responsible_people(snap, "m2") == ["p9"]  # the unit's own liaison
    named = replace(snap, units=(unit("u1", "县发改委"), unit("u2", "县财政局", reporter_id="p3")))
    assert responsible_people(named, "m2") == ["p3"]
    left = replace(named, people=tuple(replace(p, active=p.id != "p3") for p in named.people))
    assert responsible_people(left, "m2") == ["p9"]  # a reporter who left falls back to the rule
