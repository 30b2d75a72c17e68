"""The outbox's paced bulk sends against the sandbox with Telegram's flood limits switched on."""

from __future__ import annotations

import asyncio
import time
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from telegram import Bot

from bot.domain.clock import ManualClock
from bot.outbox import Outbox, Outgoing, Pacing, Sent
from bot.outbox.pacing import TokenBucket
from bot.render import Message
from sandbox import Limit, RateLimits, Sandbox
from sandbox.testing import bot_for
from storage.memory import MemoryStore

#: Wall-clock pacing is measured here: under pytest-xdist these tests share one worker, so they
#: never run beside one another (scripts/test.sh distributes with ``--dist loadgroup``).
pytestmark = pytest.mark.xdist_group("wall-clock")


def outbox_of(bot: Bot, pacing: Pacing | None = None) -> Outbox:
    """An outbox over a memory store, as the composition root builds it."""
    clock = ManualClock(datetime(2024, 3, 7, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai")))
    return Outbox(bot, MemoryStore().sent, clock, pacing=pacing)


def users(sb: Sandbox, count: int) -> list[int]:
    """Users who started the bot long ago (their private chats exist)."""
    ids = []
    for number in range(count):
        user = sb.create_user(f"U{number}")
        user.record.started = True
        sb.world.private_chat(user.record)
        ids.append(user.id)
    return ids


async def test_bucket_spaces_tokens_at_its_rate() -> None:
    """After the burst, tokens come at ``rate`` per second."""
    bucket = TokenBucket(rate=100.0, capacity=1.0)
    started = time.monotonic()
    for _ in range(21):
        await bucket.take()
    assert 0.18 <= time.monotonic() - started < 0.6


async def test_no_429_and_near_the_limit() -> None:
    """60 messages to 60 chats under 30/s: nothing refused, none lost, about 2 s."""
    async with Sandbox(rate_limits=True) as sb:
        chats = users(sb, 60)
        async with bot_for(sb) as bot:
            sender = outbox_of(bot)
            got: list[Sent] = []

            async def done(item: Outgoing[int], delivery: Sent) -> None:
                got.append(delivery)

            started = time.monotonic()
            count = await sender.run((Outgoing(c, Message(f"提醒 {c}"), c) for c in chats), done)
            wall = time.monotonic() - started
        assert count == 60
        assert all(d.ok for d in got)
        assert sb.counters.rate_limited == 0
        assert sender.pacer.retry_afters == 0
        assert 1.5 <= wall < 3.5


async def test_one_chat_gets_at_most_one_message_per_second() -> None:
    """Several messages to one chat are spaced by the per-chat interval."""
    async with Sandbox(rate_limits=False) as sb:
        (chat,) = users(sb, 1)
        async with bot_for(sb) as bot:
            sender = outbox_of(bot, Pacing(chat_interval=0.3))
            started = time.monotonic()
            for number in range(4):
                assert (await sender.send(chat, Message(f"第{number}条"), paced=True)).ok
            assert time.monotonic() - started >= 0.9


async def test_retry_after_is_honoured_and_nothing_is_lost(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With pacing too fast for the server, 429s pause the queue and every message arrives."""
    monkeypatch.setenv("PTB_TIMEDELTA", "1")  # else PTB warns when it builds a RetryAfter
    limits = RateLimits(overall=Limit(10, 1.0, burst=2))
    async with Sandbox(rate_limits=limits) as sb:
        chats = users(sb, 8)
        async with bot_for(sb) as bot:
            sender = outbox_of(bot, Pacing(global_rate=40, global_burst=8))
            results: list[Sent] = []

            async def done(item: Outgoing[int], delivery: Sent) -> None:
                results.append(delivery)

            await sender.run([Outgoing(c, Message("hi"), c) for c in chats], done)
        assert len(results) == 8
        assert all(r.ok for r in results)
        assert sender.pacer.retry_afters > 0


async def test_forbidden_is_reported_not_raised() -> None:
    """A user who blocked the bot gives a ``forbidden`` delivery; the queue goes on."""
    async with Sandbox(rate_limits=False) as sb:
        chats = users(sb, 3)
        await sb.driver.user(chats[1]).block()
        async with bot_for(sb) as bot:
            sender = outbox_of(bot)
            outcomes: dict[int, Sent] = {}

            async def done(item: Outgoing[int], delivery: Sent) -> None:
                outcomes[item.tag] = delivery

            await sender.run([Outgoing(c, Message("hi"), c) for c in chats], done)
        assert outcomes[chats[1]].forbidden
        assert outcomes[chats[0]].ok
        assert outcomes[chats[2]].ok


async def test_cancelling_drains_what_is_in_flight() -> None:
    """Cancelling the run stops new sends; messages already in flight are still recorded."""
    async with Sandbox(rate_limits=False) as sb:
        chats = users(sb, 40)
        async with bot_for(sb) as bot:
            sender = outbox_of(bot, Pacing(global_rate=20, global_burst=1, in_flight=3))
            recorded: list[int] = []

            async def done(item: Outgoing[int], delivery: Sent) -> None:
                recorded.append(item.tag)

            task = asyncio.ensure_future(
                sender.run([Outgoing(c, Message("hi"), c) for c in chats], done)
            )
            await asyncio.sleep(0.3)
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
        delivered = {
            c
            for c in chats
            if any(m.sender_id == sb.world.bot.id for m in sb.world.chats[c].live_messages())
        }
        assert 0 < len(recorded) < 40
        assert set(recorded) == delivered
