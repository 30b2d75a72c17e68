"""Telling people things they did not ask for: assignment notices, close-out reviews, outcomes.

A 403 (the person blocked the bot or never opened it) is recorded through the people service
and reported to whoever caused the message; nothing else stops.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

from telegram import Update

from bot.context import Context
from bot.domain.people import Person, Unreachable
from bot.handlers.common import language_of, reply
from bot.render import Message
from bot.render.people import render_unreachable
from bot.services import SYSTEM, ServiceError

log = logging.getLogger(__name__)


async def notify(
    update: Update,
    context: Context,
    people: Iterable[Person],
    render: Callable[[str], Message],
) -> tuple[Person, ...]:
    """Send ``render(language)`` to each person; returns those who got it.

    Unreachable people are marked so and the sender of ``update`` is told about each.
    """
    return await notify_each(update, context, ((p, render) for p in people))


async def notify_each(
    update: Update,
    context: Context,
    messages: Iterable[tuple[Person, Callable[[str], Message]]],
) -> tuple[Person, ...]:
    """Like :func:`notify`, with a message of its own for each person."""
    delivered: list[Person] = []
    for person, render in messages:
        if person.telegram_id is None:
            continue
        language = person.language or context.settings.language
        sent = await context.outbox.send(person.telegram_id, render(language))
        if sent.ok:
            delivered.append(person)
            continue
        if sent.forbidden:
            await _unreachable(update, context, person, sent.person_why)
    return tuple(delivered)


async def _unreachable(
    update: Update, context: Context, person: Person, why: Unreachable | None
) -> None:
    try:
        person = context.services.people.mark_unreachable(SYSTEM, person.id, why)
    except ServiceError as err:  # pragma: no cover - the bot may always record this
        log.warning("could not mark %s unreachable: %s", person.id, err)
    await reply(update, context, render_unreachable(person, language_of(update, context)))
