"""Resolving a Telegram account to an :class:`Actor`."""

from __future__ import annotations

from bot.i18n import normalize_language
from bot.services.common.actor import Actor
from bot.services.common.base import Deps
from bot.services.common.permissions import Perm, Scope, scope_of


class AuthService:
    """Who is asking, and what they may do."""

    def __init__(self, deps: Deps) -> None:
        self._deps = deps

    def resolve(self, telegram_id: int, telegram_language: str | None = None) -> Actor:
        """The actor for a Telegram account: admin flag, bound active people, language.

        Language: the person's choice, else the Telegram client's, else the team default.
        A stranger resolves to an actor with no person and not admin.
        """
        people = tuple(p for p in self._deps.store.people.by_telegram_id(telegram_id) if p.active)
        chosen = next((p.language for p in people if p.language), None)
        if chosen is None and telegram_language is None and people:
            chosen = self._deps.settings(people[0].team_id).language
        return Actor(
            telegram_id=telegram_id,
            is_admin=telegram_id in self._deps.admin_ids,
            persons=people,
            language=normalize_language(chosen or telegram_language),
        )

    def can(self, actor: Actor, perm: Perm, team_id: str) -> bool:
        """Whether ``actor`` may do ``perm`` in ``team_id`` at all (for menus; OWN counts)."""
        return scope_of(actor, perm, team_id) is not None

    def scope(self, actor: Actor, perm: Perm, team_id: str) -> Scope | None:
        """How far ``actor`` may do ``perm`` in ``team_id``."""
        return scope_of(actor, perm, team_id)
