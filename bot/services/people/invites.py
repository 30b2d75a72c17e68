"""Personal deep-link invites: single-use, expiring, revocable, regenerable; and joining."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from bot.domain.audit import Action
from bot.domain.ids import new_token
from bot.domain.people import Invite, Person, Team, Unit
from bot.i18n import LANGUAGES, normalize_language
from bot.services.common.actor import Actor
from bot.services.common.base import Deps
from bot.services.common.errors import Conflict, NotFound
from bot.services.tasks.views import TaskService, TaskSummary


@dataclass(frozen=True, slots=True)
class JoinResult:
    """A Telegram account bound to a person: who they are, their team and their tasks."""

    person: Person
    team: Team
    unit: Unit | None
    tasks: tuple[TaskSummary, ...]
    principal: Person | None = None  # for a liaison: whom they report for
    already: bool = False  # the same account opened its own used link again


@dataclass(frozen=True, slots=True)
class InviteIssued:
    """A fresh invite for someone named by the lead (every older usable one was revoked)."""

    person: Person
    unit: Unit | None
    invite: Invite


@dataclass(frozen=True, slots=True)
class InvitesRevoked:
    """The invites of someone named by the lead that stopped working."""

    person: Person
    unit: Unit | None
    count: int


@dataclass(frozen=True, slots=True)
class PendingJoin:
    """Someone who has not joined yet, and the invite to hand them (None: none usable)."""

    person: Person
    unit: Unit | None
    invite: Invite | None


class InviteService:
    """Invites and joining; used by :class:`~bot.services.people.members.PeopleService`."""

    def __init__(self, deps: Deps, tasks: TaskService) -> None:
        self._deps = deps
        self._tasks = tasks

    def usable(self, person: Person) -> Invite | None:
        """The person's newest usable invite."""
        now = self._deps.now()
        invites = [i for i in self._deps.store.invites.for_person(person.id) if i.usable(now)]
        return invites[-1] if invites else None

    def usable_or_new(self, actor: Actor, person: Person) -> Invite:
        """The person's usable invite, or a new one."""
        return self.usable(person) or self._create(actor, person)

    def regenerate(self, actor: Actor, person: Person) -> Invite:
        """Revoke every usable invite of the person and make a new one."""
        if person.joined:
            raise Conflict("err.already_joined", name=person.name)
        self.revoke_all(actor, person)
        return self._create(actor, person)

    def revoke_all(self, actor: Actor, person: Person) -> int:
        """Revoke the person's usable invites; returns how many."""
        now = self._deps.now()
        revoked = 0
        for invite in self._deps.store.invites.for_person(person.id):
            if invite.usable(now):
                self._deps.store.invites.save(dataclasses.replace(invite, revoked_at=now))
                self._deps.audit(actor, Action.INVITE_REVOKED, person.id, person.team_id)
                revoked += 1
        return revoked

    def pending(self, team_id: str) -> tuple[PendingJoin, ...]:
        """Active, not joined people of the team, with their usable invite."""
        return tuple(
            PendingJoin(p, self._unit(p), self.usable(p))
            for p in self._deps.store.people.for_team(team_id)
            if p.active and not p.joined
        )

    def ensure_pending(self, actor: Actor, team_id: str) -> tuple[PendingJoin, ...]:
        """:meth:`pending`, creating invites where none is usable."""
        return tuple(
            PendingJoin(p.person, p.unit, p.invite or self._create(actor, p.person))
            for p in self.pending(team_id)
        )

    def join(self, telegram_id: int, token: str, telegram_language: str | None) -> JoinResult:
        """Bind ``telegram_id`` to the invite's person, refusing unusable tokens distinctly."""
        invite = self._deps.store.invites.get(token.strip())
        if invite is None:
            raise NotFound("err.invite_unknown")
        person = self._deps.person(invite.person_id)
        if person.telegram_id == telegram_id and invite.used_at is not None:
            return self._result(person, already=True)
        self._refuse_unusable(invite, person, telegram_id)
        now = self._deps.now()
        language = person.language
        if language is None and telegram_language:
            language = normalize_language(telegram_language)
        joined = dataclasses.replace(
            person,
            telegram_id=telegram_id,
            joined_at=now,
            unreachable_since=None,
            language=language if language in LANGUAGES else None,
        )
        joiner = Actor(telegram_id=telegram_id, persons=(joined,))
        with self._deps.store.atomic():
            self._deps.store.people.save(joined)
            self._deps.store.invites.save(dataclasses.replace(invite, used_at=now))
            self._deps.audit(joiner, Action.PERSON_JOINED, person.id, person.team_id)
        return self._result(joined)

    def _refuse_unusable(self, invite: Invite, person: Person, telegram_id: int) -> None:
        now = self._deps.now()
        if invite.revoked_at is not None:
            raise Conflict("err.invite_revoked")
        if invite.used_at is not None:
            raise Conflict("err.invite_used")
        if now >= invite.expires_at:
            raise Conflict("err.invite_expired")
        if not person.active:
            raise Conflict("err.person_inactive")
        if person.telegram_id is not None and person.telegram_id != telegram_id:
            raise Conflict("err.person_bound_elsewhere")
        for other in self._deps.store.people.by_telegram_id(telegram_id):
            if other.team_id == person.team_id and other.id != person.id and other.active:
                raise Conflict("err.account_bound_in_team", name=other.name)

    def _result(self, person: Person, *, already: bool = False) -> JoinResult:
        principal = (
            self._deps.store.people.get(person.on_behalf_of) if person.on_behalf_of else None
        )
        return JoinResult(
            person=person,
            team=self._deps.team(person.team_id),
            unit=self._unit(person),
            tasks=self._tasks.open_tasks_of(person),
            principal=principal,
            already=already,
        )

    def _create(self, actor: Actor, person: Person) -> Invite:
        now = self._deps.now()
        invite = Invite(
            token=new_token(),
            team_id=person.team_id,
            person_id=person.id,
            created_at=now,
            expires_at=now + self._deps.invite_ttl,
            created_by=actor.person_id,
        )
        self._deps.store.invites.save(invite)
        self._deps.audit(actor, Action.INVITE_CREATED, person.id, person.team_id)
        return invite

    def unit(self, person: Person) -> Unit | None:
        """The person's unit, if any."""
        return self._unit(person)

    def _unit(self, person: Person) -> Unit | None:
        return self._deps.store.units.get(person.unit_id) if person.unit_id else None
