"""Reading from the store only what a few tasks need (a press or a person's own view must not
read the team's history).

:func:`tasks_snapshot` is the part of :func:`bot.rhythm.snapshot.load_snapshot` that the lights,
standings, answers and parties of a few tasks need (a person's ``/mytasks``, the prompt redrawn
after a press); over it, those tasks' figures are exactly those over the whole team's snapshot
(tests compare both). What it reads grows with those tasks' own history, not the team's.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from itertools import pairwise

from bot.domain.people import Leave, Person
from bot.domain.ports import Store
from bot.domain.settings import TeamSettings
from bot.domain.work import Assignment, Cycle, CycleKind, Report
from bot.rhythm.snapshot import TeamSnapshot, history_start


def tasks_snapshot(
    store: Store,
    team_id: str,
    measure_ids: Iterable[str],
    as_of: datetime,
    cycle_id: str | None = None,
) -> TeamSnapshot:
    """What the views of ``measure_ids`` need as of ``as_of`` (and, given ``cycle_id``, the
    prompts of that cycle): the team's working state whole, but only those tasks' reports, and
    only the prompts of the cycles that may count as silent for them (opened after a task's
    latest report, and not over before it was first assigned). Lights, standings, answers and
    parties of those tasks over it equal those over the team's
    :func:`~bot.rhythm.snapshot.load_snapshot`; the rest of the team's history is not read."""
    people = tuple(store.people.for_team(team_id))
    plans = tuple(store.plans.for_team(team_id))
    measures = tuple(m for plan in plans for m in store.measures.for_plan(plan.id))
    since = history_start(plans)
    cycles = tuple(
        c for c in store.cycles.for_team(team_id) if since is None or c.opened_at >= since
    )
    wanted = {m.id for m in measures} & set(measure_ids)
    found: dict[str, Report] = {}  # by id, as the team's snapshot keeps them
    for measure_id in sorted(wanted):
        for report in store.reports.for_measure(measure_id):
            if report.team_id == team_id and (since is None or report.created_at >= since):
                found[report.id] = report
    assignments = tuple(
        {a.id: a for a in store.assignments.for_measures([m.id for m in measures])}.values()
    )
    reports = tuple(found.values())
    asked = _asked(cycles, wanted, reports, assignments, as_of, cycle_id)
    return TeamSnapshot(
        settings=store.settings.get(team_id) or TeamSettings(team_id=team_id),
        team=store.teams.get(team_id),
        units=tuple(store.units.for_team(team_id)),
        people=people,
        leaves=_leaves_of(store, people),
        plans=plans,
        measures=measures,
        assignments=assignments,
        cycles=cycles,
        prompts=tuple(store.prompts.for_cycles([c.id for c in asked])),
        reports=reports,
        closeouts=tuple(store.closeouts.for_team(team_id)),
    )


def prompt_snapshot(
    store: Store, team_id: str, cycle_id: str, measure_ids: Iterable[str], as_of: datetime
) -> TeamSnapshot:
    """:func:`tasks_snapshot` for prompts on ``measure_ids`` in one cycle (a press's redraw)."""
    return tasks_snapshot(store, team_id, measure_ids, as_of, cycle_id)


def _asked(
    cycles: Sequence[Cycle],
    wanted: set[str],
    reports: Sequence[Report],
    assignments: Sequence[Assignment],
    as_of: datetime,
    cycle_id: str | None,
) -> list[Cycle]:
    """The cycles whose prompts the tasks' silent cycles are counted from (in order), and
    ``cycle_id``'s. A prompt lists a task only if it was assigned when the cycle's prompts were
    planned, so a cycle over (the next one opened) before the task's first assignment cannot
    count; nor can one opened before its latest report."""
    latest: dict[str, datetime] = {}
    for report in reports:
        if report.created_at <= as_of:
            latest[report.measure_id] = max(
                report.created_at, latest.get(report.measure_id, report.created_at)
            )
    first: dict[str, datetime] = {}
    for a in assignments:
        if a.measure_id in wanted:
            first[a.measure_id] = min(a.assigned_at, first.get(a.measure_id, a.assigned_at))
    weekly = sorted((c for c in cycles if c.kind is CycleKind.WEEKLY), key=lambda c: c.opened_at)
    following = {c.id: n.opened_at for c, n in pairwise(weekly)}

    def counts(cycle: Cycle, measure_id: str) -> bool:
        if cycle.kind is not CycleKind.WEEKLY or measure_id not in first:  # in no prompt
            return False
        if measure_id in latest and cycle.opened_at <= latest[measure_id]:
            return False
        return cycle.id not in following or following[cycle.id] > first[measure_id]

    return [c for c in cycles if c.id == cycle_id or any(counts(c, m) for m in sorted(wanted))]


def _leaves_of(store: Store, people: tuple[Person, ...]) -> tuple[Leave, ...]:
    """The people's leaves in roster order, as the team's snapshot has them, from one read of
    every leave (a few) instead of one query per person."""
    by_person: dict[str, list[Leave]] = {p.id: [] for p in people}
    for leave in store.leaves.all():
        if leave.person_id in by_person:
            by_person[leave.person_id].append(leave)
    return tuple(leave for found in by_person.values() for leave in found)
