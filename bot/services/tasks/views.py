"""Task views: my open tasks, one task with its whole history, and team listings.

Each view carries the task's traffic light from :mod:`bot.rhythm.lights` (its verdict, the
reasons and 序时进度: the progress expected by now against the progress reported), computed
from one read of the team. A deputy sees, during the leave, the tasks of the colleague they
cover (:mod:`.deputies`). A task's history is every audited step about it, oldest first, with
whom each step concerned (the assignee, the person reminded) and for whom it was done.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from enum import StrEnum

from bot.domain.people import Person, Unit
from bot.domain.plan import Measure, Plan
from bot.domain.work import (
    AssigneeRole,
    Assignment,
    Closeout,
    CloseoutState,
    Extension,
    Report,
    ReportStatus,
)
from bot.rhythm.claims import ClaimState, claim_states
from bot.rhythm.escalation import LeaderRef, leader_of
from bot.rhythm.lights import SEVERITY, Verdict, judge, lights_for, task_facts
from bot.rhythm.movement import Movement, movement
from bot.rhythm.scoped import lights_snapshot, measure_snapshot, tasks_snapshot
from bot.rhythm.snapshot import TeamSnapshot
from bot.rhythm.standing import Standing, standing
from bot.services.common.actor import Actor
from bot.services.common.base import Deps, Page, paginate
from bot.services.common.errors import NotAllowed
from bot.services.common.permissions import Perm, check, check_team_wide, require_known
from bot.services.tasks.deputies import Deputies
from bot.services.tasks.history import HistoryItem as HistoryItem
from bot.services.tasks.history import TaskHistory
from bot.services.tasks.ownership import Ownership
from bot.services.tasks.signing import Signing

BEHIND_STATES = (ReportStatus.BEHIND, ReportStatus.BLOCKED)


class TaskFilter(StrEnum):
    """Team task listings."""

    ALL = "all"  # every active measure
    OPEN = "open"  # not closed (销号)
    UNASSIGNED = "unassigned"
    UNACKNOWLEDGED = "unacked"  # assigned but not signed for (签收)
    NO_REPORT = "noreport"  # assigned, never reported on
    BEHIND = "behind"  # latest report behind or blocked
    DUE_SOON = "due"  # deadline within the team's warning window
    OVERDUE = "overdue"  # deadline passed, not closed
    CLOSEOUT_PENDING = "closing"  # a close-out request awaits a decision
    CLOSED = "closed"  # 销号


@dataclass(frozen=True, slots=True)
class TaskSummary:
    """One task as a line in a list: the measure, its state and latest report."""

    measure: Measure
    assignments: tuple[Assignment, ...]
    latest_report: Report | None
    acknowledged_at: datetime | None  # earliest 签收, once every relevant assignment is signed
    closeout: Closeout | None  # the latest close-out request
    overdue: bool
    due_soon: bool
    status: ReportStatus | None = None  # the 牵头 answer's status (see bot.rhythm.standing)
    verdict: Verdict | None = None  # the traffic light, with 序时进度 (in the actor's views)
    covering_for: Person | None = None  # a colleague on leave whose task a deputy covers
    to_sign: bool = False  # the viewer may sign (签收) and has not yet: show the button

    @property
    def acknowledged(self) -> bool:
        """Signed for (签收)."""
        return self.acknowledged_at is not None

    @property
    def assigned(self) -> bool:
        """Has an assignee."""
        return bool(self.assignments)

    @property
    def behind(self) -> bool:
        """Behind or blocked: the 牵头 answer's status (:mod:`bot.rhythm.standing`)."""
        return self.status in BEHIND_STATES

    @property
    def closed(self) -> bool:
        """Closed out (销号)."""
        return self.closeout is not None and self.closeout.state is CloseoutState.APPROVED


@dataclass(frozen=True, slots=True)
class TaskView:
    """Everything about one task."""

    summary: TaskSummary
    plan: Plan
    lead_units: tuple[Unit, ...]
    co_units: tuple[Unit, ...]
    people: tuple[tuple[Person, AssigneeRole], ...]
    reports: tuple[Report, ...]
    history: tuple[HistoryItem, ...]
    closeouts: tuple[Closeout, ...]
    standing: Standing | None = None  # each party's current answer (bot.rhythm.standing)
    movement: Movement | None = None  # the last real change (停滞天数, bot.rhythm.movement)
    extensions: tuple[Extension, ...] = ()  # deadline extension requests, oldest first
    leader: LeaderRef | None = None  # 包联领导 (its own, else its section's)
    claims: tuple[ClaimState, ...] = ()  # each party's 交办 and 签收

    @property
    def measure(self) -> Measure:
        """The measure."""
        return self.summary.measure

    @property
    def deadline(self) -> date | None:
        """The measure's deadline, if the plan states one."""
        return self.summary.measure.deadline


class TaskService:
    """Read-only task views."""

    def __init__(self, deps: Deps) -> None:
        self._deps = deps
        self._own = Ownership(deps)
        self._deputies = Deputies(deps, self._own)
        self._history = TaskHistory(deps)
        self._signing = Signing(deps)

    def mine(self, actor: Actor, team_id: str | None = None) -> tuple[TaskSummary, ...]:
        """The actor's open tasks (a liaison's include their principal's, a deputy's those of the
        colleague on leave), each with its light; most urgent first."""
        require_known(actor)
        persons = [actor.person_in(team_id)] if team_id else list(actor.persons)
        if not any(persons):
            if actor.is_admin and not actor.persons:
                raise NotAllowed("err.admin_no_tasks")
            raise NotAllowed("err.not_registered" if not actor.persons else "err.other_team")
        tasks: dict[str, TaskSummary] = {}
        for person in persons:
            if person is not None:
                covered = self._covered(person)
                tasks.update({t.measure.id: t for t in covered})
                tasks.update({t.measure.id: t for t in self.open_tasks_of(person)})
                tasks.update(self._with_lights(person.team_id, tasks, scoped=True))
        return tuple(sorted(tasks.values(), key=_urgency))

    def view(self, actor: Actor, measure_id: str, team_id: str | None = None) -> TaskView:
        """One task (by id, or by its number in ``team_id``'s plan): owners, deadline, every
        report and every audited step."""
        measure, plan = self._visible(actor, measure_id, team_id)
        view = self._view(measure, plan)
        closed = view.summary.closed
        to_sign = not closed and self._signing.to_sign(actor, measure.id, plan.team_id)
        return replace(view, summary=replace(view.summary, to_sign=to_sign))

    def task(self, actor: Actor, measure_id: str, team_id: str | None = None) -> Measure:
        """The task the actor may view (by id, or by its number in ``team_id``'s plan), without
        its history: what ``/report <task>`` asks the status of."""
        return self._visible(actor, measure_id, team_id)[0]

    def list(
        self,
        actor: Actor,
        team_id: str,
        filter: TaskFilter = TaskFilter.ALL,
        page: int = 0,
        page_size: int = 10,
    ) -> Page[TaskSummary]:
        """The team's tasks matching ``filter``, in plan order, one page."""
        check_team_wide(actor, Perm.TASK_VIEW, team_id)
        tasks = [self.summary(m) for m in self._deps.active_measures(team_id)]
        chosen = [t for t in tasks if _matches(t, filter)]
        lit = self._with_lights(team_id, {t.measure.id: t for t in chosen})
        return paginate(list(lit.values()), page, page_size)

    # -- shared with other services -------------------------------------------------------------

    def open_tasks_of(self, person: Person) -> tuple[TaskSummary, ...]:
        """The person's (or their principal's) active, not closed tasks, urgent first."""
        tasks = []
        for measure_id in self._own.measure_ids_of(person):
            measure = self._deps.store.measures.get(measure_id)
            if measure is None or not measure.active:
                continue
            summary = self.summary(measure, person)
            if not summary.closed:
                tasks.append(summary)
        return tuple(sorted(tasks, key=_urgency))

    def summary(self, measure: Measure, person: Person | None = None) -> TaskSummary:
        """The task's state; acknowledgement (and whether to offer 签收) as seen by ``person``
        if given."""
        rows = self._own.active(measure.id)
        mine = self._own.covering(person, measure.id) if person else rows
        acks = [a.acknowledged_at for a in mine if a.acknowledged_at is not None]
        closeouts = self._deps.store.closeouts.for_measure(measure.id)
        today = self._deps.now().date()
        window = timedelta(days=self._deps.settings(self._team_of(measure)).deadline_warning_days)
        closed = any(c.state is CloseoutState.APPROVED for c in closeouts)
        deadline = measure.deadline
        return TaskSummary(
            measure=measure,
            assignments=tuple(rows),
            latest_report=self._deps.store.reports.latest_for_measure(measure.id),
            status=self._standing(measure).status,
            acknowledged_at=min(acks) if acks and len(acks) == len(mine) else None,
            closeout=closeouts[-1] if closeouts else None,
            overdue=bool(deadline and not closed and deadline < today),
            due_soon=bool(deadline and not closed and today <= deadline <= today + window),
            to_sign=bool(person and not closed and self._signing.to_sign_for(person, measure.id)),
        )

    # -- internals ----------------------------------------------------------------------------

    def _visible(self, actor: Actor, measure_id: str, team_id: str | None) -> tuple[Measure, Plan]:
        """The task and its plan, if the actor may view it (its owner, a deputy covering it,
        or someone who sees the whole team); else ``NotAllowed``."""
        require_known(actor)
        measure, plan = self._deps.measure(measure_id, team_id, actor=actor)
        today = self._deps.now().date()

        def may_view(person: Person) -> bool:
            return self._own.owns(person, measure.id) or bool(
                self._deputies.covered_for(person, measure.id, today)
            )

        check(actor, Perm.TASK_VIEW, plan.team_id, may_view, ref=measure.id)
        return measure, plan

    def _standing(self, measure: Measure) -> Standing:
        snapshot = measure_snapshot(self._deps.store, self._team_of(measure), measure)
        return standing(snapshot, measure.id)

    def _team_of(self, measure: Measure) -> str:
        plan = self._deps.store.plans.get(measure.plan_id)
        return plan.team_id if plan else ""

    def _covered(self, deputy: Person) -> tuple[TaskSummary, ...]:
        """Open tasks of colleagues on leave that ``deputy`` covers today."""
        covered: tuple[TaskSummary, ...] = ()
        for colleague, measure_id in self._deputies.covered_tasks(deputy, self._deps.now().date()):
            measure = self._deps.store.measures.get(measure_id)
            if measure is not None and measure.active:
                summary = replace(
                    self.summary(measure, colleague), covering_for=colleague, to_sign=False
                )
                covered += () if summary.closed else (summary,)
        return covered

    def _with_lights(
        self, team_id: str, tasks: dict[str, TaskSummary], *, scoped: bool = False
    ) -> dict[str, TaskSummary]:
        """The tasks with their lights, from one read of the team (``scoped``: of those tasks'
        history alone, as one person's view reads it)."""
        if not tasks:
            return tasks
        as_of, store = self._as_of(), self._deps.store
        snapshot = (
            tasks_snapshot(store, team_id, tasks, as_of)
            if scoped
            else lights_snapshot(store, team_id, as_of)
        )
        verdicts = lights_for(snapshot, as_of, tasks if scoped else None)
        return {k: replace(t, verdict=verdicts.get(k, t.verdict)) for k, t in tasks.items()}

    def _verdict(self, measure: Measure, snapshot: TeamSnapshot) -> Verdict:
        as_of = self._as_of()
        facts = task_facts(snapshot, measure, as_of)
        return judge(facts, as_of.date(), snapshot.settings.deadline_warning_days)

    def _as_of(self) -> datetime:
        """Now, counting what was recorded at this very instant too (lights count what came
        strictly before their moment)."""
        return self._deps.now() + timedelta(microseconds=1)

    def _view(self, measure: Measure, plan: Plan) -> TaskView:
        # the light, 包联领导 and claims: no prompt before the tasks' latest reports is read
        snapshot = lights_snapshot(self._deps.store, plan.team_id, self._as_of())
        summary = replace(self.summary(measure), verdict=self._verdict(measure, snapshot))
        units = {a.unit_id: a.role for a in summary.assignments if a.unit_id}
        people = [
            (self._deps.store.people.get(a.person_id), a.role)
            for a in summary.assignments
            if a.person_id
        ]
        reports = tuple(self._deps.store.reports.for_measure(measure.id))
        return TaskView(
            summary=summary,
            plan=plan,
            lead_units=self._units(u for u, r in units.items() if r is AssigneeRole.LEAD),
            co_units=self._units(u for u, r in units.items() if r is AssigneeRole.CO),
            people=tuple((p, r) for p, r in people if p is not None),
            reports=reports,
            history=self._history.of(measure.id, reports),
            closeouts=tuple(self._deps.store.closeouts.for_measure(measure.id)),
            standing=self._standing(measure),
            movement=None
            if summary.closed or not summary.assigned
            else movement(
                measure_snapshot(self._deps.store, plan.team_id, measure),
                measure.id,
                self._as_of(),
            ),
            extensions=tuple(self._deps.store.extensions.for_measure(measure.id)),
            leader=leader_of(snapshot, measure),
            claims=tuple(claim_states(snapshot, measure.id, self._deps.now())),
        )

    def _units(self, ids: object) -> tuple[Unit, ...]:
        found = (self._deps.store.units.get(str(i)) for i in ids)  # type: ignore[attr-defined]
        return tuple(u for u in found if u is not None)


def _urgency(task: TaskSummary) -> tuple[object, ...]:
    deadline = task.measure.deadline or date.max
    return (
        SEVERITY[task.verdict.light] if task.verdict else len(SEVERITY),
        not task.overdue,
        not task.due_soon,
        not task.behind,
        task.acknowledged,
        deadline,
        task.measure.position,
    )


def _matches(task: TaskSummary, wanted: TaskFilter) -> bool:
    checks = {
        TaskFilter.ALL: True,
        TaskFilter.OPEN: not task.closed,
        TaskFilter.UNASSIGNED: not task.assigned,
        TaskFilter.UNACKNOWLEDGED: task.assigned and not task.acknowledged and not task.closed,
        TaskFilter.NO_REPORT: task.assigned and task.latest_report is None,
        TaskFilter.BEHIND: task.behind and not task.closed,
        TaskFilter.DUE_SOON: task.due_soon,
        TaskFilter.OVERDUE: task.overdue,
        TaskFilter.CLOSEOUT_PENDING: task.closeout is not None
        and task.closeout.state is CloseoutState.PENDING,
        TaskFilter.CLOSED: task.closed,
    }
    return bool(checks[wanted])
