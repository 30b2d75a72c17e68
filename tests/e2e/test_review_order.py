"""The monthly review's chart and text go out before its ledger is built: a restart in between,
or a ledger that fails, loses nothing and sends nothing twice (the embedded store, which the
bot's worker process reads itself)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.domain.ports import Store
from bot.outbox import Pacing
from sandbox import Sandbox
from sandbox.views import MessageView
from storage.readonly import open_read_only
from tests.e2e.month_world import World, admin_world, at, bot_up, set_up

#: Ten seconds between two messages to one chat: the lead's ledger waits that long after the
#: review's last part, long enough to stop the bot in between even on a busy machine (four
#: seconds were once not: the ledger went out before the test saw the text recorded).
HELD = Pacing(global_rate=500, global_burst=50, chat_interval=10.0)


def review_parts(messages: list[MessageView]) -> tuple[list[int], list[int], list[int]]:
    """Where in a chat the review's charts, its first text part (the one right after a chart)
    and its ledgers are."""
    charts = [n for n, m in enumerate(messages) if m.photo is not None]
    texts = [n + 1 for n in charts if n + 1 < len(messages) and messages[n + 1].photo is None]
    ledgers = [n for n, m in enumerate(messages) if m.document is not None]
    return charts, texts, ledgers


def texts_confirmed(world: World) -> bool:
    """Whether the lead and the group have the review's text, and the bot recorded every part
    they have as confirmed (a part whose answer had not come back when the bot stopped may be
    sent again: the outbox's bound on duplicates, not what this test is about)."""
    assert world.lead is not None
    assert world.app is not None
    chats = (world.lead.bot_messages(), world.group_messages())
    parts = [(messages, review_parts(messages)) for messages in chats]
    if any(texts == [] for _, (_, texts, _) in parts):
        return False
    store = world.app.bot_data.services.store
    recorded = {(r.chat_id, r.message_id) for r in store.sent.sent_before(at(12, 31))}
    shown = [messages[n] for messages, found in parts for places in found for n in places]
    return all((m.chat_id, m.message_id) in recorded for m in shown)


async def test_the_review_goes_out_before_its_ledger_and_once_across_a_restart(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    """Stopped once the review's text reached the lead and the group (and was recorded), before
    the lead's ledger: the next process sends only what did not go out; each chat ends with one
    chart, one text and one ledger, in order."""
    world = admin_world(sandbox, tmp_path, at(9, 23, 10))
    async with bot_up(world):
        await set_up(world)
    assert world.lead is not None
    world.clock.set(at(9, 30, 16))  # September's review is due: the start-up catch-up sends it

    async with bot_up(world, HELD, settled=False):
        await sandbox.driver.wait_for(
            lambda: texts_confirmed(world),
            timeout=60,
            what="the review's text in the lead's chat and the group, confirmed",
        )
        assert review_parts(world.lead.bot_messages())[2] == []  # its ledger is still to come

    async with bot_up(world):  # the catch-up runs the review again: only what did not go out
        pass

    for messages in (world.lead.bot_messages(), world.group_messages()):
        charts, texts, ledgers = review_parts(messages)
        assert (len(charts), len(texts), len(ledgers)) == (1, 1, 1)
        assert [m.text for m in messages].count(messages[texts[0]].text) == 1
        assert charts[0] < texts[0] < ledgers[0]


@dataclass(frozen=True)
class FailsOnce:
    """Opens the data directory read-only as the bot's worker does, except on the ``fail_at``-th
    call, when the disk cannot be read (calls counted in a file: they run in the worker)."""

    data_dir: Path
    calls: Path
    fail_at: int

    def __call__(self) -> Store:
        """The lazy read-only view, or OSError on the failing call."""
        number = (int(self.calls.read_text()) if self.calls.exists() else 0) + 1
        self.calls.write_text(str(number))
        if number == self.fail_at:
            raise OSError("the data directory could not be read")
        return open_read_only(self.data_dir, lazy=True)


async def test_a_failed_ledger_does_not_lose_the_review_and_is_sent_alone_next_time(
    sandbox: Sandbox, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """The workbook's read fails (the review's read before it went well): the chart and the
    text are out, the review is not recorded; the next run sends only the ledger, once."""
    world = admin_world(sandbox, tmp_path / "data", at(9, 23, 10))
    async with bot_up(world) as app:
        await set_up(world)
        assert world.lead is not None
        deps = app.bot_data.services.deps
        deps.reader = FailsOnce(tmp_path / "data", tmp_path / "calls", fail_at=2)
        with caplog.at_level(logging.ERROR):
            await world.at(at(9, 30, 16))  # the review's read, then the ledger's: it fails
        charts, texts, ledgers = review_parts(world.lead.bot_messages())
        assert (len(charts), len(texts), len(ledgers)) == (1, 1, 0)
        assert any("rhythm event review" in r.getMessage() for r in caplog.records)
        await world.at(at(9, 30, 16, 5))  # still due: only the ledger goes out
        await world.at(at(9, 30, 16, 10))  # recorded now: nothing more
    for messages in (world.lead.bot_messages(), world.group_messages()):
        charts, texts, ledgers = review_parts(messages)
        assert (len(charts), len(texts), len(ledgers)) == (1, 1, 1)
        assert [m.text for m in messages].count(messages[texts[0]].text) == 1
        assert charts[0] < texts[0] < ledgers[0]
