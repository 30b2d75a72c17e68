"""Deadline extension: ``/extend <task> [<date> <reason>]`` or ⏳ on a task → the new deadline
and reason typed (photos or files may follow as evidence) → 📤 Submit → the lead's Approve /
Refuse (with a typed reason). See ``extension.mmd``.

The request being written is the user's :class:`~bot.services.closeout.extensions.ExtensionDraft`
(``user_data.extension_draft``), kept until Submit or Cancel.
"""

from __future__ import annotations

from telegram import Update

from bot.callbacks import DecideExtension, Decision, RequestExtension, SubmitExtension
from bot.context import Context, Expecting
from bot.handlers.common import actor_of, edit_or_send, guarded, pressed, reply, team_hint
from bot.handlers.delivery import notify
from bot.handlers.parsing import split_args
from bot.render.common import render_usage
from bot.render.extensions import (
    render_decided,
    render_draft,
    render_dropped,
    render_outcome_notice,
    render_reason_question,
    render_requested,
    render_review,
)
from bot.services import ExtensionResult
from bot.services.closeout.extensions import ExtensionDraft


@guarded
async def extend(update: Update, context: Context) -> None:
    """``/extend <task> [<date> <reason>]``: start a request (the rest of the command is the
    new deadline and the reason)."""
    actor = actor_of(update, context)
    ref, rest = split_args(context.args, 2)
    if ref is None:
        await reply(update, context, render_usage("cmd.extend", actor.language))
        return
    draft = context.services.extensions.start(actor, ref, team_hint(actor, context), rest)
    await _keep(update, context, draft)


@guarded
async def request_button(update: Update, context: Context) -> None:
    """⏳ 申请延期 on a task: ask for the new deadline and the reason."""
    data = pressed(update, RequestExtension)
    if data is None:
        return
    draft = context.services.extensions.start(actor_of(update, context), data.measure_id)
    await _keep(update, context, draft)


async def add(update: Update, context: Context, text: str | None, files: tuple[str, ...]) -> None:
    """One more message for the request being written: its date and reason, or evidence."""
    actor = actor_of(update, context)
    draft = _draft(update, context, None)
    message = update.effective_message
    source = message.message_id if message is not None else None
    draft = context.services.extensions.add(actor, draft, text, files, source)
    await _keep(update, context, draft)


@guarded
async def submit(update: Update, context: Context) -> None:
    """📤 Submit: the leads get the request; ✖️ Cancel drops it."""
    data = pressed(update, SubmitExtension)
    if data is None:
        return
    actor = actor_of(update, context)
    draft = _draft(update, context, data.measure_id)
    if data.decision is Decision.NO:
        _forget(context)
        await edit_or_send(update, context, render_dropped(draft.measure, actor.language))
        return
    result = context.services.extensions.submit(actor, draft)
    _forget(context)
    await edit_or_send(update, context, render_requested(result, actor.language))
    await notify(update, context, result.notify, lambda lang: render_review(result, lang))


@guarded
async def decide(update: Update, context: Context) -> None:
    """Approve at once; Refuse asks for the reason first."""
    data = pressed(update, DecideExtension)
    if data is None:
        return
    actor = actor_of(update, context)
    if data.decision is Decision.YES:
        result = context.services.extensions.approve(actor, data.extension_id)
        await _announce(update, context, result)
        return
    context.services.extensions.may_decide(actor, data.extension_id)  # refuse before typing
    context.expect(Expecting.EXTENSION_REFUSAL, data.extension_id)
    await reply(update, context, render_reason_question(actor.language))


async def typed_reason(update: Update, context: Context, extension_id: str, reason: str) -> None:
    """The reason for refusing an extension."""
    actor = actor_of(update, context)
    context.take_awaiting()
    result = context.services.extensions.refuse(actor, extension_id, reason)
    await _announce(update, context, result)


async def _announce(update: Update, context: Context, result: ExtensionResult) -> None:
    actor = actor_of(update, context)
    await edit_or_send(update, context, render_decided(result, actor.language))
    await notify(update, context, result.notify, lambda lang: render_outcome_notice(result, lang))


async def _keep(update: Update, context: Context, draft: ExtensionDraft) -> None:
    """Remember the draft, expect the next message for it, and show it."""
    if context.user_data is not None:
        context.user_data.extension_draft = draft
    context.expect(Expecting.EXTENSION_INPUT, draft.measure.id)
    actor = actor_of(update, context)
    chat = update.effective_chat
    if chat is not None:
        await context.outbox.send(chat.id, render_draft(draft, actor.language))


def _draft(update: Update, context: Context, measure_id: str | None) -> ExtensionDraft:
    draft = context.user_data.extension_draft if context.user_data is not None else None
    return context.services.extensions.draft_on(actor_of(update, context), draft, measure_id)


def _forget(context: Context) -> None:
    if context.user_data is not None:
        context.user_data.extension_draft = None
        awaiting = context.peek_awaiting()
        if awaiting is not None and awaiting.expecting is Expecting.EXTENSION_INPUT:
            context.take_awaiting()
