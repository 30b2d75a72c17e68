"""签收时限: the claim limit, who is reminded, and when the leads are told (领办逾期)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from bot.domain.people import Role
from bot.domain.settings import TeamSettings
from bot.domain.work import ReminderKind
from bot.rhythm.claims import (
    CHASE_WINDOW,
    claim_limit,
    claim_overdue,
    claim_overdue_rows,
    claim_plans,
    holders,
    overdue_claims,
)
from bot.rhythm.snapshot import TeamSnapshot
from tests.factories.snapshots import (
    TEAM,
    assign,
    leave,
    local,
    measure,
    person,
    reminder,
    snapshot,
    unit,
)

ASSIGNED = local(2024, 3, 4, 10)  # a Monday


def _world(hours: int = 24, **kw: object) -> TeamSnapshot:
    row = assign("m1", unit_id="u1", assigned_at=ASSIGNED)
    people = [
        person("p1", "李娜", unit_id="u1"),
        person("p2", "周强", unit_id="u1", role=Role.LIAISON),
        person("p3", "王督办", Role.LEAD),
        person("p4", "不在岗", unit_id="u1", active=False),
    ]
    fields = {
        "settings": TeamSettings(team_id=TEAM, claim_hours=hours),
        "units": [unit("u1", "县工信局")],
        "people": people,
        "measures": [measure("m1", "加快园区建设")],
        "assignments": [row],
    }
    fields.update(kw)
    return snapshot(**fields)


@pytest.mark.parametrize(
    ("hours", "expected"),
    [(24, local(2024, 3, 5, 10)), (2, local(2024, 3, 4, 12)), (0, None)],
)
def test_claim_limit_counts_plain_hours_from_assignment(hours: int, expected: object) -> None:
    """The limit is 交办时间 plus the team's hours; 0 means no limit."""
    assert claim_limit(assign("m1", "p1", assigned_at=ASSIGNED), hours) == expected


def test_a_signed_assignment_is_never_overdue() -> None:
    """签收 before or after the limit ends it: only unsigned rows are overdue, and by how much."""
    row = assign("m1", "p1", assigned_at=ASSIGNED)
    late = local(2024, 3, 6, 10)
    assert claim_overdue(row, 24, late) == timedelta(days=1)
    assert claim_overdue(row, 24, local(2024, 3, 5, 9)) is None
    assert claim_overdue(replace(row, acknowledged_at=late), 24, late) is None


def test_a_past_moment_lists_an_assignment_signed_only_later() -> None:
    """领办逾期 as of a past moment (a digest drawn up then, shown again) keeps an assignment
    signed after that moment: it was unsigned then; as of the signature it is gone."""
    then, signed_at = local(2024, 3, 6, 10), local(2024, 3, 7, 9)
    snap = _world()
    signed = replace(snap.assignments[0], acknowledged_at=signed_at, acknowledged_by="p1")
    later = replace(snap, assignments=(signed,))
    assert claim_overdue(signed, 24, then) == timedelta(days=1)
    assert [(row.id, late) for row, late in claim_overdue_rows(later, then)] == [
        (signed.id, timedelta(days=1))
    ]
    assert claim_overdue_rows(later, signed_at) == []


def test_holders_are_those_who_may_sign() -> None:
    """A unit's active officials and liaisons; a leader assigned by name and his liaison."""
    snap = _world(
        people=[
            person("p1", "李娜", unit_id="u1"),
            person("p2", "周强", unit_id="u1", role=Role.LIAISON),
            person("p4", "不在岗", unit_id="u1", active=False),
            person("p5", "赵县长", Role.LEADER),
            person("p6", "小刘", Role.LIAISON, on_behalf_of="p5"),
        ]
    )
    assert holders(snap, snap.assignments[0]) == ["p1", "p2"]
    assert holders(snap, assign("m1", "p5")) == ["p5", "p6"]


def test_one_reminder_then_the_leads_once() -> None:
    """After the limit the holders are reminded; after a second period the leads are told;
    each once (a recorded notice is never planned again)."""
    snap = _world()
    assert claim_plans(snap, local(2024, 3, 5, 9)) == []
    first = claim_plans(snap, local(2024, 3, 5, 11))
    assert [(p.kind, p.person_ids) for p in first] == [(ReminderKind.CLAIM, ("p1", "p2"))]
    row = snap.assignments[0]
    sent = [
        reminder(p, ReminderKind.CLAIM, local(2024, 3, 5, 11), assignment_id=row.id)
        for p in ("p1", "p2")
    ]
    reminded = replace(snap, reminders=tuple(sent))
    assert claim_plans(reminded, local(2024, 3, 6, 9)) == []
    told = claim_plans(reminded, local(2024, 3, 6, 10))
    assert [(p.kind, p.person_ids, p.overdue_by) for p in told] == [
        (ReminderKind.CLAIM_OVERDUE, ("p3",), timedelta(days=1))
    ]
    lead = reminder("p3", ReminderKind.CLAIM_OVERDUE, local(2024, 3, 6, 10), assignment_id=row.id)
    done = replace(reminded, reminders=(*sent, lead))
    assert claim_plans(done, local(2024, 3, 9, 10)) == []
    assert [c.party for c in overdue_claims(done, local(2024, 3, 9, 10))] == ["县工信局"]


def test_assignments_long_past_their_limit_are_listed_not_chased() -> None:
    """An unsigned assignment whose leads' notice fell due more than the chase window ago (made
    before the limit was set, e.g. on upgrading) gets no notice, and is still listed."""
    snap = _world()
    leads_due = claim_limit(snap.assignments[0], 24 * 2)
    assert leads_due is not None
    inside = leads_due + CHASE_WINDOW
    assert [p.kind for p in claim_plans(snap, inside)] == [ReminderKind.CLAIM]
    beyond = inside + timedelta(minutes=1)
    assert claim_plans(snap, beyond) == []
    assert [c.party for c in overdue_claims(snap, beyond)] == ["县工信局"]


def test_signed_closed_or_limitless_assignments_get_nothing() -> None:
    """Nothing is planned once signed, with the limit off, or when the task left the plan."""
    late = local(2024, 3, 9, 10)
    snap = _world()
    signed = replace(snap.assignments[0], acknowledged_at=local(2024, 3, 4, 11))
    assert claim_plans(replace(snap, assignments=(signed,)), late) == []
    assert claim_plans(_world(hours=0), late) == []
    gone = replace(snap.measures[0], removed_at=local(2024, 3, 5))
    assert claim_plans(replace(snap, measures=(gone,)), late) == []


def test_leave_passes_to_the_deputy_and_the_unreachable_are_skipped() -> None:
    """A holder on leave is replaced by the deputy (or skipped); one who blocked the bot or
    never joined is skipped; with nobody to remind, the leads are told at twice the limit."""
    people = [
        person("p1", "李娜", unit_id="u1"),
        person("p2", "周强", unit_id="u1", unreachable_since=local(2024, 3, 1)),
        person("p3", "王督办", Role.LEAD),
        person("p7", "代理人"),
    ]
    away = leave("p1", date(2024, 3, 4), date(2024, 3, 8), deputy_id="p7")
    snap = _world(people=people, leaves=[away])
    (plan,) = claim_plans(snap, local(2024, 3, 5, 11))
    assert plan.person_ids == ("p7",)
    nobody = _world(people=people, leaves=[replace(away, deputy_id=None)])
    assert claim_plans(nobody, local(2024, 3, 5, 11)) == []
    (told,) = claim_plans(nobody, local(2024, 3, 6, 11))
    assert (told.kind, told.person_ids) == (ReminderKind.CLAIM_OVERDUE, ("p3",))
