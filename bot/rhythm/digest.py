"""The weekly digest (周调度通报): what came back in a cycle, aggregated; rendering is elsewhere.

Counts are per person prompted in the cycle: reported (at least one answer before the cutoff),
reported late (answers only after the cutoff), not yet, on leave (skipped), unreachable.
Replies that arrived after the previous digest went out, late for the previous cycle, are listed
as late so that nothing reported goes unseen.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date, datetime

from bot.domain.plan import Measure
from bot.domain.ports import Store
from bot.domain.work import Cycle, PromptState, Report, ReportStatus
from bot.rhythm.calendar import WorkCalendar
from bot.rhythm.followup import cycle_reports, progress_of
from bot.rhythm.lights import Light, Reason, Verdict, lights_for
from bot.rhythm.schedule import (
    CycleWindow,
    cycle_for,
    cycle_window,
    previous_cycle,
    window_of,
)
from bot.rhythm.snapshot import TeamSnapshot, load_snapshot
from bot.rhythm.standing import standing

_TROUBLE = frozenset({Reason.BLOCKED, Reason.BEHIND, Reason.FAR_BEHIND, Reason.LAGGING})


@dataclass(frozen=True, slots=True)
class TaskLine:
    """A task as the digest and the review show it."""

    measure_id: str
    title: str
    section: str | None
    units: tuple[str, ...]
    light: Light
    reasons: tuple[Reason, ...]
    expected: int
    progress: int | None
    status: ReportStatus | None = None
    problems: str | None = None
    deadline: date | None = None


@dataclass(frozen=True, slots=True)
class SectionProgress:
    """One section of the plan: its tasks' lights and average reported progress."""

    section: str | None
    tasks: int
    average_progress: int | None
    average_expected: int
    lights: tuple[tuple[Light, int], ...]

    def count(self, light: Light) -> int:
        """How many of the section's tasks have ``light``."""
        return dict(self.lights).get(light, 0)


@dataclass(frozen=True, slots=True)
class UnitRate:
    """How many of a unit's people prompted in the cycle responded."""

    unit: str | None  # None: people without a unit
    prompted: int
    responded: int

    @property
    def rate(self) -> float:
        """Responded / prompted (0 when nobody was prompted)."""
        return self.responded / self.prompted if self.prompted else 0.0


@dataclass(frozen=True, slots=True)
class LateReply:
    """A reply that came after its cycle's cutoff."""

    measure_title: str
    author: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class Digest:
    """Everything the weekly digest says about one cycle."""

    team_name: str
    cycle_id: str
    period_start: date  # the first day covered: the cycle's Monday, or a week merged into it
    cutoff_at: datetime
    generated_at: datetime
    opened: bool  # the cycle's prompts went out
    public_naming: bool
    reported: int = 0
    reported_late: int = 0
    not_yet: int = 0
    on_leave: int = 0
    unreachable: int = 0
    sections: tuple[SectionProgress, ...] = ()
    troubled: tuple[TaskLine, ...] = ()
    overdue: tuple[TaskLine, ...] = ()
    awaiting_closeout: tuple[TaskLine, ...] = ()
    units: tuple[UnitRate, ...] = ()
    non_responders: tuple[str, ...] = ()
    late_replies: tuple[LateReply, ...] = ()
    paused: bool = False  # the team's rhythm is paused (no prompts, reminders or digests)

    @property
    def prompted(self) -> int:
        """People the cycle asked (including those on leave or unreachable)."""
        return self.reported + self.reported_late + self.not_yet + self.on_leave + self.unreachable

    @property
    def nobody_reported(self) -> bool:
        """The cycle asked people and not one has answered."""
        return self.reported + self.reported_late == 0


def build_weekly_digest(
    store: Store,
    team_id: str,
    now: datetime,
    calendar: WorkCalendar,
    cycle_id: str | None = None,
) -> Digest:
    """The digest of ``cycle_id`` (default: the latest cycle whose prompt time has come)."""
    return digest_for(load_snapshot(store, team_id), calendar, now, cycle_id)


def digest_for(
    snapshot: TeamSnapshot, calendar: WorkCalendar, now: datetime, cycle_id: str | None = None
) -> Digest:
    """:func:`build_weekly_digest` over a snapshot already read (pure)."""
    window = cycle_for(snapshot.settings, calendar, now)
    if cycle_id is not None and cycle_id != window.cycle_id:
        window = _window_by_id(snapshot, calendar, cycle_id, window)
    previous = previous_cycle(snapshot.settings, calendar, window)
    return weekly_digest(snapshot, window, now, previous_cycle_id=previous.cycle_id)


def _window_by_id(
    snapshot: TeamSnapshot, calendar: WorkCalendar, cycle_id: str, fallback: CycleWindow
) -> CycleWindow:
    cycle = next((c for c in snapshot.weekly_cycles if c.id == cycle_id), None)
    if cycle is None:
        return fallback
    tz = fallback.prompt_at.tzinfo
    assert tz is not None  # windows are built from aware times
    window = window_of(snapshot.settings, calendar, cycle.period_start, tz)
    if window.cycle_id != cycle.id:  # opened before its week was merged: its own times
        return cycle_window(snapshot.settings, calendar, cycle.period_start, tz)
    return window


def weekly_digest(
    snapshot: TeamSnapshot,
    window: CycleWindow,
    now: datetime,
    previous_cycle_id: str | None = None,
) -> Digest:
    """The digest of the cycle in ``window`` from a snapshot (pure)."""
    cycle = next((c for c in snapshot.weekly_cycles if c.id == window.cycle_id), None)
    verdicts = lights_for(snapshot, now)
    lines = [task_line(snapshot, m, verdicts[m.id], now) for m in snapshot.active_measures]
    base = Digest(
        team_name=snapshot.team.name if snapshot.team else snapshot.team_id,
        cycle_id=window.cycle_id,
        period_start=window.since,  # with a week merged into it after a long holiday
        cutoff_at=cycle.cutoff_at if cycle else window.cutoff_at,
        generated_at=now,
        opened=cycle is not None,
        public_naming=snapshot.settings.public_naming,
        sections=section_progress(lines),
        troubled=tuple(t for t in lines if _TROUBLE & set(t.reasons)),
        overdue=tuple(t for t in lines if Reason.OVERDUE in t.reasons),
        awaiting_closeout=tuple(t for t in lines if Reason.AWAITING_CLOSEOUT in t.reasons),
        late_replies=_late_replies(snapshot, previous_cycle_id),
        paused=snapshot.settings.paused,
    )
    return _with_responses(snapshot, base, cycle) if cycle else base


def task_line(
    snapshot: TeamSnapshot, measure: Measure, verdict: Verdict, now: datetime
) -> TaskLine:
    """A task with its light, its standing and every problem stated in the latest round."""
    now_standing = standing(snapshot.reports_on(measure.id, until=now))
    return TaskLine(
        measure_id=measure.id,
        title=measure.title,
        section=measure.section,
        units=measure.lead_units or measure.units,
        light=verdict.light,
        reasons=verdict.reasons,
        expected=verdict.expected,
        progress=verdict.progress,
        status=now_standing.status,
        problems=now_standing.problems_text,
        deadline=measure.deadline,
    )


def section_progress(lines: list[TaskLine]) -> tuple[SectionProgress, ...]:
    """Per section, in plan order: task count, lights, average progress and 序时进度."""
    groups: dict[str | None, list[TaskLine]] = defaultdict(list)
    for line in lines:
        groups[line.section].append(line)
    return tuple(_section(name, tasks) for name, tasks in groups.items())


def _section(name: str | None, tasks: list[TaskLine]) -> SectionProgress:
    numbers = [t.progress for t in tasks if t.progress is not None]
    lights = tuple((light, n) for light in Light if (n := sum(t.light is light for t in tasks)))
    return SectionProgress(
        section=name,
        tasks=len(tasks),
        average_progress=round(sum(numbers) / len(numbers)) if numbers else None,
        average_expected=round(sum(t.expected for t in tasks) / len(tasks)),
        lights=lights,
    )


def _with_responses(snapshot: TeamSnapshot, digest: Digest, cycle: Cycle) -> Digest:
    counts: dict[str, int] = defaultdict(int)
    units: dict[str | None, list[int]] = defaultdict(lambda: [0, 0])
    silent: list[str] = []
    for progress in progress_of(snapshot, cycle):
        state, person = progress.prompt.state, snapshot.person_by_id.get(progress.prompt.person_id)
        if state is PromptState.SKIPPED:
            counts["on_leave"] += 1
            continue
        if state is PromptState.UNREACHABLE:
            counts["unreachable"] += 1
            continue
        on_time = _answered_on_time(snapshot, cycle, progress.prompt.person_id)
        key = "reported" if on_time else "reported_late" if progress.responded else "not_yet"
        counts[key] += 1
        unit = snapshot.unit_by_id.get(person.unit_id) if person and person.unit_id else None
        units[unit.name if unit else None][0] += 1
        units[unit.name if unit else None][1] += int(progress.responded)
        if not progress.responded:
            silent.append(person.name if person else progress.prompt.person_id)
    return _replace(digest, counts, units, silent)


def _replace(
    digest: Digest, counts: dict[str, int], units: dict[str | None, list[int]], silent: list[str]
) -> Digest:
    rates = tuple(UnitRate(name, p, r) for name, (p, r) in units.items())
    return replace(
        digest,
        reported=counts["reported"],
        reported_late=counts["reported_late"],
        not_yet=counts["not_yet"],
        on_leave=counts["on_leave"],
        unreachable=counts["unreachable"],
        units=tuple(sorted(rates, key=lambda u: (u.unit is None, -u.rate, u.unit or ""))),
        non_responders=tuple(silent),
    )


def _answered_on_time(snapshot: TeamSnapshot, cycle: Cycle, person_id: str) -> bool:
    return any(
        person_id in (r.author_id, r.on_behalf_of) and not r.late
        for r in cycle_reports(snapshot, cycle)
    )


def _late_replies(snapshot: TeamSnapshot, previous_cycle_id: str | None) -> tuple[LateReply, ...]:
    previous = next((c for c in snapshot.weekly_cycles if c.id == previous_cycle_id), None)
    if previous is None:
        return ()
    since = previous.digest_sent_at
    late = [
        r
        for r in snapshot.reports
        if r.late and r.cycle_id == previous.id and (since is None or r.created_at >= since)
    ]
    return tuple(_late_reply(snapshot, r) for r in sorted(late, key=lambda r: r.created_at))


def _late_reply(snapshot: TeamSnapshot, report: Report) -> LateReply:
    measure = snapshot.measure_by_id.get(report.measure_id)
    author = snapshot.person_by_id.get(report.author_id)
    return LateReply(
        measure_title=measure.title if measure else report.measure_id,
        author=author.name if author else report.author_id,
        created_at=report.created_at,
    )
