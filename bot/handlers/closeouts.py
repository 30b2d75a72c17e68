"""Close-out: ``/closeout <id> [evidence]`` or 🏁 → evidence in as many messages as needed →
📤 Submit → lead's Approve / Return (with a typed reason); a lead's ``/closeouts`` shows every
request still waiting, with the same buttons.

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
from bot.handlers.common import (
    actor_of,
    guarded,
    reply,
    team_hint,
    team_of,
)
from bot.handlers.delivery import notify
from bot.handlers.parsing import command_args, split_args
from bot.handlers.requests import RequestFlow
from bot.render.closeouts import VIEWS, render_requested, render_review
from bot.services import Actor, NotFound, Perm
from bot.services.closeout.closeouts import CloseoutDraft

#: The close-out request → decision flow.
FLOW = RequestFlow(
    "closeout_draft",
    lambda services: services.closeouts,
    (Expecting.CLOSEOUT_EVIDENCE, Expecting.RETURN_REASON),
    VIEWS,
)
FLOW.declare(
    (RequestCloseout, SubmitCloseout, DecideCloseout), Perm.CLOSEOUT_REQUEST, Perm.CLOSEOUT_DECIDE
)


@guarded
async def closeout(update: Update, context: Context) -> None:
    """``/closeout <task> [evidence]``: start gathering evidence (the command's own text is the
    first piece); the task as ``M3f2a``, ``#M3f2a`` or its number in the plan."""
    message = update.effective_message
    source = message.message_id if message is not None else None

    def start(actor: Actor, ref: str, evidence: str | None) -> CloseoutDraft:
        team_id = team_hint(actor, context)
        return context.services.closeouts.start(actor, ref, team_id, evidence, source)

    await FLOW.command(update, context, "cmd.closeout", start)


@guarded
async def pending(update: Update, context: Context) -> None:
    """``/closeouts``: the team's close-out requests awaiting a decision, oldest first, each as
    the leads get it (its evidence and the decision buttons), including those no lead could be
    told of when they came in."""
    actor = actor_of(update, context)
    waiting = context.services.closeouts.pending(actor, team_of(actor, context))
    for message in VIEWS.waiting(waiting, actor.language):
        await reply(update, context, message)


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
