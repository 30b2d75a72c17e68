"""`duban run` killed with SIGKILL at random moments while the weekly dispatch runs and officials
tap status buttons and type reports: after the restarts every update sent was handled exactly
once (no report missing, none doubled, no text filed twice) and every official got one prompt,
a repeat only where a kill fell between Telegram's confirmation and its record.

The store is compared with what was sent. A few kills by default (seconds); ``DUBAN_STRESS=1``
runs hundreds.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import random
import signal
from collections import Counter
from pathlib import Path

import pytest

from bot.domain.ports import Store
from bot.domain.work import Report
from sandbox import Sandbox, UserChat
from storage.durable import TinyDBStore
from tests.e2e.harness import plan_assigned, spawn_cli, team
from tests.e2e.test_intake_kill import env_for

STRESS = os.environ.get("DUBAN_STRESS") == "1"
KILLS = 200 if STRESS else 4
UNITS = ("县发改委", "县财政局", "县商务局", "县教育局")
OFFICIALS = 16
PROMPT = "📋 本周调度"
TAP = "1 🟡滞后"
WHICH = "是关于哪一项任务"  # the bot asks which task a reply is about (an official with two)


def roster() -> list[tuple[str, str, str, str]]:
    """Four officials in each unit of the test plan."""
    return [(f"干部{n:02d}", UNITS[n % len(UNITS)], "责任人", "") for n in range(OFFICIALS)]


def prompts_in(chat: UserChat) -> int:
    """How many weekly prompts the official's chat holds (edited ones included)."""
    return sum(PROMPT in m.text for m in chat.bot_messages())


def reports_of(store: Store) -> dict[str, list[Report]]:
    """Every official's reports, by name."""
    names = {p.id: p.name for p in store.people.all()}
    mine: dict[str, list[Report]] = {}
    for person_id, name in names.items():
        mine[name] = list(store.reports.for_author(person_id))
    return mine


async def assign_everyone(lead: UserChat, store: Store) -> None:
    """The lead gives each official without a task one of the plan's tasks."""
    measures = sorted(m.id for m in store.measures.all())
    busy = {a.person_id for a in store.assignments.all()}
    for n, person in enumerate(sorted(store.people.all(), key=lambda p: p.name)):
        if person.name.startswith("干部") and person.id not in busy:
            await lead.send(f"/assign {measures[n % len(measures)]} {person.name}")
            await lead.wait_for_message(person.name)


async def pick(chat: UserChat, picked: set[tuple[int, int]]) -> bool:
    """Answer the bot's newest "which task?" question (once), if it asked one."""
    asked = [m for m in chat.bot_messages() if WHICH in m.text and m.buttons]
    if not asked or (asked[-1].chat_id, asked[-1].message_id) in picked:
        return False
    picked.add((asked[-1].chat_id, asked[-1].message_id))
    await chat.press_nowait(asked[-1].buttons[0][0].text, message=asked[-1])
    return True


async def act(
    chat: UserChat, name: str, rng: random.Random, sent: Counter[str], picked: set[tuple[int, int]]
) -> None:
    """One thing an official does now: answer a "which task?" question, tap 1 🟡滞后 on the
    prompt (once), or type a report in reply to it with a token of its own; what is sent is
    counted in ``sent``."""
    if await pick(chat, picked):
        return
    prompt = next((m for m in reversed(chat.bot_messages()) if PROMPT in m.text), None)
    if prompt is None:
        return
    if not sent[f"{name}:tap"] and TAP in prompt.button_texts:
        await chat.press_nowait(TAP, message=prompt)
        sent[f"{name}:tap"] += 1
    elif sent[f"{name}:tap"]:
        token = f"T{rng.randrange(10**9):09d}"
        await chat.send(f"{token}已完成", reply_to=prompt)  # unlabelled: appended
        sent[token] += 1


async def up(sandbox: Sandbox) -> None:
    """Wait until the bot answers (a newcomer's /start)."""
    probe = sandbox.create_user("Probe")
    await (await probe.start()).wait_for_message(timeout=30)


async def kill_round(
    sandbox: Sandbox, env: dict[str, str], lead: UserChat, chats: dict[str, UserChat],
    rng: random.Random, sent: Counter[str], picked: set[tuple[int, int]],
) -> None:  # fmt: skip
    """Start the bot, have the lead dispatch and the officials act, and kill it at a random
    moment of that."""
    process = await spawn_cli("run", env)
    try:
        await up(sandbox)
        await lead.send("/dispatch")
        for name in rng.sample(sorted(chats), k=len(chats) // 2):
            await act(chats[name], name, rng, sent, picked)
            await asyncio.sleep(rng.uniform(0.0, 0.02))
        await asyncio.sleep(rng.uniform(0.0, 0.3))
    finally:
        process.send_signal(signal.SIGKILL)
        await process.wait()


@pytest.mark.slow
async def test_updates_and_prompts_are_handled_once_across_kills(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    """Reports sent around random SIGKILLs are each in the store once; each official has one
    prompt (repeats at most one per kill)."""
    data = tmp_path / "data"
    async with team(sandbox, roster(), store=TinyDBStore(data)) as t:
        await plan_assigned(t.lead)
        await assign_everyone(t.lead, t.app.bot_data.services.store)
        admin_id, lead, chats = t.admin.user.id, t.lead, t.officials
    env = {**env_for(sandbox, data), "DUBAN_ADMIN_IDS": str(admin_id)}
    rng = random.Random(15)
    sent: Counter[str] = Counter()
    picked: set[tuple[int, int]] = set()
    for _ in range(KILLS):
        await kill_round(sandbox, env, lead, chats, rng, sent, picked)
    process = await spawn_cli("run", env)
    try:
        await up(sandbox)
        await lead.send("/dispatch")
        with contextlib.suppress(TimeoutError):  # the checks below say what is missing
            await sandbox.driver.wait_for(
                lambda: all(prompts_in(chat) for chat in chats.values()),
                timeout=30, what="a prompt for everyone",
            )  # fmt: skip
        await sandbox.wait_idle()
        while any([await pick(chat, picked) for chat in chats.values()]):
            await sandbox.wait_idle()  # every reply waiting for "which task?" is answered
    finally:
        process.send_signal(signal.SIGTERM)
        _, err = await asyncio.wait_for(process.communicate(), timeout=30)
    assert process.returncode == 0, err.decode()[-2000:]
    store = TinyDBStore(data)
    try:
        check(store, chats, sent)
    finally:
        store.close()


def check(store: Store, chats: dict[str, UserChat], sent: Counter[str]) -> None:
    """The store holds exactly what was sent; each official has one prompt (a repeat only
    where a kill cut a confirmation off)."""
    assert store.inbound.pending() == ()
    reports = reports_of(store)
    taps = {key.split(":")[0] for key in sent if key.endswith(":tap")}
    assert taps, "no official tapped: the kills came too early"
    for name in chats:
        filed = [r for r in reports[name] if r.status is not None]
        assert len(filed) == (name in taps), f"{name}: {len(filed)} status reports"
    texts = "\n".join(r.progress_text or "" for rs in reports.values() for r in rs)
    tokens = [key for key in sent if key.startswith("T")]
    missing = [token for token in tokens if texts.count(token) == 0]
    doubled = [token for token in tokens if texts.count(token) > 1]
    assert not missing, f"{len(missing)} of {len(tokens)} typed reports missing"
    assert not doubled, f"{len(doubled)} of {len(tokens)} typed reports filed twice"
    prompts = Counter({name: prompts_in(chat) for name, chat in chats.items()})
    assert min(prompts.values()) == 1
    assert sum(prompts.values()) - len(prompts) <= KILLS  # one in flight at each kill at most
