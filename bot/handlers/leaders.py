"""``/leader``: a task's or a section's 包联领导 (list, set, clear)."""

from __future__ import annotations

from telegram import Update

from bot.context import Context
from bot.handlers.common import actor_of, guarded, reply, team_of
from bot.handlers.parsing import split_args
from bot.render.watch import render_leader_rows, render_leader_set


@guarded
async def leader(update: Update, context: Context) -> None:
    """``/leader`` lists the links; ``/leader <task|section> <name>`` sets one, ``-`` clears."""
    actor = actor_of(update, context)
    team_id = team_of(actor, context)
    target, name = split_args(context.args, 2)
    service = context.services.leaders
    if target is None:
        rows = service.rows(actor, team_id)
        await reply(update, context, render_leader_rows(rows, actor.language))
        return
    result = service.set(actor, team_id, target, name or "")
    await reply(update, context, render_leader_set(result, actor.language))
