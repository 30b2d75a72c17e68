"""Messages that are not commands, in private chats: what do they answer?

Text, photos and files go, in this order of precedence, to:

1. the task whose bot message they reply to (a report detail or evidence); a reply to a message
   listing several tasks asks "which task?" first (:mod:`bot.handlers.reply_pick`);
2. what a button asked for: a custom progress percentage, a return reason, close-out evidence,
   or details of the report being filed;
3. files only: a roster or a plan to import (the upload service tells which).

While close-out evidence is being gathered (after ``/closeout`` or 🏁), every text, photo or
file goes to it until Submit, unless it replies to a bot message about another task.
The further photos of an album follow its first (:mod:`bot.handlers.albums`).
Otherwise a text or photo is offered to the sender's open tasks ("which task?"), and only
someone with none gets a short hint. Edited texts and photo captions update the report they
created, or the reply kept for "which task?" (other edits are ignored, by design); an edited
``/closeout`` re-reads its evidence. See ``report.mmd`` and ``closeout.mmd`` for the flows.
"""

from __future__ import annotations

import logging
from typing import Any

from telegram import Document, PhotoSize, Update, Video
from telegram import Message as TgMessage
from telegram.error import TelegramError

from bot.context import Context, Expecting
from bot.domain.attachments import Attachment, AttachmentKind
from bot.handlers import albums, closeouts, extensions, instructions, reply_pick, reports
from bot.handlers.common import actor_of, guarded, reply, team_of
from bot.handlers.parsing import command_name
from bot.handlers.replies import task_replied_to, tasks_listed_in
from bot.handlers.requests import RequestFlow
from bot.render.common import render_hint, render_stranger
from bot.render.reports import render_no_task
from bot.render.uploads import render_upload
from bot.services.common.errors import InvalidInput
from bot.services.plans.uploads import MAX_UPLOAD_BYTES, NotFetched

log = logging.getLogger(__name__)

#: The request → decision flows: their drafts take what is written, a refusal its reason.
REQUESTS: tuple[RequestFlow[Any, Any], ...] = (closeouts.FLOW, extensions.FLOW)


@guarded
async def text(update: Update, context: Context) -> None:
    """Plain text in a private chat."""
    message = update.effective_message
    if message is None or message.text is None:
        return
    await _route(update, context, message, message.text, ())


@guarded
async def media(update: Update, context: Context) -> None:
    """A photo or a file in a private chat: evidence, a roster or a plan."""
    message = update.effective_message
    if message is None:
        return
    file_id = _file_id(message)
    if file_id is None:
        await reply(update, context, render_hint(actor_of(update, context).language))
        return
    if await albums.follow(update, context, message, file_id):  # an album is one report
        return
    if await _route(update, context, message, message.caption, (file_id,)):
        return
    if message.document is not None:
        await _document(update, context, message)
        return
    await reply(update, context, render_no_task(actor_of(update, context).language))


@guarded
async def edited(update: Update, context: Context) -> None:
    """An edited text, or photo caption, that created a report: the report follows the edit;
    an edited ``/closeout``: its evidence does."""
    message = update.edited_message
    if message is None:
        return
    if message.text is not None and command_name(message.text) == "closeout":
        await closeouts.apply_edit(update, context, message)
        return
    body = message.text if message.text is not None else message.caption
    if body is not None and not reply_pick.follow_edit(context, message, body):
        await reports.apply_edit(update, context, message, body)


@guarded
async def other(update: Update, context: Context) -> None:
    """Stickers, voice notes, locations...: a polite hint."""
    actor = actor_of(update, context)
    lang = actor.language
    await reply(update, context, render_hint(lang) if actor.known else render_stranger(lang))


async def _route(
    update: Update,
    context: Context,
    message: TgMessage,
    body: str | None,
    files: tuple[str, ...],
) -> bool:
    """Send the message where it belongs; False when nothing wanted it (files only)."""
    listed = tasks_listed_in(message)
    awaiting = context.peek_awaiting()
    replied = task_replied_to(message)
    expecting = awaiting.expecting if awaiting is not None else None
    writing = next((f for f in REQUESTS if expecting is f.writing), None)
    if writing is not None and awaiting is not None and set(listed) <= {awaiting.ref}:
        await writing.add(update, context, body, files)  # a close-out's or extension's draft
        return True
    if awaiting is not None and awaiting.expecting is Expecting.INSTRUCTION_INPUT and not listed:
        await instructions.add(update, context, message, body, files)
        return True
    if len(listed) > 1 and await reply_pick.ask_which(
        update, context, message, listed, body, files
    ):
        return True
    if replied is not None:
        await reports.add_detail(update, context, replied, body, files)
        return True
    if awaiting is not None:
        kind, ref = awaiting.expecting, awaiting.ref
        if kind is Expecting.PROGRESS:
            await reports.typed_progress(update, context, ref, body, files)
            return True
        if kind is Expecting.INDICATOR:
            await reports.typed_indicator(update, context, ref, awaiting.detail, body, files)
            return True
        refusing = next((f for f in REQUESTS if kind is f.reasoning), None)
        if refusing is not None and body is not None and not files:
            await refusing.typed_reason(update, context, ref, body)
            return True
        if kind is Expecting.REPORT_TEXT:
            await reports.add_detail(update, context, ref, body, files, awaiting.detail)
            return True
    if message.document is None and await reply_pick.ask_about_mine(
        update, context, message, body, files
    ):
        return True
    if files:
        return False
    actor = actor_of(update, context)
    lang = actor.language
    await reply(update, context, render_no_task(lang) if actor.known else render_stranger(lang))
    return True


async def _document(update: Update, context: Context, message: TgMessage) -> None:
    """A file with no task in view: the upload service takes it as a roster or a plan."""
    document = message.document
    if document is None:
        return
    if document.file_size is not None and document.file_size > MAX_UPLOAD_BYTES:
        raise InvalidInput("err.file_too_large", max_kb=MAX_UPLOAD_BYTES // 1024)
    actor = actor_of(update, context)
    team_id = team_of(actor, context)
    data = await _download(document)  # a file not fetched keeps /roster's question open
    roster_asked = context.user_data is not None and context.user_data.upload == "roster"
    if context.user_data is not None:
        context.user_data.upload = None  # one file per /roster, whatever becomes of it
    upload = await context.services.uploads.receive_off_loop(  # parsing never blocks others
        actor,
        team_id,
        data,
        document.file_name or "upload",
        caption=message.caption,
        roster_asked=roster_asked,
    )
    await reply(update, context, render_upload(upload, context.bot.username, actor.language))


async def _download(document: Document) -> bytes:
    """The document's bytes (getFile, then the download). Telegram refusing it or the network
    failing is no bug of the bot: the sender is asked to send it again, no admin is alerted."""
    try:
        return bytes(await (await document.get_file()).download_as_bytearray())
    except TelegramError as exc:  # BadRequest, NetworkError, TimedOut: PTB's for HTTP too
        log.warning("could not fetch document %s: %s", document.file_unique_id, exc)
        raise NotFetched from exc


def _file_id(message: TgMessage) -> str | None:
    """The file as stored with its kind and unique id: ``photo:<id>:<unique id>``,
    ``document:…`` or ``video:…``."""
    found: tuple[AttachmentKind, PhotoSize | Document | Video]
    if message.photo:
        found = (AttachmentKind.PHOTO, message.photo[-1])
    elif message.document is not None:
        found = (AttachmentKind.DOCUMENT, message.document)
    elif message.video is not None:
        found = (AttachmentKind.VIDEO, message.video)
    else:
        return None
    kind, file = found
    return Attachment(kind, file.file_id, file.file_unique_id or None).stored()
