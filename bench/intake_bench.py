"""Intake and outbox benchmark: what the durable journal costs, and what a flaky Telegram does.

Run ``.venv/bin/python bench/intake_bench.py [--users N] [--json]``. Two figures, side by side in
one run, over the durable TinyDB store in a temporary directory:

- **journal**: the intake's own work per update (journal the update durably, check it, mark it
  handled) in a loop, against the end-to-end time per update of the real ``Application`` polling
  the sandbox while N users send ``/start`` in one burst (journal, handlers, the answer, the
  mark). The ratio ``journal ÷ end-to-end`` is the share of an update's handling the journal
  takes (target ≤ 0.25).
- **faults**: the same burst with 10 % of answers failing with a 5xx and 5 % of connections
  dropped before the request ran: how many users got exactly one answer (target: all), and the
  outbox's retries.

This is not a timed test: compare the figures of one run.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import statistics
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from telegram import Chat, Message, Update, User

from bot.app import build_application
from bot.config import SecretStr, Settings
from bot.domain.clock import ManualClock
from bot.intake import Intake
from bot.outbox import RetryPolicy
from sandbox import FaultConfig, Sandbox
from sandbox.testing import running_polling
from storage import open_store

TZ = ZoneInfo("Asia/Shanghai")
NOW = datetime(2024, 10, 10, 9, 0, tzinfo=TZ)


def journal_cost(data_dir: Path, updates: int) -> float:
    """Seconds per update of the intake's own work (journal, begin, finish) on a durable store."""
    store = open_store(data_dir)
    intake = Intake(store, ManualClock(NOW))
    chat, user = Chat(7, Chat.PRIVATE), User(7, "Li", False)
    samples = []
    for number in range(1, updates + 1):
        message = Message(number, NOW, chat, from_user=user, text="/start")
        update = Update(number, message=message)
        started = time.perf_counter()
        intake.journal(update)
        intake.begin(update)
        intake.finish(update)
        samples.append(time.perf_counter() - started)
    store.close()
    return statistics.median(samples)


async def burst(users: int, data_dir: Path, faults: FaultConfig | None) -> dict[str, Any]:
    """N users send /start at once to the real bot; seconds per update and answers per user."""
    async with Sandbox(rate_limits=False) as sb:
        settings = Settings(
            token=SecretStr(sb.token),
            data_dir=data_dir,
            timezone=TZ,
            admin_ids=frozenset(),
            bot_api_url=sb.url,
        )
        retry = RetryPolicy(base=0.05, cap=0.4)
        app = build_application(settings, clock=ManualClock(NOW), retry=retry)
        people = [sb.create_user(f"U{n}") for n in range(users)]
        async with running_polling(app, sb, run_hooks=True):
            await sb.wait_idle()
            sb.set_faults(faults)
            started = time.perf_counter()
            for person in people:
                await person.start()
            await sb.driver.wait_for(
                lambda: all(p.private.bot_messages() for p in people),
                timeout=120,
                what="every answer",
            )
            wall = time.perf_counter() - started
            await sb.wait_idle(timeout=30)
            sb.set_faults(None)
        answers = [len(p.private.bot_messages()) for p in people]
        return {
            "per_update_s": wall / users,
            "exactly_one": sum(count == 1 for count in answers),
            "none": sum(count == 0 for count in answers),
            "retries": app.bot_data.outbox.retries,
            "faults": sum(sb.counters.faults.values()),
        }


async def main(users: int) -> dict[str, Any]:
    """Both figures, in one run."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        cost = journal_cost(root / "journal", users)
        clean = await burst(users, root / "clean", None)
        flaky = FaultConfig(
            seed=3,
            internal_error=0.05,
            bad_gateway=0.05,
            drop_before=0.05,
            methods=frozenset({"sendMessage"}),
        )
        faulty = await burst(users, root / "faulty", flaky)
    return {
        "users": users,
        "journal_s": cost,
        "end_to_end_s": clean["per_update_s"],
        "journal_share": cost / clean["per_update_s"],
        "clean": clean,
        "faulty": faulty,
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)
    result = asyncio.run(main(args.users))
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"users: {result['users']}")
        print(f"journal per update:    {result['journal_s'] * 1000:.2f} ms")
        print(f"end-to-end per update: {result['end_to_end_s'] * 1000:.2f} ms")
        print(f"journal share:         {result['journal_share']:.2f}")
        for name in ("clean", "faulty"):
            run = result[name]
            print(
                f"{name}: exactly one answer {run['exactly_one']}/{result['users']}, "
                f"none {run['none']}, faults {run['faults']}, retries {run['retries']}"
            )
