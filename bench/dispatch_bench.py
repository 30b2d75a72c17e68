"""Weekly dispatch benchmark: prompts to N officials through the sandbox, Telegram's limits on.

Run ``.venv/bin/python bench/dispatch_bench.py [--officials N] [--json] [--memory]``. The sandbox
enforces about 30 messages per second per bot and about one per second per private chat (short
bursts pass), answering ``429 retry after`` beyond that, like Telegram.

- **paced**: Duban's real dispatch — ``RhythmRunner.run_due`` at the prompt time over a store
  with N officials (one task each): it plans the cycle, writes every PENDING prompt row, then
  sends through the paced queue (:mod:`bot.outbox`) with the real ``Application``'s bot
  (PTB's ``AIORateLimiter`` included) and marks each prompt SENT right after its send. The
  store is the durable TinyDB one in a temporary directory (``--memory``: the in-memory one).
- **naive**: a plain loop of ``bot.send_message`` calls with a plain PTB ``Bot`` (no rate
  limiter), a 429 counted and that prompt lost, as a first version would do it.

Printed for each: wall time, the ratio ``wall ÷ (N ÷ 30 s)`` (target ≤ 1.10), 429s received
(target 0), prompts lost and duplicated (target 0), read from what the sandbox's users actually
got. ``--json`` prints one object with the keys documented in ``bench/README.md``. A 2,000-
official run takes at least 67 s per variant by design. This is not a timed test.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import logging
import sys
import tempfile
import time
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from telegram.error import RetryAfter

from bot.app import build_application
from bot.config import SecretStr, Settings
from bot.domain.clock import ManualClock
from bot.domain.people import Person, Role, Team, Unit
from bot.domain.plan import Measure, Plan
from bot.domain.ports import Store
from bot.domain.settings import TeamSettings
from bot.domain.work import AssigneeRole, Assignment, PromptState
from sandbox import Sandbox
from sandbox.testing import bot_for

TZ = ZoneInfo("Asia/Shanghai")
PROMPT_AT = datetime(2024, 10, 10, 9, 0, tzinfo=TZ)  # a Thursday, 09:00
TELEGRAM_RATE = 30.0
MEASURES = 40


def populate(store: Store, sb: Sandbox, officials: int) -> list[int]:
    """A team of ``officials`` joined officials, one task each; returns their chat ids."""
    created = datetime(2024, 1, 2, 9, 0, tzinfo=TZ)
    team = Team("tbench", "基准县督查室", created)
    plan = Plan("pbench", team.id, "2024年重点工作", created, year=2024)
    unit = Unit("ubench", team.id, "县发改委")
    chat_ids = []
    with store.atomic():
        store.teams.save(team)
        store.settings.save(TeamSettings(team.id))
        store.units.save(unit)
        store.plans.save(plan)
        for number in range(MEASURES):
            store.measures.save(
                Measure(
                    f"M{number:04x}",
                    plan.id,
                    f"重点任务{number + 1}",
                    "推进。",
                    "一、产业",
                    position=number,
                )
            )
        for number in range(officials):
            user = sb.create_user(f"官员{number}", language_code="zh-hans")
            user.record.started = True  # they pressed Start long ago
            sb.world.private_chat(user.record)
            person = Person(
                f"p{number:05d}",
                team.id,
                f"官员{number}",
                Role.OFFICIAL,
                unit.id,
                telegram_id=user.id,
                joined_at=created,
            )
            store.people.save(person)
            store.assignments.save(
                Assignment(
                    f"a{number:05d}",
                    team.id,
                    f"M{number % MEASURES:04x}",
                    AssigneeRole.LEAD,
                    created,
                    person_id=person.id,
                )
            )
            chat_ids.append(user.id)
    return chat_ids


def received(sb: Sandbox, chat_ids: list[int]) -> Counter[int]:
    """How many bot messages each official got."""
    counts: Counter[int] = Counter()
    bot_id = sb.world.bot.id
    for chat_id in chat_ids:
        chat = sb.world.chats.get(chat_id)
        if chat is not None:
            counts[chat_id] = sum(1 for m in chat.live_messages() if m.sender_id == bot_id)
    return counts


def figures(
    officials: int, wall: float, sb: Sandbox, chat_ids: list[int], rate_limited: int
) -> dict[str, Any]:
    """The printed figures of one run."""
    counts = received(sb, chat_ids)
    return {
        "wall_s": round(wall, 2),
        "ratio": round(wall / (officials / TELEGRAM_RATE), 3),
        "http_429": rate_limited,
        "lost": sum(1 for c in chat_ids if counts[c] == 0),
        "duplicated": sum(1 for c in chat_ids if counts[c] > 1),
        "delivered": sum(1 for c in chat_ids if counts[c] >= 1),
    }


async def paced(officials: int, memory: bool) -> dict[str, Any]:
    """Duban's dispatch through the real Application and store."""
    with tempfile.TemporaryDirectory() as tmp:
        async with Sandbox(rate_limits=True) as sb:
            settings = Settings(
                token=SecretStr(sb.token), data_dir=Path(tmp), timezone=TZ, bot_api_url=sb.url
            )
            store = None
            if memory:
                from storage.memory import MemoryStore

                store = MemoryStore()
            app = build_application(settings, store=store, clock=ManualClock(PROMPT_AT, TZ))
            services = app.bot_data.services
            chat_ids = populate(services.store, sb, officials)
            async with app:
                sb.counters.reset()
                started = time.perf_counter()
                await app.bot_data.rhythm.runner().run_due("tbench")
                wall = time.perf_counter() - started
                result = figures(officials, wall, sb, chat_ids, sb.counters.rate_limited)
                states = Counter(
                    p.state for p in services.store.prompts.for_cycle("tbench.w20241007")
                )
                result["prompts_sent_in_store"] = states[PromptState.SENT]
            services.store.close()
            return result


async def naive(officials: int) -> dict[str, Any]:
    """A plain ``send_message`` loop: no pacing, a 429 loses that prompt."""
    async with Sandbox(rate_limits=True) as sb:
        chat_ids = []
        for number in range(officials):
            user = sb.create_user(f"官员{number}")
            user.record.started = True
            sb.world.private_chat(user.record)
            chat_ids.append(user.id)
        async with bot_for(sb) as bot:
            sb.counters.reset()
            started = time.perf_counter()
            for chat_id in chat_ids:
                with contextlib.suppress(RetryAfter):  # moves on: this official gets nothing
                    await bot.send_message(chat_id, "📋 本周调度：请反馈本周进展。")
            wall = time.perf_counter() - started
        return figures(officials, wall, sb, chat_ids, sb.counters.rate_limited)


def table(officials: int, rows: dict[str, dict[str, Any]]) -> str:
    """The figures as a Markdown table."""
    lines = [
        f"Weekly dispatch to {officials} officials (ideal at 30 msg/s: "
        f"{officials / TELEGRAM_RATE:.1f} s)",
        "",
        "| variant | wall (s) | wall ÷ (N ÷ 30 s) | 429s | lost | duplicated |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, r in rows.items():
        lines.append(
            f"| {name} | {r['wall_s']:.1f} | {r['ratio']:.3f} | {r['http_429']} | {r['lost']} "
            f"| {r['duplicated']} |"
        )
    return "\n".join(lines)


async def main_async(args: argparse.Namespace) -> dict[str, Any]:
    """Both variants, one after the other."""
    return {
        "officials": args.officials,
        "ideal_s": round(args.officials / TELEGRAM_RATE, 2),
        "store": "memory" if args.memory else "tinydb",
        "paced": await paced(args.officials, args.memory),
        "naive": await naive(args.officials),
    }


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, run, print."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--officials", type=int, default=2000, help="officials to prompt")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--memory", action="store_true", help="in-memory store")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    result = asyncio.run(main_async(args))
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        print(
            table(
                args.officials,
                {
                    "Duban (paced queue)": result["paced"],
                    "naive send_message loop": result["naive"],
                },
            )
        )
        print(f"\nprompts marked SENT in the store: {result['paced']['prompts_sent_in_store']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
