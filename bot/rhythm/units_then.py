"""The unit a person assigned a task by name was in at a moment, and each cycle's people's
units, as the prompts and reports recorded them and the roster's move (调岗) dated it: from the
moment a new roster moved someone to another unit they count under it, and a move changes no
figure of an earlier moment (see :mod:`bot.rhythm.parties`). Pure: a snapshot in, values out.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from bot.rhythm.snapshot import TeamSnapshot


def recorded_units(snapshot: TeamSnapshot, cycle_id: str) -> Mapping[str, str]:
    """Each prompted person's unit as the cycle's prompts recorded it (prompts made before
    units were recorded are left out: their people's unit now stands in); once per snapshot."""
    memo = snapshot.memo.setdefault("recorded_units", {})
    found: dict[str, str] | None = memo.get(cycle_id)
    if found is None:
        prompts = snapshot.prompts_by_cycle.get(cycle_id, [])
        found = memo[cycle_id] = {p.person_id: p.unit_id for p in prompts if p.unit_id}
    return found


@dataclass(frozen=True, slots=True)
class _Units:
    """The units recorded for one person assigned by name, as runs: ``units[k]`` from
    ``since[k]`` on (each run's first record), oldest first."""

    since: tuple[datetime, ...]
    units: tuple[str | None, ...]  # None: moved out of every unit


def unit_then(snapshot: TeamSnapshot, person_id: str, at: datetime) -> str | None:
    """The unit a person assigned a task by name was in at ``at``: from the moment the roster
    moved them into their unit now (:attr:`~bot.domain.people.Person.unit_since`), that one;
    before it, the one their latest prompt or report (one they made or one made for them) made
    by then recorded; before their first, the first (the nearest known), or with none before
    the move, the unit they left; None when nothing tells (records older than units were
    recorded, no move dated: their unit now stands in)."""
    units = _recorded_units(snapshot).get(person_id)
    if units is None:
        return None
    return units.units[max(bisect_right(units.since, at) - 1, 0)]


def moves(snapshot: TeamSnapshot, person_ids: Iterable[str]) -> set[datetime]:
    """The moments the units recorded for these people changed, a dated move among them
    (their person parties' units change only then)."""
    recorded = _recorded_units(snapshot)
    if not recorded:  # nobody assigned by name was recorded in a unit other than theirs now
        return set()
    return {moment for p in set(person_ids) if p in recorded for moment in recorded[p].since[1:]}


def _recorded_units(snapshot: TeamSnapshot) -> dict[str, _Units]:
    """Each person assigned a task by name whom a roster moved (a dated move) or a prompt or a
    report recorded in a unit other than theirs now: their units as runs (:class:`_Units`),
    once per snapshot. Everyone else was in their unit now throughout (the usual case: one
    pass, nothing kept). A unit party's members are counted by the unit their own prompt or
    report recorded (:func:`~bot.rhythm.parties.party_of_person`)."""
    memo = snapshot.memo.setdefault("units_of_named", {})
    found: dict[str, _Units] | None = memo.get(None)
    if found is not None:
        return found
    people = snapshot.person_by_id
    named = {a.person_id for a in snapshot.assignments if a.person_id in people}
    now = {who: people[who].unit_id for who in named}
    moved = {who for who in named if people[who].unit_since is not None}
    for prompt in snapshot.prompts:
        who = prompt.person_id
        if prompt.unit_id and who in now and prompt.unit_id != now[who]:
            moved.add(who)
    for report in snapshot.reports:
        who = report.reporter_id
        if report.unit_id and who in now and report.unit_id != now[who]:
            moved.add(who)
    found = memo[None] = _runs(snapshot, moved) if moved else {}
    return found


def _runs(snapshot: TeamSnapshot, moved: set[str]) -> dict[str, _Units]:
    """The units the prompts and reports recorded for ``moved``, as runs; a dated move ends
    them: the records made before it, else the unit left (when known), then the unit now from
    the move on."""
    records: dict[str, list[tuple[datetime, str]]] = {who: [] for who in moved}
    for prompt in snapshot.prompts:
        if prompt.unit_id and prompt.person_id in moved:
            records[prompt.person_id].append((prompt.created_at, prompt.unit_id))
    for report in snapshot.reports:
        who = report.reporter_id
        if report.unit_id and who in moved:
            records[who].append((report.created_at, report.unit_id))
    found = {}
    for person_id, made in records.items():
        person = snapshot.person_by_id[person_id]
        moment = person.unit_since
        runs: list[tuple[datetime, str | None]] = sorted(made)
        if moment is not None:
            runs = [(at, unit_id) for at, unit_id in runs if at < moment]
            if not runs and person.unit_before:
                runs.append((moment, person.unit_before))  # the nearest known before the move
            runs.append((moment, person.unit_id))
        since: list[datetime] = []
        units: list[str | None] = []
        for at, unit_id in runs:
            if not units or units[-1] != unit_id:
                since.append(at)
                units.append(unit_id)
        if units:
            found[person_id] = _Units(tuple(since), tuple(units))
    return found
