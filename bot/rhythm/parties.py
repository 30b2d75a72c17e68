"""Who answers for a task (责任方): read from the assignment record, never from the plan's text.

Each assignment in force makes one **party** of its task: a unit (单位) or a person, leading
(牵头) or supporting (配合). A party answers once per cycle:

- a unit answers through its **reporter** (填报人): the member the lead named
  (:attr:`~bot.domain.people.Unit.reporter_id`), else the unit's own liaison (联络员, one who acts
  for nobody in particular), else its first official, else any liaison of the unit. Only the
  reporter is asked in the weekly prompt; any member may add to the unit's answer, and the
  latest answer in a cycle is the unit's;
- a person answers themselves when they are an official or liaison; a leader (or anyone else)
  answers through the liaisons who act for them.

A report counts for the party of its reporter: the person reported for (a liaison's principal,
a deputy's colleague on leave) or else the author. Reports by someone outside every party (a
lead writing on a task) are kept and shown, but they are nobody's answer.

A person party counts under the unit its person was in at the moment it is read as of
(:func:`~bot.rhythm.units_then.unit_then`): from a roster's dated move (调岗) on, their new unit;
before it, the unit their latest prompt or report made by then recorded, so a move changes no
figure of an earlier moment; now (no moment), their unit now. Pure: a snapshot in, values out.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime

from bot.domain.people import Person, Role
from bot.domain.work import AssigneeRole, Assignment, Report
from bot.rhythm.snapshot import TeamSnapshot
from bot.rhythm.units_then import moves, unit_then

_ANSWERS_THEMSELVES = frozenset({Role.OFFICIAL, Role.LIAISON})


@dataclass(frozen=True, slots=True)
class Party:
    """One assignee of a task, as it answers for it."""

    key: str  # ``unit:<id>`` or ``person:<id>``
    role: AssigneeRole
    name: str  # the unit's or the person's name
    unit_id: str | None  # the unit it is counted under (a person's own unit)
    assignment: Assignment

    @property
    def is_unit(self) -> bool:
        """A unit, answering through its reporter."""
        return self.assignment.unit_id is not None

    @property
    def leads(self) -> bool:
        """牵头 rather than 配合."""
        return self.role is AssigneeRole.LEAD


def in_force(assignment: Assignment, at: datetime | None) -> bool:
    """Whether the assignment was in force at ``at`` (now, when None)."""
    if at is None:
        return assignment.active
    started = assignment.assigned_at <= at
    return started and (assignment.ended_at is None or assignment.ended_at > at)


def parties(snapshot: TeamSnapshot, measure_id: str, at: datetime | None = None) -> list[Party]:
    """The task's parties in force at ``at`` (now when None): 牵头 first, in assignment order
    (worked out once per task and moment for a snapshot: every view asks again and again)."""
    memo = snapshot.memo.setdefault("parties", {})
    found = memo.get((measure_id, at))
    if found is None:
        found = memo[(measure_id, at)] = _parties_in_span(snapshot, measure_id, at)
    return list(found)


def _parties_in_span(
    snapshot: TeamSnapshot, measure_id: str, at: datetime | None
) -> tuple[Party, ...]:
    """The parties at ``at``, worked out once per span between two of the task's assignment
    changes (the same rows are in force throughout: a year's weekly cycles share one)."""
    if at is None:
        return tuple(_parties(snapshot, measure_id, at))
    spans = snapshot.memo.setdefault("parties_by_span", {})
    span = _span(snapshot, measure_id, at)
    found: tuple[Party, ...] | None = spans.get(span)
    if found is None:
        found = spans[span] = tuple(_parties(snapshot, measure_id, at))
    return found


def _span(snapshot: TeamSnapshot, measure_id: str, at: datetime) -> tuple[str, int]:
    """Which span between the task's assignment changes ``at`` falls in (an assignment is in
    force from its start until its end, and is signed at its 签收, and a person assigned by
    name counts under the unit recorded for them, so the parties as they stood change only at
    those)."""
    changes = snapshot.memo.setdefault("assignment_changes", {})
    moments = changes.get(measure_id)
    if moments is None:
        rows = snapshot.assignments_of(measure_id)
        ends = {a.ended_at for a in rows if a.ended_at is not None}
        signed = {a.acknowledged_at for a in rows if a.acknowledged_at is not None}
        moved = moves(snapshot, (a.person_id for a in rows if a.person_id))
        found = {a.assigned_at for a in rows} | ends | signed | moved
        moments = changes[measure_id] = sorted(found)
    return measure_id, bisect_right(moments, at)


def _parties(snapshot: TeamSnapshot, measure_id: str, at: datetime | None) -> list[Party]:
    rows = (
        snapshot.assignments_of(measure_id)
        if at is not None
        else (snapshot.assignments_by_measure.get(measure_id, []))
    )
    found: dict[str, Party] = {}
    for row in sorted(rows, key=lambda a: (a.role is not AssigneeRole.LEAD, a.assigned_at)):
        if not in_force(row, at):
            continue
        party = _party(snapshot, _then(row, at), at)
        if party is not None:
            found.setdefault(party.key, party)
    return list(found.values())


def _then(row: Assignment, at: datetime | None) -> Assignment:
    """The assignment as it stood at ``at``: an end or a 签收 recorded after it not yet known."""
    if at is None:
        return row
    if row.ended_at is not None and row.ended_at > at:
        row = replace(row, ended_at=None)
    if row.acknowledged_at is not None and row.acknowledged_at > at:
        row = replace(row, acknowledged_at=None, acknowledged_by=None)
    return row


def _party(snapshot: TeamSnapshot, row: Assignment, at: datetime | None) -> Party | None:
    if row.unit_id is not None:
        unit = snapshot.unit_by_id.get(row.unit_id)
        name = unit.name if unit else row.unit_id
        return Party(f"unit:{row.unit_id}", row.role, name, row.unit_id, row)
    if row.person_id is not None:
        person = snapshot.person_by_id.get(row.person_id)
        name = person.name if person else row.person_id
        unit_id = person.unit_id if person else None
        if at is not None:  # the unit they were in then (a move since changes no past figure)
            unit_id = unit_then(snapshot, row.person_id, at) or unit_id
        return Party(f"person:{row.person_id}", row.role, name, unit_id, row)
    return None


def unit_reporter(snapshot: TeamSnapshot, unit_id: str) -> Person | None:
    """The member who answers for the unit (the rule in the module docstring)."""
    members = [p for p in snapshot.members_of(unit_id) if p.active]
    unit = snapshot.unit_by_id.get(unit_id)
    named = next((p for p in members if unit and p.id == unit.reporter_id), None)
    unit_liaisons = [p for p in members if p.role is Role.LIAISON and p.on_behalf_of is None]
    officials = [p for p in members if p.role is Role.OFFICIAL]
    liaisons = [p for p in members if p.role is Role.LIAISON]
    for choice in (named, *unit_liaisons[:1], *officials[:1], *liaisons[:1]):
        if choice is not None:
            return choice
    return None


def answerers(snapshot: TeamSnapshot, party: Party) -> list[str]:
    """The ids of the people asked for the party's answer (before leave is considered)."""
    if party.is_unit:
        reporter = unit_reporter(snapshot, party.unit_id or "")
        return [reporter.id] if reporter is not None else []
    person = snapshot.person_by_id.get(party.assignment.person_id or "")
    if person is None or not person.active:
        return []
    if person.role in _ANSWERS_THEMSELVES:
        return [person.id]
    return [
        p.id
        for p in snapshot.people
        if p.active and p.role is Role.LIAISON and p.on_behalf_of == person.id
    ]


def party_of_person(
    snapshot: TeamSnapshot,
    measure_id: str,
    person_id: str,
    at: datetime | None = None,
    found: list[Party] | None = None,
    unit_id: str | None = None,
) -> Party | None:
    """The party ``person_id`` answers for on the task: their own person party, the party of
    the leader they act for as liaison, else their unit's party (``found``: the task's parties
    at ``at``, when the caller has them; ``unit_id``: their unit as a prompt or report recorded
    it, else their unit now)."""
    if found is None and at is not None:  # the same in a span of the task's assignments
        memo = snapshot.memo.setdefault("party_of_person", {})
        key = (_span(snapshot, measure_id, at), person_id, unit_id)
        if key not in memo:
            memo[key] = party_of_person(
                snapshot, measure_id, person_id, at, parties(snapshot, measure_id, at), unit_id
            )
        known: Party | None = memo[key]
        return known
    person = snapshot.person_by_id.get(person_id)
    if person is None:
        return None
    found = parties(snapshot, measure_id, at) if found is None else found
    own = {f"person:{person.id}"}
    if person.role is Role.LIAISON and person.on_behalf_of:
        own.add(f"person:{person.on_behalf_of}")
    for party in found:
        if party.key in own:
            return party
    unit = unit_id or person.unit_id
    return next((p for p in found if p.is_unit and unit and p.unit_id == unit), None)


def party_of_report(
    snapshot: TeamSnapshot, report: Report, at: datetime | None = None
) -> Party | None:
    """The party a report answers for (None: its reporter is in no party of the task), with
    the reporter's unit as the report recorded it (an answer stays its unit's after a move)."""
    memo = snapshot.memo.setdefault("party_of_report", {})
    key = (report.measure_id, report.reporter_id, at, report.unit_id)
    if key not in memo:
        memo[key] = party_of_person(
            snapshot, report.measure_id, key[1], at, unit_id=report.unit_id
        )
    found: Party | None = memo[key]
    return found


def covering_party(
    snapshot: TeamSnapshot,
    measure_id: str,
    person_id: str,
    day: date,
    at: datetime | None,
    units: Mapping[str, str] | None = None,
) -> Party | None:
    """The party a person answers for, as themselves or as deputy of a colleague on leave
    (``units``: people's units as the cycle's prompts recorded them,
    :func:`~bot.rhythm.units_then.recorded_units`; anyone not in it is read with their unit
    now)."""
    units = units or {}
    party = party_of_person(snapshot, measure_id, person_id, at, unit_id=units.get(person_id))
    if party is not None:
        return party
    return _deputy_party(snapshot, measure_id, person_id, day, at, units)


def covering_parties(
    snapshot: TeamSnapshot, day: date, at: datetime, units: Mapping[str, str] | None = None
) -> Callable[[str, str], Party | None]:
    """:func:`covering_party` at ``day`` and ``at`` for many tasks and people (a cycle's
    prompts, ``units`` as they recorded them): whom a person answers for comes from a table
    shared by every moment between the same two changes of the team's assignments (a year's
    weekly cycles share one), so each person and task costs one lookup; only a deputy's is
    worked out each time (leave is by day)."""
    units = units or {}
    tables = snapshot.memo.setdefault("party_of_person_by_team_span", {})
    table: dict[tuple[str, str, str | None], Party | None]
    table = tables.setdefault(_team_span(snapshot, at), {})

    def covering(measure_id: str, person_id: str) -> Party | None:
        unit_id = units.get(person_id)
        key = (measure_id, person_id, unit_id)
        if key in table:
            party = table[key]
        else:
            party = table[key] = party_of_person(
                snapshot, measure_id, person_id, at, unit_id=unit_id
            )
        if party is not None:
            return party
        return _deputy_party(snapshot, measure_id, person_id, day, at, units)

    return covering


def _team_span(snapshot: TeamSnapshot, at: datetime) -> int:
    """Which span between two changes of any of the team's assignments ``at`` falls in (each
    task's parties stay the same within one: see :func:`_span`)."""
    memo = snapshot.memo.setdefault("team_assignment_changes", {})
    moments = memo.get(None)
    if moments is None:
        rows = snapshot.assignments
        ends = {a.ended_at for a in rows if a.ended_at is not None}
        moved = moves(snapshot, (a.person_id for a in rows if a.person_id))
        moments = memo[None] = sorted({a.assigned_at for a in rows} | ends | moved)
    return bisect_right(moments, at)


def _deputy_party(
    snapshot: TeamSnapshot,
    measure_id: str,
    person_id: str,
    day: date,
    at: datetime | None,
    units: Mapping[str, str],
) -> Party | None:
    """The party of a colleague on leave at ``day`` whom ``person_id`` stands in for (with the
    colleague's unit as ``units`` recorded it)."""
    for leave in snapshot.leaves:
        if leave.deputy_id == person_id and leave.covers(day):
            colleague = leave.person_id
            party = party_of_person(
                snapshot, measure_id, colleague, at, unit_id=units.get(colleague)
            )
            if party is not None:
                return party
    return None
