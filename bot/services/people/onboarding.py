"""Taking one person row (typed, or from a roster): units on the fly, no duplicates."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass

from bot.domain.audit import Action, AuditValue
from bot.domain.ids import new_id
from bot.domain.names import name_key
from bot.domain.people import Invite, Person, Role, Unit
from bot.services.common.actor import Actor
from bot.services.common.base import Deps
from bot.services.common.errors import InvalidInput, NotFound
from bot.services.people.invites import InviteService
from bot.services.people.roster import RosterRow, valid_phone

MAX_NAME = 40


@dataclass(frozen=True, slots=True)
class PersonAdded:
    """A person added (or updated, for a roster row naming someone known) and their invite."""

    person: Person
    unit: Unit | None
    invite: Invite | None  # None when the person already joined
    created: bool  # False: a known person (same name and unit, or name and phone) was updated
    unit_created: bool = False
    moved: bool = False  # a known person moved to another unit (调岗) by this row
    moved_from: Unit | None = None  # the unit they left (None: they had none)
    reporter_left: bool = False  # they were the 填报人 named for the unit they left (cleared)


class Onboarding:
    """Adds or updates people and units; used by the people and team services."""

    def __init__(self, deps: Deps, invites: InviteService) -> None:
        self._deps = deps
        self._invites = invites

    def take_row(self, actor: Actor, team_id: str, row: RosterRow) -> PersonAdded:
        """Add the row's person, or update the one with the same name and unit, else the one
        with the same name and phone in another unit (moved there: 调岗); invite them."""
        name = row.name.strip()
        _check_name(name)
        if row.phone and not valid_phone(row.phone):
            raise InvalidInput("err.phone_invalid", phone=row.phone)
        principal = self._principal(team_id, row)
        unit, unit_created = self.unit_for(team_id, row.unit)
        existing = self._known(team_id, name, unit, row.phone)
        person = self._person_for(team_id, row, name, unit, principal, existing)
        self._deps.store.people.save(person)
        action = Action.PERSON_ADDED if existing is None else Action.PERSON_UPDATED
        moved = existing is not None and existing.unit_id != person.unit_id  # 调岗
        left = person.unit_before if moved else None
        moved_from = self._deps.store.units.get(left) if left else None
        reporter_left = moved_from is not None and moved_from.reporter_id == person.id
        if moved_from is not None and reporter_left:  # the unit left behind falls back to the
            moved_from = dataclasses.replace(moved_from, reporter_id=None)  # default rule
            self._deps.store.units.save(moved_from)
        detail: dict[str, AuditValue] = {"moved_from": left} if moved else {}
        if reporter_left:
            detail["reporter_of_left"] = left
        self._deps.audit(
            actor, action, person.id, team_id, name=name, role=person.role.value, **detail
        )
        invite = None if person.joined else self._invites.usable_or_new(actor, person)
        return PersonAdded(
            person, unit, invite, existing is None, unit_created, moved, moved_from, reporter_left
        )

    def _person_for(
        self,
        team_id: str,
        row: RosterRow,
        name: str,
        unit: Unit | None,
        principal: Person | None,
        existing: Person | None,
    ) -> Person:
        fields: dict[str, object] = {
            "name": name,
            "role": row.role,
            "unit_id": unit.id if unit else None,
            "phone": row.phone or (existing.phone if existing else None),
            "on_behalf_of": principal.id if principal else None,
            "active": True,
        }
        if existing is not None:
            if existing.unit_id != fields["unit_id"]:  # moved: counts under the new unit from now
                fields["unit_since"] = self._deps.now()
                fields["unit_before"] = existing.unit_id
            return dataclasses.replace(existing, **fields)  # type: ignore[arg-type]
        return Person(id=new_id("p"), team_id=team_id, **fields)  # type: ignore[arg-type]

    def _principal(self, team_id: str, row: RosterRow) -> Person | None:
        if row.role is not Role.LIAISON:
            return None
        if not row.on_behalf_of:
            raise InvalidInput("err.principal_required")
        ref = row.on_behalf_of.strip()
        byid = self._deps.store.people.get(ref)
        if byid is not None and byid.team_id == team_id and byid.active:
            return byid
        matches = named(self._deps.store.people.for_team(team_id), ref)
        matches = [p for p in matches if p.role is not Role.LIAISON]
        if not matches:
            raise NotFound("err.principal_not_found", name=ref)
        if len(matches) > 1:
            units = self._deps.store.units.for_team(team_id)
            candidates = "、".join(describe(p, units) for p in matches)
            raise InvalidInput(
                "err.person_ambiguous", name=ref, count=len(matches), candidates=candidates
            )
        return matches[0]

    def _known(
        self, team_id: str, name: str, unit: Unit | None, phone: str | None
    ) -> Person | None:
        """The person with this name in this unit; else the one person with this name and
        phone (a roster's row naming them in another unit moves them there: 调岗); None when
        neither fits (without a phone, or with several such people: a new person)."""
        key, unit_id = name_key(name), unit.id if unit else None
        digits = _digits(phone) if phone else None
        same_phone: list[Person] = []
        for person in self._deps.store.people.for_team(team_id):
            if name_key(person.name) != key:
                continue
            if person.unit_id == unit_id:
                return person
            if digits and person.phone and _digits(person.phone) == digits:
                same_phone.append(person)
        return same_phone[0] if len(same_phone) == 1 else None

    def unit_for(self, team_id: str, unit_name: str | None) -> tuple[Unit | None, bool]:
        """The team's unit with this name or alias, else a new one (and whether it is new)."""
        name = (unit_name or "").strip()
        if not name:
            return None, False
        _check_name(name)
        for unit in self._deps.store.units.for_team(team_id):
            if name_key(name) in {name_key(unit.name), *(name_key(a) for a in unit.aliases)}:
                return unit, False
        unit = Unit(id=new_id("u"), team_id=team_id, name=name)
        self._deps.store.units.save(unit)
        return unit, True

    def with_aliases(self, unit: Unit, aliases: tuple[str, ...]) -> Unit:
        """The unit with ``aliases`` merged into its own (saved)."""
        merged = clean_names((*unit.aliases, *aliases))
        updated = dataclasses.replace(unit, aliases=merged)
        self._deps.store.units.save(updated)
        return updated


def named(people: Iterable[Person], name: str) -> list[Person]:
    """Active people whose name is ``name`` (ignoring spaces and case)."""
    key = name_key(name)
    return [p for p in people if p.active and name_key(p.name) == key]


def describe(person: Person, units: Iterable[Unit]) -> str:
    """``张三（县发改委）``: the name with the unit, to tell namesakes apart."""
    unit = next((u for u in units if u.id == person.unit_id), None)
    return f"{person.name}（{unit.name}）" if unit is not None else person.name


def _digits(phone: str) -> str:
    """A phone number's digits (``138-0000 0000`` is ``13800000000``)."""
    return "".join(c for c in phone if c.isdigit())


def _check_name(name: str) -> None:
    if not name:
        raise InvalidInput("err.name_required")
    if len(name) > MAX_NAME:
        raise InvalidInput("err.name_too_long", max=MAX_NAME)


def clean_names(names: tuple[str, ...]) -> tuple[str, ...]:
    """Stripped names without blanks or repeats."""
    return tuple(dict.fromkeys(n.strip() for n in names if n.strip()))
