"""The monthly review's chart and text go out before its ledger is built, and a restart in
between sends each of them exactly once (the embedded store: the ledger's worker reads it)."""

from __future__ import annotations

from pathlib import Path

from bot.domain.clock import ManualClock
from bot.outbox import Pacing
from sandbox import Sandbox
from sandbox.views import MessageView
from tests.e2e.month_world import World, at, bot_up, set_up
from tests.factories.settings import TZ, settings_for

#: Four seconds between two messages to one private chat: the lead's ledger waits that long
#: after the review's last part, long enough to stop the bot in between.
HELD = Pacing(global_rate=500, global_burst=50, chat_interval=4.0)


def review_parts(messages: list[MessageView]) -> tuple[list[int], list[int], list[int]]:
    """Where in a chat the review's charts, its first text part (the one right after a chart)
    and its ledgers are."""
    charts = [n for n, m in enumerate(messages) if m.photo is not None]
    texts = [n + 1 for n in charts if n + 1 < len(messages) and messages[n + 1].photo is None]
    ledgers = [n for n, m in enumerate(messages) if m.document is not None]
    return charts, texts, ledgers


async def test_the_review_goes_out_before_its_ledger_and_once_across_a_restart(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    """Stopped after the review's text reached the lead, before its ledger: the next process
    sends only the ledgers; each chat ends with one chart, one text and one ledger, in order."""
    admin = sandbox.create_user("Admin", language_code="zh-hans")
    settings = settings_for(sandbox, [admin.id], tmp_path)
    world = World(sandbox, settings, ManualClock(at(9, 23, 10), TZ))
    async with bot_up(world):
        world.users["admin"] = admin
        await set_up(world)
    assert world.lead is not None
    world.clock.set(at(9, 30, 16))  # September's review is due: the start-up catch-up sends it

    async with bot_up(world, HELD, settled=False):
        await sandbox.driver.wait_for(
            lambda: review_parts(world.lead.bot_messages())[1] != [],  # type: ignore[union-attr]
            timeout=30,
            what="the review's text in the lead's chat",
        )
        assert review_parts(world.lead.bot_messages())[2] == []  # its ledger is still to come

    async with bot_up(world):  # the catch-up runs the review again: only what did not go out
        pass

    for messages in (world.lead.bot_messages(), world.group_messages()):
        charts, texts, ledgers = review_parts(messages)
        assert (len(charts), len(texts), len(ledgers)) == (1, 1, 1)
        assert [m.text for m in messages].count(messages[texts[0]].text) == 1
        assert charts[0] < texts[0] < ledgers[0]
