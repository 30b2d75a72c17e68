"""Another process takes this bot's updates (a second poller, or a webhook set elsewhere): the
admins are told what to stop, the log says it in one line a minute, and nothing is an error."""

from __future__ import annotations

import asyncio
import logging

import pytest

from sandbox import Sandbox
from sandbox.testing import bot_for
from storage.memory import MemoryStore
from tests.e2e.harness import ErrorLog, clock, running_bot, zh
from tests.factories.settings import settings_for


async def test_a_webhook_set_elsewhere_is_told_to_the_admins_once_and_polling_resumes(
    sandbox: Sandbox, caplog: pytest.LogCaptureFixture
) -> None:
    """While a webhook set by another program blocks getUpdates (409 Conflict on every poll),
    the admin gets one notice naming the cause, the log one warning and no error; once it is
    deleted the bot answers again."""
    admin = zh(sandbox, "Admin")
    errors = ErrorLog()
    logging.getLogger().addHandler(errors)
    caplog.set_level(logging.WARNING, logger="bot.errors")
    try:
        settings = settings_for(sandbox, [admin.id])
        async with running_bot(sandbox, settings, MemoryStore(), clock()):
            chat = await admin.start()
            await chat.wait_for_message("")
            async with bot_for(sandbox) as other:
                await other.set_webhook("https://127.0.0.1:9/hook")
                notice = await chat.wait_for_message("收不到新消息")
                await asyncio.sleep(3)  # PTB polls again meanwhile, refused each time
                await other.delete_webhook()
            await chat.send("/help")
            await chat.wait_for_message("/help", timeout=30)
    finally:
        logging.getLogger().removeHandler(errors)
    assert "webhook" in notice.text
    notices = [m for m in chat.bot_messages() if "收不到新消息" in m.text]
    assert notices == [notice]
    conflicts = [r for r in caplog.records if "refuses this bot's polls" in r.getMessage()]
    assert len(conflicts) == 1
    assert conflicts[0].levelno == logging.WARNING
    assert conflicts[0].exc_info is None
    assert [r.getMessage() for r in errors.records] == []
