"""People of a team: adding them (one by one or by roster), units, listings, language."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from bot.domain.audit import Action
from bot.domain.people import Invite, Person, Role, Unit, Unreachable
from bot.i18n import LANGUAGES
from bot.rhythm.parties import unit_reporter
from bot.rhythm.snapshot import load_snapshot
from bot.services.assignment.rows import Assigner
from bot.services.common.actor import Actor
from bot.services.common.base import Deps, Page, paginate
from bot.services.common.errors import InvalidInput, NotAllowed, ServiceError
from bot.services.common.permissions import Perm, check, require_known
from bot.services.people.invites import (
    InviteIssued,
    InviteService,
    InvitesRevoked,
    JoinResult,
    PendingJoin,
)
from bot.services.people.names import person_by_ref
from bot.services.people.onboarding import Onboarding, PersonAdded, clean_names
from bot.services.people.roster import RosterError, RosterRow, parse_person_line, parse_roster
from bot.services.tasks.views import TaskService

__all__ = [
    "InviteIssued",
    "InvitesRevoked",
    "PeopleService",
    "PersonAdded",
    "RosterResult",
    "RowError",
    "UnitReporter",
]


@dataclass(frozen=True, slots=True)
class RowError:
    """A roster row that could not be taken, and why (an error code with params)."""

    row: int
    code: str
    params: dict[str, object]


@dataclass(frozen=True, slots=True)
class RosterResult:
    """What a roster upload did: rows added, updated, refused; units created on the fly."""

    added: tuple[PersonAdded, ...]
    updated: tuple[PersonAdded, ...]
    errors: tuple[RowError, ...]
    units_created: tuple[Unit, ...]


@dataclass(frozen=True, slots=True)
class UnitReporter:
    """Who answers for a unit (填报人), and whether the lead named them."""

    unit: Unit
    person: Person | None
    named: bool


class PeopleService:
    """Onboarding, roster, units, invites and joining, reachability, language."""

    def __init__(self, deps: Deps, tasks: TaskService) -> None:
        self._deps = deps
        self._invites = InviteService(deps, tasks)
        self._onboard = Onboarding(deps, self._invites)
        self._assigner = Assigner(deps)

    # -- adding people ------------------------------------------------------------------------

    def add(self, actor: Actor, team_id: str, row: RosterRow) -> PersonAdded:
        """Add the person ``row`` names (or update the one with the same name and unit, else
        move the one with the same name and phone from another unit: 调岗) and invite them.

        Its ``on_behalf_of`` names (or is the id of) the person a liaison reports for. Only
        admins may add leads.
        """
        self._check_manage(actor, team_id, row.role)
        with self._deps.store.atomic():
            return self._onboard.take_row(actor, team_id, row)

    def add_from_line(self, actor: Actor, team_id: str, line: str) -> PersonAdded:
        """Add a person from a line such as ``张三 县发改委 责任人 13800000000``."""
        check(actor, Perm.PEOPLE_MANAGE, team_id)
        return self.add(actor, team_id, parse_person_line(line))

    def import_roster(
        self, actor: Actor, team_id: str, data: bytes, filename: str
    ) -> RosterResult:
        """Add or update everyone in a roster (.xlsx/.csv); bad rows are reported, not fatal."""
        check(actor, Perm.PEOPLE_MANAGE, team_id)
        self._deps.team(team_id)
        return self.take_roster(actor, team_id, *parse_roster(data, filename))

    def take_roster(
        self, actor: Actor, team_id: str, rows: list[RosterRow], errors: list[RosterError]
    ) -> RosterResult:
        """Add or update everyone of a roster already read (``parse_roster``, which may run
        off the event loop); bad rows are reported, not fatal."""
        check(actor, Perm.PEOPLE_MANAGE, team_id)
        self._deps.team(team_id)
        added: list[PersonAdded] = []
        updated: list[PersonAdded] = []
        row_errors = [RowError(e.row, e.code, e.params) for e in errors]
        # principals first, so liaison rows can name people further down the sheet
        ordered = sorted(rows, key=lambda r: r.role is Role.LIAISON)
        with self._deps.store.atomic():
            for row in ordered:
                try:
                    self._check_manage(actor, team_id, row.role)
                    result = self._onboard.take_row(actor, team_id, row)
                except ServiceError as err:
                    row_errors.append(RowError(row.row, err.code, err.params))
                    continue
                (added if result.created else updated).append(result)
        created_units = {
            r.unit.id: r.unit for r in (*added, *updated) if r.unit_created and r.unit
        }
        return RosterResult(
            tuple(added),
            tuple(updated),
            tuple(sorted(row_errors, key=lambda e: e.row)),
            tuple(created_units.values()),
        )

    def deactivate(self, actor: Actor, person_id: str) -> Person:
        """Deactivate a person (kept for history); their invites are revoked and their direct
        assignments ended, so the tasks show up as needing an assignee."""
        person = self._person(actor, person_id)
        self._check_manage(actor, person.team_id, person.role)
        updated = dataclasses.replace(person, active=False)
        with self._deps.store.atomic():
            self._deps.store.people.save(updated)
            self._invites.revoke_all(actor, updated)
            for row in self._deps.store.assignments.for_person(person.id):
                if row.active:
                    self._assigner.end(actor, row)
            self._deps.audit(actor, Action.PERSON_UPDATED, person.id, person.team_id, active=False)
        return updated

    # -- listings -----------------------------------------------------------------------------

    def list(self, actor: Actor, team_id: str, page: int = 0, page_size: int = 10) -> Page[Person]:
        """The team's active people, by role then name, one page."""
        check(actor, Perm.PEOPLE_VIEW, team_id)
        order = list(Role)
        people = sorted(
            (p for p in self._deps.store.people.for_team(team_id) if p.active),
            key=lambda p: (order.index(p.role), p.name),
        )
        return paginate(people, page, page_size)

    def get(self, actor: Actor, person_id: str) -> Person:
        """One person of the actor's team."""
        person = self._person(actor, person_id)
        if actor.person_in(person.team_id) != person:
            check(actor, Perm.PEOPLE_VIEW, person.team_id)
        return person

    def units(self, actor: Actor, team_id: str) -> tuple[Unit, ...]:
        """The team's units, in the team's order (the roster's: each unit where it first came)."""
        check(actor, Perm.PLAN_VIEW, team_id)
        return tuple(self._deps.store.units.for_team(team_id))

    def units_page(
        self, actor: Actor, team_id: str, page: int = 0, page_size: int = 10
    ) -> Page[Unit]:
        """The team's units, one page (for pickers)."""
        return paginate(self.units(actor, team_id), page, page_size)

    def add_unit(
        self, actor: Actor, team_id: str, name: str, aliases: tuple[str, ...] = ()
    ) -> Unit:
        """Add a unit (or return the one with that name, with aliases merged)."""
        check(actor, Perm.PEOPLE_MANAGE, team_id)
        with self._deps.store.atomic():
            unit, _ = self._onboard.unit_for(team_id, name)
            assert unit is not None
            if aliases:
                unit = self._onboard.with_aliases(unit, aliases)
        return unit

    def set_unit_aliases(self, actor: Actor, unit_id: str, aliases: tuple[str, ...]) -> Unit:
        """Replace a unit's aliases (other names plan texts use for it)."""
        require_known(actor)
        unit = self._deps.unit(unit_id, actor=actor)
        check(actor, Perm.PEOPLE_MANAGE, unit.team_id)
        updated = dataclasses.replace(unit, aliases=clean_names(aliases))
        self._deps.store.units.save(updated)
        return updated

    def reporters(self, actor: Actor, team_id: str) -> tuple[UnitReporter, ...]:
        """Each unit's reporter (填报人): who answers for it each cycle, and whether the lead
        named them or the default rule chose them (:func:`bot.rhythm.parties.unit_reporter`)."""
        check(actor, Perm.PEOPLE_VIEW, team_id)
        snapshot = load_snapshot(self._deps.store, team_id, lambda _snapshot: [])  # no prompts
        return tuple(
            UnitReporter(unit, unit_reporter(snapshot, unit.id), unit.reporter_id is not None)
            for unit in snapshot.units
        )

    def set_reporter(self, actor: Actor, team_id: str, ref: str) -> UnitReporter:
        """``/reporter 姓名``: the person answers for their unit from now on (an active official
        or liaison of a unit); the unit's other members may still add to its answers."""
        person = self._named(actor, team_id, ref)
        if person.unit_id is None or person.role not in (Role.OFFICIAL, Role.LIAISON):
            raise InvalidInput("err.reporter_not_eligible", name=person.name)
        unit = dataclasses.replace(self._deps.unit(person.unit_id), reporter_id=person.id)
        with self._deps.store.atomic():
            self._deps.store.units.save(unit)
            self._deps.audit(actor, Action.PERSON_UPDATED, person.id, team_id, reporter_of=unit.id)
        return UnitReporter(unit, person, named=True)

    # -- invites and joining (delegated) --------------------------------------------------------

    @staticmethod
    def deep_link(bot_username: str, token: str) -> str:
        """The personal deep link ``https://t.me/<bot>?start=<token>``."""
        return f"https://t.me/{bot_username.lstrip('@')}?start={token}"

    def invite(self, actor: Actor, person_id: str) -> Invite:
        """A fresh invite for the person; every earlier usable one is revoked."""
        person = self._person(actor, person_id)
        self._check_manage(actor, person.team_id, person.role)
        with self._deps.store.atomic():
            return self._invites.regenerate(actor, person)

    def revoke_invites(self, actor: Actor, person_id: str) -> int:
        """Revoke the person's usable invites; returns how many."""
        person = self._person(actor, person_id)
        self._check_manage(actor, person.team_id, person.role)
        with self._deps.store.atomic():
            return self._invites.revoke_all(actor, person)

    def invite_by_ref(self, actor: Actor, team_id: str, ref: str) -> InviteIssued:
        """``/invite 张三 [单位]``: a fresh invite for the one person ``ref`` names."""
        person = self._named(actor, team_id, ref)
        invite = self.invite(actor, person.id)
        return InviteIssued(person, self._invites.unit(person), invite)

    def revoke_by_ref(self, actor: Actor, team_id: str, ref: str) -> InvitesRevoked:
        """``/revoke 张三 [单位]``: every usable invite of the one person ``ref`` names."""
        person = self._named(actor, team_id, ref)
        count = self.revoke_invites(actor, person.id)
        return InvitesRevoked(person, self._invites.unit(person), count)

    def join(
        self, telegram_id: int, token: str, telegram_language: str | None = None
    ) -> JoinResult:
        """Bind a Telegram account through a deep-link token (``/start <token>``)."""
        return self._invites.join(telegram_id, token, telegram_language)

    def pending(self, actor: Actor, team_id: str) -> tuple[PendingJoin, ...]:
        """Active people who have not joined yet, with their current usable invite (if any)."""
        check(actor, Perm.PEOPLE_VIEW, team_id)
        return self._invites.pending(team_id)

    def invite_pending(self, actor: Actor, team_id: str) -> tuple[PendingJoin, ...]:
        """Like :meth:`pending`, making a fresh invite for whoever has no usable one."""
        check(actor, Perm.PEOPLE_MANAGE, team_id)
        with self._deps.store.atomic():
            return self._invites.ensure_pending(actor, team_id)

    # -- reachability and language --------------------------------------------------------------

    def mark_unreachable(
        self, actor: Actor, person_id: str, why: Unreachable | None = None
    ) -> Person:
        """Record that a send to the person failed, with why as Telegram said (blocked, account
        deleted, chat not found, never started); a marked person's newer cause replaces the
        older one, the mark keeps its time."""
        person = self._person(actor, person_id)
        check(actor, Perm.PEOPLE_MANAGE, person.team_id)
        if person.unreachable_since is not None and (why is None or why == person.unreachable_why):
            return person
        since = person.unreachable_since or self._deps.now()
        updated = dataclasses.replace(person, unreachable_since=since, unreachable_why=why)
        with self._deps.store.atomic():
            self._deps.store.people.save(updated)
            self._deps.audit(
                actor,
                Action.PERSON_UNREACHABLE,
                person.id,
                person.team_id,
                why=why.value if why else None,
            )
        return updated

    def mark_reachable(self, actor: Actor, person_id: str) -> Person:
        """Clear the unreachable mark (the person wrote to the bot again).

        Allowed to the person themself, the team's leads, admins and the bot.
        """
        person = self._person(actor, person_id)
        if person not in actor.persons:
            check(actor, Perm.PEOPLE_MANAGE, person.team_id)
        if person.unreachable_since is None:
            return person
        updated = dataclasses.replace(person, unreachable_since=None, unreachable_why=None)
        with self._deps.store.atomic():
            self._deps.store.people.save(updated)
            self._deps.audit(
                actor, Action.PERSON_UPDATED, person.id, person.team_id, reachable=True
            )
        return updated

    def reachable_again(self, actor: Actor) -> tuple[Person, ...]:
        """The actor unblocked the bot (Telegram reports it): each of their people marked
        unreachable is cleared, so the rhythm writes to them again. Returns those cleared."""
        require_known(actor)
        return tuple(
            self.mark_reachable(actor, person.id)
            for person in actor.persons
            if person.unreachable_since is not None
        )

    def set_language(self, actor: Actor, language: str) -> tuple[Person, ...]:
        """Set the actor's language (``zh`` or ``en``) on every person bound to them."""
        require_known(actor)
        if language not in LANGUAGES:
            raise InvalidInput("err.language_unknown", language=language)
        updated = tuple(dataclasses.replace(p, language=language) for p in actor.persons)
        with self._deps.store.atomic():
            for person in updated:
                self._deps.store.people.save(person)
        return updated

    # -- internals ----------------------------------------------------------------------------

    def _person(self, actor: Actor, person_id: str) -> Person:
        """The person, looked up only for an actor who is no stranger (ids reveal nothing)."""
        require_known(actor)
        return self._deps.person(person_id, actor=actor)

    def _named(self, actor: Actor, team_id: str, ref: str) -> Person:
        check(actor, Perm.PEOPLE_MANAGE, team_id)
        return person_by_ref(self._deps.store, team_id, ref)

    def _check_manage(self, actor: Actor, team_id: str, role: Role) -> None:
        check(actor, Perm.PEOPLE_MANAGE, team_id)
        if role in (Role.LEAD, Role.ADMIN):
            if role is Role.ADMIN:
                raise InvalidInput("err.role_unknown", role=role.value)
            if not (actor.is_admin or actor.system):
                raise NotAllowed("err.role_forbidden", role=role.value)
