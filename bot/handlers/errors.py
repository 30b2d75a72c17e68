"""The one error handler: log first (with the exception), then tell the admins briefly.

A poll Telegram refuses because another process polls with the same token (409 Conflict) is
no error of Duban's: one line a minute and a notice to the admins say what to stop.

It never raises: a failure to notify is logged and dropped. The user whose update failed gets a
short apology (when the store could not record anything, plainly that it was not recorded and
should be sent again), and a pressed button is answered so it stops spinning.
"""

from __future__ import annotations

import logging
import time

from telegram import Update
from telegram.error import Conflict

from bot.context import Context
from bot.domain.ports import StoreUnavailable
from bot.handlers.common import answer, is_private
from bot.i18n import normalize_language
from bot.reachability import unreachable
from bot.render import Message
from bot.render.common import (
    plain,
    render_admin_alert,
    render_not_recorded,
    render_oops,
    render_poll_conflict,
)

log = logging.getLogger("bot.errors")
ALERT_INTERVAL = 60.0  # seconds


async def on_error(update: object, context: Context) -> None:
    """Log the exception with the update that caused it, then tell admins and the user."""
    error = context.error
    if update is None and unreachable(error):
        return  # a poll failed for want of the Bot API: bot.reachability logs it once
    if update is None and isinstance(error, Conflict):
        await _another_poller(error, context)
        return
    where = _describe(update)
    log.error("unhandled error while handling %s", where, exc_info=error)
    if error is None:
        return
    if isinstance(update, Update):  # the user first: the admins' alert may be what fails
        try:
            await _apologise(update, context)
        except Exception:
            log.exception("the error handler could not tell the user")
    if _alert_due(context, type(error).__name__):
        await _tell_admins(context, render_admin_alert(error, where))


async def _another_poller(error: Conflict, context: Context) -> None:
    """A poll refused with 409: another process polls with this token, or a webhook is set.
    PTB keeps polling every few seconds; one line a minute says why (no traceback: nothing in
    Duban failed), and the admins hear it as often, in the team's language."""
    if not _alert_due(context, "Conflict"):
        return
    log.warning(
        "Telegram refuses this bot's polls (%s): another process polls with the same token, or "
        "a webhook is set; stop the other one",
        error.message,
    )
    lang = normalize_language(context.settings.language)
    await _tell_admins(context, render_poll_conflict(error.message, lang))


async def _tell_admins(context: Context, message: Message) -> None:
    """Send ``message`` to every admin; a failure is logged, never raised."""
    try:
        for admin_id in sorted(context.settings.admin_ids):
            await context.outbox.send(admin_id, message)
    except Exception:
        log.exception("the error handler could not tell the admins")


def _alert_due(context: Context, kind: str) -> bool:
    """At most one alert per kind of error a minute, so an outage does not flood the admins."""
    now = time.monotonic()
    last = context.bot_data.last_alert.get(kind)
    if last is not None and now - last < ALERT_INTERVAL:
        return False
    context.bot_data.last_alert[kind] = now
    return True


async def _apologise(update: Update, context: Context) -> None:
    # the store may be what failed: the language comes from the Telegram client, not a lookup
    user = update.effective_user
    code = user.language_code if user is not None else None
    lang = normalize_language(code or context.settings.language)
    unsaved = isinstance(context.error, StoreUnavailable)  # nothing saved: say so plainly
    message = render_not_recorded(lang) if unsaved else render_oops(lang)
    if update.callback_query is not None:
        await answer(context, update.callback_query, plain(message.text), alert=True)
    elif is_private(update) and update.effective_chat is not None:
        await context.outbox.send(update.effective_chat.id, message)


def _describe(update: object) -> str:
    if isinstance(update, Update):
        kind = next(
            (
                name
                for name in ("message", "edited_message", "callback_query", "my_chat_member")
                if getattr(update, name, None) is not None
            ),
            "update",
        )
        user = update.effective_user.id if update.effective_user else "-"
        return f"update {update.update_id} ({kind} from {user})"
    return "a job" if update is None else type(update).__name__
