"""Tests for the request pipeline: strict spec checks, counters, faults and 429s via PTB."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from telegram import Bot
from telegram.error import BadRequest, NetworkError, RetryAfter, TimedOut
from telegram.request import HTTPXRequest

from sandbox import FaultConfig, RateLimits, Sandbox
from sandbox.testing import bot_for


async def started(sb: Sandbox) -> int:
    """A user who started the bot; returns their chat id."""
    return (await sb.create_user("Ann").start()).chat_id


async def test_strict_spec_refuses_unknown_parameters(sandbox: Sandbox) -> None:
    """A call with a parameter the Bot API lacks is a 400 and a recorded violation."""
    chat_id = await started(sandbox)
    async with bot_for(sandbox) as bot:
        with pytest.raises(BadRequest, match=r"(?i)unknown parameter 'colour'"):
            await bot.send_message(chat_id, "x", api_kwargs={"colour": "red"})
    (violation,) = sandbox.take_violations()
    assert violation.method == "sendMessage"
    assert violation.problems == ("unknown parameter 'colour'",)


async def test_lenient_spec_mode_records_but_serves() -> None:
    """Without strict mode the call succeeds and the violation is still recorded."""
    async with Sandbox(strict_spec=False) as sb:
        chat_id = await started(sb)
        async with bot_for(sb) as bot:
            await bot.send_message(chat_id, "x", api_kwargs={"colour": "red"})
        assert len(sb.take_violations()) == 1


async def test_errors_are_counted_by_kind(sandbox: Sandbox) -> None:
    """Each error answer increments its kind."""
    async with bot_for(sandbox) as bot:
        for _ in range(2):
            with pytest.raises(BadRequest):
                await bot.send_message(1, "x")
    assert sandbox.counters.errors["400 chat not found"] == 2
    assert sandbox.counters.calls["sendMessage"] == 2


@pytest.mark.parametrize(
    ("fault", "error", "applied"),
    [
        ("internal_error", "Internal Server Error", False),
        ("bad_gateway", "Bad Gateway (502)", False),
        ("drop_before", "Server disconnected without sending a response", False),
        ("drop_after", "Server disconnected without sending a response", True),
    ],
)
async def test_faults_reach_ptb_as_network_errors(
    sandbox: Sandbox, fault: str, error: str, applied: bool
) -> None:
    """500, 502 and dropped connections are NetworkErrors; only drop_after applied the send."""
    chat_id = await started(sandbox)
    sandbox.set_faults(FaultConfig(methods=frozenset({"sendMessage"}), **{fault: 1.0}))
    async with bot_for(sandbox) as bot:
        with pytest.raises(NetworkError, match=re.escape(error)):
            await bot.send_message(chat_id, "did it get sent?")
    sent = [m.text for m in sandbox.driver.user(chat_id).private.bot_messages()]
    assert sent == (["did it get sent?"] if applied else [])
    assert sandbox.counters.faults[f"sendMessage {fault}"] == 1


async def test_delays_make_impatient_clients_time_out(sandbox: Sandbox) -> None:
    """A delayed answer beyond the client's read timeout is TimedOut, yet the send happens."""
    chat_id = await started(sandbox)
    sandbox.set_faults(
        FaultConfig(delay=1.0, delay_seconds=(0.3, 0.3), methods=frozenset({"sendMessage"}))
    )
    bot = Bot(sandbox.token, base_url=sandbox.base_url, request=HTTPXRequest(read_timeout=0.05))
    async with bot:
        with pytest.raises(TimedOut):
            await bot.send_message(chat_id, "slow")
    chat = sandbox.driver.user(chat_id).private
    assert (await chat.wait_for_message("slow")).text == "slow"


async def test_flood_gets_retry_after(sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch) -> None:
    """Past the private-chat burst, PTB gets RetryAfter with Telegram's retry_after."""
    monkeypatch.setenv("PTB_TIMEDELTA", "1")  # else PTB warns when it builds a RetryAfter
    sandbox.set_rate_limits(True)
    chat_id = await started(sandbox)
    async with bot_for(sandbox) as bot:
        for n in range(3):
            await bot.send_message(chat_id, f"quick {n}")
        with pytest.raises(RetryAfter) as caught:
            await bot.send_message(chat_id, "one too many")
    assert caught.value.retry_after == dt.timedelta(seconds=1)
    assert sandbox.counters.rate_limited == 1
    assert sandbox.counters.errors["429 Too Many Requests"] == 1


async def test_rate_limits_can_be_switched_off(sandbox: Sandbox) -> None:
    """With limits off a burst of 10 to one chat passes."""
    sandbox.set_rate_limits(RateLimits.off())
    chat_id = await started(sandbox)
    async with bot_for(sandbox) as bot:
        for n in range(10):
            await bot.send_message(chat_id, f"{n}")
    assert sandbox.counters.rate_limited == 0
