"""The intake journal with the real application: an update is acknowledged (webhook 200) only
once it is journaled, and updates journaled before a crash are handled at the next start."""

from __future__ import annotations

import asyncio
import errno
import json
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from telegram import Bot, Update

from bot.app import build_application
from bot.domain.clock import ManualClock
from bot.domain.delivery import Inbound
from bot.domain.ports import InboundRepo
from bot.intake import Intake
from sandbox import Sandbox
from sandbox.testing import running_polling, running_webhook
from storage.durable import TinyDBStore
from storage.memory import MemoryStore
from tests.e2e.harness import clock, running_bot
from tests.factories.settings import settings_for
from tests.held_fsync import HeldFsync

TZ = ZoneInfo("Asia/Shanghai")


class FullDisk:
    """The journal's repository on a full disk: every write fails until space is freed."""

    def __init__(self, repo: InboundRepo) -> None:
        self.repo = repo
        self.full = True
        self.refused = 0

    def _write(self) -> None:
        if self.full:
            self.refused += 1
            raise OSError(errno.ENOSPC, "No space left on device")

    def save(self, item: Inbound) -> None:
        self._write()
        self.repo.save(item)

    def add(self, item: Inbound) -> bool:
        self._write()
        return self.repo.add(item)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.repo, name)


async def test_the_webhook_answers_200_only_after_the_journal_write() -> None:
    """While the journal cannot be written the webhook refuses the update (Telegram keeps it);
    once it can, the update is taken and answered once."""
    async with Sandbox(rate_limits=False, webhook_retry_max=0.1) as sb:
        store = MemoryStore()
        disk = FullDisk(store.inbound)
        store.inbound = disk  # type: ignore[assignment]
        app = build_application(settings_for(sb, []), store=store, clock=clock())
        async with running_webhook(app, sb, run_hooks=True):
            chat = await sb.create_user("Alice", language_code="en").start()
            await sb.wait_for(lambda: disk.refused >= 2, what="the journal refusing twice")
            assert chat.bot_messages() == []  # refused: not handled either
            assert sb.counters.webhook_failures >= 2
            disk.full = False
            reply = await chat.wait_for_message("not registered", timeout=10)
            await sb.wait_idle()
        assert [m.text for m in chat.bot_messages()] == [reply.text]
        assert [e.update_id for e in store.inbound.handled()] != []


async def test_updates_journaled_before_a_crash_are_handled_at_start(sandbox: Sandbox) -> None:
    """A journaled, unhandled update (the process died) is handled when the bot starts."""
    user = sandbox.create_user("Bob", language_code="en")
    user.record.started = True
    chat = user.private
    message = sandbox.world.message_json(sandbox.world.post(chat.chat, user.id))
    message["text"] = "/start"
    message["entities"] = [{"type": "bot_command", "offset": 0, "length": 6}]
    payload = {"update_id": 901, "message": message}
    store = MemoryStore()
    intake = Intake(store, ManualClock(datetime(2024, 3, 7, 9, 0, tzinfo=TZ)))
    intake.journal(Update.de_json(json.loads(json.dumps(payload)), Bot("1:x")))
    async with running_bot(sandbox, settings_for(sandbox, []), store, clock()):
        await chat.wait_for_message("not registered")
    assert store.inbound.pending() == ()
    assert [e.update_id for e in store.inbound.handled()] == [901]


async def test_the_webhook_answers_only_once_the_journal_fsync_returns_and_the_loop_runs_meanwhile(
    tmp_path: Path, fsync_gate: HeldFsync
) -> None:
    """With the embedded store's fsync held, the update is neither acknowledged nor handled,
    while the event loop (the sandbox's server runs on it) goes on; once the fsync returns,
    the update is taken and answered once."""
    async with Sandbox(rate_limits=False) as sb:
        store = TinyDBStore(tmp_path / "data")
        app = build_application(settings_for(sb, []), store=store, clock=clock())
        async with running_webhook(app, sb, run_hooks=True):
            fsync_gate.release()  # start-up commits go through
            await sb.wait_idle()
            fsync_gate.hold()
            chat = await sb.create_user("Alice", language_code="en").start()
            await fsync_gate.wait_entered()
            for _ in range(20):
                await asyncio.sleep(0)  # the loop is not blocked by the held fsync
            assert chat.bot_messages() == []
            assert store.inbound.handled() == ()
            fsync_gate.release()
            reply = await chat.wait_for_message("not registered", timeout=10)
            await sb.wait_idle()
        assert [m.text for m in chat.bot_messages()] == [reply.text]
        assert len(store.inbound.handled()) == 1


async def test_a_polled_batch_is_acknowledged_only_once_every_update_of_it_is_durable(
    tmp_path: Path, fsync_gate: HeldFsync
) -> None:
    """With the embedded store's fsync held, updates fetched by long polling are neither
    handled nor acknowledged to Telegram (no getUpdates goes out with an offset past them),
    while the event loop goes on; once the fsync returns, each is answered once and all are
    acknowledged."""
    async with Sandbox(rate_limits=False) as sb:
        store = TinyDBStore(tmp_path / "data")
        app = build_application(settings_for(sb, []), store=store, clock=clock())
        async with running_polling(app, sb, run_hooks=True):
            fsync_gate.release()  # start-up commits go through
            await sb.wait_idle()
            fsync_gate.hold()
            confirmed = sb.counters.updates_confirmed
            users = [sb.create_user(f"User{n}", language_code="en") for n in range(5)]
            chats = [await user.start() for user in users]
            await fsync_gate.wait_entered()
            for _ in range(20):
                await asyncio.sleep(0)  # the loop is not blocked by the held fsync
            assert sb.counters.updates_confirmed == confirmed
            assert all(chat.bot_messages() == [] for chat in chats)
            fsync_gate.release()
            for chat in chats:
                await chat.wait_for_message("not registered", timeout=10)
            await sb.wait_idle()
        assert sb.counters.updates_confirmed - confirmed == len(chats)
        assert [len(chat.bot_messages()) for chat in chats] == [1] * len(chats)
        assert len(store.inbound.handled()) == len(chats)
