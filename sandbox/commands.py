"""The bot's command menus per scope and language, and which one a user gets to see."""

from __future__ import annotations

from typing import Any

from sandbox.model import ChatRecord

ScopeKey = tuple[str, "int | str | None", "int | None"]
Command = dict[str, str]
DEFAULT_SCOPE: ScopeKey = ("default", None, None)


def scope_key(scope: dict[str, Any] | None) -> ScopeKey:
    """A hashable key for a ``BotCommandScope`` object (``None`` means the default scope)."""
    if not scope:
        return DEFAULT_SCOPE
    chat_id = scope.get("chat_id")
    if isinstance(chat_id, str) and chat_id.lstrip("-").isdigit():
        chat_id = int(chat_id)
    user_id = scope.get("user_id")
    return (str(scope.get("type", "default")), chat_id, int(user_id) if user_id else None)


class CommandStore:
    """Command lists set with ``setMyCommands``, by scope and language code."""

    def __init__(self) -> None:
        self._menus: dict[tuple[ScopeKey, str], list[Command]] = {}

    def set(self, scope: ScopeKey, language: str, commands: list[Command]) -> None:
        """Replace a menu; an empty list deletes it."""
        if commands:
            self._menus[(scope, language)] = list(commands)
        else:
            self.delete(scope, language)

    def get(self, scope: ScopeKey, language: str) -> list[Command]:
        """Exactly the menu of this scope and language (what ``getMyCommands`` answers)."""
        return list(self._menus.get((scope, language), []))

    def delete(self, scope: ScopeKey, language: str) -> None:
        """Remove a menu."""
        self._menus.pop((scope, language), None)

    def visible(
        self, chat: ChatRecord, user_id: int, language: str | None, *, is_admin: bool = False
    ) -> list[Command]:
        """The menu a user's client shows in ``chat``, resolved as Telegram documents it."""
        for scope in _resolution_order(chat, user_id, is_admin):
            for code in ([language] if language else []) + [""]:
                menu = self._menus.get((scope, code))
                if menu:
                    return list(menu)
        return []


def _resolution_order(chat: ChatRecord, user_id: int, is_admin: bool) -> list[ScopeKey]:
    if chat.is_private:
        return [("chat", chat.id, None), ("all_private_chats", None, None), DEFAULT_SCOPE]
    order: list[ScopeKey] = [("chat_member", chat.id, user_id)]
    if is_admin:
        order.append(("chat_administrators", chat.id, None))
    order.append(("chat", chat.id, None))
    if is_admin:
        order.append(("all_chat_administrators", None, None))
    return [*order, ("all_group_chats", None, None), DEFAULT_SCOPE]
