"""签收时限 (claim limit): who is reminded of an unsigned assignment, and when the leads are told.

An assignment in force and not signed (签收) ``claim_hours`` after it was made (交办时间) gets one
reminder to whoever may sign it: for a unit, its active officials and liaisons (one signature
covers the unit); for a person, that person, and the liaisons acting for them. Someone on leave is
replaced by their deputy, or skipped; someone who has not joined or blocked the bot is skipped.
``claim_hours`` later still (twice the limit from 交办) the leads are told once (领办逾期). A
limit of 0 turns both off. An assignment whose leads' notice fell due more than
:data:`CHASE_WINDOW` ago is not chased any more (it was made before the limit existed, e.g. on
upgrading, or the bot was down for long): it stays in ``/unacked`` and the leads' digest. Each
notice is recorded as a :class:`~bot.domain.work.Reminder`
(kind ``CLAIM`` or ``CLAIM_OVERDUE``, with the assignment's id), so nothing goes twice, restarts
included. Pure: a snapshot and a moment in, plans out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.domain.people import Role
from bot.domain.plan import SourceKind
from bot.domain.work import Assignment, CloseoutState, ReminderKind
from bot.rhythm.dispatch import reachable
from bot.rhythm.parties import parties
from bot.rhythm.plan_then import measure_then, measures_then
from bot.rhythm.snapshot import TeamSnapshot

_SIGNERS = frozenset({Role.OFFICIAL, Role.LIAISON})

#: How long after the leads' notice fell due an unsent claim notice is still sent.
CHASE_WINDOW = timedelta(days=10)  # longer than the longest holiday (春节, 国庆)


@dataclass(frozen=True, slots=True)
class ClaimPlan:
    """One claim notice to send: of which kind, about which assignment, to whom."""

    kind: ReminderKind  # CLAIM (to the holders) or CLAIM_OVERDUE (to the leads)
    assignment: Assignment
    person_ids: tuple[str, ...]
    overdue_by: timedelta = timedelta(0)  # past the claim limit (for the leads' notice)


def claim_limit(assignment: Assignment, hours: int) -> datetime | None:
    """When the assignment should be signed by (None: no limit)."""
    return assignment.assigned_at + timedelta(hours=hours) if hours > 0 else None


def claim_overdue(assignment: Assignment, hours: int, now: datetime) -> timedelta | None:
    """How long the assignment, unsigned at ``now``, is past its limit then (None: signed by
    then, or not past it). A 签收 made after ``now`` does not count: a view of a past moment
    shows the assignment as it stood."""
    limit = claim_limit(assignment, hours)
    signed = assignment.acknowledged_at
    if limit is None or (signed is not None and signed <= now) or now < limit:
        return None
    return now - limit


def holders(snapshot: TeamSnapshot, assignment: Assignment) -> list[str]:
    """The ids of those who may sign the assignment (before leave and reachability)."""
    if assignment.unit_id is not None:
        members = snapshot.members_of(assignment.unit_id)
        return [p.id for p in members if p.active and p.role in _SIGNERS]
    person = snapshot.person_by_id.get(assignment.person_id or "")
    if person is None or not person.active:
        return []
    liaisons = [
        p.id
        for p in snapshot.people
        if p.active and p.role is Role.LIAISON and p.on_behalf_of == person.id
    ]
    return [person.id, *liaisons]


def claim_plans(snapshot: TeamSnapshot, now: datetime) -> list[ClaimPlan]:
    """The claim reminders and 领办逾期 notices due at ``now`` and not sent before."""
    hours = snapshot.settings.claim_hours
    if hours <= 0:
        return []
    sent = {(r.assignment_id, r.kind) for r in snapshot.reminders if r.assignment_id}
    live = {m.id for m in snapshot.active_measures}
    plans: list[ClaimPlan] = []
    for row in unsigned(snapshot):
        if row.measure_id not in live:
            continue
        late = claim_overdue(row, hours, now)
        if late is None or late > timedelta(hours=hours) + CHASE_WINDOW:
            continue
        reminded = (row.id, ReminderKind.CLAIM) in sent
        recipients = _present(snapshot, holders(snapshot, row), now)
        if not reminded and recipients:
            plans.append(ClaimPlan(ReminderKind.CLAIM, row, tuple(recipients), late))
            continue
        told = (row.id, ReminderKind.CLAIM_OVERDUE) in sent
        if not told and late >= timedelta(hours=hours):
            leads = _present(snapshot, lead_ids(snapshot), now)
            if leads:
                plans.append(ClaimPlan(ReminderKind.CLAIM_OVERDUE, row, tuple(leads), late))
    return plans


def unsigned(snapshot: TeamSnapshot) -> list[Assignment]:
    """Assignments in force and not signed, on tasks not closed, oldest first."""
    rows = [
        a
        for group in snapshot.assignments_by_measure.values()
        for a in group
        if a.acknowledged_at is None
        and snapshot.closeout_state(a.measure_id) is not CloseoutState.APPROVED
    ]
    return sorted(rows, key=lambda a: (a.assigned_at, a.id))


def claim_overdue_rows(
    snapshot: TeamSnapshot, now: datetime
) -> list[tuple[Assignment, timedelta]]:
    """领办逾期 assignments as they stood at ``now``: in force then on a task of the plan then
    (:mod:`bot.rhythm.plan_then`) not closed then, not signed by then, and one claim limit
    past their limit, with how far past the limit they are (the leads' digest lists them)."""
    hours = snapshot.settings.claim_hours
    rows = [
        party.assignment
        for measure in measures_then(snapshot, now)
        if snapshot.closeout_state(measure.id, until=now) is not CloseoutState.APPROVED
        for party in parties(snapshot, measure.id, now)  # as they stood: signed by then or not
        if party.assignment.acknowledged_at is None
    ]
    found = []
    for row in sorted(rows, key=lambda a: (a.assigned_at, a.id)):
        late = claim_overdue(row, hours, now)
        if late is not None and late >= timedelta(hours=hours):
            found.append((row, late))
    return found


def lead_ids(snapshot: TeamSnapshot) -> list[str]:
    """The team's active leads."""
    return [p.id for p in snapshot.people if p.active and p.role is Role.LEAD]


def _present(snapshot: TeamSnapshot, person_ids: list[str], now: datetime) -> list[str]:
    """Who can be told now: a deputy for someone on leave; nobody unreachable or not joined."""
    found: list[str] = []
    for person_id in person_ids:
        leave = snapshot.on_leave(person_id, now)
        chosen = leave.deputy_id if leave is not None else person_id
        person = snapshot.person_by_id.get(chosen or "")
        if person is not None and reachable(person):
            found.append(person.id)
    return list(dict.fromkeys(found))


@dataclass(frozen=True, slots=True)
class ClaimState:
    """One party's 交办 and 签收 on a task: when assigned, when and by whom signed, or how far
    past the claim limit it is (the ledger and ``/task`` show it)."""

    party: str
    assignment: Assignment
    signed_by: str | None = None  # the signer's name
    overdue_by: timedelta | None = None


def claim_states(snapshot: TeamSnapshot, measure_id: str, now: datetime) -> list[ClaimState]:
    """Each party in force of the task, with its claim state at ``now``."""
    hours = snapshot.settings.claim_hours
    states = []
    for party in parties(snapshot, measure_id):
        row = party.assignment
        signer = snapshot.person_by_id.get(row.acknowledged_by or "")
        late = claim_overdue(row, hours, now)
        states.append(ClaimState(party.name, row, signer.name if signer else None, late))
    return states


@dataclass(frozen=True, slots=True)
class ClaimOverdue:
    """A 领办逾期 assignment as the leads' digest lists it."""

    measure_id: str
    title: str
    party: str
    assigned_at: datetime
    overdue_by: timedelta
    source: SourceKind | None = None  # the task's 批示 / 会议决定事项 mark


def overdue_claims(snapshot: TeamSnapshot, now: datetime) -> tuple[ClaimOverdue, ...]:
    """The 领办逾期 assignments at ``now`` (see :func:`claim_overdue_rows`)."""
    found = []
    for row, late in claim_overdue_rows(snapshot, now):
        measure = measure_then(snapshot, row.measure_id, now)  # as worded then
        found_at = parties(snapshot, row.measure_id, now)
        party = next((p.name for p in found_at if p.assignment.id == row.id), "")
        title = measure.name if measure is not None else row.measure_id
        source = measure.source_kind if measure is not None else None
        found.append(ClaimOverdue(row.measure_id, title, party, row.assigned_at, late, source))
    return tuple(found)
