"""Close-out: ``/closeout <id> [evidence]`` or 🏁 → evidence in as many messages as needed →
📤 Submit → lead's Approve / Return (with a typed reason).

The evidence being gathered is the user's :class:`~bot.services.closeout.closeouts.CloseoutDraft`
(``user_data.closeout_draft``); each text, photo or file adds to it until Submit or Cancel.
An edited ``/closeout`` message is re-read: in the draft, or in the request while it waits
for the lead. See ``closeout.mmd``.
"""

from __future__ import annotations

from telegram import Message as TgMessage
from telegram import Update

from bot.callbacks import DecideCloseout, Decision, RequestCloseout, SubmitCloseout
from bot.context import Context, Expecting
from bot.handlers.common import (
    actor_of,
    edit_or_send,
    guarded,
    pressed,
    reply,
    team_hint,
)
from bot.handlers.delivery import notify
from bot.handlers.parsing import command_args, split_args
from bot.render.closeouts import (
    render_decided,
    render_draft,
    render_draft_dropped,
    render_outcome_notice,
    render_reason_question,
    render_requested,
    render_review,
)
from bot.render.common import render_usage
from bot.services import CloseoutResult, NotAllowed, NotFound, Perm
from bot.services.closeout.closeouts import CloseoutDraft


@guarded
async def closeout(update: Update, context: Context) -> None:
    """``/closeout <task> [evidence]``: start gathering evidence (the command's own text is the
    first piece); the task as ``M3f2a``, ``#M3f2a`` or its number in the plan."""
    actor = actor_of(update, context)
    ref, evidence = split_args(context.args, 2)
    if ref is None:
        await reply(update, context, render_usage("cmd.closeout", actor.language))
        return
    message = update.effective_message
    source = message.message_id if message is not None else None
    draft = context.services.closeouts.start(
        actor, ref, team_hint(actor, context), evidence, source
    )
    await _keep(update, context, draft)


@guarded
async def request_button(update: Update, context: Context) -> None:
    """申请办结 on a task: start gathering evidence."""
    data = pressed(update, RequestCloseout)
    if data is None:
        return
    actor = actor_of(update, context)
    draft = context.services.closeouts.start(actor, data.measure_id)
    await _keep(update, context, draft)


async def add_evidence(
    update: Update, context: Context, text: str | None, files: tuple[str, ...]
) -> None:
    """One more message of evidence for the draft."""
    actor = actor_of(update, context)
    draft = _draft(update, context, None)
    message = update.effective_message
    source = message.message_id if message is not None else None
    draft = context.services.closeouts.add(actor, draft, text, files, source)
    await _keep(update, context, draft)


@guarded
async def submit(update: Update, context: Context) -> None:
    """📤 Submit: file the request; the team's leads get it with all the evidence. ✖️ Cancel:
    drop what was gathered."""
    data = pressed(update, SubmitCloseout)
    if data is None:
        return
    actor = actor_of(update, context)
    draft = _draft(update, context, data.measure_id)
    if data.decision is Decision.NO:
        _forget(context)
        await edit_or_send(update, context, render_draft_dropped(draft.measure, actor.language))
        return
    result = context.services.closeouts.submit(actor, draft)
    _forget(context)
    await edit_or_send(update, context, render_requested(result, actor.language))
    await notify(update, context, result.notify, lambda lang: render_review(result, lang))


async def apply_edit(update: Update, context: Context, message: TgMessage) -> None:
    """An edited ``/closeout``: its text is re-read in the draft it started, or in the request
    it went into while that waits for the lead; otherwise it starts a draft as if sent now."""
    actor = actor_of(update, context)
    ref, evidence = split_args(command_args(message.text or ""), 2)
    if ref is None:
        return
    service = context.services.closeouts
    draft = context.user_data.closeout_draft if context.user_data is not None else None
    team_id = team_hint(actor, context)
    if draft is not None and draft.sourced(message.message_id):
        draft = service.reread(actor, draft, ref, team_id, message.message_id, evidence)
        await _keep(update, context, draft, reply_to=message.message_id)
        return
    try:
        result = service.amend(actor, message.chat.id, message.message_id, evidence)
    except NotFound:
        draft = service.start(actor, ref, team_id, evidence, message.message_id)
        await _keep(update, context, draft, reply_to=message.message_id)
        return
    confirmation = render_requested(result, actor.language, amended=True)
    await context.outbox.send(message.chat.id, confirmation, reply_to=message.message_id)
    await notify(
        update, context, result.notify, lambda lang: render_review(result, lang, amended=True)
    )


@guarded
async def decide(update: Update, context: Context) -> None:
    """Approve (销号) at once; Return asks for the reason first."""
    data = pressed(update, DecideCloseout)
    if data is None:
        return
    actor = actor_of(update, context)
    if data.decision is Decision.YES:
        result = context.services.closeouts.approve(actor, data.closeout_id)
        await _announce(update, context, result)
        return
    pending = context.services.closeouts.get(actor, data.closeout_id)
    if not context.services.auth.can(actor, Perm.CLOSEOUT_DECIDE, pending.closeout.team_id):
        # refuse now rather than after the reason is typed
        raise NotAllowed("err.not_allowed", action=Perm.CLOSEOUT_DECIDE.value)
    context.expect(Expecting.RETURN_REASON, data.closeout_id)
    await reply(update, context, render_reason_question(actor.language))


async def typed_reason(update: Update, context: Context, closeout_id: str, reason: str) -> None:
    """The reason for returning a close-out request."""
    actor = actor_of(update, context)
    context.take_awaiting()
    result = context.services.closeouts.return_(actor, closeout_id, reason)
    await _announce(update, context, result)


async def _announce(update: Update, context: Context, result: CloseoutResult) -> None:
    actor = actor_of(update, context)
    await edit_or_send(update, context, render_decided(result, actor.language))
    await notify(update, context, result.notify, lambda lang: render_outcome_notice(result, lang))


async def _keep(
    update: Update, context: Context, draft: CloseoutDraft, *, reply_to: int | None = None
) -> None:
    """Remember the draft, expect more evidence, and show what was gathered."""
    if context.user_data is not None:
        context.user_data.closeout_draft = draft
    context.expect(Expecting.CLOSEOUT_EVIDENCE, draft.measure.id)
    actor = actor_of(update, context)
    chat = update.effective_chat
    if chat is not None:
        shown = render_draft(draft, actor.language)
        await context.outbox.send(chat.id, shown, reply_to=reply_to)


def _draft(update: Update, context: Context, measure_id: str | None) -> CloseoutDraft:
    """The draft being gathered (on ``measure_id`` if given), or NotFound."""
    draft = context.user_data.closeout_draft if context.user_data is not None else None
    return context.services.closeouts.draft_on(actor_of(update, context), draft, measure_id)


def _forget(context: Context) -> None:
    if context.user_data is not None:
        context.user_data.closeout_draft = None
        awaiting = context.peek_awaiting()
        if awaiting is not None and awaiting.expecting is Expecting.CLOSEOUT_EVIDENCE:
            context.take_awaiting()
