"""Plan import: Confirm / Cancel on a preview (``plan.mmd``); the file itself arrives in
``inbox`` and is taken by the upload service."""

from __future__ import annotations

from telegram import Update

from bot.callbacks import Decision, ImportDecision
from bot.context import Context
from bot.handlers.buttons import button
from bot.handlers.common import actor_of, edit_or_send
from bot.render.plans import render_import_cancelled, render_import_done
from bot.services import Perm


@button(ImportDecision, Perm.PLAN_IMPORT)
async def decide(update: Update, context: Context, data: ImportDecision) -> None:
    """Confirm or Cancel on a preview."""
    actor = actor_of(update, context)
    if data.decision is Decision.NO:
        context.services.plans.cancel(actor, data.preview_id)
        await edit_or_send(update, context, render_import_cancelled(actor.language))
        return
    result = await context.services.plans.confirm_off_loop(actor, data.preview_id)
    await edit_or_send(update, context, render_import_done(result, actor.language))
