"""Admin and lead set-up: ``/newteam``, ``/addlead``, and ``/setgroup`` in the leaders' group,
which the team follows when Telegram turns it into a supergroup; the leads hear at once when the
bot is removed from it."""

from __future__ import annotations

import logging
from collections.abc import Callable

from telegram import ChatMember, ChatMemberRestricted, Update
from telegram.constants import ChatMemberStatus, ChatType

from bot.context import Context
from bot.domain.delivery import Undelivered
from bot.domain.people import Team
from bot.handlers.common import actor_of, guarded, is_private, reply, team_of
from bot.handlers.menus import apply_group_menu, follow_group
from bot.handlers.parsing import split_args
from bot.render import Message
from bot.render.common import render_group_only
from bot.render.people import (
    render_group_anonymous,
    render_group_lost,
    render_group_muted,
    render_group_set,
    render_group_set_unposted,
    render_lead_added,
    render_team_created,
)
from bot.services.people.teams import GroupLost

log = logging.getLogger(__name__)


@guarded
async def new_team(update: Update, context: Context) -> None:
    """``/newteam <name>``: create a team (admins), its rhythm scheduled at once; it becomes the
    admin's current team."""
    actor = actor_of(update, context)
    name = " ".join(context.args or [])
    created = context.services.teams.create(actor, name, language=context.settings.language)
    context.rhythm.schedule(context.job_queue, created.team.id)  # its rhythm starts now
    if context.user_data is not None:
        context.user_data.team_id = created.team.id
    await reply(update, context, render_team_created(created, actor.language))


@guarded
async def add_lead(update: Update, context: Context) -> None:
    """``/addlead <name> [unit]``: add a lead to the current team and show their link."""
    actor = actor_of(update, context)
    name, unit = split_args(context.args, 2)
    added = context.services.teams.add_lead(actor, team_of(actor, context), name or "", unit)
    await reply(update, context, render_lead_added(added, context.bot.username, actor.language))


@guarded
async def set_group(update: Update, context: Context) -> None:
    """``/setgroup`` in a group: it becomes the team's leaders' group (leads and admins); sent in
    a forum topic, the rhythm's messages go to that topic."""
    actor = actor_of(update, context)
    chat = update.effective_chat
    if chat is None or is_private(update):
        await reply(update, context, render_group_only(actor.language))
        return
    message = update.effective_message
    if message is not None and message.sender_chat is not None:  # anonymous admin, channel
        await reply(update, context, render_group_anonymous(actor.language))
        return
    thread = message.message_thread_id if message and message.is_topic_message else None
    team = context.services.teams.set_group(actor, team_of(actor, context), chat.id, thread)
    sent = await reply(update, context, render_group_set(team, actor.language))
    user = update.effective_user
    if not sent.ok and user is not None:  # the bot may not post there: tell the lead privately
        why = sent.why or Undelivered.REFUSED
        title = chat.title or str(chat.id)
        await context.outbox.send(
            user.id, render_group_set_unposted(team, title, why, actor.language)
        )
    await apply_group_menu(context.bot, chat.id, actor.language)


async def group_moved(update: Update, context: Context) -> None:
    """Telegram's notice that a group became a supergroup (``migrate_to_chat_id`` in the old
    group, ``migrate_from_chat_id`` in the new one; whichever comes first does the work): the
    leaders' group follows it, silently, so the next digest reaches it."""
    message = update.effective_message
    if message is None:
        return
    if message.migrate_to_chat_id is not None:
        old, new = message.chat.id, message.migrate_to_chat_id
    elif message.migrate_from_chat_id is not None:
        old, new = message.migrate_from_chat_id, message.chat.id
    else:
        return
    await follow_group(context.bot, context.services, old, new)


#: The bot's statuses in a group from which it can post nothing there.
GONE = (ChatMemberStatus.LEFT, ChatMemberStatus.BANNED)


async def bot_membership(update: Update, context: Context) -> None:
    """The bot's own membership changed (``my_chat_member``). Removed from a team's leaders'
    group, the team's leads are told at once, not at the next digest; restricted there so it
    may not send text, photos or files, they are told that too. Unblocked in a private
    chat, the person's unreachable mark is cleared (the rhythm writes to them again). Anything
    else needs no word, by design: a person who blocks the bot is found out, and the lead
    told, at the next send to them; a group the bot is added to waits for ``/setgroup``."""
    change = update.my_chat_member
    if change is None:
        return
    gone = change.new_chat_member.status in GONE
    if change.chat.type == ChatType.PRIVATE:
        actor = actor_of(update, context)
        if not gone and actor.known:  # a stranger's unblocking needs no word either
            context.services.people.reachable_again(actor)
        return
    title = change.chat.title or str(change.chat.id)
    if gone:
        for lost in context.services.teams.group_lost(change.chat.id):
            await _tell_group_lost(context, lost, title, render_group_lost)
    elif _muted(change.new_chat_member):
        for lost in context.services.teams.group_lost(change.chat.id):
            await _tell_group_lost(context, lost, title, render_group_muted)


def _muted(member: ChatMember) -> bool:
    """Whether the bot, restricted in a group, may not send what the rhythm sends there (text,
    the review's chart, the ledger)."""
    if not isinstance(member, ChatMemberRestricted):
        return False
    return not (member.can_send_messages and member.can_send_photos and member.can_send_documents)


async def heard_from(update: Update, context: Context) -> None:
    """Anything a person sends the bot in private (a message, a command, a button) shows the
    bot can write to them: an unreachable mark left from a block is cleared (the unblocking's
    own ``my_chat_member`` is lost when the bot was down longer than Telegram keeps updates).
    Runs before the update's handler and never stops it."""
    chat = update.effective_chat
    if chat is None or chat.type != ChatType.PRIVATE or update.my_chat_member is not None:
        return
    try:
        actor = actor_of(update, context)
        if actor.known and any(p.unreachable_since is not None for p in actor.persons):
            context.services.people.reachable_again(actor)
    except Exception:  # the update's own handler answers (and meets the store's trouble)
        log.warning("could not clear the unreachable mark of %s", chat.id, exc_info=True)


async def _tell_group_lost(
    context: Context, lost: GroupLost, group: str, render: Callable[[Team, str, str], Message]
) -> None:
    await context.outbox.tell_people(
        lost.leads, lambda lang: [render(lost.team, group, lang)], lost.language
    )
