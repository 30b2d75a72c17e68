"""Who is asking: the Telegram account, its admin flag and the person(s) bound to it."""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.people import Person, Role


@dataclass(frozen=True, slots=True)
class Actor:
    """The caller of a service method, resolved once per update by ``auth.resolve``.

    ``persons`` holds one bound person per team (usually one in all). A stranger has none and is
    not admin. ``system`` marks the bot itself (scheduled jobs, delivery failures).
    """

    telegram_id: int | None
    is_admin: bool = False
    persons: tuple[Person, ...] = ()
    language: str = "zh"
    system: bool = False

    @property
    def person(self) -> Person | None:
        """The first (usually only) bound person."""
        return self.persons[0] if self.persons else None

    @property
    def team_id(self) -> str | None:
        """The actor's default team: that of the first bound person."""
        return self.persons[0].team_id if self.persons else None

    @property
    def known(self) -> bool:
        """An admin, the bot, or someone bound to a person: not a stranger."""
        return self.is_admin or self.system or bool(self.persons)

    @property
    def person_id(self) -> str | None:
        """The first bound person's id (for audit rows)."""
        return self.persons[0].id if self.persons else None

    def person_in(self, team_id: str) -> Person | None:
        """The actor's person in ``team_id``, if any."""
        return next((p for p in self.persons if p.team_id == team_id), None)

    def role_in(self, team_id: str) -> Role | None:
        """The bound person's role in ``team_id`` (admin rights are checked separately)."""
        person = self.person_in(team_id)
        return person.role if person is not None else None


#: The bot itself, for jobs and delivery bookkeeping (e.g. marking a person unreachable).
SYSTEM = Actor(telegram_id=None, system=True)
