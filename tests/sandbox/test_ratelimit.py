"""Tests for the flood limits: token buckets per bot, private chat and group."""

from __future__ import annotations

import asyncio

import pytest
from telegram import Bot
from telegram.error import RetryAfter
from telegram.ext import AIORateLimiter

from sandbox import Sandbox
from sandbox.ratelimit import Limit, RateLimiter, RateLimits
from sandbox.testing import application_builder, bot_for

#: Wall-clock pacing is measured here: under pytest-xdist these tests share one worker, so they
#: never run beside one another (scripts/test.sh distributes with ``--dist loadgroup``).
pytestmark = pytest.mark.xdist_group("wall-clock")

#: Telegram's limits, with the group limit scaled from 20/min to 5/s to keep tests fast.
SCALED = RateLimits(group=Limit(5, 1.0))
#: The same burst sizes (30 overall, 5 per group) refilled so slowly that a burst spread over
#: several seconds by a busy machine still meets them: what a naive flood gets does not depend on
#: how fast the test runs.
SLOW_REFILL = RateLimits(overall=Limit(30, 600.0), group=Limit(5, 600.0))


class FakeTime:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def limiter(grace: float = 0.0, **limits: Limit) -> tuple[RateLimiter, FakeTime]:
    """A limiter on a fake clock (without jitter grace unless asked)."""
    time = FakeTime()
    return RateLimiter(RateLimits(grace=grace, **limits), now=time), time


def test_private_chat_allows_a_burst_then_one_per_second() -> None:
    """Three quick messages pass, the fourth must wait a second, and then one passes."""
    rate, time = limiter()
    assert [rate.acquire(1, "private") for _ in range(3)] == [None, None, None]
    assert rate.acquire(1, "private") == 1
    time.now += 1.0
    assert rate.acquire(1, "private") is None


def test_group_limit_is_per_minute() -> None:
    """Twenty messages a minute to a group, and the retry time says how long to wait."""
    rate, time = limiter()
    assert all(rate.acquire(-5, "group") is None for _ in range(20))
    assert rate.acquire(-5, "group") == 3
    time.now += 3
    assert rate.acquire(-5, "group") is None


def test_overall_limit_spans_chats() -> None:
    """Thirty messages per second in total, whatever the chats."""
    rate, _ = limiter()
    assert all(rate.acquire(chat, "private") is None for chat in range(30))
    assert rate.acquire(99, "private") == 1


def test_a_refused_message_consumes_nothing() -> None:
    """A 429 does not use up tokens of the other buckets."""
    rate, _ = limiter(private_chat=Limit(1, 1.0))
    assert rate.acquire(1, "private") is None
    assert rate.acquire(1, "private") == 1
    assert all(rate.acquire(2 + n, "private") is None for n in range(29))


def test_grace_absorbs_arrival_jitter() -> None:
    """A request arriving a few milliseconds early still passes within the grace period."""
    rate, time = limiter(grace=0.05, private_chat=Limit(1, 1.0))
    assert rate.acquire(1, "private") is None
    time.now += 0.97
    assert rate.acquire(1, "private") is None
    time.now += 0.5
    assert rate.acquire(1, "private") == 1


def test_limits_can_be_switched_off_at_runtime() -> None:
    """``RateLimits.off()`` lets everything through."""
    rate, _ = limiter()
    rate.configure(RateLimits.off())
    assert all(rate.acquire(1, "private") is None for _ in range(100))


# -- through PTB ---------------------------------------------------------------------------


async def flood(sb: Sandbox, bot: Bot, private: int, group: int) -> list[object]:
    """Send to ``private`` users at once, then ``group`` messages at once to one group.

    The two bursts are not mixed: PTB's AIORateLimiter takes a group token before waiting for
    the overall limiter, so while the overall limit is saturated a group's messages bunch up
    and can exceed the group limit (real Telegram would refuse them too).
    """
    users = [sb.create_user(f"U{n}") for n in range(private)]
    for user in users:
        await user.start()
    team = sb.create_group("Team", members=users[:1])
    results = await asyncio.gather(
        *(bot.send_message(user.id, "hi") for user in users), return_exceptions=True
    )
    results += await asyncio.gather(
        *(bot.send_message(team.id, f"g{n}") for n in range(group)), return_exceptions=True
    )
    return results


async def test_a_naive_flood_meets_429s(monkeypatch: pytest.MonkeyPatch) -> None:
    """40 private messages at once exceed a burst of 30, and 8 at once exceed a group's 5."""
    monkeypatch.setenv("PTB_TIMEDELTA", "1")  # else PTB warns when it builds a RetryAfter
    async with Sandbox(rate_limits=SLOW_REFILL) as sb, bot_for(sb) as bot:
        results = await flood(sb, bot, private=40, group=8)
    refused = [r for r in results if isinstance(r, RetryAfter)]
    # 48 sends against the 30 overall tokens: the last 10 private ones and all 8 group ones
    # (a refused send consumes nothing, so the group's own 5 are never reached).
    assert len(refused) == 18
    assert sb.counters.rate_limited == len(refused)


async def test_aioratelimiter_configured_like_telegram_avoids_429s() -> None:
    """PTB's AIORateLimiter set a tenth under the same limits (as the bot paces itself under
    Telegram's) spreads the sends so none is refused. Exactly at the limits, a send delayed in
    transit on a busy machine can reach the server right behind the next one and meet a 429."""
    limiter = AIORateLimiter(
        overall_max_rate=27, overall_time_period=1, group_max_rate=4.5, group_time_period=1
    )
    async with Sandbox(rate_limits=SCALED) as sb:
        app = application_builder(sb).rate_limiter(limiter).build()
        async with app:
            results = await flood(sb, app.bot, private=40, group=8)
    assert not [r for r in results if isinstance(r, Exception)], sb.counters.snapshot()
    assert sb.counters.rate_limited == 0
