"""Tests for getUpdates long polling and the webhook settings methods via PTB."""

from __future__ import annotations

import asyncio

import pytest
from telegram import Bot
from telegram.error import BadRequest, Conflict

from sandbox import Sandbox
from sandbox.testing import bot_for


async def test_offsets_confirm_updates(sandbox: Sandbox, bot: Bot) -> None:
    """Updates stay until an offset past them is sent."""
    chat = await sandbox.create_user("Ann").start()
    await chat.send("one")
    first = await bot.get_updates()
    assert [u.message.text for u in first if u.message] == ["/start", "one"]
    again = await bot.get_updates()
    assert [u.update_id for u in again] == [u.update_id for u in first]
    rest = await bot.get_updates(offset=first[-1].update_id + 1)
    assert rest == ()
    assert sandbox.world.updates.pending_count == 0


async def test_limit(sandbox: Sandbox, bot: Bot) -> None:
    """``limit`` caps the batch."""
    chat = await sandbox.create_user("Ann").start()
    await chat.send("two")
    assert len(await bot.get_updates(limit=1)) == 1


async def test_long_poll_returns_as_soon_as_an_update_arrives(sandbox: Sandbox, bot: Bot) -> None:
    """A waiting getUpdates answers when a message comes, well before its timeout."""
    ann = sandbox.create_user("Ann")
    poll = asyncio.create_task(bot.get_updates(timeout=30))
    await sandbox.wait_for(lambda: sandbox.world.updates.polling)
    await ann.start()
    updates = await asyncio.wait_for(poll, 5)
    assert updates[0].message is not None
    assert updates[0].message.text == "/start"


async def test_long_poll_times_out_empty(bot: Bot) -> None:
    """With nothing to deliver, the poll ends after its timeout with an empty list."""
    loop = asyncio.get_running_loop()
    started = loop.time()
    assert await bot.get_updates(timeout=1) == ()
    assert loop.time() - started >= 0.9


async def test_a_second_poll_terminates_the_first(sandbox: Sandbox, bot: Bot) -> None:
    """Two bot instances polling at once: the older request gets 409 Conflict."""
    first = asyncio.create_task(bot.get_updates(timeout=30))
    await sandbox.wait_for(lambda: sandbox.world.updates.polling)
    async with bot_for(sandbox) as other_instance:
        second = asyncio.create_task(other_instance.get_updates(timeout=0))
        with pytest.raises(Conflict, match="terminated by other getUpdates request"):
            await first
        assert await second == ()


async def test_allowed_updates_filter_and_persist(sandbox: Sandbox, bot: Bot) -> None:
    """Only asked-for types are delivered, and the choice holds for later calls."""
    ann = sandbox.create_user("Ann")
    await ann.start()
    sandbox.create_group("Team", members=[ann])
    updates = await bot.get_updates(allowed_updates=["my_chat_member"])
    assert [u.my_chat_member is not None for u in updates] == [True]
    await ann.private.send("ignored")
    assert await bot.get_updates(offset=updates[-1].update_id + 1) == ()


async def test_webhook_settings_round_trip(sandbox: Sandbox, bot: Bot) -> None:
    """setWebhook shows in getWebhookInfo, blocks getUpdates, and deleteWebhook undoes it."""
    assert await bot.set_webhook("http://127.0.0.1:9/hook", secret_token="s3cret")
    info = await bot.get_webhook_info()
    assert info.url == "http://127.0.0.1:9/hook"
    with pytest.raises(Conflict, match="can't use getUpdates method while webhook is active"):
        await bot.get_updates()
    assert await bot.delete_webhook()
    assert (await bot.get_webhook_info()).url == ""


async def test_webhook_url_must_be_loopback(bot: Bot) -> None:
    """The sandbox never pushes to other hosts, and secret tokens are checked."""
    with pytest.raises(BadRequest, match="loopback"):
        await bot.set_webhook("https://example.org/hook")
    with pytest.raises(BadRequest, match=r"(?i)secret token contains unallowed characters"):
        await bot.set_webhook("http://127.0.0.1:9/hook", secret_token="no spaces")


async def test_set_webhook_terminates_a_running_poll(sandbox: Sandbox, bot: Bot) -> None:
    """A pending getUpdates ends with 409 when a webhook is set."""
    poll = asyncio.create_task(bot.get_updates(timeout=30))
    await sandbox.wait_for(lambda: sandbox.world.updates.polling)
    await bot.set_webhook("http://127.0.0.1:9/hook")
    with pytest.raises(Conflict, match="terminated by setWebhook request"):
        await poll
    await bot.delete_webhook()


async def test_drop_pending_updates(sandbox: Sandbox, bot: Bot) -> None:
    """deleteWebhook(drop_pending_updates=True) forgets queued updates."""
    await sandbox.create_user("Ann").start()
    await bot.delete_webhook(drop_pending_updates=True)
    assert await bot.get_updates() == ()
