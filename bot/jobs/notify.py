"""Telling leads and the leaders' group: texts, photos and documents, each send guarded.

``Forbidden`` (a lead blocked the bot, the bot left the group) and ``RetryAfter`` are expected at
every send: they are logged and the next recipient is tried; nothing here raises for them.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from functools import partial

from telegram import Bot
from telegram.error import BadRequest, Forbidden, RetryAfter

from bot.domain.people import Person
from bot.flood import MAX_RETRY_WAIT, retry_seconds
from bot.render import Message
from bot.text.split import split_html

log = logging.getLogger(__name__)

Render = Callable[[str], Sequence[Message]]


async def tell_people(
    bot: Bot, people: Sequence[Person], render: Render, default_language: str
) -> int:
    """Send ``render(language)`` to each joined person; returns how many got all of it."""
    delivered = 0
    for person in people:
        if person.telegram_id is None:
            continue
        messages = render(person.language or default_language)
        delivered += int(await tell_chat(bot, person.telegram_id, messages))
    return delivered


async def tell_chat(bot: Bot, chat_id: int | None, messages: Sequence[Message]) -> bool:
    """Send messages to a chat (the leaders' group); False if any did not arrive."""
    if chat_id is None:
        return False
    for message in messages:
        chunks = split_html(message.text) or ["…"]
        for index, chunk in enumerate(chunks):
            markup = message.keyboard if index == len(chunks) - 1 else None
            send = partial(bot.send_message, chat_id, chunk, reply_markup=markup)
            if not await _guarded(send, chat_id, "message"):
                return False
    return True


async def send_photo(bot: Bot, chat_id: int, photo: bytes, caption: str | None = None) -> bool:
    """A PNG (the review chart)."""
    return await _guarded(
        lambda: bot.send_photo(chat_id, photo, caption=caption), chat_id, "photo"
    )


async def send_document(
    bot: Bot, chat_id: int, data: bytes, filename: str, caption: str | None = None
) -> bool:
    """A file (the ledger workbook)."""
    return await _guarded(
        lambda: bot.send_document(chat_id, data, filename=filename, caption=caption),
        chat_id,
        "document",
    )


async def _guarded(call: Callable[[], Awaitable[object]], chat_id: int, what: str) -> bool:
    for attempt in (1, 2):
        try:
            await call()
        except Forbidden as exc:
            log.info("%s not delivered to %s: %s", what, chat_id, exc.message)
            return False
        except RetryAfter as exc:
            wait = retry_seconds(exc)
            if attempt == 2 or wait > MAX_RETRY_WAIT:
                return False
            await asyncio.sleep(wait)
            continue
        except BadRequest as exc:
            log.warning("%s not delivered to %s: %s", what, chat_id, exc.message)
            return False
        return True
    return False
