"""Task views: ``/mytasks`` and ``/task <id>`` (with its history pages)."""

from __future__ import annotations

from telegram import Update

from bot.callbacks import Page, PageKind
from bot.context import Context
from bot.handlers.common import actor_of, edit_or_send, guarded, pressed, reply, team_of
from bot.handlers.parsing import first_arg
from bot.render.common import render_usage
from bot.render.tasks import render_my_tasks, render_task
from bot.services import Perm


@guarded
async def my_tasks(update: Update, context: Context) -> None:
    """``/mytasks`` (and its pages): my open tasks, urgent first."""
    actor = actor_of(update, context)
    tasks = context.services.tasks.mine(actor)
    data = pressed(update, Page)
    page = data.page if data and data.kind is PageKind.TASKS else 0
    message = render_my_tasks(tasks, page, actor.language)
    await (edit_or_send if update.callback_query else reply)(update, context, message)


@guarded
async def task(update: Update, context: Context) -> None:
    """``/task <number or id>`` (and its history pages): owners, deadline, reports, history."""
    actor = actor_of(update, context)
    data = pressed(update, Page)
    ref: str | None = first_arg(context.args)
    page = 0
    if data and data.kind is PageKind.HISTORY:
        ref, page = data.arg, data.page
    if ref is None:
        await reply(update, context, render_usage("cmd.task", actor.language))
        return
    view = context.services.tasks.view(actor, ref, team_of(actor, context))
    can_act = actor.team_id is not None and context.services.auth.can(
        actor, Perm.REPORT, actor.team_id
    )
    message = render_task(view, page, actor.language, actions=can_act)
    await (edit_or_send if update.callback_query else reply)(update, context, message)
