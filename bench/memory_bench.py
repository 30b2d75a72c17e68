"""The real bot process's memory after a review with its ledger and after ``/export``.

Seeds the county (``bench/county.py``, 5 county-years by default) once, starts ``duban sandbox``
once, then, for each source tree given (``--src NAME=DIR``: a checkout of the code to run; the
default is this tree as ``this``), in alternating rounds: copies the seeded store, starts
``duban run`` from that tree over it with its clock at the county's ``NOW`` (libfaketime), and
as the county's lead sends ``/start``, ``/review`` and ``/export`` through the sandbox's control
endpoints, reading the process's ``VmRSS`` and ``VmHWM`` (``/proc/<pid>/status``) once it is
idle after start, after the review (its chart, text and ledger arrived) and after the export.
It also times, from the ``/review`` command, the review's chart, its text and its ledger
arriving in the lead's chat. Then the bot is stopped (SIGTERM) before the next run.

    .venv/bin/python bench/memory_bench.py --years 5 --rounds 2 \\
        --src before=/tmp/duban-before --src after=. [--store DIR] [--json]

JSON: ``runs[]`` (``src``, ``round``, ``rss_mb`` and ``hwm_mb`` per moment ``start``,
``review``, ``export``; ``review_s``: seconds to ``chart``, ``text`` (its first part),
``text_last`` (its last part), ``ledger``; ``export_s``;
``worker_rss_mb``: the worker process's after the export)
and ``median`` per source tree; ``load`` (the load average before and after).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import county  # noqa: E402

TOKEN = "123456:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
LEAD_ID = 555_000_111
FAKETIME_LIB = "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1"
RUN = "import sys; sys.argv = ['duban', 'run']; from bot.cli.main import main; sys.exit(main())"


def free_port() -> int:
    """A free loopback port."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def call(url: str, path: str, body: dict[str, Any] | None = None, method: str = "POST") -> Any:
    """One control-endpoint call of the sandbox; its result."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(
        url + "/_sandbox" + path, data=data, method=method,
        headers={"Content-Type": "application/json"},
    )  # fmt: skip
    with urllib.request.urlopen(request, timeout=120) as response:
        answer = json.loads(response.read())
    if not answer.get("ok"):
        raise RuntimeError(answer)
    return answer["result"]


def bot_messages(url: str) -> list[dict[str, Any]]:
    """The lead's private chat: the bot's messages so far."""
    found = call(url, f"/chats/{LEAD_ID}/transcript", method="GET")["messages"]
    return [m for m in found if m["sender_id"] != LEAD_ID]


def memory(pid: int) -> tuple[float, float]:
    """VmRSS and VmHWM of a process, in MB."""
    values = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            values[key] = int(rest.split()[0]) / 1024
    return values["VmRSS"], values["VmHWM"]


def children_rss(pid: int) -> float:
    """The resident memory of a process's children (the worker process), in MB."""
    total = 0.0
    for task in Path(f"/proc/{pid}/task").iterdir():
        for child in (task / "children").read_text().split():
            total += memory(int(child))[0]
    return total


def wait_for(check: Any, timeout: float, what: str) -> float:
    """Poll ``check()`` every 20 ms until true; the seconds it took."""
    began = time.perf_counter()
    while not check():
        if time.perf_counter() - began > timeout:
            raise TimeoutError(what)
        time.sleep(0.02)
    return time.perf_counter() - began


def settle(url: str, seconds: float = 3.0) -> None:
    """Wait until the sandbox has been quiet for a while (the bot idle)."""
    call(url, "/wait-idle", {"timeout": 120, "quiet": seconds})


def one_run(src: Path, store: Path, url: str, work: Path) -> dict[str, Any]:
    """``duban run`` from ``src`` over a copy of ``store``: its memory and timings."""
    data = work / "data"
    shutil.rmtree(data, ignore_errors=True)
    shutil.copytree(store, data)
    env = dict(os.environ)
    env.update(
        DUBAN_BOT_TOKEN=TOKEN, DUBAN_DATA_DIR=str(data), DUBAN_BOT_API_URL=url,
        DUBAN_LOG_LEVEL="INFO", PYTHONPATH=str(src), LD_PRELOAD=FAKETIME_LIB,
        FAKETIME="@" + county.NOW.astimezone().strftime("%Y-%m-%d %H:%M:%S"),
    )  # fmt: skip
    env.pop("FAKETIME_NO_CACHE", None)
    log = (work / "bot.log").open("w")
    bot = subprocess.Popen(
        [sys.executable, "-c", RUN], cwd=src, env=env, stdout=log, stderr=subprocess.STDOUT
    )
    result: dict[str, Any] = {"rss_mb": {}, "hwm_mb": {}}
    try:
        before = len(bot_messages(url))
        call(url, f"/users/{LEAD_ID}/start", {})
        wait_for(lambda: len(bot_messages(url)) > before, 120, "the bot answering /start")
        settle(url)
        result["rss_mb"]["start"], result["hwm_mb"]["start"] = memory(bot.pid)

        before = len(bot_messages(url))
        began = time.perf_counter()
        call(url, f"/chats/{LEAD_ID}/command", {"command": "review"})
        seen: dict[str, float] = {}
        parts = [0]

        def review_done() -> bool:
            new = bot_messages(url)[before:]
            now = time.perf_counter() - began
            photo = next((n for n, m in enumerate(new) if m["photo"]), None)
            if photo is not None:
                seen.setdefault("chart", now)
                texts = [m for m in new[photo + 1 :] if not m["photo"] and not m["document"]]
                if texts:
                    seen.setdefault("text", now)
                if len(texts) > parts[0]:  # the review's last part: when its count last grew
                    parts[0], seen["text_last"] = len(texts), now
            if any(m["document"] for m in new):
                seen.setdefault("ledger", now)
            return "ledger" in seen and "text" in seen

        wait_for(review_done, 300, "the review and its ledger")
        result["review_s"] = seen
        settle(url)
        result["rss_mb"]["review"], result["hwm_mb"]["review"] = memory(bot.pid)

        before = len(bot_messages(url))
        began = time.perf_counter()
        call(url, f"/chats/{LEAD_ID}/command", {"command": "export"})
        has_document = lambda: any(m["document"] for m in bot_messages(url)[before:])  # noqa: E731
        result["export_s"] = wait_for(has_document, 300, "the export")
        settle(url)
        result["rss_mb"]["export"], result["hwm_mb"]["export"] = memory(bot.pid)
        result["worker_rss_mb"] = children_rss(bot.pid)
    finally:
        bot.send_signal(signal.SIGTERM)
        try:
            bot.wait(60)
        except subprocess.TimeoutExpired:
            bot.kill()
            bot.wait()
        log.close()
    return result


async def ledger_pairs(store: Path, work: Path, pairs: int) -> dict[str, list[float]]:
    """``/export``'s service call (``export_off_loop``, warm worker) over a copy of ``store``,
    the worker reading the year itself (``reader``) and handed a snapshot read here
    (``snapshot``, as before), taking turns; seconds of each."""
    from functools import partial

    from bot.domain.clock import ManualClock
    from bot.offload import ProcessOffload
    from bot.render.rhythm.ledger import ledger_file
    from bot.services import Services
    from storage.durable import TinyDBStore
    from storage.readonly import open_read_only

    data = work / "ledger"
    shutil.rmtree(data, ignore_errors=True)
    shutil.copytree(store, data)
    held = TinyDBStore(data)
    offload = ProcessOffload()
    clock = ManualClock(county.NOW, county.TZ)
    reader = partial(open_read_only, data, lazy=True)
    roads = {
        "reader": Services.build(held, clock, frozenset({1}), off_loop=offload, reader=reader),
        "snapshot": Services.build(held, clock, frozenset({1}), off_loop=offload),
    }
    admin = roads["reader"].auth.resolve(1)
    took: dict[str, list[float]] = {name: [] for name in roads}
    try:
        await offload(sum, (1, 2))  # the worker started, as in a running bot
        for number in range(pairs + 1):
            for name, services in roads.items():
                began = time.perf_counter()
                await services.digests.export_off_loop(admin, county.TEAM, ledger_file)
                if number:  # the first pair warms both roads
                    took[name].append(time.perf_counter() - began)
    finally:
        offload.close()
        held.close()
    return took


def seed(directory: Path, years: float) -> None:
    """The county with ``years`` of history, its lead bound to the sandbox user."""
    from storage.durable import TinyDBStore

    store = TinyDBStore(directory)
    county.seed(store, years, {}, LEAD_ID)
    store.close()


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print a table (or ``--json``)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=float, default=5.0)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--src", action="append", default=[], metavar="NAME=DIR")
    parser.add_argument("--store", type=Path, default=None, help="a seeded store to reuse")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--ledger-pairs", type=int, default=5, help="0: skip that part")
    args = parser.parse_args(argv)
    trees = dict(s.split("=", 1) for s in args.src) or {"this": str(ROOT)}
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(dir=os.environ.get("DUBAN_BENCH_DIR")) as tmp:
        root = Path(tmp)
        store = args.store
        if store is None:
            store = root / "seeded"
            seed(store, args.years)
        port = free_port()
        sandbox = subprocess.Popen(
            [sys.executable, "-m", "bot.cli.main", "sandbox", "--port", str(port),
             "--token", TOKEN, "--rate-limits", "off"],
            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        url = f"http://127.0.0.1:{port}"
        runs = []
        try:
            wait_for(lambda: _up(url), 60, "the sandbox")
            lead = {"id": LEAD_ID, "first_name": "王督办", "language_code": "zh-hans"}
            call(url, "/users", lead)
            for number in range(args.rounds):
                for name, src in trees.items():
                    run = one_run(Path(src).resolve(), store, url, root)
                    kept = ROOT / "bench" / "results" / f"memory_bench_{name}_{number}.log"
                    kept.parent.mkdir(exist_ok=True)
                    shutil.copyfile(root / "bot.log", kept)  # the bot's log, for a look
                    runs.append({"src": name, "round": number, **run})
                    if not args.json:
                        print(name, number, json.dumps(run, ensure_ascii=False), flush=True)
        finally:
            sandbox.send_signal(signal.SIGINT)
            sandbox.wait(30)
        pairs = args.ledger_pairs
        ledger = asyncio.run(ledger_pairs(store, root, pairs)) if pairs else {}
    load = {"before": load_before, "after": os.getloadavg()}
    report = {"years": args.years, "runs": runs, "median": _medians(runs, trees),
              "ledger_s": ledger, "load": load}  # fmt: skip
    print(json.dumps(report, ensure_ascii=False, indent=1) if args.json else _table(report))
    return 0


def _up(url: str) -> bool:
    try:
        call(url, "", method="GET")
    except OSError:
        return False
    return True


def _medians(runs: list[dict[str, Any]], trees: dict[str, str]) -> dict[str, Any]:
    medians: dict[str, Any] = {}
    for name in trees:
        mine = [r for r in runs if r["src"] == name]
        if not mine:
            continue
        medians[name] = {
            "export_s": statistics.median(r["export_s"] for r in mine),
            "worker_rss_mb": statistics.median(r.get("worker_rss_mb", 0.0) for r in mine),
        }
        for field in ("rss_mb", "hwm_mb", "review_s"):
            medians[name][field] = {
                k: statistics.median(r[field][k] for r in mine) for k in mine[0][field]
            }
    return medians


def _table(report: dict[str, Any]) -> str:
    lines = [
        f"{'tree':10} {'RSS start':>9} {'RSS review':>10} {'RSS export':>10} {'HWM':>6} "
        f"{'chart s':>7} {'text s':>7} {'all text s':>10} {'ledger s':>8} {'export s':>8} "
        f"{'worker':>6}"
    ]
    for name, m in report["median"].items():
        rss, review = m["rss_mb"], m["review_s"]
        lines.append(
            f"{name:10} {rss['start']:9.0f} {rss['review']:10.0f} {rss['export']:10.0f} "
            f"{m['hwm_mb']['export']:6.0f} {review['chart']:7.2f} {review['text']:7.2f} "
            f"{review['text_last']:10.2f} "
            f"{review['ledger']:8.2f} {m['export_s']:8.2f} {m['worker_rss_mb']:6.0f}"
        )
    ledger = report["ledger_s"]
    if ledger:
        reader, snapshot = ledger["reader"], ledger["snapshot"]
        ratios = [r / s for r, s in zip(reader, snapshot, strict=True)]
        lines.append(
            f"ledger (export_off_loop, {len(reader)} pairs): worker reads "
            f"{statistics.median(reader):.2f} s, snapshot handed over "
            f"{statistics.median(snapshot):.2f} s, ratio {statistics.median(ratios):.2f}"
        )
    load = report["load"]
    lines.append(f"load average before {load['before'][0]:.1f}, after {load['after'][0]:.1f}")
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
