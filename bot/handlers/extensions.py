"""Deadline extension: ``/extend <task> [<date> <reason>]`` or ⏳ on a task → the new deadline
and reason typed (photos or files may follow as evidence) → 📤 Submit → the lead's Approve /
Refuse (with a typed reason). See ``extension.mmd``.

The request being written is the user's :class:`~bot.services.closeout.extensions.ExtensionDraft`
(``user_data.extension_draft``), kept until Submit or Cancel.
"""

from __future__ import annotations

from telegram import Update

from bot.callbacks import DecideExtension, RequestExtension, SubmitExtension
from bot.context import Context, Expecting
from bot.handlers.buttons import button
from bot.handlers.common import actor_of, guarded, reply, team_hint
from bot.handlers.parsing import split_args
from bot.handlers.requests import RequestFlow
from bot.i18n import t
from bot.render import Message
from bot.render.extensions import VIEWS
from bot.services import Perm


@guarded
async def extend(update: Update, context: Context) -> None:
    """``/extend <task> [<date> <reason>]``: start a request (the rest of the command is the
    new deadline and the reason)."""
    actor = actor_of(update, context)
    ref, rest = split_args(context.args, 2)
    if ref is None:
        usage = t("common.usage", actor.language, usage=t("cmd.extend", actor.language))
        await reply(update, context, Message(usage))
        return
    draft = context.services.extensions.start(actor, ref, team_hint(actor, context), rest)
    await FLOW.keep(update, context, draft)


@button(RequestExtension, Perm.EXTENSION_REQUEST)
async def request_button(update: Update, context: Context, data: RequestExtension) -> None:
    """⏳ 申请延期 on a task: ask for the new deadline and the reason."""
    draft = context.services.extensions.start(actor_of(update, context), data.measure_id)
    await FLOW.keep(update, context, draft)


@button(SubmitExtension, Perm.EXTENSION_REQUEST)
async def submit(update: Update, context: Context, data: SubmitExtension) -> None:
    """📤 Submit: the leads get the request; ✖️ Cancel drops it."""
    await FLOW.submit(update, context, data.measure_id, data.decision)


@button(DecideExtension, Perm.EXTENSION_DECIDE)
async def decide(update: Update, context: Context, data: DecideExtension) -> None:
    """Approve at once; Refuse asks for the reason first."""
    await FLOW.decide(update, context, data.extension_id, data.decision)


#: The extension request → decision flow.
FLOW = RequestFlow(
    "extension_draft",
    lambda services: services.extensions,
    (Expecting.EXTENSION_INPUT, Expecting.EXTENSION_REFUSAL),
    VIEWS,
)
