"""A task as every report shows it: one :class:`TaskLine`, computed once for the digest, the
monthly review, its chart and the ledger, so that they can never disagree.

Owners are the assignment record's parties (:mod:`bot.rhythm.parties`): 牵头 and 配合 units or
people. The units the plan's text names are only a suggestion (``suggested``) until a lead
assigns the task; an unassigned task is 未交办, never green. After 销号 a task's status is
已销号 everywhere. Section rows count every task once; their average progress is taken over the
tasks that reported a number, and says over how many. A view as of a moment lists the tasks of
the plan at that moment (:mod:`bot.rhythm.plan_then`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from bot.domain.plan import Measure, SourceKind, named
from bot.domain.work import ReportStatus
from bot.rhythm.deadlines import asked_then, deadline_then
from bot.rhythm.lights import Light, Reason, Verdict, judge, task_facts
from bot.rhythm.movement import Movement, movement
from bot.rhythm.parties import Party, unit_reporter
from bot.rhythm.plan_then import measures_then
from bot.rhythm.rounding import half_up
from bot.rhythm.snapshot import TeamSnapshot
from bot.rhythm.standing import Standing, standing

#: The order lights are counted and listed in.
LIGHT_ORDER = (Light.RED, Light.YELLOW, Light.GREEN, Light.UNASSIGNED, Light.CLOSED)


@dataclass(frozen=True, slots=True)
class TaskLine:
    """A task with its owners, light, status and progress as of one moment."""

    measure_id: str
    number: int  # 1-based, in plan order among the tasks of the plan at the moment
    title: str
    section: str | None
    lead: tuple[str, ...]  # 牵头 parties (units, or people with their unit), from the record
    co: tuple[str, ...]  # 配合 parties
    lead_units: tuple[str, ...]  # the units of the 牵头 parties
    co_units: tuple[str, ...]  # the units of the 配合 parties (not also leading)
    people: tuple[str, ...]  # 责任人: the people assigned, and each unit's reporter
    suggested: tuple[str, ...]  # the plan text's units: a suggestion until assigned
    light: Light
    reasons: tuple[Reason, ...]
    expected: int
    progress: int | None
    status: ReportStatus | None
    deadline: date | None
    deadline_raw: str | None
    standing: Standing
    movement: Movement | None = None  # the last real change and the latest words' flag
    original_deadline: date | None = None  # 原定时限, once an extension moved the deadline
    extensions: int = 0  # approved extensions (延期次数)
    extension_asked: date | None = None  # the deadline asked for in a request awaiting the lead
    source: SourceKind | None = None  # 批示 / 会议决定事项; None for a task of the plan
    marks: str = ""  # the plan's key marks before the task (★▲), as worded then

    @property
    def name(self) -> str:
        """The task's name as people read it: its key marks, then its title."""
        return named(self.title, self.marks)

    @property
    def still_days(self) -> int | None:
        """Days without a real change (停滞天数); None when unassigned or closed."""
        if self.movement is None or self.closed or not self.assigned:
            return None
        return self.movement.days

    @property
    def stale(self) -> bool:
        """Open, assigned and without a real change for two weeks or more."""
        return self.movement is not None and self.still_days is not None and self.movement.stale

    @property
    def assigned(self) -> bool:
        """Has a party in force."""
        return bool(self.lead or self.co)

    @property
    def closed(self) -> bool:
        """Closed out (销号)."""
        return self.light is Light.CLOSED

    @property
    def status_key(self) -> str:
        """What the status column says: ``closed`` after 销号, else the status or ``none``."""
        if self.closed:
            return "closed"
        return self.status.value if self.status else "none"

    @property
    def problems(self) -> str | None:
        """Every open problem, one per line."""
        return self.standing.problems_text


@dataclass(frozen=True, slots=True)
class SectionProgress:
    """One section of the plan: its tasks' lights and average reported progress."""

    section: str | None
    tasks: int
    with_progress: int  # tasks that reported a number: the average's denominator
    average_progress: int | None
    average_expected: int
    lights: tuple[tuple[Light, int], ...]

    def count(self, light: Light) -> int:
        """How many of the section's tasks have ``light``."""
        return dict(self.lights).get(light, 0)


def task_line(snapshot: TeamSnapshot, number: int, measure: Measure, as_of: datetime) -> TaskLine:
    """One task as of ``as_of`` (what was recorded strictly before it; the deadline and the
    extension request as they stood then)."""
    measure, now, verdict = _judged(snapshot, measure, as_of)
    found = list(now.parties)
    lead, co, lead_units, co_units = _owners(snapshot, found)
    return TaskLine(
        measure_id=measure.id,
        number=number,
        title=measure.title,
        marks=measure.marks,
        section=measure.section,
        lead=lead,
        co=co,
        lead_units=lead_units,
        co_units=co_units,
        people=_people(snapshot, found),
        suggested=measure.lead_units or measure.units,
        light=verdict.light,
        reasons=verdict.reasons,
        expected=verdict.expected,
        progress=verdict.progress,
        status=now.status,
        deadline=measure.deadline,
        deadline_raw=measure.deadline_raw,
        standing=now,
        movement=movement(snapshot, measure.id, as_of),
        original_deadline=measure.first_deadline if measure.extensions else None,
        extensions=measure.extensions,
        extension_asked=_asked(snapshot, measure.id, as_of),
        source=measure.source_kind,
    )


def _judged(
    snapshot: TeamSnapshot, measure: Measure, as_of: datetime
) -> tuple[Measure, Standing, Verdict]:
    """The task with its deadline then, its standing and its light as of ``as_of``."""
    measure = deadline_then(snapshot, measure, as_of)
    now = standing(snapshot, measure.id, until=as_of)
    facts = task_facts(snapshot, measure, as_of, now)
    return measure, now, judge(facts, as_of.date(), snapshot.settings.deadline_warning_days)


def _asked(snapshot: TeamSnapshot, measure_id: str, as_of: datetime) -> date | None:
    pending = asked_then(snapshot, measure_id, as_of)
    return pending.new_deadline if pending is not None else None


def task_lines(snapshot: TeamSnapshot, as_of: datetime) -> list[TaskLine]:
    """Every task of the plan as of ``as_of`` (:func:`~bot.rhythm.plan_then.measures_then`:
    none filed after it, none removed by then), in plan order."""
    return [
        task_line(snapshot, number, measure, as_of)
        for number, measure in enumerate(measures_then(snapshot, as_of), start=1)
    ]


def task_verdicts(snapshot: TeamSnapshot, as_of: datetime) -> dict[str, Verdict]:
    """The light and progress of every task of the plan as of ``as_of``, by task, in plan
    order: those of its :func:`task_lines`, without the rest of each line (owners, 停滞天数)."""
    return {
        measure.id: _judged(snapshot, measure, as_of)[2]
        for measure in measures_then(snapshot, as_of)
    }


def light_totals(lines: Iterable[TaskLine]) -> tuple[tuple[Light, int], ...]:
    """How many tasks have each light, every light listed (in :data:`LIGHT_ORDER`)."""
    counts = dict.fromkeys(LIGHT_ORDER, 0)
    for line in lines:
        counts[line.light] += 1
    return tuple(counts.items())


def section_progress(lines: Iterable[TaskLine]) -> tuple[SectionProgress, ...]:
    """Per section, in plan order: task count, lights, average progress and 序时进度."""
    groups: dict[str | None, list[TaskLine]] = defaultdict(list)
    for line in lines:
        groups[line.section].append(line)
    return tuple(_section(name, tasks) for name, tasks in groups.items())


def average(values: Iterable[int | None]) -> int | None:
    """The mean of the numbers among ``values``, a half rounded up (None without any)."""
    numbers = [v for v in values if v is not None]
    return half_up(sum(numbers), len(numbers)) if numbers else None


def _label(snapshot: TeamSnapshot, party: Party) -> str:
    """A unit's name; a person's name after their unit's (``县发改委 张三``)."""
    if party.is_unit or party.unit_id is None:
        return party.name
    unit = snapshot.unit_by_id.get(party.unit_id)
    return f"{unit.name} {party.name}" if unit else party.name


def _owners(snapshot: TeamSnapshot, found: list[Party]) -> tuple[tuple[str, ...], ...]:
    """The 牵头 parties' labels, the 配合 parties', the 牵头 parties' units and the 配合
    parties' units not also leading (each unit once, in the parties' order)."""
    labels: dict[bool, list[str]] = {True: [], False: []}
    units: dict[bool, dict[str, None]] = {True: {}, False: {}}
    for party in found:
        labels[party.leads].append(_label(snapshot, party))
        unit = snapshot.unit_by_id.get(party.unit_id or "")
        if unit is not None:
            units[party.leads][unit.name] = None
    co_units = tuple(name for name in units[False] if name not in units[True])
    return tuple(labels[True]), tuple(labels[False]), tuple(units[True]), co_units


def _people(snapshot: TeamSnapshot, found: list[Party]) -> tuple[str, ...]:
    """The people assigned by name, and for each unit its reporter (填报人), 牵头 first."""
    names = []
    for party in found:
        if not party.is_unit:
            names.append(party.name)
            continue
        reporter = unit_reporter(snapshot, party.unit_id or "")
        if reporter is not None:
            names.append(reporter.name)
    return tuple(dict.fromkeys(names))


def _section(name: str | None, tasks: list[TaskLine]) -> SectionProgress:
    lights = tuple((light, n) for light, n in light_totals(tasks) if n)
    return SectionProgress(
        section=name,
        tasks=len(tasks),
        with_progress=sum(t.progress is not None for t in tasks),
        average_progress=average(t.progress for t in tasks),
        average_expected=average(t.expected for t in tasks) or 0,
        lights=lights,
    )
