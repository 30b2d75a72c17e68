"""Traffic lights (红黄绿灯) and 序时进度 (the progress a task should have reached by a date).

序时进度 (``expected``) runs linearly from 0 % at the start to 100 % at the end:

- start: 1 January of the plan's year (the plan is in force all year); without a plan year, the
  task's first assignment (else the plan's import date);
- end: the task's deadline; without one, 31 December of the plan's year (or of today's year).

A task's light, checked in this order (the first match wins; all matching reasons are kept):

- **closed** (已销号): its latest close-out request was approved;
- **unassigned** (未交办): no assignment is in force, so nobody answers for it;
- **red**: 受阻 (blocked) from any party; or past its deadline and not reported done; or
  reported progress more than 25 points below 序时进度;
- **yellow**: 滞后 (behind) from any party; or its deadline is within
  ``deadline_warning_days`` and it is not done; or no report for 2 or more cycles it was asked
  about; or progress more than 10 points below 序时进度;
- **green** otherwise (including reported done and awaiting 销号).

Status and progress are the task's standing (:mod:`bot.rhythm.standing`): read from the 牵头
answer; 受阻 or 滞后 from a 配合 party colours the light too. A report of "done" without a number
counts as 100 %.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from bot.domain.plan import Measure
from bot.domain.work import CloseoutState, ReportStatus
from bot.rhythm.deadlines import deadline_then
from bot.rhythm.rounding import half_up
from bot.rhythm.snapshot import TeamSnapshot
from bot.rhythm.standing import Standing, standing

RED_GAP = 25
YELLOW_GAP = 10
SILENT_CYCLES = 2


class Light(StrEnum):
    """A task's traffic light, most urgent first."""

    RED = "red"
    YELLOW = "yellow"
    GREEN = "green"
    CLOSED = "closed"
    UNASSIGNED = "unassigned"


class Reason(StrEnum):
    """Why a task has its light."""

    BLOCKED = "blocked"
    OVERDUE = "overdue"
    FAR_BEHIND = "far_behind"  # progress < 序时进度 − 25
    BEHIND = "behind"  # reported 滞后
    DUE_SOON = "due_soon"
    SILENT = "silent"  # no report for 2+ cycles
    LAGGING = "lagging"  # progress < 序时进度 − 10
    AWAITING_CLOSEOUT = "awaiting_closeout"
    CLOSED = "closed"
    UNASSIGNED = "unassigned"


_RED = frozenset({Reason.BLOCKED, Reason.OVERDUE, Reason.FAR_BEHIND})
_YELLOW = frozenset({Reason.BEHIND, Reason.DUE_SOON, Reason.SILENT, Reason.LAGGING})


@dataclass(frozen=True, slots=True)
class TaskFacts:
    """What the light of one task depends on, as of a date."""

    measure_id: str
    start: date
    end: date
    deadline: date | None = None
    status: ReportStatus | None = None
    progress: int | None = None
    silent_cycles: int = 0
    closeout: CloseoutState | None = None
    assigned: bool = True
    blocked: bool = False  # 受阻 from any party
    behind: bool = False  # 滞后 from any party

    @property
    def done(self) -> bool:
        """Reported done (not necessarily closed)."""
        return self.status is ReportStatus.DONE

    @property
    def effective_progress(self) -> int | None:
        """The reported progress, 100 for "done" without a number."""
        if self.progress is None and self.done:
            return 100
        return self.progress


@dataclass(frozen=True, slots=True)
class Verdict:
    """A task's light with its reasons, 序时进度 and reported progress."""

    light: Light
    reasons: tuple[Reason, ...]
    expected: int
    progress: int | None

    @property
    def gap(self) -> int | None:
        """Points behind 序时进度 (negative when ahead), None without a reported number."""
        return None if self.progress is None else self.expected - self.progress


def expected_progress(start: date, end: date, today: date) -> int:
    """序时进度 in percent: the share of ``start``..``end`` elapsed at ``today``, 0 to 100."""
    if today >= end:
        return 100
    if today <= start:
        return 0
    return half_up(100 * (today - start).days, (end - start).days)


def judge(facts: TaskFacts, today: date, warning_days: int) -> Verdict:
    """The light of one task (the rule in the module docstring)."""
    expected = expected_progress(facts.start, facts.end, today)
    progress = facts.effective_progress
    if facts.closeout is CloseoutState.APPROVED:  # 销号: the office verified it done
        return Verdict(Light.CLOSED, (Reason.CLOSED,), expected, 100)
    if not facts.assigned:
        return Verdict(Light.UNASSIGNED, (Reason.UNASSIGNED,), expected, progress)
    reasons = _reasons(facts, today, warning_days, expected, progress)
    if _RED & set(reasons):
        light = Light.RED
    elif _YELLOW & set(reasons):
        light = Light.YELLOW
    else:
        light = Light.GREEN
    return Verdict(light, reasons, expected, progress)


def _reasons(
    facts: TaskFacts, today: date, warning_days: int, expected: int, progress: int | None
) -> tuple[Reason, ...]:
    gap = None if progress is None else expected - progress
    deadline = facts.deadline
    open_task = not facts.done
    checks = (
        (Reason.BLOCKED, facts.blocked or facts.status is ReportStatus.BLOCKED),
        (Reason.OVERDUE, open_task and deadline is not None and today > deadline),
        (Reason.FAR_BEHIND, gap is not None and gap > RED_GAP),
        (Reason.BEHIND, facts.behind or facts.status is ReportStatus.BEHIND),
        (Reason.DUE_SOON, open_task and _due_soon(deadline, today, warning_days)),
        (Reason.SILENT, facts.silent_cycles >= SILENT_CYCLES),
        (Reason.LAGGING, gap is not None and YELLOW_GAP < gap <= RED_GAP),
        (Reason.AWAITING_CLOSEOUT, facts.closeout is CloseoutState.PENDING),
    )
    return tuple(reason for reason, holds in checks if holds)


def _due_soon(deadline: date | None, today: date, warning_days: int) -> bool:
    return deadline is not None and today <= deadline <= today + timedelta(days=warning_days)


def task_facts(
    snapshot: TeamSnapshot, measure: Measure, as_of: datetime, now: Standing | None = None
) -> TaskFacts:
    """The facts of ``measure`` from the snapshot, counting only what existed before ``as_of``
    (``now``: its standing as of then, when the caller has it already), with the deadline then
    in force."""
    measure = deadline_then(snapshot, measure, as_of)
    reports = snapshot.reports_on(measure.id, until=as_of)
    latest = reports[-1] if reports else None
    now = now or standing(snapshot, measure.id, until=as_of)
    start, end = _span(snapshot, measure, as_of.date())
    return TaskFacts(
        measure_id=measure.id,
        start=start,
        end=end,
        deadline=measure.deadline,
        status=now.status,
        progress=now.progress,
        silent_cycles=_silent_cycles(
            snapshot, measure.id, latest.created_at if latest else None, as_of
        ),
        closeout=snapshot.closeout_state(measure.id, until=as_of),
        assigned=bool(now.parties),
        blocked=now.blocked,
        behind=now.behind,
    )


def _span(snapshot: TeamSnapshot, measure: Measure, today: date) -> tuple[date, date]:
    plan = snapshot.plan_by_id.get(measure.plan_id)
    year = plan.year if plan and plan.year else None
    if year is not None:
        start = date(year, 1, 1)
    else:
        assigned = [
            a.assigned_at.date() for a in snapshot.assignments_by_measure.get(measure.id, [])
        ]
        start = min(assigned) if assigned else plan.imported_at.date() if plan else today
    end = measure.deadline or date(year or today.year, 12, 31)
    return start, max(end, start)


def _silent_cycles(
    snapshot: TeamSnapshot, measure_id: str, last_report: datetime | None, as_of: datetime
) -> int:
    """Closed cycles since the last report in which the task was asked about."""
    count = 0
    for cycle in snapshot.weekly_cycles_asking.get(measure_id, ()):
        if cycle.cutoff_at > as_of or (last_report is not None and cycle.opened_at <= last_report):
            continue
        count += 1
    return count


def lights_for(
    snapshot: TeamSnapshot, as_of: datetime, only: Collection[str] | None = None
) -> dict[str, Verdict]:
    """Every active measure's verdict as of ``as_of``, in plan order (``only``: just these)."""
    warning = snapshot.settings.deadline_warning_days
    return {
        m.id: judge(task_facts(snapshot, m, as_of), as_of.date(), warning)
        for m in snapshot.active_measures
        if only is None or m.id in only
    }


SEVERITY = {Light.RED: 0, Light.YELLOW: 1, Light.UNASSIGNED: 2, Light.GREEN: 3, Light.CLOSED: 4}
