"""Deadline extension: ``/extend <task> [<date> <reason>]`` or ⏳ on a task → the new deadline
and reason typed (photos or files may follow as evidence) → 📤 Submit → the lead's Approve /
Refuse (with a typed reason); a lead's ``/extensions`` shows every request still waiting, with
the same buttons. See ``extension.mmd``.

The request being written is the user's :class:`~bot.services.closeout.extensions.ExtensionDraft`
(``user_data.extension_draft``), kept until Submit or Cancel.
"""

from __future__ import annotations

from telegram import Update

from bot.callbacks import DecideExtension, RequestExtension, SubmitExtension
from bot.context import Context, Expecting
from bot.handlers.common import actor_of, guarded, reply, team_hint, team_of
from bot.handlers.requests import RequestFlow
from bot.render.extensions import VIEWS
from bot.services import Actor, Perm
from bot.services.closeout.extensions import ExtensionDraft

#: The extension request → decision flow.
FLOW = RequestFlow(
    "extension_draft",
    lambda services: services.extensions,
    (Expecting.EXTENSION_INPUT, Expecting.EXTENSION_REFUSAL),
    VIEWS,
)
FLOW.declare(
    (RequestExtension, SubmitExtension, DecideExtension),
    Perm.EXTENSION_REQUEST,
    Perm.EXTENSION_DECIDE,
)


@guarded
async def extend(update: Update, context: Context) -> None:
    """``/extend <task> [<date> <reason>]``: start a request (the rest of the command is the
    new deadline and the reason)."""

    def start(actor: Actor, ref: str, rest: str | None) -> ExtensionDraft:
        return context.services.extensions.start(actor, ref, team_hint(actor, context), rest)

    await FLOW.command(update, context, "cmd.extend", start)


@guarded
async def pending(update: Update, context: Context) -> None:
    """``/extensions``: the team's extension requests awaiting a decision, oldest first, each
    as the leads get it (with the decision buttons), including those no lead could be told of
    when they came in."""
    actor = actor_of(update, context)
    waiting = context.services.extensions.pending(actor, team_of(actor, context))
    for message in VIEWS.waiting(waiting, actor.language):
        await reply(update, context, message)
