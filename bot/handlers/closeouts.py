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

from bot.callbacks import DecideCloseout, RequestCloseout, SubmitCloseout
from bot.context import Context, Expecting
from bot.handlers.buttons import button
from bot.handlers.common import (
    actor_of,
    guarded,
    reply,
    team_hint,
)
from bot.handlers.delivery import notify
from bot.handlers.parsing import command_args, split_args
from bot.handlers.requests import RequestFlow
from bot.i18n import t
from bot.render import Message
from bot.render.closeouts import VIEWS, render_requested, render_review
from bot.services import NotFound, Perm


@guarded
async def closeout(update: Update, context: Context) -> None:
    """``/closeout <task> [evidence]``: start gathering evidence (the command's own text is the
    first piece); the task as ``M3f2a``, ``#M3f2a`` or its number in the plan."""
    actor = actor_of(update, context)
    ref, evidence = split_args(context.args, 2)
    if ref is None:
        usage = t("common.usage", actor.language, usage=t("cmd.closeout", actor.language))
        await reply(update, context, Message(usage))
        return
    message = update.effective_message
    source = message.message_id if message is not None else None
    draft = context.services.closeouts.start(
        actor, ref, team_hint(actor, context), evidence, source
    )
    await FLOW.keep(update, context, draft)


@button(RequestCloseout, Perm.CLOSEOUT_REQUEST)
async def request_button(update: Update, context: Context, data: RequestCloseout) -> None:
    """申请办结 on a task: start gathering evidence."""
    draft = context.services.closeouts.start(actor_of(update, context), data.measure_id)
    await FLOW.keep(update, context, draft)


@button(SubmitCloseout, Perm.CLOSEOUT_REQUEST)
async def submit(update: Update, context: Context, data: SubmitCloseout) -> None:
    """📤 Submit: file the request; the team's leads get it with all the evidence. ✖️ Cancel:
    drop what was gathered."""
    await FLOW.submit(update, context, data.measure_id, data.decision)


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
        await FLOW.keep(update, context, draft, reply_to=message.message_id)
        return
    try:
        result = service.amend(actor, message.chat.id, message.message_id, evidence)
    except NotFound:
        draft = service.start(actor, ref, team_id, evidence, message.message_id)
        await FLOW.keep(update, context, draft, reply_to=message.message_id)
        return
    confirmation = render_requested(result, actor.language, amended=True)
    await context.outbox.send(message.chat.id, confirmation, reply_to=message.message_id)
    await notify(
        update, context, result.notify, lambda lang: render_review(result, lang, amended=True)
    )


@button(DecideCloseout, Perm.CLOSEOUT_DECIDE)
async def decide(update: Update, context: Context, data: DecideCloseout) -> None:
    """Approve (销号) at once; Return asks for the reason first."""
    await FLOW.decide(update, context, data.closeout_id, data.decision)


#: The close-out request → decision flow.
FLOW = RequestFlow(
    "closeout_draft",
    lambda services: services.closeouts,
    (Expecting.CLOSEOUT_EVIDENCE, Expecting.RETURN_REASON),
    VIEWS,
)
