"""The monthly review (月研判): the month's trend per section and per unit, lights, colour changes.

Every figure is the digest's, over the month: task lines from :mod:`.tasks` as of the review
(this month), and their lights and progress as of the first moment of the month (last month,
:func:`~.tasks.task_verdicts`); response figures from
:mod:`.figures`, summed over the weekly cycles opened in the month. Progress is the average of
the tasks' progress over those that reported a number (``with_progress`` says how many); its
change is the difference with the month's start over the same tasks (a task that entered the
plan during the month has no number at its start; one removed during it is in neither: each
moment lists the tasks of the plan then, :mod:`.plan_then`). Section rows and unit rows
partition the month's items, so they add up to the totals; a unit's tasks are those it leads
(牵头), and a task with several 牵头 units counts under each (``shared`` says how many). Colour
changes compare the light at the start of the month with now, for tasks already in the plan and
assigned then.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime

from bot.domain.plan import SourceKind
from bot.domain.ports import Store
from bot.domain.work import Cycle
from bot.rhythm.calendar import WorkCalendar
from bot.rhythm.figures import Item, Tally, cycle_items, tally
from bot.rhythm.heap import no_collection
from bot.rhythm.lights import Light, Verdict
from bot.rhythm.plan_then import as_then
from bot.rhythm.snapshot import TeamSnapshot, load_snapshot
from bot.rhythm.tasks import TaskLine, average, light_totals, task_lines, task_verdicts


@dataclass(frozen=True, slots=True)
class Trend:
    """One section's or unit's month: tasks, answers owed and given, progress now and before."""

    name: str | None
    tasks: int
    with_progress: int  # tasks with a reported number now: the average's denominator
    progress: int | None
    previous: int | None
    expected: int
    responses: Tally = field(default_factory=Tally)
    co_tasks: int = 0  # units: tasks it supports (配合), not counted in ``tasks``
    shared: int = 0  # units: of ``tasks``, those led together with another unit

    @property
    def change(self) -> int | None:
        """Progress points gained this month (None without both numbers)."""
        if self.progress is None or self.previous is None:
            return None
        return self.progress - self.previous


@dataclass(frozen=True, slots=True)
class ColourChange:
    """A task whose light changed since the start of the month."""

    measure_id: str
    title: str
    before: Light
    after: Light
    source: SourceKind | None = None  # the task's 批示 / 会议决定事项 mark


@dataclass(frozen=True, slots=True)
class MonthlyReview:
    """Everything the monthly review says."""

    team_name: str
    year: int
    month: int
    generated_at: datetime
    lights: tuple[tuple[Light, int], ...]
    responses: Tally
    cycles: int  # weekly cycles opened in the month whose prompts went out
    with_progress: int
    progress: int | None
    sections: tuple[Trend, ...]
    units: tuple[Trend, ...]
    changes: tuple[ColourChange, ...]
    red: tuple[TaskLine, ...]
    decisions: tuple[TaskLine, ...] = ()  # the month's meeting decisions made tasks (会议决定)
    #: the weekly cycles of the month missed while the bot was down: no prompts, nothing owed
    #: (recorded when it came back, perhaps the month after, as opened at their prompt time)
    missed: int = 0
    #: tasks not yet in the plan or not yet assigned when the month began: no colour then to
    #: compare with, so the colour changes leave them out and say how many they are
    new_tasks: int = 0
    #: of those, the tasks nobody holds yet (⚪未交办): not "assigned during the month"
    new_unassigned: int = 0

    @property
    def tasks(self) -> int:
        """Active tasks."""
        return sum(count for _, count in self.lights)

    def count(self, light: Light) -> int:
        """Tasks with ``light``."""
        return dict(self.lights).get(light, 0)


def build_monthly_review(
    store: Store, team_id: str, now: datetime, calendar: WorkCalendar | None = None
) -> MonthlyReview:
    """The review of ``now``'s month for a team (the calendar is not needed yet)."""
    return monthly_review(load_snapshot(store, team_id), now)


def month_start(now: datetime) -> datetime:
    """The first moment of ``now``'s month."""
    return now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def month_cycles(snapshot: TeamSnapshot, start: datetime, now: datetime) -> list[Cycle]:
    """The weekly cycles opened from ``start`` until ``now``: the month's, one rule for the
    weeks held and the weeks missed while the bot was down (opened, in the record, at their
    scheduled prompt time), so a week belongs to one month whatever became of it."""
    return [c for c in snapshot.weekly_cycles if start <= c.opened_at < now]


def month_items(snapshot: TeamSnapshot, start: datetime, now: datetime) -> list[Item]:
    """The items of the weekly cycles opened from ``start`` until ``now``, as of ``now``."""
    return [
        item
        for cycle in month_cycles(snapshot, start, now)
        for item in cycle_items(snapshot, cycle, now)
    ]


@no_collection()
def monthly_review(snapshot: TeamSnapshot, now: datetime) -> MonthlyReview:
    """The review of the month of ``now``, as of ``now`` (pure; without cyclic garbage
    collection meanwhile: :func:`~bot.rhythm.heap.no_collection`)."""
    start = month_start(now)
    lines, earlier = task_lines(snapshot, now), task_verdicts(snapshot, start)
    items = month_items(snapshot, start, now)
    weeks = month_cycles(snapshot, start, now)
    compared = [  # the tasks already in the plan and assigned when the month began
        line
        for line in lines
        if line.measure_id in earlier and _followed_before(snapshot, line.measure_id, start)
    ]
    return MonthlyReview(
        team_name=snapshot.team.name if snapshot.team else snapshot.team_id,
        year=now.year,
        month=now.month,
        generated_at=now,
        lights=light_totals(lines),
        responses=tally(items),
        cycles=sum(not c.missed for c in weeks),
        missed=sum(c.missed for c in weeks),
        with_progress=sum(line.progress is not None for line in lines),
        progress=average(line.progress for line in lines),
        sections=_section_trends(snapshot, lines, earlier, items, now),
        units=_unit_trends(snapshot, lines, earlier, items, now),
        changes=tuple(
            ColourChange(
                line.measure_id, line.name, earlier[line.measure_id].light, line.light, line.source
            )
            for line in compared
            if earlier[line.measure_id].light is not line.light
        ),
        new_tasks=len(lines) - len(compared),
        new_unassigned=sum(line.light is Light.UNASSIGNED for line in lines)
        - sum(line.light is Light.UNASSIGNED for line in compared),
        red=tuple(line for line in lines if line.light is Light.RED),
        decisions=_decisions(snapshot, lines, start, now),
    )


def _decisions(
    snapshot: TeamSnapshot, lines: list[TaskLine], start: datetime, now: datetime
) -> tuple[TaskLine, ...]:
    """The tasks made from decisions of a meeting held this month (or, without a meeting
    date, recorded this month)."""
    found = []
    for line in lines:
        measure = snapshot.measure_by_id.get(line.measure_id)
        source = measure.source if measure is not None else None
        if source is None or source.kind is not SourceKind.MEETING:
            continue
        held = source.given_at or (source.recorded_at.date() if source.recorded_at else None)
        if held is not None and start.date() <= held <= now.date():
            found.append(line)
    return tuple(found)


def _followed_before(snapshot: TeamSnapshot, measure_id: str, start: datetime) -> bool:
    """Whether the task was already assigned when the month began: a task first assigned
    this month had no colour of its own before, so it has no change to show."""
    return any(a.assigned_at < start for a in snapshot.assignments_of(measure_id))


def _then(earlier: dict[str, Verdict], measure_id: str) -> int | None:
    """The task's progress at the start of the month (None: not yet a task of the plan)."""
    verdict = earlier.get(measure_id)
    return verdict.progress if verdict is not None else None


def _trend(
    name: str | None,
    lines: list[TaskLine],
    earlier: dict[str, Verdict],
    items: Iterable[Item],
) -> Trend:
    return Trend(
        name=name,
        tasks=len(lines),
        with_progress=sum(line.progress is not None for line in lines),
        progress=average(line.progress for line in lines),
        previous=average(_then(earlier, line.measure_id) for line in lines),
        expected=average(line.expected for line in lines) or 0,
        responses=tally(items),
    )


def _section_trends(
    snapshot: TeamSnapshot,
    lines: list[TaskLine],
    earlier: dict[str, Verdict],
    items: list[Item],
    now: datetime,
) -> tuple[Trend, ...]:
    sections: dict[str | None, list[TaskLine]] = defaultdict(list)
    for line in lines:
        sections[line.section].append(line)
    section_of = {m.id: as_then(m, now).section for m in snapshot.measures}
    owed: dict[str | None, list[Item]] = defaultdict(list)
    for item in items:
        owed[section_of.get(item.measure_id)].append(item)
    names = list(dict.fromkeys([*sections, *owed]))
    return tuple(_trend(name, sections[name], earlier, owed[name]) for name in names)


def _unit_trends(
    snapshot: TeamSnapshot,
    lines: list[TaskLine],
    earlier: dict[str, Verdict],
    items: list[Item],
    now: datetime,
) -> tuple[Trend, ...]:
    leads: dict[str, list[TaskLine]] = defaultdict(list)
    supports: dict[str, set[str]] = defaultdict(set)
    shared: dict[str, int] = defaultdict(int)
    for line in lines:
        found = line.standing.parties
        lead_units = {p.unit_id for p in found if p.leads and p.unit_id}
        for unit_id in lead_units:
            leads[unit_id].append(line)
            shared[unit_id] += len(lead_units) > 1
        for party in found:
            if not party.leads and party.unit_id and party.unit_id not in lead_units:
                supports[party.unit_id].add(line.measure_id)
    owed: dict[str, list[Item]] = defaultdict(list)
    for item in items:
        owed[item.party.unit_id or ""].append(item)
    trends = []
    for unit in snapshot.units:
        base = _trend(unit.name, leads[unit.id], earlier, owed[unit.id])
        if base.tasks or supports[unit.id] or owed[unit.id]:
            trends.append(replace(base, co_tasks=len(supports[unit.id]), shared=shared[unit.id]))
    if owed[""]:
        trends.append(_trend(None, [], earlier, owed[""]))
    return tuple(trends)
