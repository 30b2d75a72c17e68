"""Command menus per role: everyone's default, leads' and admins' per chat, groups'.

Set at start-up (``post_init``) and again when someone joins or changes language.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from telegram import (
    Bot,
    BotCommand,
    BotCommandScope,
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
    BotCommandScopeChat,
)
from telegram.error import BadRequest, TelegramError

from bot.domain.people import Person, Role
from bot.i18n import DEFAULT_LANGUAGE, LANGUAGES
from bot.render.onboarding import menu_key, render_commands
from bot.render.rhythm.messages import render_rhythm_commands
from bot.services import SYSTEM, Actor, Services

log = logging.getLogger(__name__)

#: Roles whose menu differs from everyone's default, so they get one of their own per chat.
OWN_MENU = (Role.LEAD, Role.LEADER)


async def _set(
    bot: Bot, commands: list[BotCommand], scope: BotCommandScope, language: str | None = None
) -> bool:
    try:
        await bot.set_my_commands(commands, scope=scope, language_code=language)
    except TelegramError as exc:
        unstarted = _unstarted_chat(scope, exc)
        if unstarted is not None:  # nothing wrong: their menu is set when they press Start
            log.info(
                "chat %s has not started the bot yet; its menu is set when it does", unstarted
            )
        else:
            log.info("command menu not set for %s: %s", scope.type, exc.message)
        return False
    return True


def _unstarted_chat(scope: BotCommandScope, exc: TelegramError) -> int | None:
    """The private chat whose menu Telegram refused because the person (an admin, a lead or a
    leader) has not pressed Start yet (400 "chat not found"), else None."""
    if not isinstance(scope, BotCommandScopeChat) or not isinstance(exc, BadRequest):
        return None
    chat = scope.chat_id
    if isinstance(chat, int) and chat > 0 and "chat not found" in exc.message.lower():
        return chat
    return None


async def apply_default_menus(bot: Bot, default_language: str = DEFAULT_LANGUAGE) -> None:
    """Everyone's private menu and the group menu, in each language."""
    for lang in LANGUAGES:
        code = None if lang == default_language else lang
        await _set(bot, render_commands("everyone", lang), BotCommandScopeAllPrivateChats(), code)
        await _set(bot, render_commands("group", lang), BotCommandScopeAllGroupChats(), code)


async def apply_private_menu(bot: Bot, actor: Actor) -> None:
    """The actor's own menu, in their language, in their private chat."""
    if actor.telegram_id is None:
        return
    key = menu_key(actor)
    commands = render_commands(key, actor.language) + render_rhythm_commands(key, actor.language)
    await _set(bot, commands, BotCommandScopeChat(actor.telegram_id))


async def apply_role_menus(bot: Bot, services: Services, admin_ids: Iterable[int]) -> None:
    """Per-chat menus for every joined lead and leader, and every admin."""
    seen: set[int] = set()
    for person in _people_with_own_menu(services):
        if person.telegram_id is not None and person.telegram_id not in seen:
            seen.add(person.telegram_id)
            await apply_private_menu(bot, services.auth.resolve(person.telegram_id))
    for admin_id in admin_ids:
        if admin_id not in seen:
            await apply_private_menu(bot, services.auth.resolve(admin_id))
    for team in services.teams.list(SYSTEM):
        if team.group_chat_id is not None:
            await apply_group_menu(
                bot, team.group_chat_id, services.teams.settings(SYSTEM, team.id).language
            )


async def apply_group_menu(bot: Bot, chat_id: int, language: str) -> None:
    """The menu of a team's leaders' group."""
    await _set(bot, render_commands("leaders_group", language), BotCommandScopeChat(chat_id))


async def follow_group(bot: Bot, services: Services, old_chat_id: int, new_chat_id: int) -> None:
    """A group became a supergroup: the teams whose leaders' group it was follow it, and the
    group's menu is set again under its new id."""
    for team in services.teams.follow_group(old_chat_id, new_chat_id):
        log.info("team %s: leaders' group %s is now %s", team.id, old_chat_id, new_chat_id)
        language = services.teams.settings(SYSTEM, team.id).language
        await apply_group_menu(bot, new_chat_id, language)


async def forget_topic(services: Services, chat_id: int, thread: int) -> None:
    """A leaders' group's forum topic is gone: its teams' rhythm messages go to General."""
    for team in services.teams.forget_topic(chat_id, thread):
        log.info("team %s: topic %s of leaders' group %s is gone", team.id, thread, chat_id)


def _people_with_own_menu(services: Services) -> list[Person]:
    people: list[Person] = []
    for team in services.teams.list(SYSTEM):
        page = services.people.list(SYSTEM, team.id, page=0, page_size=10_000)
        people += [p for p in page.items if p.joined and p.role in OWN_MENU]
    return people
