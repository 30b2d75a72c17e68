"""Reporting (反馈): ``/report`` → task → status → progress → details; replies and edits.

Every step is a button whose data names the task (and the report), so a half-finished report
can be continued after a restart. See ``report.mmd``.
"""

from __future__ import annotations

from telegram import Message as TgMessage
from telegram import Update

from bot.callbacks import (
    AskIndicator,
    AskProgress,
    FinishReport,
    Page,
    PickTask,
    SameAsLast,
    SetProgress,
    SetStatus,
)
from bot.context import Context, Expecting
from bot.handlers import albums
from bot.handlers.buttons import button
from bot.handlers.common import actor_of, edit_or_send, guarded, pressed_message, reply, team_hint
from bot.handlers.records import nudge
from bot.render import Message
from bot.render.reports import (
    render_indicator_question,
    render_progress_ask,
    render_report_finished,
    render_report_saved,
    render_status_prompt,
)
from bot.render.tasks import render_report_pick
from bot.services import Perm, ReportFields
from bot.services.common.errors import NotFound


@guarded
async def report(update: Update, context: Context) -> None:
    """``/report [task]``: the status buttons of the task named (``M3f2a``, ``#M3f2a`` or its
    number in the plan), else pick a task (straight to the buttons when there is only one)."""
    actor = actor_of(update, context)
    if context.args:
        measure = context.services.tasks.task(actor, context.args[0], team_hint(actor, context))
        await reply(update, context, render_status_prompt(measure, actor.language))
        return
    tasks = context.services.tasks.mine(actor)
    if len(tasks) == 1:
        await reply(update, context, render_status_prompt(tasks[0].measure, actor.language))
        return
    await reply(update, context, render_report_pick(tasks, 0, actor.language))


async def pick_page(update: Update, context: Context, data: Page) -> None:
    """Another page of the ``/report`` task list."""
    actor = actor_of(update, context)
    tasks = context.services.tasks.mine(actor)
    await edit_or_send(update, context, render_report_pick(tasks, data.page, actor.language))


@button(PickTask, Perm.REPORT)
async def pick_task(update: Update, context: Context, data: PickTask) -> None:
    """A task was picked: ask for its status in a message of its own."""
    actor = actor_of(update, context)
    measure = context.services.tasks.task(actor, data.measure_id)
    await reply(update, context, render_status_prompt(measure, actor.language))


@button(SetStatus, Perm.REPORT)
async def set_status(update: Update, context: Context, data: SetStatus) -> None:
    """A status button: the report is filed at once; progress and details may follow."""
    actor = actor_of(update, context)
    saved = context.services.reports.submit(
        actor, data.measure_id, ReportFields(status=data.status)
    )
    context.expect(Expecting.REPORT_TEXT, data.measure_id, saved.report.id)
    await edit_or_send(update, context, render_report_saved(saved, actor.language))


@button(SameAsLast, Perm.REPORT)
async def same_as_last(update: Update, context: Context, data: SameAsLast) -> None:
    """同上次: repeat the latest report in one tap."""
    actor = actor_of(update, context)
    saved = context.services.reports.same_as_last(actor, data.measure_id)
    context.expect(Expecting.REPORT_TEXT, data.measure_id, saved.report.id)
    await edit_or_send(update, context, render_report_saved(saved, actor.language))


@button(SetProgress, Perm.REPORT)
async def set_progress(update: Update, context: Context, data: SetProgress) -> None:
    """A progress button (0/25/50/75/100)."""
    actor = actor_of(update, context)
    saved = context.services.reports.amend(
        actor, data.report_id, ReportFields(progress=data.percent)
    )
    await edit_or_send(update, context, render_report_saved(saved, actor.language))


@button(AskProgress, Perm.REPORT)
async def ask_progress(update: Update, context: Context, data: AskProgress) -> None:
    """``Type another value``: the next number typed is the progress."""
    actor = actor_of(update, context)
    context.expect(Expecting.PROGRESS, data.report_id)
    await reply(update, context, render_progress_ask(data.measure_id, actor.language))


@button(AskIndicator, Perm.REPORT)
async def ask_indicator(update: Update, context: Context, data: AskIndicator) -> None:
    """📊 on a report: the next number typed is that indicator's value."""
    actor = actor_of(update, context)
    measure, indicator = context.services.reports.indicator(actor, data.measure_id, data.index)
    context.expect(Expecting.INDICATOR, data.report_id, indicator.name)
    await reply(update, context, render_indicator_question(measure, indicator, actor.language))


async def typed_indicator(
    update: Update,
    context: Context,
    report_id: str,
    name: str,
    body: str | None,
    files: tuple[str, ...] = (),
) -> None:
    """A typed indicator value (a number, optionally with its unit); a photo or file sent
    instead is kept on the report too."""
    actor = actor_of(update, context)
    context.take_awaiting()
    values = [(name, body.strip())] if body and body.strip() else []
    saved = context.services.reports.amend(
        actor, report_id, ReportFields(indicator_values=values, attachments=files)
    )
    context.expect(Expecting.REPORT_TEXT, saved.measure.id, saved.report.id)
    await reply(update, context, render_report_saved(saved, actor.language))


async def typed_progress(
    update: Update, context: Context, report_id: str, body: str | None, files: tuple[str, ...] = ()
) -> None:
    """A typed percentage after ``Type another value`` (anything else is kept as text, and
    the confirmation says so; a photo or file is kept on the report)."""
    actor = actor_of(update, context)
    context.take_awaiting()
    progress = body if body and body.strip() else None
    saved = context.services.reports.amend(
        actor, report_id, ReportFields(progress=progress, attachments=files)
    )
    context.expect(Expecting.REPORT_TEXT, saved.measure.id, saved.report.id)
    await reply(update, context, render_report_saved(saved, actor.language))
    await nudge(context, actor, saved)


@button(FinishReport, Perm.REPORT)
async def finish(update: Update, context: Context, data: FinishReport) -> None:
    """完成: the report needs nothing more; remove its buttons and thank the user."""
    context.take_awaiting()
    actor = actor_of(update, context)
    shown = pressed_message(update)
    if shown is not None:
        # the same text without buttons (editMessageReplyMarkup would get PTB's default
        # parse_mode, a parameter that method does not have)
        same = Message(shown.text_html)
        await context.outbox.edit(shown.chat.id, shown.message_id, same)
    await reply(update, context, render_report_finished(actor.language))


async def add_detail(
    update: Update,
    context: Context,
    measure_id: str,
    body: str | None,
    files: tuple[str, ...],
    report_id: str | None = None,
) -> None:
    """Text, indicator values or evidence for a task: for the report just filed (after a
    status button, ``report_id``), else as a reply to the bot's message about the task. The
    message is kept as the report's source, so editing it edits the report."""
    message = update.effective_message
    actor = actor_of(update, context)
    source = (message.chat.id, message.message_id) if message is not None else None
    reports = context.services.reports
    saved = (
        reports.amend(actor, report_id, ReportFields(text=body, attachments=files), source=source)
        if report_id
        else await reports.add_reply_off_loop(actor, measure_id, body, files, source=source)
    )
    chat_id = message.chat.id if message is not None else actor.telegram_id
    if chat_id is not None:
        confirmation = render_report_saved(saved, actor.language, follow_up=False)
        reply_to = message.message_id if message is not None else None
        sent = await context.outbox.send(chat_id, confirmation, reply_to=reply_to)
        if message is not None:
            albums.note_report(context, message, saved, sent.last)  # the rest of an album
    await nudge(context, actor, saved)


async def apply_edit(update: Update, context: Context, message: TgMessage, body: str) -> None:
    """An edited text or caption (``body``): the report it created is re-read (other edits are
    ignored)."""
    actor = actor_of(update, context)
    try:
        saved = context.services.reports.edit_from_message(
            actor, message.chat.id, message.message_id, body
        )
    except NotFound:
        return  # the message created no report: nothing to update
    confirmation = render_report_saved(saved, actor.language, follow_up=False)
    await context.outbox.send(message.chat.id, confirmation, reply_to=message.message_id)
    await nudge(context, actor, saved)
