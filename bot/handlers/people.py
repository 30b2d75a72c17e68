"""Leads onboard people: ``/add``, ``/roster`` (and roster files), ``/invite``, ``/revoke``,
``/pending``."""

from __future__ import annotations

from telegram import Update

from bot.callbacks import Page, PageKind
from bot.context import Context
from bot.handlers.common import actor_of, edit_or_send, guarded, reply, team_of
from bot.handlers.parsing import page_number
from bot.render.people import (
    render_invite,
    render_pending,
    render_person_added,
    render_reporter_set,
    render_reporters,
    render_revoked,
    render_roster,
)


@guarded
async def add(update: Update, context: Context) -> None:
    """``/add <name> <unit> <role> [phone] [for <name>]``: one person and their link."""
    actor = actor_of(update, context)
    line = " ".join(context.args or [])
    added = context.services.people.add_from_line(actor, team_of(actor, context), line)
    await reply(update, context, render_person_added(added, context.bot.username, actor.language))


@guarded
async def roster(update: Update, context: Context) -> None:
    """``/roster``: the team's people; the next file the lead sends is taken as a roster."""
    actor = actor_of(update, context)
    page = context.services.people.list(actor, team_of(actor, context), page_number(None))
    if context.user_data is not None:
        context.user_data.upload = "roster"
    await reply(update, context, render_roster(page, actor.language))


@guarded
async def invite(update: Update, context: Context) -> None:
    """``/invite <name> [unit]``: a fresh link for someone who has not joined (older ones
    stop)."""
    actor = actor_of(update, context)
    ref = " ".join(context.args or [])
    issued = context.services.people.invite_by_ref(actor, team_of(actor, context), ref)
    await reply(update, context, render_invite(issued, context.bot.username, actor.language))


@guarded
async def revoke(update: Update, context: Context) -> None:
    """``/revoke <name> [unit]``: every usable link of the person stops working."""
    actor = actor_of(update, context)
    ref = " ".join(context.args or [])
    revoked = context.services.people.revoke_by_ref(actor, team_of(actor, context), ref)
    await reply(update, context, render_revoked(revoked, actor.language))


@guarded
async def reporter(update: Update, context: Context) -> None:
    """``/reporter [姓名]``: each unit's reporter (填报人); with a name, that person answers for
    their unit from now on."""
    actor = actor_of(update, context)
    team_id, ref = team_of(actor, context), " ".join(context.args or [])
    if ref:
        chosen = context.services.people.set_reporter(actor, team_id, ref)
        await reply(update, context, render_reporter_set(chosen, actor.language))
        return
    found = context.services.people.reporters(actor, team_id)
    await reply(update, context, render_reporters(found, actor.language))


@guarded
async def pending(update: Update, context: Context) -> None:
    """``/pending``: who has not joined, with links (a page per button press)."""
    await pending_page(update, context, Page(PageKind.PENDING, page_number(None)))


async def pending_page(update: Update, context: Context, data: Page) -> None:
    """A page of who has not joined, with links."""
    actor = actor_of(update, context)
    people = context.services.people.pending(actor, team_of(actor, context))
    message = render_pending(people, data.page, context.bot.username, actor.language)
    await (edit_or_send if update.callback_query else reply)(update, context, message)


async def roster_page(update: Update, context: Context, data: Page) -> None:
    """Another page of ``/roster``."""
    actor = actor_of(update, context)
    page = context.services.people.list(actor, team_of(actor, context), data.page)
    await edit_or_send(update, context, render_roster(page, actor.language))
