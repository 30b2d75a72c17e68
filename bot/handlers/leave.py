"""``/leave``: leave for oneself, a lead's leave for someone (with a deputy), or cancel it."""

from __future__ import annotations

from telegram import Update

from bot.context import Context
from bot.handlers.common import actor_of, guarded, reply, team_of
from bot.render.common import render_usage
from bot.render.rhythm.messages import render_leave


@guarded
async def leave(update: Update, context: Context) -> None:
    """``/leave <from> <to>``, ``/leave <person> <from> <to> [deputy]``, ``/leave cancel``."""
    actor = actor_of(update, context)
    words = list(context.args or [])
    if not words:
        await reply(update, context, render_usage("leave.usage", actor.language))
        return
    result = context.services.leave.request(actor, team_of(actor, context), words)
    await reply(update, context, render_leave(result, actor.language))
