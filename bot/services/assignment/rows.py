"""Writing assignments: roles by default rules (one lead unit), rows ended, never deleted."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from bot.domain.audit import Action
from bot.domain.ids import new_id
from bot.domain.people import Person
from bot.domain.plan import Measure
from bot.domain.work import AssigneeRole, Assignment
from bot.services.common.actor import Actor
from bot.services.common.base import Deps
from bot.services.common.errors import InvalidInput, NotFound
from bot.services.tasks.ownership import Ownership


@dataclass(frozen=True, slots=True)
class Target:
    """One assignee to be: a person or a unit, and its role (None: decide by default rules).

    Default rules: a unit leads (牵头) if the measure has no lead unit yet, else supports
    (配合); a person leads.
    """

    person_id: str | None = None
    unit_id: str | None = None
    role: AssigneeRole | None = None

    @staticmethod
    def person(person_id: str, role: AssigneeRole | None = None) -> Target:
        """A person target."""
        return Target(person_id=person_id, role=role)

    @staticmethod
    def unit(unit_id: str, role: AssigneeRole | None = None) -> Target:
        """A unit target."""
        return Target(unit_id=unit_id, role=role)


class Assigner:
    """Applies targets to a measure's assignments, auditing every row added or ended."""

    def __init__(self, deps: Deps) -> None:
        self._deps = deps
        self._own = Ownership(deps)

    def apply(
        self,
        actor: Actor,
        measure: Measure,
        team_id: str,
        wanted: Sequence[Target],
        *,
        replace: bool,
        batch_id: str | None = None,
    ) -> tuple[tuple[Assignment, ...], tuple[Assignment, ...]]:
        """Add (and with ``replace``, end) rows so ``wanted`` is in force; (added, ended). The
        rows added carry ``batch_id``: the action that made them with others at once."""
        if not wanted:
            raise InvalidInput("err.no_assignees")
        for target in wanted:
            self._validate(target, team_id)
        active = self._own.active(measure.id)
        planned = self._roles(wanted, active, replace)
        ended: list[Assignment] = []
        added: list[Assignment] = []
        for row in active:
            key = (row.person_id, row.unit_id)
            if key in planned and planned[key] is row.role:
                planned.pop(key)
            elif key in planned or replace or _demoted(row, planned):
                ended.append(self.end(actor, row))
                if key not in planned and not replace:
                    planned[key] = AssigneeRole.CO
        for (person_id, unit_id), role in planned.items():
            row = self._add(actor, measure, team_id, (person_id, unit_id), role, batch_id)
            added.append(row)
        return tuple(added), tuple(ended)

    def _roles(
        self, wanted: Sequence[Target], active: list[Assignment], replace: bool
    ) -> dict[tuple[str | None, str | None], AssigneeRole]:
        """The role each target gets; at most one unit leads."""
        current = {(a.person_id, a.unit_id): a.role for a in active}
        explicit = any(t.unit_id and t.role is AssigneeRole.LEAD for t in wanted)
        lead_taken = (
            not replace
            and not explicit
            and any(a.unit_id and a.role is AssigneeRole.LEAD for a in active)
        )
        planned: dict[tuple[str | None, str | None], AssigneeRole] = {}
        for target in wanted:
            key = (target.person_id, target.unit_id)
            role = target.role
            if role is None and key in current and not explicit:
                role = current[key]
                if target.unit_id and role is AssigneeRole.LEAD and replace and lead_taken:
                    role = AssigneeRole.CO
            elif role is None:
                role = AssigneeRole.CO if target.unit_id and lead_taken else AssigneeRole.LEAD
            elif target.unit_id and role is AssigneeRole.LEAD and lead_taken:
                role = AssigneeRole.CO
            if target.unit_id and role is AssigneeRole.LEAD:
                lead_taken = True
            planned[key] = role
        return planned

    def _validate(self, target: Target, team_id: str) -> None:
        if (target.person_id is None) == (target.unit_id is None):
            raise InvalidInput("err.no_assignees")
        if target.person_id is not None:
            person = self._deps.person(target.person_id, team_id)
            if not person.active:
                raise NotFound("err.person_not_found", name=person.name)
        if target.unit_id is not None:
            self._deps.unit(target.unit_id, team_id)

    def _add(
        self,
        actor: Actor,
        measure: Measure,
        team_id: str,
        holder: tuple[str | None, str | None],
        role: AssigneeRole,
        batch_id: str | None,
    ) -> Assignment:
        person_id, unit_id = holder
        row = Assignment(
            id=new_id("g"),
            team_id=team_id,
            measure_id=measure.id,
            role=role,
            assigned_at=self._deps.now(),
            person_id=person_id,
            unit_id=unit_id,
            assigned_by=_id_of(actor.person_in(team_id)),
            batch_id=batch_id,
        )
        self._deps.store.assignments.save(row)
        self._deps.audit(
            actor,
            Action.ASSIGNED,
            measure.id,
            team_id,
            person=person_id,
            unit=unit_id,
            role=role.value,
            assignment=row.id,
            **({"batch": batch_id} if batch_id else {}),
        )
        return row

    def end(self, actor: Actor, row: Assignment) -> Assignment:
        ended = replace(row, ended_at=self._deps.now())
        self._deps.store.assignments.save(ended)
        self._deps.audit(
            actor,
            Action.UNASSIGNED,
            row.measure_id,
            row.team_id,
            person=row.person_id,
            unit=row.unit_id,
            role=row.role.value,
            assignment=row.id,
        )
        return ended


def _demoted(row: Assignment, planned: dict[tuple[str | None, str | None], AssigneeRole]) -> bool:
    """An active lead unit loses the lead when another unit is planned to lead."""
    if not (row.unit_id and row.role is AssigneeRole.LEAD):
        return False
    return any(u and r is AssigneeRole.LEAD for (_, u), r in planned.items())


def _id_of(person: Person | None) -> str | None:
    return person.id if person else None
