"""Tests for setMyCommands, getMyCommands and deleteMyCommands via PTB."""

from __future__ import annotations

import pytest
from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeAllChatAdministrators,
    BotCommandScopeAllPrivateChats,
    BotCommandScopeChat,
)
from telegram.error import BadRequest

from sandbox import Sandbox


async def test_menus_by_scope_and_language(bot: Bot) -> None:
    """Each scope and language has its own menu, read back exactly."""
    private = BotCommandScopeAllPrivateChats()
    await bot.set_my_commands([BotCommand("start", "开始")], scope=private, language_code="zh")
    await bot.set_my_commands([BotCommand("start", "Start")], scope=private)
    assert await bot.get_my_commands(scope=private, language_code="zh") == (
        BotCommand("start", "开始"),
    )
    assert await bot.get_my_commands(scope=private) == (BotCommand("start", "Start"),)
    assert await bot.get_my_commands() == ()
    assert await bot.delete_my_commands(scope=private, language_code="zh")
    assert await bot.get_my_commands(scope=private, language_code="zh") == ()


async def test_users_see_the_menu_their_client_resolves(sandbox: Sandbox, bot: Bot) -> None:
    """A user's visible menu follows Telegram's scope order and their language."""
    ann = sandbox.create_user("Ann", language_code="zh")
    lead = sandbox.create_user("Lead")
    group = sandbox.create_group("Team", members=[ann], admins=[lead])
    await bot.set_my_commands([BotCommand("help", "Help")])
    await bot.set_my_commands([BotCommand("help", "帮助")], language_code="zh")
    await bot.set_my_commands(
        [BotCommand("close", "Close")], scope=BotCommandScopeAllChatAdministrators()
    )
    await bot.set_my_commands([BotCommand("team", "Team")], scope=BotCommandScopeChat(group.id))
    assert ann.visible_commands() == [("help", "帮助")]
    assert lead.visible_commands() == [("help", "Help")]
    assert lead.visible_commands(group) == [("team", "Team")]
    assert ann.visible_commands(group) == [("team", "Team")]


@pytest.mark.parametrize("name", ["Start", "with space", "x" * 33, ""])
async def test_invalid_command_names(bot: Bot, name: str) -> None:
    """Command names must be 1-32 lowercase letters, digits or underscores."""
    with pytest.raises(BadRequest):
        await bot.set_my_commands([BotCommand(name, "d")])


async def test_scope_chat_must_exist(bot: Bot) -> None:
    """A chat scope for an unknown chat is "chat not found"."""
    with pytest.raises(BadRequest, match=r"(?i)chat not found"):
        await bot.set_my_commands([BotCommand("a", "b")], scope=BotCommandScopeChat(42))
