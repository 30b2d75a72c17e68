"""The record: ``/history``, ``/search``, ``/evidence`` (and /task's 佐证材料 button), and the
private nudge after a vague or repeated update."""

from __future__ import annotations

from telegram import Update

from bot.callbacks import Page
from bot.context import Context
from bot.handlers.common import (
    actor_of,
    edit_or_send,
    guarded,
    language_of,
    pressed_message,
    reply,
    team_hint,
    team_of,
)
from bot.handlers.parsing import first_arg
from bot.render.records import (
    listing_words,
    render_evidence,
    render_evidence_usage,
    render_history,
    render_nudge,
    render_search,
)
from bot.services import Actor, ReportSaved


@guarded
async def history(update: Update, context: Context) -> None:
    """``/history [filters] [dates]``: steps of the record, newest first."""
    await _listing(update, context, "history", list(context.args or ()), 0)


@guarded
async def search(update: Update, context: Context) -> None:
    """``/search words``: tasks and updates containing every word."""
    await _listing(update, context, "search", list(context.args or ()), 0)


async def records_page(update: Update, context: Context, data: Page) -> None:
    """Another page of a /history or /search listing (the command is read back from it)."""
    shown = pressed_message(update)
    found = listing_words(shown.text if shown is not None else None)
    if found is None:
        return
    await _listing(update, context, found[0], found[1], data.page)


async def _listing(
    update: Update, context: Context, command: str, words: list[str], page: int
) -> None:
    actor = actor_of(update, context)
    team_id = team_of(actor, context)
    records = context.services.records
    line = " ".join(words)
    if command == "history":
        message = render_history(
            records.history(actor, team_id, words, page), line, actor.language
        )
    else:
        message = render_search(records.search(actor, team_id, words, page), line, actor.language)
    await (edit_or_send if update.callback_query else reply)(update, context, message)


@guarded
async def evidence(update: Update, context: Context) -> None:
    """``/evidence <task>``: the list, then the files with captions."""
    ref = first_arg(context.args)
    if ref is None:
        await reply(update, context, render_evidence_usage(language_of(update, context)))
        return
    await _evidence(update, context, ref, 0)


async def evidence_page(update: Update, context: Context, data: Page) -> None:
    """/task's 佐证材料 button (and the list's pages): the task's evidence, as ``/evidence``."""
    await _evidence(update, context, data.arg, data.page)


async def _evidence(update: Update, context: Context, ref: str, page: int) -> None:
    actor = actor_of(update, context)
    result = context.services.records.evidence(actor, ref, team_hint(actor, context), page)
    out = render_evidence(result, actor.language)
    sent = await reply(update, context, out.message)
    chat = update.effective_chat
    if chat is None:
        return
    first = sent.message_ids[0] if sent.message_ids else None
    if out.album:
        await context.outbox.send_album(chat.id, out.album, reply_to=first)
    for attachment, caption in out.files:
        await context.outbox.send_file(chat.id, attachment, reply_to=first, caption=caption)


async def nudge(context: Context, actor: Actor, saved: ReportSaved) -> None:
    """After a vague or repeated update: one polite tip, in the author's private chat only."""
    if saved.nudge is None or actor.telegram_id is None:
        return
    await context.outbox.send(actor.telegram_id, render_nudge(saved, saved.nudge, actor.language))
