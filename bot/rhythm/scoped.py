"""Reading from the store only what a view needs (a press, a person's own view, a digest or a
review must not read the team's history).

:func:`tasks_snapshot` is the part of :func:`bot.rhythm.snapshot.load_snapshot` that the lights,
standings, answers and parties of a few tasks need (a person's ``/mytasks``, the prompt redrawn
after a press); over it, those tasks' figures are exactly those over the whole team's snapshot
(tests compare both). What it reads grows with those tasks' own history, not the team's.
:func:`shown_snapshot` is the part the weekly digest, the monthly review and the ledger need: the
prompts of the cycles they show and of the few cycles their lights count silence over, instead
of every week's prompts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import datetime
from itertools import pairwise

from bot.domain.people import Leave, Person
from bot.domain.plan import Measure
from bot.domain.ports import Store
from bot.domain.settings import TeamSettings
from bot.domain.work import Assignment, Cycle, CycleKind, Prompt, Report
from bot.rhythm.annual import ledger_year
from bot.rhythm.calendar import WorkCalendar
from bot.rhythm.review import month_start
from bot.rhythm.schedule import cycle_for
from bot.rhythm.snapshot import (
    TeamSnapshot,
    history_start,
    load_snapshot,
    reminders_since,
    with_records,
)


def tasks_snapshot(
    store: Store,
    team_id: str,
    measure_ids: Iterable[str],
    as_of: datetime,
    cycle_id: str | None = None,
    prompt_ids: Sequence[str] | None = None,
) -> TeamSnapshot:
    """What the views of ``measure_ids`` need as of ``as_of`` (and, given ``cycle_id``, the
    prompts of that cycle: with ``prompt_ids``, only those, unless the cycle may count as
    silent for a task): the team's working state whole, but only those tasks' assignments and
    their reports since the history start, and only the prompts of the cycles that may count
    as silent for them (opened after a task's latest report, and not over before it was first
    assigned). Lights, standings, answers and parties of those tasks over it equal those over
    the team's :func:`~bot.rhythm.snapshot.load_snapshot`; the rest of the team's history is
    not read."""
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
        for report in store.reports.for_measure(measure_id, since):
            if report.team_id == team_id:
                found[report.id] = report
    assignments = tuple({a.id: a for a in store.assignments.for_measures(sorted(wanted))}.values())
    reports = tuple(found.values())
    asked = [c.id for c in _asked(cycles, wanted, reports, assignments, as_of)]
    prompts = list(store.prompts.for_cycles(asked))
    if cycle_id is not None and cycle_id not in asked:
        prompts += _prompts_in(store, cycle_id, prompt_ids)
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
        prompts=tuple(prompts),
        reports=reports,
        closeouts=tuple(store.closeouts.for_team(team_id)),
    )


def prompt_snapshot(
    store: Store,
    team_id: str,
    cycle_id: str,
    measure_ids: Iterable[str],
    as_of: datetime,
    prompt_ids: Sequence[str] | None = None,
) -> TeamSnapshot:
    """:func:`tasks_snapshot` for prompts on ``measure_ids`` in one cycle (a press's redraw;
    ``prompt_ids``: the prompts drawn, the only ones of the cycle read when its prompts count
    for no task's silence, as for a cycle still open)."""
    return tasks_snapshot(store, team_id, measure_ids, as_of, cycle_id, prompt_ids)


def _prompts_in(store: Store, cycle_id: str, prompt_ids: Sequence[str] | None) -> list[Prompt]:
    """The cycle's prompts (``prompt_ids``: those of them alone, not its 2,000 others)."""
    if prompt_ids is None:
        return list(store.prompts.for_cycle(cycle_id))
    found = (store.prompts.get(key) for key in dict.fromkeys(prompt_ids))
    return [p for p in found if p is not None and p.cycle_id == cycle_id]


def _asked(
    cycles: Sequence[Cycle],
    wanted: set[str],
    reports: Sequence[Report],
    assignments: Sequence[Assignment],
    as_of: datetime,
) -> list[Cycle]:
    """The cycles whose prompts the tasks' silent cycles are counted from (in order). A
    prompt lists a task only if it was assigned when the cycle's prompts were
    planned, so a cycle over (the next one opened) before the task's first assignment cannot
    count; nor can one opened before its latest report."""
    latest = _latest_reports(reports, as_of)
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

    return [c for c in cycles if any(counts(c, m) for m in sorted(wanted))]


def shown_snapshot(
    store: Store, team_id: str, shown: Callable[[TeamSnapshot, Cycle], bool], as_of: datetime
) -> TeamSnapshot:
    """The team's snapshot with the prompts of only the cycles ``shown`` picks and of the
    cycles opened after the oldest of the active tasks' latest reports made up to ``as_of``
    (the earliest moment lights are read at): :func:`~bot.rhythm.lights.task_facts` counts
    silent cycles only after a task's latest report, so every light, figure and line of those
    cycles equals the one over the whole team's snapshot. No reminders (nothing shown reads
    them). A task that never reported makes it read every cycle's prompts, as before."""

    def prompts_of(snapshot: TeamSnapshot) -> list[str]:
        oldest = oldest_latest_report(snapshot, as_of)
        return [
            c.id
            for c in snapshot.cycles
            if shown(snapshot, c) or oldest is None or c.opened_at > oldest
        ]

    return load_snapshot(store, team_id, prompts_of)


def oldest_latest_report(snapshot: TeamSnapshot, as_of: datetime) -> datetime | None:
    """The oldest of the latest reports made up to ``as_of`` of the tasks still in the plan at
    ``as_of`` (removed after it included: a view as of then shows them); None when a task has
    none (or there is no task): its silence counts from the start of the history."""
    latest: list[datetime] = []
    for measure in snapshot.measures:
        if measure.removed_at is not None and measure.removed_at <= as_of:
            continue
        reports = snapshot.reports_on(measure.id, as_of)  # (grouped once, kept for the view)
        if not reports:
            return None
        latest.append(reports[-1].created_at)
    return min(latest, default=None)


def _latest_reports(reports: Iterable[Report], as_of: datetime) -> dict[str, datetime]:
    """Each task's latest report made up to ``as_of``, by task id (from which its silent
    cycles are counted)."""
    latest: dict[str, datetime] = {}
    for report in reports:
        if report.created_at <= as_of:
            seen = latest.get(report.measure_id)
            latest[report.measure_id] = (
                report.created_at if seen is None else max(seen, report.created_at)
            )
    return latest


def _leaves_of(store: Store, people: tuple[Person, ...]) -> tuple[Leave, ...]:
    """The people's leaves in roster order, as the team's snapshot has them, from one read of
    every leave (a few) instead of one query per person."""
    leaves = store.leaves.all()
    if not leaves:  # the usual case: no list per person of a large roster
        return ()
    position = {p.id: n for n, p in enumerate(people)}
    theirs = [leave for leave in leaves if leave.person_id in position]
    return tuple(sorted(theirs, key=lambda leave: position[leave.person_id]))  # stable


def cycle_snapshot(store: Store, team_id: str, cycle_id: str, as_of: datetime) -> TeamSnapshot:
    """What a cycle's dispatch views and its cutoff read as of ``as_of``: the team with that
    cycle's prompts and those its lights count silence over (see :func:`shown_snapshot`)."""
    return shown_snapshot(store, team_id, lambda _snapshot, cycle: cycle.id == cycle_id, as_of)


def round_snapshot(store: Store, team_id: str, cycle_id: str, as_of: datetime) -> TeamSnapshot:
    """What a cycle's automatic reminder round reads: :func:`cycle_snapshot` with the cycle's
    reminders (who was reminded in it, and when)."""
    snapshot = cycle_snapshot(store, team_id, cycle_id, as_of)
    return replace(snapshot, reminders=tuple(store.reminders.for_cycle(cycle_id)))


def lights_snapshot(store: Store, team_id: str, as_of: datetime) -> TeamSnapshot:
    """What every task's light as of ``as_of`` reads (the hourly watch, planning a dispatch):
    the team without the prompts of cycles before the oldest of the tasks' latest reports (no
    light counts them) and without reminders. At five years the whole team's snapshot was
    100,000 prompts."""
    return shown_snapshot(store, team_id, lambda _snapshot, _cycle: False, as_of)


def notices_snapshot(store: Store, team_id: str) -> TeamSnapshot:
    """What the claim round (签收时限) and the deadline round read: the team, its assignments,
    reports and the reminders already sent, from the history start on; no prompts (no claim
    or deadline notice depends on them)."""
    base = load_snapshot(store, team_id, lambda _snapshot: [])
    reminders = reminders_since(store, base.people, history_start(base.plans))
    return with_records(base, prompts=(), reminders=reminders)


def reminding_snapshot(store: Store, team_id: str, now: datetime) -> TeamSnapshot:
    """What a lead's 催办 reads: :func:`notices_snapshot` (every reminder, for the throttle)
    with the prompts of the latest weekly cycle opened by ``now`` (what is still unanswered)."""
    snapshot = notices_snapshot(store, team_id)
    current = latest_opened(snapshot, now)
    if current is None:
        return snapshot
    return replace(snapshot, prompts=tuple(store.prompts.for_cycle(current.id)))


def latest_opened(snapshot: TeamSnapshot, now: datetime) -> Cycle | None:
    """The latest weekly cycle opened by ``now`` (the one a 催办 chases), if any."""
    opened = [c for c in snapshot.weekly_cycles if c.opened_at <= now]
    return opened[-1] if opened else None


def digest_snapshot(
    store: Store, team_id: str, calendar: WorkCalendar, now: datetime, cycle_id: str | None
) -> TeamSnapshot:
    """What :func:`~bot.rhythm.digest.digest_for` of ``cycle_id`` (default: the current
    cycle) as of ``now`` reads: that cycle's prompts and the few its lights need."""

    current: list[str] = []  # the current cycle's id, found once

    def shown(snapshot: TeamSnapshot, cycle: Cycle) -> bool:
        if not current:
            current.append(cycle_for(snapshot.settings, calendar, now).cycle_id)
        return cycle.id in (cycle_id, current[0])

    return shown_snapshot(store, team_id, shown, now)


def review_snapshot(store: Store, team_id: str, now: datetime, ledger: bool) -> TeamSnapshot:
    """What :func:`~bot.rhythm.review.monthly_review` as of ``now`` reads (the prompts of the
    month's cycles), and with ``ledger`` what the ledger adds (this year's cycles)."""
    start = month_start(now)

    def shown(snapshot: TeamSnapshot, cycle: Cycle) -> bool:
        return start <= cycle.opened_at < now or (ledger and _ledger_year(cycle, now))

    return shown_snapshot(store, team_id, shown, start)


def ledger_snapshot(
    store: Store, team_id: str, now: datetime, year: int | None = None
) -> TeamSnapshot:
    """What :func:`~bot.render.rhythm.ledger.ledger_bytes` of ``year`` (default: this year's)
    drawn up at ``now`` reads: the prompts of that year's cycles (its sheet of answers owed) and
    the few its lights need as of the moment it shows (:mod:`bot.rhythm.annual`)."""
    chosen = ledger_year(now, year)
    return shown_snapshot(store, team_id, lambda _, cycle: chosen.shows_cycle(cycle), chosen.as_of)


def _ledger_year(cycle: Cycle, now: datetime) -> bool:
    """A cycle this year's ledger's sheet of answers owed lists (already opened)."""
    return ledger_year(now).shows_cycle(cycle)


def measure_snapshot(store: Store, team_id: str, measure: Measure) -> TeamSnapshot:
    """The part of a team's data one task's standing needs: its people, units, assignments
    and reports since the history start, as the team's snapshot has them
    (:func:`bot.rhythm.standing.standing` over it equals that over the team's); older reports
    are not read."""
    since = history_start(tuple(store.plans.for_team(team_id)))
    return TeamSnapshot(
        settings=TeamSettings(team_id=team_id),
        units=tuple(store.units.for_team(team_id)),
        people=tuple(store.people.for_team(team_id)),
        measures=(measure,),
        assignments=tuple(store.assignments.for_measure(measure.id)),
        reports=tuple(store.reports.for_measure(measure.id, since)),
    )
