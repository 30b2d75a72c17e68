"""Reading from the store only what one prompt needs (a press must not read the team's history).

:func:`prompt_snapshot` is the part of :func:`bot.rhythm.snapshot.load_snapshot` that redrawing
a few prompts needs; over it, their tasks' lights, standings, answers and parties are exactly
those over the whole team's snapshot (a test compares both).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime

from bot.domain.people import Leave, Person
from bot.domain.ports import Store
from bot.domain.settings import TeamSettings
from bot.domain.work import Report
from bot.rhythm.snapshot import TeamSnapshot, history_start


def prompt_snapshot(
    store: Store, team_id: str, cycle_id: str, measure_ids: Iterable[str], as_of: datetime
) -> TeamSnapshot:
    """What prompts on ``measure_ids`` in one cycle need, as of ``as_of``: the team's working
    state whole, but only those tasks' reports, and only the prompts of that cycle and of
    cycles opened after the oldest of those tasks' latest reports (what counts silent cycles).
    Lights, standings, answers and parties of those tasks over it equal those over the team's
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
    reports = tuple(found.values())
    latest: dict[str, datetime] = {}
    for report in reports:
        if report.created_at <= as_of:
            latest[report.measure_id] = max(
                report.created_at, latest.get(report.measure_id, report.created_at)
            )
    oldest = min(latest.values()) if len(latest) == len(wanted) and latest else None
    asked = [c for c in cycles if c.id == cycle_id or oldest is None or c.opened_at > oldest]
    return TeamSnapshot(
        settings=store.settings.get(team_id) or TeamSettings(team_id=team_id),
        team=store.teams.get(team_id),
        units=tuple(store.units.for_team(team_id)),
        people=people,
        leaves=_leaves_of(store, people),
        plans=plans,
        measures=measures,
        assignments=tuple(
            {a.id: a for a in store.assignments.for_measures([m.id for m in measures])}.values()
        ),
        cycles=cycles,
        prompts=tuple(p for c in asked for p in store.prompts.for_cycle(c.id)),
        reports=reports,
        closeouts=tuple(store.closeouts.for_team(team_id)),
    )


def watch_snapshot(
    store: Store, team_id: str, measure_ids: Iterable[str], as_of: datetime
) -> TeamSnapshot:
    """What the escalation check of a few tasks needs (a filed report re-checks its own task,
    not the team's): their :func:`prompt_snapshot`, whose lights and standings equal the
    team's, with the team's leader links, escalation states and extension requests."""
    scoped = prompt_snapshot(store, team_id, "", measure_ids, as_of)
    return replace(
        scoped,
        leader_links=tuple(store.leader_links.for_team(team_id)),
        escalations=tuple(store.escalations.for_team(team_id)),
        extensions=tuple(store.extensions.for_team(team_id)),
    )


def task_snapshot(store: Store, team_id: str, measure_id: str) -> TeamSnapshot:
    """What one task's standing, its parties and the judging of a report's words
    (:func:`bot.rhythm.movement.flag_of`) need: the task's people, assignments and reports
    from the team's :func:`history_start` on, as the team's snapshot has them."""
    measure = store.measures.get(measure_id)
    since = history_start(tuple(store.plans.for_team(team_id)))
    return TeamSnapshot(
        settings=TeamSettings(team_id=team_id),
        units=tuple(store.units.for_team(team_id)),
        people=tuple(store.people.for_team(team_id)),
        measures=(measure,) if measure is not None else (),
        assignments=tuple(store.assignments.for_measure(measure_id)),
        reports=tuple(
            r
            for r in store.reports.for_measure(measure_id)
            if r.team_id == team_id and (since is None or r.created_at >= since)
        ),
    )


def _leaves_of(store: Store, people: tuple[Person, ...]) -> tuple[Leave, ...]:
    """The people's leaves in roster order, as the team's snapshot has them, from one read of
    every leave (a few) instead of one query per person."""
    by_person: dict[str, list[Leave]] = {p.id: [] for p in people}
    for leave in store.leaves.all():
        if leave.person_id in by_person:
            by_person[leave.person_id].append(leave)
    return tuple(leave for found in by_person.values() for leave in found)
