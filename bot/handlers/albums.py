"""Albums: several photos sent at once reach the bot as one message each, sharing a
``media_group_id`` (the caption, if any, on one of them). They are one report.

The first photo is placed as any photo is (filed on a task, or "which task?" asked); the
sender's state remembers where (:class:`~bot.context.Album`). Each further photo of the album
follows it without a word: into the question's kept reply, so the one answer files them all,
or onto the report, whose confirmation is edited to count it. Telegram sends an album's
messages together and the intake handles one sender's updates in order, so the first is
placed before the others arrive.
"""

from __future__ import annotations

import dataclasses

from telegram import Message as TgMessage
from telegram import Update

from bot.context import Album, Context
from bot.handlers.common import actor_of
from bot.render.reports import render_report_saved
from bot.services import ReportFields
from bot.services.reporting.reports import ReportSaved


def note_question(context: Context, message: TgMessage, key: str) -> None:
    """The album of ``message`` (if any) waits for the "which task?" asked under ``key``."""
    if message.media_group_id is not None and context.user_data is not None:
        context.user_data.album = Album(message.media_group_id, pending=key)


def note_report(
    context: Context, message: TgMessage, saved: ReportSaved, confirmation: int | None
) -> None:
    """The album of ``message`` (if any) was filed on ``saved``, confirmed by message
    ``confirmation``."""
    if message.media_group_id is None or context.user_data is None:
        return
    shown = (message.chat.id, confirmation) if confirmation is not None else None
    context.user_data.album = Album(
        message.media_group_id, report_id=saved.report.id, confirmation=shown
    )


async def follow(update: Update, context: Context, message: TgMessage, file_id: str) -> bool:
    """Put a further photo of an album where its first went; False if it is no such photo."""
    state = context.user_data
    album = state.album if state is not None else None
    if state is None or album is None or album.id != message.media_group_id:
        return False
    if album.pending is not None:
        kept = state.pending_replies.get(album.pending)
        if kept is None:  # already answered: this photo is placed on its own
            return False
        files = (*kept.files, file_id)
        state.pending_replies[album.pending] = dataclasses.replace(kept, files=files)
        return True
    if album.report_id is None:
        return False
    actor = actor_of(update, context)
    fields = ReportFields(text=message.caption, attachments=(file_id,))
    saved = context.services.reports.amend(actor, album.report_id, fields)
    if album.confirmation is not None:
        chat_id, message_id = album.confirmation
        whole = dataclasses.replace(saved, created=True)  # still the album's one new report
        confirmation = render_report_saved(whole, actor.language, follow_up=False)
        await context.outbox.edit(chat_id, message_id, confirmation)
    return True
