"""Task views: ``/mytasks`` and ``/task <id>`` (with its history pages)."""

from __future__ import annotations

from telegram import Update

from bot.callbacks import Page, PageKind
from bot.context import Context
from bot.handlers.common import actor_of, edit_or_send, guarded, language_of, reply, team_of
from bot.handlers.parsing import first_arg
from bot.render.common import render_usage
from bot.render.tasks import render_my_tasks, render_task
from bot.services import Perm


@guarded
async def my_tasks(update: Update, context: Context) -> None:
    """``/mytasks``: my open tasks, urgent first."""
    await my_tasks_page(update, context, Page(PageKind.TASKS, 0))


async def my_tasks_page(update: Update, context: Context, data: Page) -> None:
    """A page of my open tasks, urgent first."""
    actor = actor_of(update, context)
    tasks = context.services.tasks.mine(actor)
    message = render_my_tasks(tasks, data.page, actor.language)
    await (edit_or_send if update.callback_query else reply)(update, context, message)


@guarded
async def task(update: Update, context: Context) -> None:
    """``/task <number or id>``: owners, deadline, reports, history."""
    ref = first_arg(context.args)
    if ref is None:
        await reply(update, context, render_usage("cmd.task", language_of(update, context)))
        return
    await _task(update, context, ref, 0)


async def history_page(update: Update, context: Context, data: Page) -> None:
    """A page of the history of ``/task``'s task."""
    await _task(update, context, data.arg, data.page)


async def _task(update: Update, context: Context, ref: str, page: int) -> None:
    actor = actor_of(update, context)
    view = context.services.tasks.view(actor, ref, team_of(actor, context))
    can_act = actor.team_id is not None and context.services.auth.can(
        actor, Perm.REPORT, actor.team_id
    )
    message = render_task(view, page, actor.language, actions=can_act)
    await (edit_or_send if update.callback_query else reply)(update, context, message)
