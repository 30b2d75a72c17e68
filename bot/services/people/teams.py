"""Teams (supervision offices), their leads, leaders' group chat and settings."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.domain.audit import Action, AuditValue
from bot.domain.ids import new_id
from bot.domain.people import Invite, Person, Role, Team, Unit
from bot.domain.settings import SETTING_RANGES, TeamSettings, settings_problem
from bot.i18n import LANGUAGES
from bot.services.common.actor import SYSTEM, Actor
from bot.services.common.base import Deps
from bot.services.common.errors import Conflict, InvalidInput, NotAllowed
from bot.services.common.permissions import Perm, check, require_known
from bot.services.people.members import PeopleService
from bot.services.people.roster import RosterRow

MAX_TEAM_NAME = 60

#: Why a team's whole settings cannot run (a message key), or None: the schedule's dry run.
SettingsCheck = Callable[[TeamSettings], str | None]


@dataclass(frozen=True, slots=True)
class TeamCreated:
    """A new team and its default settings."""

    team: Team
    settings: TeamSettings


@dataclass(frozen=True, slots=True)
class LeadAdded:
    """A lead added to a team (or updated: same name and unit), with the invite to hand them."""

    team: Team
    person: Person
    invite: Invite | None  # None if the person had already joined
    unit: Unit | None = None
    created: bool = True


@dataclass(frozen=True, slots=True)
class GroupLost:
    """A team whose leaders' group the bot was removed from, with the leads to tell."""

    team: Team
    leads: tuple[Person, ...]  # joined and active
    language: str  # the team's, for leads who chose none


@dataclass(frozen=True, slots=True)
class LeadersGroup:
    """The team whose leaders' group a chat is, and the team's language (the group's)."""

    team: Team
    language: str


class TeamService:
    """Create teams, make leads, set the leaders' group and team settings."""

    def __init__(
        self, deps: Deps, people: PeopleService, check_settings: SettingsCheck = settings_problem
    ) -> None:
        self._deps = deps
        self._people = people
        self._check_settings = check_settings

    def create(self, actor: Actor, name: str, *, language: str | None = None) -> TeamCreated:
        """Create a team with default settings (admins only); the team's language (digest,
        review, ledger, group menu) is ``language`` (the deployment's ``DUBAN_LANGUAGE``)."""
        require_known(actor)
        if not actor.is_admin:
            raise NotAllowed("err.not_allowed", action=Perm.TEAM_CREATE.value)
        name = name.strip()
        if not name:
            raise InvalidInput("err.team_name_required")
        if len(name) > MAX_TEAM_NAME:
            raise InvalidInput("err.name_too_long", max=MAX_TEAM_NAME)
        if any(t.name == name for t in self._deps.store.teams.all()):
            raise Conflict("err.team_exists", name=name)
        team = Team(id=new_id("t"), name=name, created_at=self._deps.now())
        settings = TeamSettings(team_id=team.id)
        if language is not None:
            settings = dataclasses.replace(settings, **_validated({"language": language}))
        with self._deps.store.atomic():
            self._deps.store.teams.save(team)
            self._deps.store.settings.save(settings)
            self._deps.audit(actor, Action.TEAM_CREATED, team.id, team.id, name=name)
        return TeamCreated(team, settings)

    def add_lead(
        self,
        actor: Actor,
        team_id: str,
        name: str,
        unit: str | None = None,
        *,
        phone: str | None = None,
    ) -> LeadAdded:
        """Add a lead (督办员), of ``unit`` if given, with an invite (admins only).

        ``/addlead <name> [unit]``; a lead with the same name and unit is updated, not doubled.
        """
        require_known(actor)
        if actor.person_in(team_id) is not None and not (actor.is_admin or actor.system):
            raise NotAllowed("err.role_forbidden", role=Role.LEAD.value)  # say who may
        check(actor, Perm.TEAM_ADD_LEAD, team_id)
        team = self._deps.team(team_id)
        added = self._people.add(
            actor, team_id, RosterRow.typed(name, unit, Role.LEAD, phone=phone)
        )
        return LeadAdded(team, added.person, added.invite, added.unit, added.created)

    def list(self, actor: Actor) -> tuple[Team, ...]:
        """Every team for an admin; the actor's own teams for others."""
        require_known(actor)
        if actor.is_admin or actor.system:
            return tuple(self._deps.store.teams.all())
        return tuple(self._deps.team(p.team_id) for p in actor.persons)

    def get(self, actor: Actor, team_id: str) -> Team:
        """One team the actor belongs to (or any, for admins)."""
        check(actor, Perm.TEAM_VIEW, team_id)
        return self._deps.team(team_id)

    def set_group(
        self, actor: Actor, team_id: str, chat_id: int | None, thread: int | None = None
    ) -> Team:
        """Set (or clear, with None) the leaders' group chat that receives the digest, and the
        forum topic in it (``thread``, None: General) the rhythm's messages go to."""
        check(actor, Perm.TEAM_SET_GROUP, team_id)
        if chat_id is not None and chat_id >= 0:
            raise InvalidInput("err.chat_invalid", chat=chat_id)
        thread = thread if chat_id is not None else None
        team = dataclasses.replace(
            self._deps.team(team_id), group_chat_id=chat_id, group_thread_id=thread
        )
        with self._deps.store.atomic():
            self._deps.store.teams.save(team)
            self._deps.audit(
                actor,
                Action.SETTINGS_CHANGED,
                team_id,
                team_id,
                group_chat_id=chat_id,
                group_thread_id=thread,
            )
        return team

    def forget_topic(self, chat_id: int, thread: int) -> tuple[Team, ...]:
        """A leaders' group's forum topic is gone (Telegram says so when a send names it): the
        teams that sent there use General from now on. Audited as the system's; returns the
        teams changed."""
        gone = tuple(
            dataclasses.replace(team, group_thread_id=None)
            for team in self._deps.store.teams.all()
            if team.group_chat_id == chat_id and team.group_thread_id == thread
        )
        self._changed_by_telegram(gone, group_thread_id=None)
        return gone

    def follow_group(self, old_chat_id: int, new_chat_id: int) -> tuple[Team, ...]:
        """A leaders' group became a supergroup (Telegram gives it a new id): every team whose
        group it was follows it. Telegram reports the move, so no one's permission is asked;
        the change is audited as the system's. Returns the teams that moved (none if the group
        was no team's, or they already follow it)."""
        if old_chat_id == new_chat_id or new_chat_id >= 0:
            return ()
        moved = tuple(  # a basic group has no topics
            dataclasses.replace(team, group_chat_id=new_chat_id, group_thread_id=None)
            for team in self._deps.store.teams.all()
            if team.group_chat_id == old_chat_id
        )
        self._changed_by_telegram(moved, group_chat_id=new_chat_id)
        return moved

    def _changed_by_telegram(self, teams: tuple[Team, ...], **detail: AuditValue) -> None:
        """Save teams whose leaders' group Telegram changed, each audited as the system's
        settings change with ``detail``."""
        with self._deps.store.atomic():
            for team in teams:
                self._deps.store.teams.save(team)
                self._deps.audit(SYSTEM, Action.SETTINGS_CHANGED, team.id, team.id, **detail)

    def of_group(self, chat_id: int) -> LeadersGroup | None:
        """The team whose leaders' group ``chat_id`` is, if any. Asked by anyone in the group:
        its members already see the team's name on every digest."""
        team = next((t for t in self._deps.store.teams.all() if t.group_chat_id == chat_id), None)
        if team is None:
            return None
        return LeadersGroup(team, self._deps.settings(team.id).language)

    def group_lost(self, chat_id: int) -> tuple[GroupLost, ...]:
        """The bot was removed from group ``chat_id``, or restricted there (Telegram reports
        it): the teams whose leaders' group it is, with their leads. The group stays set, so
        adding the bot back (lifting the restriction) is enough to resume."""
        return tuple(
            GroupLost(team, self._leads(team.id), self._deps.settings(team.id).language)
            for team in self._deps.store.teams.all()
            if team.group_chat_id == chat_id
        )

    def _leads(self, team_id: str) -> tuple[Person, ...]:
        return tuple(
            p
            for p in self._deps.store.people.for_team(team_id)
            if p.role is Role.LEAD and p.active and p.joined
        )

    def settings(self, actor: Actor, team_id: str) -> TeamSettings:
        """The team's settings."""
        check(actor, Perm.TEAM_VIEW, team_id)
        return self._deps.settings(team_id)

    def update_settings(self, actor: Actor, team_id: str, **changes: object) -> TeamSettings:
        """Change settings fields by name; each change is audited. Refused unless each value is
        valid and the settings as changed can run (a prompt on a Saturday, say, is refused here
        rather than found out by the jobs)."""
        check(actor, Perm.TEAM_SETTINGS, team_id)
        current = self._deps.settings(team_id)
        updated = _pause_recorded(
            current, dataclasses.replace(current, **_validated(changes)), self._deps.now()
        )
        problem = self._check_settings(updated)
        if problem is not None:
            raise InvalidInput(problem, field=", ".join(changes))
        with self._deps.store.atomic():
            self._deps.store.settings.save(updated)
            for key, value in changes.items():
                self._deps.audit(
                    actor, Action.SETTINGS_CHANGED, team_id, team_id, field=key, value=str(value)
                )
        return updated


#: Settings recorded by the service, never set by name.
_RECORDED = frozenset({"team_id", "paused_from", "resumed_at"})

_FIELD_TYPES: dict[str, type] = {
    f.name: type(f.default) for f in dataclasses.fields(TeamSettings) if f.name not in _RECORDED
}


def _pause_recorded(before: TeamSettings, after: TeamSettings, now: datetime) -> TeamSettings:
    """``after`` with the moment its rhythm was paused or resumed, when that changed."""
    if after.paused and not before.paused:
        return dataclasses.replace(after, paused_from=now)
    if before.paused and not after.paused:
        return dataclasses.replace(after, resumed_at=now)
    return after


def _validated(changes: dict[str, object]) -> dict[str, Any]:
    for key, value in changes.items():
        expected = _FIELD_TYPES.get(key)
        if expected is None or not _valid(key, value, expected):
            raise InvalidInput("err.settings_invalid", field=key)
    return dict(changes)


def _valid(key: str, value: object, expected: type) -> bool:
    if key == "language":
        return value in LANGUAGES
    if expected is int:
        allowed = SETTING_RANGES.get(key, range(0))
        return isinstance(value, int) and not isinstance(value, bool) and value in allowed
    return isinstance(value, expected)
