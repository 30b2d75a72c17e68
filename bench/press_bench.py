"""A press end to end: status presses and typed replies through the sandbox, against the floor.

Run ``.venv/bin/python bench/press_bench.py [--quick] [--json]``. For each history size (0, 1
and 5 county-years; ``--quick``: 0, 0.2 and 1) a county is seeded straight into a durable
TinyDB store (``bench/county.py``: 2,000 officials, 400 measures, a prompt to every official
every week, a report per measure per week) and the real ``Application`` polls its own sandbox
over HTTP. Sampled officials get this week's prompt; each then presses a status button on it
and types a line of detail, the bot's usual answer flow.

In the same run, taking turns press by press, **the floor**: a minimal python-telegram-bot
bot on a second sandbox that answers the same press (and the same text) with one fsync'd
append to a file and the same Bot API calls, in the same order, that Duban made.

Latency is from the update's arrival in the sandbox (when the user's press or text is queued)
to the arrival of the bot's last API call for it. Printed: p50 and p99 of Duban and of the
floor, their ratios (goal: p50 ≤ 2 ×, p99 ≤ 3 ×), and Duban's p50 at each history size (work
per press should not grow with history). Not a timed test; see ``bench/README.md``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler, ContextTypes, MessageHandler, filters

sys.path.insert(0, str(Path(__file__).resolve().parent))

import county

from bot.app import build_application, settle_heap
from bot.config import SecretStr, Settings
from bot.domain.clock import ManualClock
from bot.render.prompt import render_prompt
from bot.rhythm.dispatch import prompt_id
from sandbox import Sandbox, ScriptedUser
from sandbox.testing import application_builder, running_polling
from storage.durable import TinyDBStore

FULL = {"years": (0.0, 1.0, 5.0), "samples": 120}
QUICK = {"years": (0.0, 0.2, 1.0), "samples": 40}
TEXT = "本周完成项目前期手续办理，下周开工。"


class CallLog:
    """When each Bot API call (long polls excluded) reached a sandbox, and how many fsyncs
    ``probe`` had counted by then."""

    def __init__(self, sb: Sandbox, probe: Callable[[], int] = lambda: 0) -> None:
        self.calls: list[tuple[float, str]] = []
        self.fsyncs: dict[float, int] = {}
        handle = sb.dispatcher.handle

        async def timed(token: str, method: str, params: Any, gone: Callable[[], bool]) -> Any:
            if method.lower() != "getupdates":
                now = time.perf_counter()
                self.calls.append((now, method))
                self.fsyncs[now] = probe()
            return await handle(token, method, params, gone)

        sb.dispatcher.handle = timed  # type: ignore[method-assign]

    def since(self, began: float) -> list[tuple[float, str]]:
        """The calls that arrived after ``began``."""
        return [call for call in self.calls if call[0] >= began]


async def timed_action(
    sb: Sandbox, log: CallLog, act: Callable[[], Awaitable[object]]
) -> tuple[float, list[str]]:
    """Seconds from queuing the update to the bot's last API call for it, and the calls."""
    began = time.perf_counter()
    await act()
    await sb.wait_idle(timeout=120, quiet=0.02)
    calls = log.since(began)
    if not calls:
        raise RuntimeError("the bot made no API call")
    if os.environ.get("PRESS_TRACE"):
        print([(m, round((t - began) * 1e3, 1)) for t, m in calls])
    return calls[-1][0] - began, [method for _, method in calls]


def sample_numbers(samples: int) -> list[int]:
    """Officials spread over the roster (牵头 and 配合 alike)."""
    step = county.OFFICIALS // samples
    return [n * step + n % step for n in range(samples)]


async def duban_setup(
    sb: Sandbox, root: Path, years: float, numbers: list[int]
) -> tuple[Any, dict[int, ScriptedUser], dict[str, Any]]:
    """Seed the store, open it as the bot does, and send the sampled officials their prompt."""
    users = {n: sb.create_user(f"官员{n}", language_code="zh-hans") for n in numbers}
    for user in users.values():
        user.record.started = True
        sb.world.private_chat(user.record)
    lead = sb.create_user("王督办", language_code="zh-hans")
    data = root / "data"
    began = time.perf_counter()
    store = TinyDBStore(data)
    seeded = county.seed(store, years, {n: u.id for n, u in users.items()}, lead.id)
    store.close()
    seed_s = time.perf_counter() - began
    settings = Settings(
        token=SecretStr(sb.token), data_dir=data, timezone=county.TZ, bot_api_url=sb.url
    )
    began = time.perf_counter()
    app = build_application(settings, clock=ManualClock(county.NOW, county.TZ))
    open_s = time.perf_counter() - began
    settle_heap()  # as ``duban run`` does after building
    return app, users, {"seed_s": seed_s, "open_s": open_s, "cycle": seeded.cycle.cycle_id}


async def send_prompts(app: Any, users: dict[int, ScriptedUser], cycle_id: str) -> None:
    """This week's prompt to each sampled official, as the dispatch renders it (setup)."""
    services = app.bot_data.services
    ids = [prompt_id(cycle_id, county.official_id(n)) for n in users]
    views = {view.prompt.id: view for view in services.prompts.views(cycle_id, ids)}
    for n, user in users.items():
        view = views[prompt_id(cycle_id, county.official_id(n))]
        message = render_prompt(view, "zh")
        sent = await app.bot.send_message(user.id, message.text, reply_markup=message.keyboard)
        services.store.prompts.save(replace(view.prompt, message_id=sent.message_id))


def status_button(user: ScriptedUser) -> tuple[int, str]:
    """The prompt's message id and its first status button's callback data."""
    for view in reversed(user.private.bot_messages()):
        for row in view.buttons:
            for button in row:
                if button.callback_data and button.callback_data.startswith("pa"):
                    return view.message_id, button.callback_data
    raise RuntimeError(
        f"no prompt with a status button for {user.first_name}: {user.private.render()}"
    )


def floor_app(sb: Sandbox, path: Path, sequences: dict[str, list[str]]) -> Any:
    """The floor: one fsync'd append per press or text, then Duban's API calls, in order."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)

    def durable(line: str) -> None:
        os.write(fd, (line + "\n").encode())
        os.fdatasync(fd)

    async def calls(update: Update, context: ContextTypes.DEFAULT_TYPE, kind: str) -> None:
        chat = update.effective_chat
        assert chat is not None
        for method in sequences.get(kind, ["sendMessage"]):
            name = method.lower()
            if name == "answercallbackquery" and update.callback_query is not None:
                await update.callback_query.answer("已记录")
            elif name == "editmessagetext" and update.callback_query is not None:
                message = update.callback_query.message
                assert message is not None
                await context.bot.edit_message_text(
                    "✅ 已反馈：正常推进", chat.id, message.message_id
                )
            else:
                await context.bot.send_message(chat.id, "已记录本次反馈。")

    async def press(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.callback_query is not None
        durable(json.dumps({"press": update.callback_query.data}))
        await calls(update, context, "press")

    async def text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.message is not None
        durable(json.dumps({"text": update.message.text}, ensure_ascii=False))
        await calls(update, context, "text")

    app = application_builder(sb).build()
    app.add_handler(CallbackQueryHandler(press))
    app.add_handler(MessageHandler(filters.TEXT, text))
    return app


async def level(years: float, samples: int) -> dict[str, Any]:
    """Duban and the floor at one history size, taking turns."""
    numbers = sample_numbers(samples)
    with tempfile.TemporaryDirectory(dir=os.environ.get("DUBAN_BENCH_DIR")) as tmp:
        root = Path(tmp)
        async with Sandbox(rate_limits=False) as sb, Sandbox(rate_limits=False) as fsb:
            app, users, info = await duban_setup(sb, root, years, numbers)
            dlog = CallLog(sb, lambda: app.bot_data.services.store.fsyncs)
            floor_users = {
                n: fsb.create_user(f"官员{n}", language_code="zh-hans") for n in numbers
            }
            for user in floor_users.values():
                user.record.started = True
                fsb.world.private_chat(user.record)
            flog = CallLog(fsb)
            sequences: dict[str, list[str]] = {}
            laps: dict[str, list[float]] = {
                "duban_press": [],
                "duban_text": [],
                "floor_press": [],
                "floor_text": [],
            }
            floor = floor_app(fsb, root / "floor.log", sequences)
            async with running_polling(app, sb), running_polling(floor, fsb):
                await send_prompts(app, users, info["cycle"])
                for user in floor_users.values():
                    keyboard = InlineKeyboardMarkup(
                        [[InlineKeyboardButton("正常推进", callback_data="pa:x")]]
                    )
                    await floor.bot.send_message(user.id, "本周调度", reply_markup=keyboard)
                await sb.wait_idle(timeout=60)
                await fsb.wait_idle(timeout=60)
                store = app.bot_data.services.store
                fsyncs = {"press": 0, "text": 0, "press_answered": 0, "text_answered": 0}
                for n in numbers:
                    user, fuser = users[n], floor_users[n]
                    message_id, data = status_button(user)
                    before = store.fsyncs
                    took, seq = await timed_action(
                        sb, dlog, lambda u=user, m=message_id, d=data: _press(sb, u, m, d)
                    )
                    fsyncs["press"] += store.fsyncs - before
                    fsyncs["press_answered"] += dlog.fsyncs[dlog.calls[-1][0]] - before
                    sequences.setdefault("press", seq)
                    laps["duban_press"].append(took)
                    fmessage, fdata = _floor_button(fuser)
                    took, _ = await timed_action(
                        fsb, flog, lambda u=fuser, m=fmessage, d=fdata: _press(fsb, u, m, d)
                    )
                    laps["floor_press"].append(took)
                    before = store.fsyncs
                    took, seq = await timed_action(sb, dlog, lambda u=user: u.private.send(TEXT))
                    fsyncs["text"] += store.fsyncs - before
                    fsyncs["text_answered"] += dlog.fsyncs[dlog.calls[-1][0]] - before
                    sequences.setdefault("text", seq)
                    laps["duban_text"].append(took)
                    took, _ = await timed_action(fsb, flog, lambda u=fuser: u.private.send(TEXT))
                    laps["floor_text"].append(took)
                reports = len(app.bot_data.services.store.reports.for_cycle(info["cycle"]))
            app.bot_data.services.store.close()
    result: dict[str, Any] = {name: summary(values) for name, values in laps.items()}
    result.update(
        seed_s=info["seed_s"],
        open_s=info["open_s"],
        calls=sequences,
        reports_filed=reports,
        fsyncs_per_press=fsyncs["press"] / len(numbers),
        fsyncs_per_text=fsyncs["text"] / len(numbers),
        fsyncs_before_last_call_press=fsyncs["press_answered"] / len(numbers),
        fsyncs_before_last_call_text=fsyncs["text_answered"] / len(numbers),
    )
    return result


async def _press(sb: Sandbox, user: ScriptedUser, message_id: int, data: str) -> None:
    sb.driver.press_from_user(user.private, message_id, data)


def _floor_button(user: ScriptedUser) -> tuple[int, str]:
    view = user.private.bot_messages()[0]
    return view.message_id, "pa:x"


def summary(laps: list[float]) -> dict[str, float]:
    """p50 and p99 in milliseconds."""
    ordered = sorted(laps)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return {"p50_ms": statistics.median(ordered) * 1e3, "p99_ms": p99 * 1e3, "samples": len(laps)}


def ratios(results: dict[str, dict[str, Any]]) -> dict[str, float]:
    """Duban ÷ floor at each size, for presses and texts."""
    found = {}
    for key, row in results.items():
        for kind in ("press", "text"):
            for q in ("p50_ms", "p99_ms"):
                found[f"{kind}_{q[:3]}_{key}"] = row[f"duban_{kind}"][q] / row[f"floor_{kind}"][q]
    return found


def table(report: dict[str, Any]) -> str:
    """The figures as text."""
    lines = [f"{'history':>8} {'what':<12} {'p50 ms':>9} {'p99 ms':>9} {'n':>5}"]
    for key, row in report["results"].items():
        for name in ("duban_press", "floor_press", "duban_text", "floor_text"):
            r = row[name]
            lines.append(
                f"{key:>8} {name:<12} {r['p50_ms']:>9.2f} {r['p99_ms']:>9.2f} {r['samples']:>5}"
            )
        lines.append(
            f"{key:>8} seeded in {row['seed_s']:.1f} s, opened in {row['open_s']:.2f} s;"
            f" Duban's calls per press {row['calls'].get('press')}, per text "
            f"{row['calls'].get('text')}; fsyncs per press {row['fsyncs_per_press']:.1f}, "
            f"per text {row['fsyncs_per_text']:.1f} (before the last API call: "
            f"{row['fsyncs_before_last_call_press']:.1f} and "
            f"{row['fsyncs_before_last_call_text']:.1f})"
        )
    lines.append("")
    for name, value in report["ratios"].items():
        goal = " (goal <= 2)" if "p50" in name else " (goal <= 3)"
        lines.append(f"{name:<24} {value:8.2f}{goal}")
    return "\n".join(lines)


async def run(config: dict[str, Any]) -> dict[str, Any]:
    """Every history size, one after the other."""
    began = time.perf_counter()
    results = {f"{years:g}y": await level(years, config["samples"]) for years in config["years"]}
    return {
        "config": {
            "years": list(config["years"]),
            "samples": config["samples"],
            "officials": county.OFFICIALS,
            "measures": county.MEASURES,
        },
        "results": results,
        "ratios": ratios(results),
        "seconds": time.perf_counter() - began,
    }


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, run, print."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="0, 0.2 and 1 county-years")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--samples", type=int, help="officials pressing, per history size")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    config = dict(QUICK if args.quick else FULL)
    if args.samples:
        config["samples"] = args.samples
    report = asyncio.run(run(config))
    print(json.dumps(report, ensure_ascii=False, indent=2) if args.json else table(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
