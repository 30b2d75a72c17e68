"""Buttons: each kind declared once, each press decoded once.

A kind's data class (``bot.callbacks``) carries its prefix and its 64-byte encoding; its
handler is declared with :func:`button`, which names the kind and the permission the press
exercises (a row of ``bot.services.common.permissions.TABLE``, or ``None`` for the few anyone may
press). The composition root registers one ``CallbackQueryHandler`` for :func:`dispatch`,
which decodes the press once and hands the typed data to the handler. Data that decodes to
nothing (forged, garbage, or from an old version) is answered "this button has expired" here
and nowhere else.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from telegram import Update

from bot.callbacks import KINDS, ButtonData, decode
from bot.context import Context
from bot.handlers.common import actor_of, answer, language_of, settle
from bot.render.common import render_expired
from bot.services import NotAllowed, Perm

#: What a handler reads of the data: its kind, or a protocol several kinds share.
D = TypeVar("D")

#: A button's handler: the update, the context and the pressed data; it may return a toast.
ButtonBody = Callable[[Update, Context, D], Awaitable[str | None]]


@dataclass(frozen=True, slots=True)
class Button(Generic[D]):
    """One declared kind: its data class, the permission a press exercises, its handler."""

    kind: type[D]
    perm: Perm | None  # None: anyone may press it (the services still check what it shows)
    handler: ButtonBody[D]


_DECLARED: dict[type, Button[Any]] = {}


def button(kind: type[D], perm: Perm | None) -> Callable[[ButtonBody[D]], ButtonBody[D]]:
    """Declare ``kind``'s handler and the permission its press exercises."""

    if not issubclass(kind, ButtonData):
        raise TypeError(f"{kind.__name__} is not a button kind (derive it from ButtonData)")

    def declare(handler: ButtonBody[D]) -> ButtonBody[D]:
        known = _DECLARED.get(kind)
        if known is not None and known.handler is not handler:
            raise TypeError(f"{kind.__name__} already has a handler: {known.handler.__name__}")
        _DECLARED[kind] = Button(kind, perm, handler)
        return handler

    return declare


def declared() -> tuple[Button[Any], ...]:
    """Every declared button, in declaration order."""
    return tuple(_DECLARED.values())


def check_declared() -> None:
    """Fail at start-up, not on a press, if a button kind has no handler."""
    missing = [kind.__name__ for kind in KINDS if kind not in _DECLARED]
    if missing:
        raise TypeError(f"button kinds without a handler: {', '.join(missing)}")


async def dispatch(update: Update, context: Context) -> None:
    """Every button press: decoded once and handed, typed, to its kind's handler (a refusal
    becomes a polite alert, and the press is answered exactly once)."""
    query = update.callback_query
    if query is None:
        return
    data = decode(query.data)
    declared = _DECLARED.get(type(data)) if data is not None else None
    if data is None or declared is None:
        await answer(context, query, render_expired(language_of(update, context)), alert=True)
        return
    await settle(update, context, _run(update, context, declared, data))


async def _run(
    update: Update, context: Context, declared: Button[Any], data: ButtonData
) -> str | None:
    if declared.perm is not None and not actor_of(update, context).known:
        raise NotAllowed("err.not_registered")  # strangers learn nothing of what exists
    return await declared.handler(update, context, data)
