"""Assigning measures (交办) to people and units, suggestions from the plan text; who has not
signed (签收) yet. 签收 itself: :mod:`bot.services.assignment.signing`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.domain.ids import new_id
from bot.domain.people import Person
from bot.domain.plan import Measure
from bot.domain.work import AssigneeRole, Assignment
from bot.services.assignment import suggest, targets
from bot.services.assignment.notices import Duty, Notice, Notices
from bot.services.assignment.rows import Assigner, Target
from bot.services.assignment.suggest import Proposal
from bot.services.common.actor import Actor
from bot.services.common.base import Deps
from bot.services.common.errors import Conflict, InvalidInput, NotFound
from bot.services.common.permissions import Perm, check, require_known
from bot.services.tasks.ownership import Ownership
from bot.services.tasks.views import TaskService, TaskSummary

__all__ = [
    "AssignResult",
    "AssignmentService",
    "AutoApplied",
    "Duty",
    "Holder",
    "Notice",
    "Proposal",
    "Suggestions",
    "Target",
    "Unsigned",
]


@dataclass(frozen=True, slots=True)
class Holder:
    """Who holds a task, by display name: a person or a unit, leading (牵头) or not (配合)."""

    name: str
    role: AssigneeRole
    unit: bool  # a unit (its officials report for it), not one person


@dataclass(frozen=True, slots=True)
class AssignResult:
    """What an assignment changed, who holds the task now, and whom to tell."""

    measure: Measure
    added: tuple[Assignment, ...]
    ended: tuple[Assignment, ...]
    active: tuple[Assignment, ...]  # every assignment in force afterwards
    notify: tuple[Person, ...]  # joined people to tell (direct, unit officials, liaisons)
    not_joined: tuple[Person, ...]  # assigned people who cannot be told yet
    holders: tuple[Holder, ...] = ()  # ``active`` by name: leads first, units before people
    notices: tuple[Notice, ...] = ()  # one per person in ``notify``, saying what they hold


@dataclass(frozen=True, slots=True)
class Suggestions:
    """Proposals for unassigned measures, and plan unit names matching no roster unit."""

    proposals: tuple[Proposal, ...]
    unmatched_names: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class AutoApplied:
    """The result of applying suggestions."""

    results: tuple[AssignResult, ...]
    skipped: tuple[str, ...]  # proposal ids no longer applicable
    batch_id: str | None = None  # on every assignment made: their 签收全部 signs these only


@dataclass(frozen=True, slots=True)
class Unsigned:
    """An open task with holders that have not signed (签收) yet, for ``/unacked``."""

    task: TaskSummary
    holders: tuple[Holder, ...]  # those not signed, leads first

    @property
    def measure(self) -> Measure:
        """The task's measure."""
        return self.task.measure


class AssignmentService:
    """交办, suggestions, and the tasks not signed yet."""

    def __init__(self, deps: Deps, tasks: TaskService) -> None:
        self._deps = deps
        self._tasks = tasks
        self._own = Ownership(deps)
        self._assigner = Assigner(deps)
        self._notices = Notices(deps)

    def parse_targets(
        self, actor: Actor, team_id: str, args: Sequence[str] | str
    ) -> tuple[Target, ...]:
        """Resolve ``/assign`` arguments (names of people or units, unit aliases) to targets.

        ``牵头:``/``lead:`` and ``配合:``/``co:`` prefixes set the role of the names after them
        (also written as separate words); the first unit leads by default.
        """
        check(actor, Perm.ASSIGN, team_id)
        units = self._deps.store.units.for_team(team_id)
        people = [p for p in self._deps.store.people.for_team(team_id) if p.active]
        named = targets.parse(args, units, people)
        if not named:
            raise InvalidInput("err.no_assignees")
        explicit_lead = any(n.unit and n.role is AssigneeRole.LEAD for n in named)
        result: list[Target] = []
        first_unit = True
        for item in named:
            if item.person is not None:
                result.append(Target.person(item.person.id, item.role))
                continue
            assert item.unit is not None
            role = item.role
            if role is None and (explicit_lead or not first_unit):
                role = AssigneeRole.CO
            first_unit = False
            result.append(Target.unit(item.unit.id, role))
        return tuple(dict.fromkeys(result))

    def assign(self, actor: Actor, measure_id: str, targets: Sequence[Target]) -> AssignResult:
        """Add assignees (already active ones keep their row unless the role changes)."""
        measure, team_id = self._editable(actor, measure_id)
        with self._deps.store.atomic():
            added, ended = self._assigner.apply(actor, measure, team_id, targets, replace=False)
        return self._result(measure, added, ended)

    def assign_from_args(
        self, actor: Actor, team_id: str, measure_ref: str, args: Sequence[str] | str
    ) -> AssignResult:
        """``/assign <measure> <person or unit>…`` in one call: parse, then assign."""
        check(actor, Perm.ASSIGN, team_id)
        measure = self._deps.measure_ref(team_id, measure_ref)
        return self.assign(actor, measure.id, self.parse_targets(actor, team_id, args))

    def reassign(self, actor: Actor, measure_id: str, targets: Sequence[Target]) -> AssignResult:
        """Replace the assignees: rows not among ``targets`` end, new ones are added."""
        measure, team_id = self._editable(actor, measure_id)
        with self._deps.store.atomic():
            added, ended = self._assigner.apply(actor, measure, team_id, targets, replace=True)
        return self._result(measure, added, ended)

    def unassign(
        self,
        actor: Actor,
        measure_id: str,
        target: Target | None = None,
        team_id: str | None = None,
    ) -> AssignResult:
        """End one assignee's row (matching person/unit), or all with ``target=None``;
        ``measure_id`` may be any task reference (a number needs ``team_id``)."""
        require_known(actor)
        measure, plan = self._deps.measure(measure_id, team_id, actor=actor)
        check(actor, Perm.ASSIGN, plan.team_id)
        rows = [
            a
            for a in self._own.active(measure.id)
            if target is None or (a.person_id, a.unit_id) == (target.person_id, target.unit_id)
        ]
        if not rows:
            raise NotFound("err.not_assigned", ref=measure.id)
        with self._deps.store.atomic():
            ended = tuple(self._assigner.end(actor, row) for row in rows)
        return self._result(measure, (), ended)

    def auto_suggest(self, actor: Actor, team_id: str) -> Suggestions:
        """Match unit names the plan states for unassigned measures to roster units."""
        check(actor, Perm.ASSIGN, team_id)
        units = self._deps.store.units.for_team(team_id)
        proposals: list[Proposal] = []
        unmatched: dict[str, None] = {}
        for measure in self.unassigned(actor, team_id):
            found, missing = suggest.for_measure(measure, units)
            proposals += found
            unmatched.update(dict.fromkeys(missing))
        return Suggestions(tuple(proposals), tuple(unmatched))

    def auto_apply(
        self, actor: Actor, team_id: str, proposal_ids: Sequence[str] | None = None
    ) -> AutoApplied:
        """Apply the given suggestions (all current ones with None). Ids no longer suggested
        are skipped; if none of the given ids applies, ``err.proposal_not_found``."""
        current = self.auto_suggest(actor, team_id).proposals
        wanted = set(proposal_ids) if proposal_ids is not None else {p.id for p in current}
        chosen = [p for p in current if p.id in wanted]
        if proposal_ids and not chosen:
            raise NotFound("err.proposal_not_found", id=proposal_ids[0])
        by_measure: dict[str, list[Proposal]] = {}
        for proposal in chosen:
            by_measure.setdefault(proposal.measure.id, []).append(proposal)
        results = []
        batch_id = new_id("b")
        with self._deps.store.atomic():
            for group in by_measure.values():
                picks = [Target.unit(p.unit.id, p.role) for p in group]
                measure = group[0].measure
                added, ended = self._assigner.apply(
                    actor, measure, team_id, picks, replace=False, batch_id=batch_id
                )
                results.append(self._result(measure, added, ended))
        skipped = tuple(sorted(wanted - {p.id for p in chosen}))
        return AutoApplied(tuple(results), skipped, batch_id)

    def unassigned(self, actor: Actor, team_id: str) -> tuple[Measure, ...]:
        """Active measures with no assignee (closed ones excluded)."""
        check(actor, Perm.ASSIGN, team_id)
        return tuple(
            m
            for m in self._deps.active_measures(team_id)
            if not self._own.active(m.id) and not self._own.closed(m.id)
        )

    def unacknowledged(self, actor: Actor, team_id: str) -> tuple[Unsigned, ...]:
        """Assigned, open tasks with a holder (a unit or person) that has not signed yet: a
        task is off the list only once every holder has signed."""
        check(actor, Perm.ASSIGN, team_id)
        found = []
        for measure in self._deps.active_measures(team_id):
            task = self._tasks.summary(measure)
            waiting = [a for a in task.assignments if a.acknowledged_at is None]
            if waiting and not task.closed:
                found.append(Unsigned(task, self._holders(waiting)))
        return tuple(found)

    # -- internals ----------------------------------------------------------------------------

    def _editable(self, actor: Actor, measure_id: str) -> tuple[Measure, str]:
        require_known(actor)
        measure, plan = self._deps.measure(measure_id, actor=actor)
        check(actor, Perm.ASSIGN, plan.team_id)
        if not measure.active:
            raise Conflict("err.measure_removed", ref=measure.id)
        return measure, plan.team_id

    def _result(
        self, measure: Measure, added: tuple[Assignment, ...], ended: tuple[Assignment, ...]
    ) -> AssignResult:
        active = tuple(self._own.active(measure.id))
        return AssignResult(
            measure=measure,
            added=added,
            ended=ended,
            active=active,
            notify=self._own.recipients(added),
            not_joined=self._own.not_joined(added),
            holders=self._holders(active),
            notices=self._notices.of(measure, added),
        )

    def _holders(self, rows: Sequence[Assignment]) -> tuple[Holder, ...]:
        store = self._deps.store
        found: list[Holder] = []
        for row in rows:
            unit = store.units.get(row.unit_id) if row.unit_id else None
            person = store.people.get(row.person_id) if row.person_id else None
            name = unit.name if unit else person.name if person else None
            if name is not None:
                found.append(Holder(name, row.role, unit is not None))
        order = list(AssigneeRole)
        return tuple(sorted(found, key=lambda h: (order.index(h.role), not h.unit)))
