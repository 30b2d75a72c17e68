"""Replies to a bot message that lists several tasks (the weekly prompt, ``/mytasks``…).

The mapping is deterministic: the reply is kept in the user's state under a short key and the
bot asks "which task?" with one button per listed task that the sender may report on; the button
(``rq:<key>:<task>``) files the kept text and files on that task. When only one listed task is
the sender's, the reply is filed on it at once. A button whose reply is no longer kept (after a
restart, or when it was already filed) says so.

A text or photo about no task in view (no reply, nothing asked for) is not turned away either:
the bot asks the same question over the sender's open tasks (even just one, since the message
may be no report at all), up to ``MAX_UNASKED`` of them. A kept reply edited before the
answer keeps the edit.
"""

from __future__ import annotations

import dataclasses

from telegram import Message as TgMessage
from telegram import Update

from bot.callbacks import ReplyPick
from bot.context import MAX_PENDING_REPLIES, Context, PendingReply
from bot.domain.ids import new_id
from bot.handlers import albums, reports
from bot.handlers.buttons import button
from bot.handlers.common import actor_of, edit_or_send, reply
from bot.handlers.records import nudge
from bot.render.replies import render_reply_gone, render_which_task
from bot.render.reports import render_report_saved
from bot.services import Perm

#: At most this many open tasks are offered for a message about no task in view.
MAX_UNASKED = 12


async def ask_about_mine(
    update: Update, context: Context, message: TgMessage, body: str | None, files: tuple[str, ...]
) -> bool:
    """Ask which of the sender's open tasks a message about no task in view is about; False
    when the sender has none (or too many to list)."""
    actor = actor_of(update, context)
    if not actor.persons:
        return False
    mine = tuple(task.measure.id for task in context.services.tasks.mine(actor))
    if not mine or len(mine) > MAX_UNASKED:
        return False
    return await ask_which(update, context, message, mine, body, files, unasked=True)


async def ask_which(
    update: Update,
    context: Context,
    message: TgMessage,
    listed: tuple[str, ...],
    body: str | None,
    files: tuple[str, ...],
    *,
    unasked: bool = False,
) -> bool:
    """Ask which of ``listed`` the reply is about (or file it on the only one that is the
    sender's, unless the message was ``unasked``); False when none of them is the sender's."""
    actor = actor_of(update, context)
    mine = {task.measure.id: task.measure for task in context.services.tasks.mine(actor)}
    candidates = [mine[m] for m in listed if m in mine]
    if not candidates:
        return False
    if len(candidates) == 1 and not unasked:
        await reports.add_detail(update, context, candidates[0].id, body, files)
        return True
    if context.user_data is None:
        return False
    pending = context.user_data.pending_replies
    key = new_id("q", 4)
    pending[key] = PendingReply(body, files, (message.chat.id, message.message_id))
    while len(pending) > MAX_PENDING_REPLIES:
        del pending[next(iter(pending))]
    albums.note_question(context, message, key)  # the album's other photos join this reply
    question = render_which_task(candidates, key, actor.language, unasked=unasked)
    await reply(update, context, question)
    return True


def follow_edit(context: Context, message: TgMessage, body: str) -> bool:
    """A message edited while "which task?" is still open about it: the kept reply takes the
    new text, so the answer files what the sender now says; False if none is kept."""
    kept = context.user_data.pending_replies if context.user_data is not None else {}
    source = (message.chat.id, message.message_id)
    keys = [key for key, pending in kept.items() if pending.source == source]
    for key in keys:
        kept[key] = dataclasses.replace(kept[key], text=body)
    return bool(keys)


@button(ReplyPick, Perm.REPORT)
async def pick(update: Update, context: Context, data: ReplyPick) -> None:
    """A "which task?" button: file the kept reply on the task picked."""
    actor = actor_of(update, context)
    kept = context.user_data.pending_replies if context.user_data is not None else {}
    pending = kept.get(data.key)
    if pending is None:
        await edit_or_send(update, context, render_reply_gone(actor.language))
        return
    saved = await context.services.reports.add_reply_off_loop(
        actor, data.measure_id, pending.text, pending.files, source=pending.source
    )
    kept.pop(data.key, None)
    confirmation = render_report_saved(saved, actor.language, follow_up=False)
    await edit_or_send(update, context, confirmation)
    await nudge(context, actor, saved)
