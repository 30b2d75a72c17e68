"""Tests for seeded fault injection."""

from __future__ import annotations

from collections import Counter

import pytest
from telegram import Message, Update
from telegram.error import NetworkError
from telegram.ext import CommandHandler, ContextTypes

from sandbox import Sandbox
from sandbox.faults import Fault, FaultConfig, FaultInjector
from sandbox.testing import application_builder, running_polling


def test_same_seed_same_faults() -> None:
    """Two injectors with the same seed draw the same sequence."""
    config = FaultConfig(seed=7, internal_error=0.2, drop_after=0.2, delay=0.1)
    first, second = FaultInjector(config), FaultInjector(config)
    assert [first.draw("sendMessage") for _ in range(50)] == [
        second.draw("sendMessage") for _ in range(50)
    ]


def test_shares_are_roughly_respected() -> None:
    """Over many draws each fault appears about as often as configured."""
    injector = FaultInjector(FaultConfig(seed=1, bad_gateway=0.25, drop_before=0.25))
    drawn = Counter(injector.draw("getMe") for _ in range(4000))
    assert 800 < drawn[Fault.BAD_GATEWAY] < 1200
    assert 800 < drawn[Fault.DROP_BEFORE] < 1200
    assert drawn[Fault.INTERNAL_ERROR] == 0


def test_methods_filter_is_case_insensitive() -> None:
    """Only the listed methods get faults."""
    injector = FaultInjector(FaultConfig(internal_error=1.0, methods=frozenset({"sendMessage"})))
    assert injector.draw("SENDMESSAGE") is Fault.INTERNAL_ERROR
    assert injector.draw("getMe") is None


def test_shares_over_one_are_refused() -> None:
    """A configuration whose shares add up to more than 1 is an error."""
    with pytest.raises(ValueError, match="add up"):
        FaultConfig(internal_error=0.6, delay=0.6)


def test_no_config_means_no_faults() -> None:
    """An injector without a configuration never injects."""
    assert {FaultInjector().draw("sendMessage") for _ in range(100)} == {None}


# -- through a PTB application -------------------------------------------------------------


async def reply_with_retries(message: Message, text: str, attempts: int = 20) -> None:
    """What a careful handler does: retry a send that failed on the network."""
    for _ in range(attempts):
        try:
            await message.reply_text(text)
            return
        except NetworkError:  # includes TimedOut
            continue


async def pong(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer /ping, retrying through faults."""
    assert update.effective_message is not None
    await reply_with_retries(update.effective_message, "pong")


async def test_retrying_bot_gets_through_and_may_duplicate() -> None:
    """With retries every /ping is answered; each drop-after-apply adds one duplicate."""
    faults = FaultConfig(
        seed=4,
        internal_error=0.2,
        bad_gateway=0.1,
        drop_before=0.1,
        drop_after=0.15,
        methods=frozenset({"sendMessage"}),
    )
    async with Sandbox(rate_limits=False, faults=faults) as sb:
        app = application_builder(sb).build()
        app.add_handler(CommandHandler("ping", pong))
        async with running_polling(app, sb):
            chat = await sb.create_user("Ann").start()
            for _ in range(6):
                await chat.send_command("ping")
            await sb.wait_idle()
    duplicates = sb.counters.faults["sendMessage drop_after"]
    assert duplicates >= 1
    assert [m.text for m in chat.bot_messages()] == ["pong"] * (6 + duplicates)


async def test_polling_recovers_from_failed_get_updates(sandbox: Sandbox) -> None:
    """PTB's updater retries getUpdates after a 500, so messages still get through."""
    sandbox.set_faults(FaultConfig(internal_error=1.0, methods=frozenset({"getUpdates"})))
    app = application_builder(sandbox).build()
    app.add_handler(CommandHandler("ping", pong))
    async with running_polling(app, sandbox):
        await sandbox.wait_for(lambda: sandbox.counters.faults["getUpdates internal_error"] > 0)
        sandbox.set_faults(None)
        chat = await sandbox.create_user("Ann").start()
        await chat.send_command("ping")
        assert (await chat.wait_for_message(timeout=5)).text == "pong"
