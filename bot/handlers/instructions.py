"""Tasks from a leader's instruction or a meeting decision: ``/instruction`` (批示) or
``/decision`` (会议决定事项) → the text typed or forwarded (labelled lines, a photo of the
signed page) → ✅ 立项 → the new task with its assignment buttons. See ``instruction.mmd``.

The draft is the user's :class:`~bot.services.plans.instructions.InstructionDraft`
(``user_data.instruction_draft``). A forwarded message gives its origin's name and date (who
gave the instruction, and when) where the text does not say.
"""

from __future__ import annotations

from datetime import date

from telegram import Message as TgMessage
from telegram import Update

from bot.callbacks import Decision, SubmitInstruction
from bot.context import Context, Expecting
from bot.domain.plan import SourceKind
from bot.handlers.buttons import button
from bot.handlers.common import actor_of, edit_or_send, guarded, team_of
from bot.handlers.parsing import command_rest
from bot.render.instructions import render_created, render_draft, render_dropped
from bot.services import Perm
from bot.services.plans.instructions import InstructionDraft


@guarded
async def instruction(update: Update, context: Context) -> None:
    """``/instruction [text]``: a task from a leader's instruction (批示)."""
    await _start(update, context, SourceKind.INSTRUCTION)


@guarded
async def decision(update: Update, context: Context) -> None:
    """``/decision [text]``: a task from a meeting decision (会议决定事项)."""
    await _start(update, context, SourceKind.MEETING)


async def _start(update: Update, context: Context, kind: SourceKind) -> None:
    actor = actor_of(update, context)
    message = update.effective_message
    rest = command_rest(message.text or "") if message is not None else None
    draft = context.services.instructions.start(actor, team_of(actor, context), kind, rest)
    await _keep(update, context, draft)


async def add(
    update: Update, context: Context, message: TgMessage, text: str | None, files: tuple[str, ...]
) -> None:
    """One more message for the draft: text, a photo of the signed page, a forward."""
    actor = actor_of(update, context)
    draft = _draft(update, context)
    name, day = _origin(message, context)
    signed = next(iter(files), None)  # a photo or a scan of the signed page
    draft = context.services.instructions.add(actor, draft, text, signed, name, day)
    await _keep(update, context, draft)


@button(SubmitInstruction, Perm.INSTRUCTION_CREATE)
async def submit(update: Update, context: Context, data: SubmitInstruction) -> None:
    """✅ 立项: the task is made and can be assigned; ✖️ 取消 drops the draft."""
    actor = actor_of(update, context)
    draft = _draft(update, context)
    if data.decision is Decision.NO:
        _forget(context)
        await edit_or_send(update, context, render_dropped(actor.language))
        return
    measure = context.services.instructions.create(actor, draft)
    _forget(context)
    await edit_or_send(update, context, render_created(measure, actor.language))


async def _keep(update: Update, context: Context, draft: InstructionDraft) -> None:
    if context.user_data is not None:
        context.user_data.instruction_draft = draft
    context.expect(Expecting.INSTRUCTION_INPUT, draft.kind.value)
    chat = update.effective_chat
    if chat is not None:
        shown = render_draft(draft, actor_of(update, context).language)
        await context.outbox.send(chat.id, shown)


def _draft(update: Update, context: Context) -> InstructionDraft:
    draft = context.user_data.instruction_draft if context.user_data is not None else None
    return context.services.instructions.draft_on(actor_of(update, context), draft)


def _forget(context: Context) -> None:
    if context.user_data is not None:
        context.user_data.instruction_draft = None
        awaiting = context.peek_awaiting()
        if awaiting is not None and awaiting.expecting is Expecting.INSTRUCTION_INPUT:
            context.take_awaiting()


def _origin(message: TgMessage, context: Context) -> tuple[str | None, date | None]:
    """Who wrote a forwarded message and on which local day (None, None if not forwarded)."""
    origin = message.forward_origin
    if origin is None:
        return None, None
    user = getattr(origin, "sender_user", None)
    chat = getattr(origin, "sender_chat", None) or getattr(origin, "chat", None)
    name = (
        user.full_name if user is not None
        else getattr(origin, "sender_user_name", None) or (chat.title if chat else None)
    )  # fmt: skip
    return name, origin.date.astimezone(context.settings.timezone).date()
