"""Who a request (close-out, deadline extension) concerns: the requester and whom a liaison
asked for, who sent each piece of its evidence, and whom its decision is told to."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

from bot.domain.people import Person
from bot.domain.work import Evidence
from bot.services.common.actor import Actor
from bot.services.common.base import Deps
from bot.services.common.permissions import Perm
from bot.services.tasks.ownership import Ownership


class Request(Protocol):
    """A close-out or extension request as stored."""

    @property
    def requested_by(self) -> str:
        """The requester's person id."""

    @property
    def measure_id(self) -> str:
        """The task asked about."""

    @property
    def items(self) -> tuple[Evidence, ...]:
        """Its evidence, piece by piece."""


@dataclass(frozen=True, slots=True)
class Asked:
    """Who asked, for whom, and who sent each evidence item."""

    requester: Person | None  # None only if the person record is gone
    principal: Person | None  # whom a liaison asked for
    senders: Mapping[str, Person]


class Parties:
    """The people around one kind of request (its asking action is ``perm``)."""

    def __init__(self, deps: Deps, own: Ownership, perm: Perm) -> None:
        self._deps = deps
        self._own = own
        self._perm = perm

    def requester(self, actor: Actor, measure_id: str, team_id: str) -> Person:
        """The actor's person, if they may ask about the task (else NotAllowed)."""
        person = self._own.check(actor, self._perm, measure_id, team_id)
        assert person is not None  # every role granted the action has a person
        return person

    def principal_id(self, person: Person) -> str | None:
        """Whom a liaison acts for (None for anyone else)."""
        principal = self._own.principal(person)
        return principal.id if principal else None

    def asked(self, request: Request) -> Asked:
        """Who asked, for whom, and the senders of the evidence."""
        people = self._deps.store.people
        requester = people.get(request.requested_by)
        principal = self._own.principal(requester) if requester is not None else None
        found = (people.get(i) for i in {item.by for item in request.items})
        return Asked(requester, principal, {p.id: p for p in found if p is not None})

    def requester_only(self, request: Request) -> tuple[Person, ...]:
        """The requester, while they can be told."""
        requester = self._deps.store.people.get(request.requested_by)
        if requester is None or not (requester.joined and requester.active):
            return ()
        return (requester,)

    def told_of_decision(self, request: Request) -> tuple[Person, ...]:
        """The requester first, then whoever holds the task, each once."""
        assignees = self._own.recipients(self._own.active(request.measure_id))
        found = {p.id: p for p in self.requester_only(request)}
        found.update({p.id: p for p in assignees})
        return tuple(found.values())
