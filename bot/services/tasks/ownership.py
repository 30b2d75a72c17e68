"""Who a task belongs to: assignments read through people, units and liaisons."""

from __future__ import annotations

from collections.abc import Iterable

from bot.domain.people import Person, Role
from bot.domain.work import Assignment, CloseoutState
from bot.services.common.actor import Actor
from bot.services.common.base import Deps
from bot.services.common.permissions import Perm, check


class Ownership:
    """Answers "is this my task?" and "who must be told?" from the store."""

    def __init__(self, deps: Deps) -> None:
        self._deps = deps

    def active(self, measure_id: str) -> list[Assignment]:
        """The measure's assignments in force."""
        return [a for a in self._deps.store.assignments.for_measure(measure_id) if a.active]

    def check(self, actor: Actor, perm: Perm, measure_id: str, team_id: str) -> Person | None:
        """:func:`~bot.services.common.permissions.check` for a task (``OWN``: assigned to it)."""
        return check(actor, perm, team_id, lambda p: self.owns(p, measure_id), ref=measure_id)

    def principal(self, person: Person) -> Person | None:
        """The person a liaison acts for."""
        if person.role is not Role.LIAISON or not person.on_behalf_of:
            return None
        return self._deps.store.people.get(person.on_behalf_of)

    def identities(self, person: Person) -> list[Person]:
        """The person and, for a liaison, their principal: whose tasks they act on."""
        principal = self.principal(person)
        return [person, principal] if principal is not None else [person]

    def covering(self, person: Person, measure_id: str) -> list[Assignment]:
        """Active assignments of the measure that name the person, their unit, or principal's."""
        people_ids, unit_ids = self._keys(self.identities(person))
        return [
            a
            for a in self.active(measure_id)
            if a.person_id in people_ids or (a.unit_id is not None and a.unit_id in unit_ids)
        ]

    def held(self, person: Person, measure_id: str) -> bool:
        """Whether an ended assignment of the measure named the person, their unit, or
        principal's (the task was theirs and was reassigned)."""
        people_ids, unit_ids = self._keys(self.identities(person))
        return any(
            not a.active
            and (a.person_id in people_ids or (a.unit_id is not None and a.unit_id in unit_ids))
            for a in self._deps.store.assignments.for_measure(measure_id)
        )

    def owns(self, person: Person, measure_id: str) -> bool:
        """Whether the measure is assigned to the person (directly, by unit, or via principal)."""
        return bool(self.covering(person, measure_id))

    def measure_ids_of(self, person: Person) -> list[str]:
        """Measures with an active assignment covering the person, in assignment order."""
        return list(dict.fromkeys(a.measure_id for a in self.rows_of(person) if a.active))

    def rows_of(self, person: Person) -> list[Assignment]:
        """Every assignment, ended ones included, naming the person, their unit or principal."""
        people_ids, unit_ids = self._keys(self.identities(person))
        rows: list[Assignment] = []
        for pid in people_ids:
            rows += self._deps.store.assignments.for_person(pid)
        for uid in unit_ids:
            rows += self._deps.store.assignments.for_unit(uid)
        return rows

    def recipients(self, assignments: Iterable[Assignment]) -> tuple[Person, ...]:
        """Joined, active people to tell about these assignments (and their liaisons)."""
        found: dict[str, Person] = {}
        for row in assignments:
            for person in self._people_of(row):
                found.setdefault(person.id, person)
        for person in list(found.values()):
            for liaison in self._liaisons_of(person):
                found.setdefault(liaison.id, liaison)
        return tuple(p for p in found.values() if p.active and p.joined)

    def told_of(self, row: Assignment) -> list[tuple[Person, Person | None]]:
        """Joined, active people to tell about one assignment, each with the colleague they
        act for (a liaison's principal) or None."""
        found: list[tuple[Person, Person | None]] = [(p, None) for p in self._people_of(row)]
        found += [(liaison, p) for p, _ in list(found) for liaison in self._liaisons_of(p)]
        return [(p, via) for p, via in found if p.active and p.joined]

    def not_joined(self, assignments: Iterable[Assignment]) -> tuple[Person, ...]:
        """Assigned people (directly or by unit) who have not joined: the lead must chase them."""
        found: dict[str, Person] = {}
        for row in assignments:
            for person in self._people_of(row):
                if person.active and not person.joined:
                    found.setdefault(person.id, person)
        return tuple(found.values())

    def leads(self, team_id: str) -> tuple[Person, ...]:
        """The team's active, joined leads."""
        return tuple(
            p
            for p in self._deps.store.people.for_team(team_id)
            if p.role is Role.LEAD and p.active and p.joined
        )

    def closed(self, measure_id: str) -> bool:
        """Whether a close-out of the measure was approved (销号)."""
        return any(
            c.state is CloseoutState.APPROVED
            for c in self._deps.store.closeouts.for_measure(measure_id)
        )

    def _people_of(self, row: Assignment) -> list[Person]:
        if row.person_id is not None:
            person = self._deps.store.people.get(row.person_id)
            return [person] if person is not None else []
        return self._unit_reporters(row.team_id, row.unit_id)

    def _unit_reporters(self, team_id: str, unit_id: str | None) -> list[Person]:
        """Who may answer for a unit: its active officials and its own liaisons (those acting
        for no particular leader, or named the unit's reporter); with neither, any liaison of
        the unit. The weekly prompt goes to one of them, the unit's reporter
        (:func:`bot.rhythm.parties.unit_reporter`); the others may add."""
        members = [
            p
            for p in self._deps.store.people.for_team(team_id)
            if p.unit_id is not None and p.unit_id == unit_id and p.active
        ]
        unit = self._deps.store.units.get(unit_id) if unit_id else None
        named = unit.reporter_id if unit else None
        own = [
            p
            for p in members
            if p.role is Role.OFFICIAL
            or (p.role is Role.LIAISON and (p.on_behalf_of is None or p.id == named))
        ]
        return own or [p for p in members if p.role is Role.LIAISON]

    def _liaisons_of(self, person: Person) -> list[Person]:
        return [
            p
            for p in self._deps.store.people.for_team(person.team_id)
            if p.role is Role.LIAISON and p.on_behalf_of == person.id
        ]

    def _keys(self, people: list[Person]) -> tuple[set[str], set[str]]:
        """Person ids and unit ids whose assignments are these people's: a liaison's unit
        counts when the liaison is one who may answer for it (:meth:`_unit_reporters`)."""
        units = {p.unit_id for p in people if p.unit_id and p.role is not Role.LIAISON}
        units |= {
            p.unit_id
            for p in people
            if p.unit_id
            and p.role is Role.LIAISON
            and any(r.id == p.id for r in self._unit_reporters(p.team_id, p.unit_id))
        }
        return {p.id for p in people}, units
