"""Outgoing flood control against the sandbox with Telegram's limits switched on."""

from __future__ import annotations

import asyncio
import time

import pytest
from telegram import Bot
from telegram.ext import AIORateLimiter, ExtBot

from bot.app import chat_limiter
from bot.outbox import Pacing
from bot.ratelimit import PerChatRateLimiter
from sandbox import Sandbox

#: Wall-clock pacing is measured here: under pytest-xdist these tests share one worker, so they
#: never run beside one another (scripts/test.sh distributes with ``--dist loadgroup``).
pytestmark = pytest.mark.xdist_group("wall-clock")


def _bot(sb: Sandbox, limiter: AIORateLimiter) -> Bot:
    return ExtBot(
        sb.token, base_url=sb.base_url, base_file_url=sb.base_file_url, rate_limiter=limiter
    )


async def _burst(bot: Bot, chat_id: int, count: int) -> list[Exception]:
    results = await asyncio.gather(
        *(bot.send_message(chat_id, f"消息 {n}") for n in range(count)), return_exceptions=True
    )
    return [r for r in results if isinstance(r, Exception)]


async def test_a_burst_to_one_person_is_paced_not_refused() -> None:
    """Six messages fired at once to one private chat all arrive, spaced, with no 429."""
    async with Sandbox(rate_limits=True, strict_spec=True) as sb:
        chat = await sb.create_user("李娜").start()
        started = time.monotonic()
        async with _bot(sb, chat_limiter(Pacing())) as bot:  # the bot's own limiter
            errors = await _burst(bot, chat.chat_id, 6)
        elapsed = time.monotonic() - started
        assert errors == []
        assert sb.counters.rate_limited == 0
        assert len(chat.bot_messages()) == 6
        assert elapsed >= 2.5  # three go at once, the other three about a second apart


async def test_without_per_chat_pacing_the_same_burst_meets_429() -> None:
    """The baseline: PTB's own limiter lets the burst through and the chat limit refuses some."""
    async with Sandbox(rate_limits=True, strict_spec=True) as sb:
        chat = await sb.create_user("王强").start()
        limiter = AIORateLimiter(overall_max_rate=30, group_max_rate=18, max_retries=0)
        async with _bot(sb, limiter) as bot:
            errors = await _burst(bot, chat.chat_id, 6)
        assert errors
        assert sb.counters.rate_limited == len(errors)


async def test_the_spacing_per_chat_follows_the_outboxs_chat_interval() -> None:
    """A chat interval shorter than Telegram allows spaces the burst too little: 429s."""
    async with Sandbox(rate_limits=True, strict_spec=True) as sb:
        chat = await sb.create_user("赵敏").start()
        async with _bot(sb, chat_limiter(Pacing(chat_interval=0.01))) as bot:
            errors = await _burst(bot, chat.chat_id, 6)
        assert errors
        assert sb.counters.rate_limited == len(errors)


async def test_different_people_are_not_slowed_by_each_other() -> None:
    """Pacing is per chat: one message each to many people goes out at once."""
    async with Sandbox(rate_limits=True, strict_spec=True) as sb:
        chats = [await sb.create_user(f"官员{n}").start() for n in range(10)]
        limiter = PerChatRateLimiter(overall_max_rate=30, group_max_rate=18, max_retries=0)
        started = time.monotonic()
        async with _bot(sb, limiter) as bot:
            results = await asyncio.gather(*(bot.send_message(c.chat_id, "周调度") for c in chats))
        assert len(results) == 10
        assert time.monotonic() - started < 2.0
        assert sb.counters.rate_limited == 0


@pytest.mark.parametrize(("rate", "burst"), [(0, 3), (1.0, 0), (-1.0, 2)])
def test_nonsense_pacing_is_refused(rate: float, burst: int) -> None:
    """A rate or burst that is not positive is a programming error, said at construction."""
    with pytest.raises(ValueError, match="positive"):
        PerChatRateLimiter(private_chat_rate=rate, private_chat_burst=burst)
