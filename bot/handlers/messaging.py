"""Sending safely: split long texts, survive ``RetryAfter``, report ``Forbidden`` to the caller.

Files attached to a message (evidence) follow its text as replies, each with the method of its
kind: Telegram refuses a photo's file id in sendDocument and a document's in sendPhoto.

Every send to a person goes through :func:`safe_send` or :func:`safe_edit`. Neither raises for the
expected failures: a blocked bot (403), flood control (429, retried once after the pause Telegram
asks for, if it is short) or an edit that changes nothing.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from telegram import Bot, ReplyParameters
from telegram import Message as TgMessage
from telegram.error import BadRequest, Forbidden, RetryAfter

from bot.domain.attachments import Attachment, AttachmentKind
from bot.flood import MAX_RETRY_WAIT, retry_seconds
from bot.render import Message
from bot.render.html import split_html

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Sent:
    """The outcome of a send: the messages that went out, or why none did."""

    messages: tuple[TgMessage, ...] = ()
    forbidden: bool = False  # the user blocked the bot or never started it
    failed: bool = False  # anything else (flood wait too long, chat gone)

    @property
    def ok(self) -> bool:
        """Whether everything was delivered."""
        return bool(self.messages) and not (self.forbidden or self.failed)

    @property
    def last(self) -> TgMessage | None:
        """The last message sent (the one carrying the buttons)."""
        return self.messages[-1] if self.messages else None


async def safe_send(
    bot: Bot, chat_id: int, message: Message, *, reply_to: int | None = None
) -> Sent:
    """Send ``message`` (split if long, buttons on the last part) to ``chat_id``."""
    chunks = split_html(message.text) or ["…"]
    sent: list[TgMessage] = []
    for index, chunk in enumerate(chunks):
        last = index == len(chunks) - 1
        extra: dict[str, object] = {}
        if reply_to is not None and index == 0:
            extra["reply_parameters"] = ReplyParameters(reply_to, allow_sending_without_reply=True)
        outcome = await _call(
            bot.send_message,
            chat_id=chat_id,
            text=chunk,
            reply_markup=message.keyboard if last else None,
            **extra,
        )
        if not outcome.ok:
            return Sent(tuple(sent), outcome.forbidden, not outcome.forbidden)
        if isinstance(outcome.value, TgMessage):
            sent.append(outcome.value)
    reply_to = sent[0].message_id if sent else reply_to
    for attachment in message.files:
        await send_file(bot, chat_id, attachment, reply_to=reply_to)
    return Sent(tuple(sent))


async def send_file(
    bot: Bot, chat_id: int, attachment: Attachment, *, reply_to: int | None = None
) -> bool:
    """Send one stored file back by its kind (sendPhoto, sendDocument or sendVideo)."""
    senders: dict[AttachmentKind, tuple[Callable[..., Awaitable[object]], str]] = {
        AttachmentKind.PHOTO: (bot.send_photo, "photo"),
        AttachmentKind.DOCUMENT: (bot.send_document, "document"),
        AttachmentKind.VIDEO: (bot.send_video, "video"),
    }
    method, field = senders[attachment.kind]
    extra: dict[str, object] = {field: attachment.file_id}
    if reply_to is not None:
        extra["reply_parameters"] = ReplyParameters(reply_to, allow_sending_without_reply=True)
    outcome = await _call(method, chat_id=chat_id, **extra)
    return outcome.ok


async def safe_edit(bot: Bot, chat_id: int, message_id: int, message: Message) -> bool:
    """Replace a bot message's text and buttons; False if that was impossible."""
    chunks = split_html(message.text) or ["…"]
    outcome = await _call(
        bot.edit_message_text,
        chat_id=chat_id,
        message_id=message_id,
        text=chunks[0],
        reply_markup=message.keyboard if len(chunks) == 1 else None,
    )
    if not outcome.ok:
        return False
    if len(chunks) > 1:
        rest = Message("\n".join(chunks[1:]), message.keyboard)
        return (await safe_send(bot, chat_id, rest)).ok
    return True


@dataclass(frozen=True, slots=True)
class _Outcome:
    ok: bool
    value: object = None
    forbidden: bool = False


async def _call(method: Callable[..., Awaitable[object]], **kwargs: object) -> _Outcome:
    """Call a Bot API method, absorbing the expected failures (retrying a short flood wait)."""
    for attempt in (1, 2):
        try:
            return _Outcome(True, await method(**kwargs))
        except Forbidden as exc:
            log.info("not delivered to %s: %s", kwargs.get("chat_id"), exc.message)
            return _Outcome(False, forbidden=True)
        except RetryAfter as exc:
            wait = retry_seconds(exc)
            if attempt == 2 or wait > MAX_RETRY_WAIT:
                log.warning("flood control: giving up on %s (%.0fs)", kwargs.get("chat_id"), wait)
                return _Outcome(False)
            log.info("flood control: waiting %.1fs before retrying", wait)
            await asyncio.sleep(wait)
        except BadRequest as exc:
            if "not modified" in exc.message.lower():
                return _Outcome(True)  # the same text and buttons: nothing to do
            log.warning("not delivered to %s: %s", kwargs.get("chat_id"), exc.message)
            return _Outcome(False)
    return _Outcome(False)
