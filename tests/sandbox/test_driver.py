"""Tests for the driver: users, groups, updates the bot receives, waits and counters."""

from __future__ import annotations

import pytest
from telegram.error import BadRequest, ChatMigrated

from sandbox import Sandbox, SandboxConfig, SandboxTimeout
from sandbox.testing import bot_for
from tests.sandbox.test_files import png


def kinds(sb: Sandbox) -> list[str]:
    """The types of the queued updates, oldest first."""
    return [next(k for k in u if k != "update_id") for u in sb.world.updates.deliverable()]


async def test_users_get_distinct_ids_and_details(sandbox: Sandbox) -> None:
    """Created users carry their names, username and language, and start un-started."""
    ann = sandbox.create_user("Ann", last_name="Li", username="annli", language_code="zh-hans")
    bob = sandbox.create_user("Bob")
    assert ann.id != bob.id
    assert ann.record.as_user() == {
        "id": ann.id,
        "is_bot": False,
        "first_name": "Ann",
        "last_name": "Li",
        "username": "annli",
        "language_code": "zh-hans",
    }
    assert not ann.record.started


async def test_start_sends_the_command_with_entities(sandbox: Sandbox) -> None:
    """``start(payload)`` sends ``/start payload`` as a bot_command message update."""
    chat = await sandbox.create_user("Ann").start("abc")
    update = sandbox.world.updates.deliverable()[0]
    assert update["message"]["text"] == "/start abc"
    assert update["message"]["entities"] == [{"type": "bot_command", "offset": 0, "length": 6}]
    assert chat.transcript()[0].text == "/start abc"


async def test_block_and_unblock_tell_the_bot(sandbox: Sandbox) -> None:
    """Blocking and unblocking produce my_chat_member updates (kicked, then member)."""
    ann = sandbox.create_user("Ann")
    await ann.block()
    await ann.unblock()
    statuses = [
        u["my_chat_member"]["new_chat_member"]["status"]
        for u in sandbox.world.updates.deliverable()
    ]
    assert statuses == ["kicked", "member"]
    await ann.block()
    with pytest.raises(RuntimeError, match="unblock"):
        await ann.private.send("hi")


async def test_group_privacy_mode_filters_chatter(sandbox: Sandbox) -> None:
    """With privacy mode the bot gets commands, replies to it and mentions, not chatter."""
    ann = sandbox.create_user("Ann")
    group = sandbox.create_group("Team", members=[ann])
    chat = ann.in_group(group)
    sandbox.world.updates.clear()
    await chat.send("just chatting")
    await chat.send_command("plan")
    await chat.send("hey @duban_test_bot")
    await chat.send("/other@someone_else_bot")
    texts = [u["message"]["text"] for u in sandbox.world.updates.deliverable()]
    assert texts == ["/plan@duban_test_bot", "hey @duban_test_bot"]
    assert len(chat.transcript()) == 4


async def test_admin_bot_sees_everything() -> None:
    """A bot that administers the group receives all messages despite privacy mode."""
    async with Sandbox(SandboxConfig(privacy_mode=True)) as sb:
        ann = sb.create_user("Ann")
        group = sb.create_group("Team", members=[ann], bot_is_admin=True)
        sb.world.updates.clear()
        await ann.in_group(group).send("chatter")
        assert kinds(sb) == ["message"]


async def test_non_members_cannot_speak(sandbox: Sandbox) -> None:
    """Only members act in a group."""
    ann, eve = sandbox.create_user("Ann"), sandbox.create_user("Eve")
    group = sandbox.create_group("Team", members=[ann])
    with pytest.raises(ValueError, match="not a member"):
        eve.in_group(group)


async def test_removing_the_bot_is_announced(sandbox: Sandbox) -> None:
    """Kicking the bot gives a my_chat_member update and stops delivering messages."""
    ann = sandbox.create_user("Ann")
    group = sandbox.create_group("Team", members=[ann])
    await group.remove_bot()
    await ann.in_group(group).send_command("plan")
    assert kinds(sandbox) == ["my_chat_member", "my_chat_member"]


async def test_inject_update_checks_the_shape(sandbox: Sandbox) -> None:
    """Raw updates are checked against the Update type unless told otherwise."""
    chat = {"id": 1, "type": "private"}
    sticker = {"message": {"message_id": 9, "date": 0, "chat": chat, "sticker": {"file_id": "x"}}}
    with pytest.raises(ValueError, match="missing required field of Sticker"):
        await sandbox.inject_update(sticker)
    stored = await sandbox.inject_update(sticker, check=False)
    assert stored["message"]["sticker"] == {"file_id": "x"}
    assert sandbox.world.updates.deliverable()[-1] == stored


async def test_inject_forged_callback_data(sandbox: Sandbox) -> None:
    """A well-formed callback query with made-up data is queued for the bot."""
    ann = sandbox.create_user("Ann")
    forged = {"id": "1", "from": ann.record.as_user(), "chat_instance": "1", "data": "x" * 64}
    stored = await sandbox.inject_update({"callback_query": forged})
    assert stored["callback_query"]["data"] == "x" * 64


async def test_wait_for_times_out_with_context(sandbox: Sandbox) -> None:
    """A wait that runs out raises SandboxTimeout showing the chat so far."""
    chat = await sandbox.create_user("Ann").start()
    with pytest.raises(SandboxTimeout, match=r"(?s)waited 0.05s.*/start"):
        await chat.wait_for_message("never", timeout=0.05)


async def test_wait_idle_fails_when_no_bot_takes_updates(sandbox: Sandbox) -> None:
    """Without a bot polling, pending updates keep the sandbox busy."""
    await sandbox.create_user("Ann").start()
    with pytest.raises(SandboxTimeout, match="1 updates pending"):
        await sandbox.wait_idle(timeout=0.05)


async def test_wait_idle_returns_at_once_when_nothing_happens(sandbox: Sandbox) -> None:
    """An idle sandbox is idle."""
    await sandbox.wait_idle(timeout=1)


async def test_press_waits_for_the_answer(sandbox: Sandbox) -> None:
    """A press nobody answers times out, naming the button."""
    chat = await sandbox.create_user("Ann").start()
    sandbox.world.post(
        chat.chat,
        sandbox.world.bot.id,
        reply_markup={"inline_keyboard": [[{"text": "Go", "callback_data": "go"}]]},
    )
    with pytest.raises(SandboxTimeout, match="answer the press of 'Go'"):
        await chat.press("Go", timeout=0.05)
    update = sandbox.world.updates.deliverable()[-1]
    assert update["callback_query"]["data"] == "go"
    assert update["callback_query"]["from"]["id"] == chat.user.id


async def test_a_group_upgraded_to_a_supergroup_moves_and_refuses_the_old_id(
    sandbox: Sandbox,
) -> None:
    """Upgrading a group announces both ids to the bot (as Telegram does), moves the members,
    and a send to the old id is refused with ``migrate_to_chat_id`` (PTB: ``ChatMigrated``)."""
    ann = sandbox.create_user("Ann")
    group = sandbox.create_group("Team", members=[ann])
    sandbox.world.updates.clear()  # the bot's my_chat_member on joining
    moved = await group.upgrade(ann)
    notices = [u["message"] for u in sandbox.world.updates.deliverable() if "message" in u]
    assert [(m["chat"]["id"], m["chat"]["type"]) for m in notices] == [
        (group.id, "group"),
        (moved.id, "supergroup"),
    ]
    assert notices[0]["migrate_to_chat_id"] == moved.id
    assert notices[1]["migrate_from_chat_id"] == group.id
    assert moved.record.members == group.record.members
    async with bot_for(sandbox) as bot:
        with pytest.raises(ChatMigrated) as refused:
            await bot.send_message(group.id, "hello")
        assert refused.value.new_chat_id == moved.id
        assert (await bot.send_message(moved.id, "hello")).chat.id == moved.id
    with pytest.raises(RuntimeError, match="became supergroup"):
        await ann.in_group(group).send("hi")


async def test_an_album_arrives_as_one_message_per_photo(sandbox: Sandbox) -> None:
    """An album is one update per photo, all with one ``media_group_id`` and the reply, the
    caption on the first only (as Telegram delivers it); a second album gets another id."""
    chat = await sandbox.create_user("Ann").start()
    sandbox.world.updates.clear()
    first = await chat.send_album([png(8, 8), png(9, 9)], caption="site", reply_to=None)
    await chat.send_album([png(8, 8)])
    messages = [u["message"] for u in sandbox.world.updates.deliverable()]
    groups = [m["media_group_id"] for m in messages]
    assert groups[0] == groups[1] != groups[2]
    assert [m.get("caption") for m in messages] == ["site", None, None]
    assert all(m["photo"] for m in messages)
    assert [view.message_id for view in first] == [m["message_id"] for m in messages[:2]]


async def test_forum_topics_carry_their_thread_both_ways(sandbox: Sandbox) -> None:
    """In a forum a topic's messages carry ``message_thread_id`` and ``is_topic_message``; the
    bot posts in a topic by naming it (or by replying in it), else in General; a topic that
    does not exist is refused with Telegram's words."""
    ann = sandbox.create_user("Ann")
    forum = sandbox.create_group("Board", members=[ann], forum=True)
    topic = forum.create_topic(ann, "Digest")
    sent = await ann.in_group(forum).send_command("help", thread=topic)
    update = sandbox.world.updates.deliverable()[-1]["message"]
    assert update["chat"]["is_forum"] is True
    assert (update["message_thread_id"], update["is_topic_message"]) == (topic, True)
    async with bot_for(sandbox) as bot:
        named = await bot.send_message(forum.id, "in topic", message_thread_id=topic)
        replied = await bot.send_message(forum.id, "reply", reply_to_message_id=sent.message_id)
        general = await bot.send_message(forum.id, "general")
        assert (named.message_thread_id, replied.message_thread_id) == (topic, topic)
        assert general.message_thread_id is None
        with pytest.raises(BadRequest, match="thread not found"):
            await bot.send_message(forum.id, "nowhere", message_thread_id=topic + 100)
    with pytest.raises(ValueError, match="only a supergroup"):
        sandbox.world.add_group("Plain", forum=True)


async def test_an_anonymous_admin_posts_as_the_group(sandbox: Sandbox) -> None:
    """An admin posting anonymously reaches the bot from @GroupAnonymousBot with the group as
    ``sender_chat``; a plain member cannot post anonymously."""
    ann, bob = sandbox.create_user("Ann"), sandbox.create_user("Bob")
    group = sandbox.create_group("Team", admins=[ann], members=[bob], bot_is_admin=True)
    await ann.in_group(group).send("hello", anonymous=True)
    update = sandbox.world.updates.deliverable()[-1]["message"]
    assert update["from"]["username"] == "GroupAnonymousBot"
    assert update["sender_chat"]["id"] == group.id
    with pytest.raises(ValueError, match="only an admin"):
        await bob.in_group(group).send("hello", anonymous=True)
