"""Assigning measures (交办) to people and units, suggestions from the plan text, 签收."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from bot.domain.audit import Action
from bot.domain.ids import new_id
from bot.domain.people import Person, Role
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
from bot.services.tasks.signing import Signature, Signing
from bot.services.tasks.views import TaskService, TaskSummary

__all__ = [
    "AckResult",
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


@dataclass(frozen=True, slots=True)
class AckResult:
    """A task signed for (签收): when, what was signed before (by whom), and whom to tell.

    ``already``: nothing was left to sign; ``earlier`` says who signed and when (a colleague
    for the unit, a liaison for the leader, or the person themselves).
    """

    measure: Measure
    acknowledged_at: datetime
    already: bool
    earlier: tuple[Signature, ...] = ()  # what the person answers for that was signed before
    signed: tuple[Signature, ...] = ()  # what this 签收 signed (as colleagues read it)
    notify: tuple[Person, ...] = ()  # colleagues of the unit, the leader: told once


@dataclass(frozen=True, slots=True)
class BatchAck:
    """签收全部: the listed tasks it signed (each a 签收 of its own), each colleague to tell with
    the tasks of theirs that were signed, and the listed tasks it left (signed before, or
    skipped)."""

    signed: tuple[AckResult, ...]
    at: datetime
    notify: tuple[tuple[Person, tuple[AckResult, ...]], ...] = ()
    already: tuple[AckResult, ...] = ()  # listed tasks found signed (by a colleague, one by one)
    reassigned: tuple[Measure, ...] = ()  # listed tasks no longer theirs: skipped
    removed: tuple[Measure, ...] = ()  # listed tasks taken out of the plan: skipped


class AssignmentService:
    """交办 and 签收."""

    def __init__(self, deps: Deps, tasks: TaskService) -> None:
        self._deps = deps
        self._tasks = tasks
        self._own = Ownership(deps)
        self._assigner = Assigner(deps)
        self._signing = Signing(deps)
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

    def acknowledge(self, actor: Actor, measure_id: str) -> AckResult:
        """Sign for a task (签收) as one who answers for it: one member signs for the unit, a
        liaison for their leader. Idempotent; the others who answer for what was signed are
        to be told once."""
        require_known(actor)
        measure, plan = self._deps.measure(measure_id, actor=actor)
        person = self._signing.check(actor, measure.id, plan.team_id)
        return self._sign(actor, person, measure, plan.team_id)

    def acknowledge_batch(self, actor: Actor, team_id: str, batch_id: str) -> BatchAck:
        """签收全部 on the list of many new tasks: the tasks that list showed (those of batch
        ``batch_id`` the actor answers for), each signed as a single 签收 is (audited each), in
        one transaction. Tasks signed meanwhile stay as they are (``already``); a task whose
        listed assignment has ended since (reassigned away) or that was removed is skipped."""
        person = check(
            actor, Perm.ACKNOWLEDGE_BATCH, team_id, lambda p: bool(self._listed(p, batch_id))
        )
        assert person is not None  # every role granted the action has a person
        results: list[AckResult] = []
        reassigned: list[Measure] = []
        removed: list[Measure] = []
        with self._deps.store.atomic():
            for measure_id, rows in self._listed(person, batch_id).items():
                measure = self._deps.store.measures.get(measure_id)
                if measure is None:  # pragma: no cover - measures are removed, never deleted
                    continue
                if not measure.active:
                    removed.append(measure)
                elif not any(row.active for row in rows):
                    reassigned.append(measure)
                elif self._signing.may_sign(actor, measure_id, team_id):
                    results.append(self._sign(actor, person, measure, team_id, batch_id))
        signed = tuple(r for r in results if not r.already)
        told: dict[str, tuple[Person, list[AckResult]]] = {}
        for result in signed:
            for colleague in result.notify:
                told.setdefault(colleague.id, (colleague, []))[1].append(result)
        notify = tuple((p, tuple(rs)) for p, rs in told.values())
        already = tuple(r for r in results if r.already)
        return BatchAck(
            signed, self._deps.now(), notify, already, tuple(reassigned), tuple(removed)
        )

    def _listed(self, person: Person, batch_id: str) -> dict[str, list[Assignment]]:
        """The batch's assignments (ended ones included) the person answers for, by measure in
        the order they were made: what the batch's list showed them."""
        listed: dict[str, list[Assignment]] = {}
        for row in sorted(self._own.rows_of(person), key=lambda a: a.assigned_at):
            if row.batch_id == batch_id:
                listed.setdefault(row.measure_id, []).append(row)
        return listed

    def _sign(
        self,
        actor: Actor,
        person: Person,
        measure: Measure,
        team_id: str,
        batch_id: str | None = None,
    ) -> AckResult:
        """签收 of the task by ``person``: every unsigned assignment their signature covers (the
        audit names the batch when 签收全部 on its list signed it)."""
        rows = self._signing.rows(person, measure.id)
        earlier = tuple(
            self._signing.signature(a, person) for a in rows if a.acknowledged_at is not None
        )
        fresh = [a for a in rows if a.acknowledged_at is None]
        if not fresh:
            return AckResult(measure, min(s.at for s in earlier), True, earlier)
        now = self._deps.now()
        signed = [replace(row, acknowledged_at=now, acknowledged_by=person.id) for row in fresh]
        with self._deps.store.atomic():
            for row in signed:
                self._deps.store.assignments.save(row)
            self._deps.audit(
                actor,
                Action.ACKNOWLEDGED,
                measure.id,
                team_id,
                on_behalf_of=_principal_of(person),
                **({"batch": batch_id} if batch_id else {}),
            )
        told = tuple(p for p in self._own.recipients(signed) if p.id != person.id)
        signatures = tuple(self._signing.signature(row) for row in signed)
        return AckResult(measure, now, False, earlier, signatures, told)

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


def _principal_of(person: Person) -> str | None:
    return person.on_behalf_of if person.role is Role.LIAISON else None
