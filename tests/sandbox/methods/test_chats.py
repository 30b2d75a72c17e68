"""Tests for getMe, getChat, getChatMember, sendChatAction and answerCallbackQuery via PTB."""

from __future__ import annotations

import pytest
from telegram import Bot, ChatMember
from telegram.constants import ChatAction
from telegram.error import BadRequest

from sandbox import Sandbox


async def test_get_me_describes_the_bot(bot: Bot) -> None:
    """getMe gives the bot user with its bot-only flags."""
    me = await bot.get_me()
    assert (me.username, me.is_bot, me.can_read_all_group_messages) == (
        "duban_test_bot",
        True,
        False,
    )


async def test_get_chat_for_users_and_groups(sandbox: Sandbox, bot: Bot) -> None:
    """Private chats are known once started; groups have their title."""
    ann = sandbox.create_user("Ann", last_name="Li", username="annli")
    with pytest.raises(BadRequest, match=r"(?i)chat not found"):
        await bot.get_chat(ann.id)
    await ann.start()
    chat = await bot.get_chat(ann.id)
    assert (chat.type, chat.first_name, chat.last_name, chat.username) == (
        "private",
        "Ann",
        "Li",
        "annli",
    )
    group = sandbox.create_group("办公室", members=[ann], username="office")
    assert (await bot.get_chat("@office")).title == "办公室"
    assert (await bot.get_chat(group.id)).type == "group"


async def test_get_chat_member_statuses(sandbox: Sandbox, bot: Bot) -> None:
    """Members, admins, the bot and outsiders each have their status."""
    ann, bob, eve = (sandbox.create_user(n) for n in ("Ann", "Bob", "Eve"))
    group = sandbox.create_group("Team", members=[bob], admins=[ann])
    assert (await bot.get_chat_member(group.id, ann.id)).status == ChatMember.ADMINISTRATOR
    assert (await bot.get_chat_member(group.id, bob.id)).status == ChatMember.MEMBER
    assert (await bot.get_chat_member(group.id, eve.id)).status == ChatMember.LEFT
    assert (await bot.get_chat_member(group.id, bot.id)).status == ChatMember.MEMBER
    with pytest.raises(BadRequest, match=r"(?i)user not found"):
        await bot.get_chat_member(group.id, 1)


async def test_chat_actions_are_visible_to_the_driver(sandbox: Sandbox, bot: Bot) -> None:
    """sendChatAction is recorded per chat; an unknown action is refused."""
    chat = await sandbox.create_user("Ann").start()
    assert await bot.send_chat_action(chat.chat_id, ChatAction.TYPING)
    assert chat.chat_actions == ["typing"]
    with pytest.raises(BadRequest, match=r"(?i)wrong parameter action"):
        await bot.send_chat_action(chat.chat_id, "dancing")


async def test_callback_queries_are_answered_once(sandbox: Sandbox, bot: Bot) -> None:
    """The first answer reaches the user; a second one, or an unknown id, is "too old"."""
    chat = await sandbox.create_user("Ann").start()
    await bot.send_message(
        chat.chat_id,
        "pick",
        reply_markup={"inline_keyboard": [[{"text": "Yes", "callback_data": "y"}]]},
    )
    query_id = await chat.press_nowait("Yes")
    assert await bot.answer_callback_query(query_id, "Saved", show_alert=True)
    answer = sandbox.world.callbacks.answer_of(query_id)
    assert answer is not None
    assert (answer.text, answer.show_alert) == ("Saved", True)
    with pytest.raises(BadRequest, match=r"(?i)query is too old"):
        await bot.answer_callback_query(query_id)
