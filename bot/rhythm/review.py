"""The monthly review (月研判): the month's trend per section and per unit, lights, colour changes.

"Progress" is the average of the latest reported progress of the tasks concerned, as of the
review (this month) and as of the first moment of the month (last month); its change is the
difference. The response rate counts prompts sent in the month's weekly cycles that got at least
one answer. Tasks that changed colour compare their light at the start of the month with now
(only tasks that were already assigned when the month began).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime

from bot.domain.ports import Store
from bot.domain.work import PromptState
from bot.rhythm.calendar import WorkCalendar
from bot.rhythm.digest import TaskLine, task_line
from bot.rhythm.followup import progress_of
from bot.rhythm.lights import Light, Verdict, lights_for, task_facts
from bot.rhythm.snapshot import TeamSnapshot, load_snapshot


@dataclass(frozen=True, slots=True)
class Trend:
    """One section's or unit's month: reports, response, progress now and a month ago."""

    name: str | None
    tasks: int
    reports: int
    progress: int | None
    previous: int | None
    expected: int = 0
    prompted: int = 0
    responded: int = 0

    @property
    def change(self) -> int | None:
        """Progress points gained this month (None without both numbers)."""
        if self.progress is None or self.previous is None:
            return None
        return self.progress - self.previous

    @property
    def rate(self) -> float:
        """Responded / prompted (0 when nobody was prompted)."""
        return self.responded / self.prompted if self.prompted else 0.0


@dataclass(frozen=True, slots=True)
class ColourChange:
    """A task whose light changed since the start of the month."""

    measure_id: str
    title: str
    before: Light
    after: Light


@dataclass(frozen=True, slots=True)
class MonthlyReview:
    """Everything the monthly review says."""

    team_name: str
    year: int
    month: int
    generated_at: datetime
    lights: tuple[tuple[Light, int], ...]
    reports: int
    prompted: int
    responded: int
    sections: tuple[Trend, ...]
    units: tuple[Trend, ...]
    changes: tuple[ColourChange, ...]
    red: tuple[TaskLine, ...]

    @property
    def tasks(self) -> int:
        """Active tasks."""
        return sum(count for _, count in self.lights)

    @property
    def rate(self) -> float:
        """The month's response rate."""
        return self.responded / self.prompted if self.prompted else 0.0

    def count(self, light: Light) -> int:
        """Tasks with ``light``."""
        return dict(self.lights).get(light, 0)


def build_monthly_review(
    store: Store, team_id: str, now: datetime, calendar: WorkCalendar | None = None
) -> MonthlyReview:
    """The review of ``now``'s month for a team (the calendar is not needed yet)."""
    return monthly_review(load_snapshot(store, team_id), now)


def monthly_review(snapshot: TeamSnapshot, now: datetime) -> MonthlyReview:
    """The review of the month of ``now``, as of ``now`` (pure)."""
    start = now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    verdicts, before = lights_for(snapshot, now), lights_for(snapshot, start)
    measures = snapshot.active_measures
    prompted, responded = _responses(snapshot, start, now)
    return MonthlyReview(
        team_name=snapshot.team.name if snapshot.team else snapshot.team_id,
        year=now.year,
        month=now.month,
        generated_at=now,
        lights=tuple((light, sum(v.light is light for v in verdicts.values())) for light in Light),
        reports=len(_reports_between(snapshot, (m.id for m in measures), start, now)),
        prompted=sum(prompted.values()),
        responded=sum(responded.values()),
        sections=_section_trends(snapshot, (start, now), verdicts),
        units=_unit_trends(snapshot, (start, now), verdicts, prompted, responded),
        changes=tuple(
            ColourChange(m.id, m.title, before[m.id].light, verdicts[m.id].light)
            for m in measures
            if before[m.id].light is not verdicts[m.id].light
            and _followed_before(snapshot, m.id, start)
        ),
        red=tuple(
            task_line(snapshot, m, verdicts[m.id], now)
            for m in measures
            if verdicts[m.id].light is Light.RED
        ),
    )


def _followed_before(snapshot: TeamSnapshot, measure_id: str, start: datetime) -> bool:
    """Whether the task was already assigned when the month began: a task first assigned
    this month had no colour of its own before, so it has no change to show."""
    return any(
        a.measure_id == measure_id and a.assigned_at < start for a in snapshot.assignments
    )


def _reports_between(
    snapshot: TeamSnapshot, measure_ids: Iterable[str], start: datetime, end: datetime
) -> list[str]:
    return [
        r.id
        for measure_id in measure_ids
        for r in snapshot.reports_on(measure_id)
        if start <= r.created_at < end
    ]


def _average(values: Iterable[int | None]) -> int | None:
    numbers = [v for v in values if v is not None]
    return round(sum(numbers) / len(numbers)) if numbers else None


def _trend(
    snapshot: TeamSnapshot,
    name: str | None,
    measure_ids: list[str],
    span: tuple[datetime, datetime],
    verdicts: dict[str, Verdict],
) -> Trend:
    start, now = span
    wanted = set(measure_ids)
    measures = [m for m in snapshot.active_measures if m.id in wanted]
    facts_now = [task_facts(snapshot, m, now) for m in measures]
    return Trend(
        name=name,
        tasks=len(measures),
        reports=len(_reports_between(snapshot, measure_ids, start, now)),
        progress=_average(f.effective_progress for f in facts_now),
        previous=_average(task_facts(snapshot, m, start).effective_progress for m in measures),
        expected=_average(verdicts[m.id].expected for m in measures) or 0,
    )


def _section_trends(
    snapshot: TeamSnapshot, span: tuple[datetime, datetime], verdicts: dict[str, Verdict]
) -> tuple[Trend, ...]:
    sections: dict[str | None, list[str]] = {}
    for measure in snapshot.active_measures:
        sections.setdefault(measure.section, []).append(measure.id)
    return tuple(_trend(snapshot, name, ids, span, verdicts) for name, ids in sections.items())


def _unit_measures(snapshot: TeamSnapshot, unit_id: str) -> list[str]:
    members = {p.id for p in snapshot.people if p.unit_id == unit_id}
    return [
        measure_id
        for measure_id, assignments in snapshot.assignments_by_measure.items()
        if any(a.unit_id == unit_id or a.person_id in members for a in assignments)
    ]


def _unit_trends(
    snapshot: TeamSnapshot,
    span: tuple[datetime, datetime],
    verdicts: dict[str, Verdict],
    prompted: dict[str | None, int],
    responded: dict[str | None, int],
) -> tuple[Trend, ...]:
    trends = []
    for unit in snapshot.units:
        base = _trend(snapshot, unit.name, _unit_measures(snapshot, unit.id), span, verdicts)
        if base.tasks or prompted.get(unit.id):
            answered = responded.get(unit.id, 0)
            trends.append(replace(base, prompted=prompted.get(unit.id, 0), responded=answered))
    return tuple(trends)


def _responses(
    snapshot: TeamSnapshot, start: datetime, now: datetime
) -> tuple[dict[str | None, int], dict[str | None, int]]:
    """Prompts sent and answered in the month's cycles, by the person's unit id."""
    prompted: dict[str | None, int] = {}
    responded: dict[str | None, int] = {}
    for cycle in snapshot.weekly_cycles:
        if not start <= cycle.opened_at < now:
            continue
        for progress in progress_of(snapshot, cycle):
            if progress.prompt.state is not PromptState.SENT:
                continue
            person = snapshot.person_by_id.get(progress.prompt.person_id)
            unit = person.unit_id if person else None
            prompted[unit] = prompted.get(unit, 0) + 1
            responded[unit] = responded.get(unit, 0) + int(progress.responded)
    return prompted, responded
