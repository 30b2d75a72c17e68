"""签收: who may sign for a task, which assignments one signature covers, and who signed.

One member's 签收 signs for the unit; a liaison signs for the leader they act for; a leader
assigned by name signs himself. Whether the 签收 button is shown to someone and whether their
press is accepted come from the same check, :meth:`Signing.check` (the permission table's
``ACKNOWLEDGE`` row with ``OWN`` scope), so a button is never shown to someone who would be
refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.domain.people import Person
from bot.domain.work import Assignment
from bot.services.common.actor import Actor
from bot.services.common.base import Deps
from bot.services.common.errors import NotAllowed
from bot.services.common.permissions import Perm
from bot.services.tasks.ownership import Ownership


@dataclass(frozen=True, slots=True)
class Signature:
    """One assignment's 签收: for whom (a unit or a person), by whom and when."""

    holder: str  # the unit's or the person's name
    unit: bool
    at: datetime
    by: Person | None  # None: signed before Duban recorded who signed
    mine: bool  # signed by the person asking
    holder_id: str | None = None  # the unit's or the person's id

    @property
    def by_holder(self) -> bool:
        """Signed by the very person it was assigned to."""
        return self.by is not None and self.by.id == self.holder_id


def as_actor(person: Person) -> Actor:
    """The person as the actor they would be when pressing a button themselves."""
    return Actor(telegram_id=person.telegram_id, persons=(person,))


class Signing:
    """The one place that decides who may sign and what a signature covers."""

    def __init__(self, deps: Deps) -> None:
        self._deps = deps
        self._own = Ownership(deps)

    def check(self, actor: Actor, measure_id: str, team_id: str) -> Person:
        """The actor's person if they may sign for the task, else :class:`NotAllowed`."""
        person = self._own.check(actor, Perm.ACKNOWLEDGE, measure_id, team_id)
        if person is None:  # pragma: no cover - every role granted the action has a person
            raise NotAllowed("err.not_assignee", ref=measure_id)
        return person

    def may_sign(self, actor: Actor, measure_id: str, team_id: str) -> bool:
        """Whether :meth:`check` accepts the actor for the task."""
        try:
            self.check(actor, measure_id, team_id)
        except NotAllowed:
            return False
        return True

    def to_sign(self, actor: Actor, measure_id: str, team_id: str) -> bool:
        """Whether the 签收 button belongs on the task for the actor: they may sign, and an
        assignment they answer for is not signed yet."""
        if not self.may_sign(actor, measure_id, team_id):
            return False
        person = actor.person_in(team_id)
        assert person is not None  # may_sign needs a person in the team
        return any(a.acknowledged_at is None for a in self.rows(person, measure_id))

    def to_sign_for(self, person: Person, measure_id: str) -> bool:
        """:meth:`to_sign` for a person, as if they were asking."""
        return self.to_sign(as_actor(person), measure_id, person.team_id)

    def rows(self, person: Person, measure_id: str) -> list[Assignment]:
        """The active assignments one signature of the person covers (theirs, their unit's,
        their principal's)."""
        return self._own.covering(person, measure_id)

    def signature(self, row: Assignment, seen_by: Person | None = None) -> Signature:
        """Who signed the (signed) assignment, as ``seen_by`` reads it."""
        assert row.acknowledged_at is not None
        store = self._deps.store
        unit = store.units.get(row.unit_id) if row.unit_id else None
        holder = store.people.get(row.person_id) if row.person_id else None
        by = store.people.get(row.acknowledged_by) if row.acknowledged_by else None
        name = unit.name if unit is not None else holder.name if holder is not None else ""
        mine = seen_by is not None and by is not None and by.id == seen_by.id
        holder_id = row.unit_id or row.person_id
        return Signature(name, unit is not None, row.acknowledged_at, by, mine, holder_id)
