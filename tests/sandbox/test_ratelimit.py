"""Tests for the flood limits: token buckets per bot, private chat and group."""

from __future__ import annotations

from bot.sandbox.ratelimit import Limit, RateLimiter, RateLimits


class FakeTime:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def limiter(**limits: Limit) -> tuple[RateLimiter, FakeTime]:
    """A limiter on a fake clock."""
    time = FakeTime()
    return RateLimiter(RateLimits(**limits), now=time), time


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


def test_limits_can_be_switched_off_at_runtime() -> None:
    """``RateLimits.off()`` lets everything through."""
    rate, _ = limiter()
    rate.configure(RateLimits.off())
    assert all(rate.acquire(1, "private") is None for _ in range(100))
