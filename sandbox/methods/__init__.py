"""The Bot API methods the sandbox implements, grouped by area; names are case-insensitive."""

from __future__ import annotations

from sandbox.methods import chats, commands, media, messages, polling
from sandbox.methods.base import ApiCall, Described, Handler

METHODS: dict[str, Handler] = {
    **messages.METHODS,
    **media.METHODS,
    **chats.METHODS,
    **commands.METHODS,
    **polling.METHODS,
}
_BY_LOWER = {name.lower(): (name, handler) for name, handler in METHODS.items()}


def find_method(name: str) -> tuple[str, Handler] | None:
    """The official name and implementation of a method, matched case-insensitively."""
    return _BY_LOWER.get(name.lower())


__all__ = ["METHODS", "ApiCall", "Described", "Handler", "find_method"]
