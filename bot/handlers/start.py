"""``/start [token]`` (joining by deep link), ``/help`` and ``/lang``."""

from __future__ import annotations

from telegram import Update

from bot.callbacks import SetLanguage
from bot.context import Context
from bot.handlers.buttons import button
from bot.handlers.common import actor_of, edit_or_send, guarded, reply
from bot.handlers.menus import apply_private_menu
from bot.render.common import render_stranger
from bot.render.onboarding import (
    render_greeting,
    render_group_help,
    render_help,
    render_language_picker,
    render_language_set,
    render_welcome,
)


@guarded
async def start(update: Update, context: Context) -> None:
    """Join with a personal token, or greet someone known; strangers are told to ask."""
    user = update.effective_user
    if user is None:
        return None
    if context.args:
        result = context.services.people.join(user.id, context.args[0], user.language_code)
        actor = actor_of(update, context)
        await reply(update, context, render_welcome(result, actor.language))
        await apply_private_menu(context.bot, actor)
        return None
    actor = actor_of(update, context)
    if not actor.known:
        await reply(update, context, render_stranger(actor.language))
        return None
    await reply(update, context, render_greeting(actor, actor.language, user.first_name))
    await apply_private_menu(context.bot, actor)  # an admin's first Start, say
    return None


@guarded
async def help_command(update: Update, context: Context) -> None:
    """What the user's roles can do."""
    actor = actor_of(update, context)
    if not actor.known:
        await reply(update, context, render_stranger(actor.language))
        return None
    await reply(update, context, render_help(actor, actor.language))
    return None


@guarded
async def group_help(update: Update, context: Context) -> None:
    """``/help`` in a group, from anyone (leaders are often not registered): what this group
    is for, in the team's language if it is a leaders' group, else in the sender's. ``/start``
    in a group (a personal link pasted there) says first that links are opened in a private
    chat; it binds nobody and uses up no link."""
    link = bool(context.args) and _command(update) == "start"
    chat = update.effective_chat
    group = context.services.teams.of_group(chat.id) if chat is not None else None
    if group is None:
        lang = actor_of(update, context).language
        await reply(update, context, render_group_help(None, lang, link=link))
        return
    await reply(update, context, render_group_help(group.team.name, group.language, link=link))


def _command(update: Update) -> str:
    """The command a message starts with, without ``/`` and ``@bot``."""
    message = update.effective_message
    text = (message.text if message is not None else None) or ""
    return text.split(maxsplit=1)[0].lstrip("/").split("@", 1)[0].lower() if text else ""


@guarded
async def lang(update: Update, context: Context) -> None:
    """Offer the languages as buttons."""
    await reply(update, context, render_language_picker(actor_of(update, context).language))
    return None


@button(SetLanguage, None)
async def set_language(update: Update, context: Context, data: SetLanguage) -> None:
    """A language button: remember the choice and answer in it."""
    actor = actor_of(update, context)
    context.services.people.set_language(actor, data.language)
    await edit_or_send(update, context, render_language_set(data.language))
    await apply_private_menu(context.bot, actor_of(update, context))
    return None
