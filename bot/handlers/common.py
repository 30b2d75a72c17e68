"""What every handler shares: who is asking, which team, replying, and refusing politely."""

from __future__ import annotations

import functools
import logging
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from telegram import CallbackQuery, Update
from telegram import Message as TgMessage
from telegram.constants import ChatType

from bot.context import Context
from bot.outbox import Sent
from bot.render import Message
from bot.render.common import plain, render_error
from bot.services import Actor, ServiceError
from bot.services.common.errors import NotFound

log = logging.getLogger(__name__)

Handler = Callable[[Update, Context], Coroutine[Any, Any, None]]
#: A handler body may return a short toast for the button that was pressed.
Body = Callable[[Update, Context], Awaitable[str | None]]


def actor_of(update: Update, context: Context) -> Actor:
    """The Telegram user behind the update, resolved by the auth service."""
    user = update.effective_user
    if user is None:
        return Actor(telegram_id=None)
    return context.services.auth.resolve(user.id, user.language_code)


def pressed_message(update: Update) -> TgMessage | None:
    """The message (with text) whose button was pressed, if the bot can still read it."""
    query = update.callback_query
    shown = query.message if query is not None else None
    return shown if isinstance(shown, TgMessage) and shown.text else None


def language_of(update: Update, context: Context) -> str:
    """The language to answer in: the user's choice, else their client's, else the default."""
    user = update.effective_user
    if user is None:
        return context.settings.language
    return actor_of(update, context).language


def team_hint(actor: Actor, context: Context) -> str | None:
    """The team a task number typed by the actor refers to, if any (never raises): their own,
    else an admin's current one."""
    if actor.team_id is not None:
        return actor.team_id
    return context.user_data.team_id if context.user_data is not None else None


def team_of(actor: Actor, context: Context) -> str:
    """The team an action applies to: the actor's own, else the admin's current one.

    An admin's current team is the one they last created or used (kept per user), else the
    newest team. Raises NotFound when there is none.
    """
    if actor.team_id is not None:
        return actor.team_id
    if context.user_data is not None and context.user_data.team_id is not None:
        return context.user_data.team_id
    teams = context.services.teams.list(actor)
    if not teams:
        raise NotFound("err.team_not_found", team="")
    return teams[-1].id


def is_private(update: Update) -> bool:
    """Whether the update comes from a private chat."""
    chat = update.effective_chat
    return chat is not None and chat.type == ChatType.PRIVATE


async def reply(update: Update, context: Context, message: Message) -> Sent:
    """Answer in the chat the update came from (in a forum, in the topic it was asked in)."""
    chat = update.effective_chat
    if chat is None:
        return Sent(failed=True)
    asked = update.effective_message
    topic = asked.message_thread_id if asked is not None and asked.is_topic_message else None
    return await context.outbox.send(chat.id, message, thread=topic)


async def answer(
    context: Context, query: CallbackQuery, text: str | None = None, *, alert: bool = False
) -> None:
    """Answer a callback query (always, so the button stops spinning), through the outbox's
    retries; never raises."""
    await context.outbox.answer_query(query.id, plain(text) if text else None, alert=alert)


async def edit_or_send(
    update: Update, context: Context, message: Message, message_id: int | None = None
) -> None:
    """Replace the message whose button was pressed (or the bot's message ``message_id`` in
    the same chat); send a new one if that fails."""
    query = update.callback_query
    target = query.message if query is not None else None
    if target is not None and await context.outbox.edit(
        target.chat.id, message_id or target.message_id, message
    ):
        return
    await reply(update, context, message)


async def refuse(update: Update, context: Context, err: ServiceError) -> None:
    """Tell the user politely why not: an alert on a button, else a message."""
    lang = language_of(update, context)
    message = render_error(err, lang)
    query = update.callback_query
    if query is not None:
        await answer(context, query, message.text, alert=True)
        return
    await reply(update, context, message)


def guarded(body: Body) -> Handler:
    """A command or message handler whose ServiceError becomes a polite refusal."""

    @functools.wraps(body)
    async def wrapper(update: Update, context: Context) -> None:
        await settle(update, context, body(update, context))

    return wrapper


async def settle(update: Update, context: Context, work: Awaitable[str | None]) -> None:
    """Await a handler's work: a ServiceError becomes a polite refusal, and a pressed button is
    answered exactly once (with the toast the work returns, if any)."""
    try:
        toast = await work
    except ServiceError as err:
        await refuse(update, context, err)
        return
    if update.callback_query is not None:
        await answer(context, update.callback_query, toast)
