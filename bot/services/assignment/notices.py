"""The assignment notice to each person told: what they hold (牵头 or 配合, through which unit,
for which leader) and whether they are offered 签收 (the same check as the service's)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.domain.people import Person
from bot.domain.plan import Measure
from bot.domain.work import AssigneeRole, Assignment
from bot.services.common.base import Deps
from bot.services.tasks.ownership import Ownership
from bot.services.tasks.signing import Signing


@dataclass(frozen=True, slots=True)
class Duty:
    """What one assignment asks of the person told: lead (牵头) or support (配合), through
    their unit or for the leader a liaison acts for."""

    role: AssigneeRole
    unit: str | None = None  # the unit's name, for a unit assignment
    principal: str | None = None  # whom a liaison acts for


@dataclass(frozen=True, slots=True)
class Notice:
    """The assignment notice to one person: their duties and whether they may sign (签收)."""

    person: Person
    duties: tuple[Duty, ...]
    to_sign: bool


class Notices:
    """Works out one notice per person told about new assignments."""

    def __init__(self, deps: Deps) -> None:
        self._deps = deps
        self._own = Ownership(deps)
        self._signing = Signing(deps)

    def of(self, measure: Measure, added: Sequence[Assignment]) -> tuple[Notice, ...]:
        """One notice per person told: what each new assignment asks of them."""
        store = self._deps.store
        duties: dict[str, tuple[Person, list[Duty]]] = {}
        for row in added:
            unit = store.units.get(row.unit_id) if row.unit_id else None
            for person, principal in self._own.told_of(row):
                duty = Duty(
                    row.role,
                    unit.name if unit is not None else None,
                    principal.name if principal is not None else None,
                )
                duties.setdefault(person.id, (person, []))[1].append(duty)
        return tuple(
            Notice(p, tuple(dict.fromkeys(d)), self._signing.to_sign_for(p, measure.id))
            for p, d in duties.values()
        )
