"""Sending safely: long texts split, flood waits retried once, 403 reported, never raised."""

from __future__ import annotations

import warnings
from datetime import datetime
from typing import Any

from telegram import Chat, InlineKeyboardButton, InlineKeyboardMarkup
from telegram import Message as TgMessage
from telegram.error import BadRequest, Forbidden, RetryAfter
from telegram.warnings import PTBDeprecationWarning

from bot.handlers.messaging import safe_edit, safe_send
from bot.render import Message


class FakeBot:
    """Records sends; raises the queued errors first."""

    def __init__(self, *errors: Exception) -> None:
        self.errors = list(errors)
        self.sent: list[dict[str, Any]] = []

    async def send_message(self, **kwargs: Any) -> TgMessage:
        if self.errors:
            raise self.errors.pop(0)
        self.sent.append(kwargs)
        chat = Chat(kwargs["chat_id"], Chat.PRIVATE)
        return TgMessage(len(self.sent), datetime(2024, 1, 1), chat, text=kwargs["text"])

    async def edit_message_text(self, **kwargs: Any) -> TgMessage:
        return await self.send_message(**kwargs)


def flood(seconds: int) -> RetryAfter:
    """A RetryAfter as PTB builds it (its constructor itself warns about the int wait)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        return RetryAfter(seconds)


KEYBOARD = InlineKeyboardMarkup([[InlineKeyboardButton("ok", callback_data="nop")]])


async def test_long_text_is_split_with_buttons_on_the_last_part() -> None:
    """A 10 000-character text goes out in parts; only the last carries the keyboard."""
    bot = FakeBot()
    text = "\n".join(f"第{n}行" + "字" * 50 for n in range(200))
    sent = await safe_send(bot, 1, Message(text, KEYBOARD))  # type: ignore[arg-type]
    assert sent.ok
    assert len(bot.sent) > 1
    assert all(part["reply_markup"] is None for part in bot.sent[:-1])
    assert bot.sent[-1]["reply_markup"] is KEYBOARD


async def test_flood_wait_is_retried_once() -> None:
    """RetryAfter with a short wait: the message is sent on the second try."""
    bot = FakeBot(flood(0))
    sent = await safe_send(bot, 1, Message("hi"))  # type: ignore[arg-type]
    assert sent.ok
    assert len(bot.sent) == 1


async def test_long_flood_wait_gives_up_without_raising() -> None:
    """A wait longer than the limit is not slept through; the send reports failure."""
    bot = FakeBot(flood(3600))
    sent = await safe_send(bot, 1, Message("hi"))  # type: ignore[arg-type]
    assert sent.failed
    assert not sent.ok


async def test_forbidden_is_reported_not_raised() -> None:
    """A blocked bot (403) comes back as `forbidden` for the caller to record."""
    bot = FakeBot(Forbidden("Forbidden: bot was blocked by the user"))
    sent = await safe_send(bot, 1, Message("hi"))  # type: ignore[arg-type]
    assert sent.forbidden
    assert not sent.ok


async def test_unchanged_edit_counts_as_done() -> None:
    """Editing a message to what it already says is not an error."""
    bot = FakeBot(BadRequest("Message is not modified: specified new message content ..."))
    assert await safe_edit(bot, 1, 2, Message("same"))  # type: ignore[arg-type]


async def test_other_bad_requests_fail_quietly() -> None:
    """Any other 400 is logged and reported as a failed send."""
    bot = FakeBot(BadRequest("Chat not found"))
    assert (await safe_send(bot, 1, Message("x"))).failed  # type: ignore[arg-type]
