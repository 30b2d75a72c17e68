"""Two `duban run` processes on one PostgreSQL database, behind a round-robin load balancer in
webhook mode, as a province would run them.

Each update is handled once though either process may receive it; one person's consecutive
updates, spread over both processes, are handled in order; a weekly dispatch whose process is
killed with SIGKILL half-way is finished by the survivor, so every official gets the prompt
(repeats only for sends in flight at the kill), and every button press the bot acknowledged is
kept. ``DUBAN_STRESS=1`` runs it with more people and texts.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
from collections import Counter, defaultdict
from collections.abc import AsyncIterator, Iterator
from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

import psycopg
import pytest

from bot.domain.people import Person, Role, Team, Unit
from bot.domain.plan import Measure, Plan
from bot.domain.settings import TeamSettings
from bot.domain.work import AssigneeRole, Assignment
from bot.outbox.pacing import Pacing
from sandbox import Sandbox, ScriptedUser
from sandbox.testing import free_port
from storage.postgres import PostgresStore
from tests.e2e.balancer import RoundRobin
from tests.e2e.harness import spawn_cli
from tests.postgres_server import fresh_schema

STRESS = os.environ.get("DUBAN_STRESS") == "1"
OFFICIALS = 300 if STRESS else 60
TEXTERS, TEXTS = (20, 8) if STRESS else (6, 4)
LEASE = 3  # seconds: how soon a survivor takes over what a dead process held
TZ = ZoneInfo("Asia/Shanghai")
SECRET = "two-processes"
GREEN = "🟢"
PROMPT = "📋 本周调度"


@pytest.fixture
def url(database_url: str) -> Iterator[str]:
    """A new, empty schema of the test database."""
    with fresh_schema(database_url) as fresh:
        yield fresh


def seed(url: str, sb: Sandbox) -> tuple[ScriptedUser, list[ScriptedUser]]:
    """A team created now with one lead and ``OFFICIALS`` officials, one task each."""
    created = datetime.now(TZ)
    team = Team("t1", "试点县督查室", created)
    plan = Plan("p1", team.id, "重点工作", created, year=created.year)
    unit = Unit("u1", team.id, "县发改委")
    lead = sb.create_user("督办员", language_code="zh-hans")
    officials = [sb.create_user(f"官员{n}", language_code="zh-hans") for n in range(OFFICIALS)]
    store = PostgresStore(url)
    try:
        with store.atomic():
            store.teams.save(team)
            store.settings.save(TeamSettings(team.id))
            store.units.save(unit)
            store.plans.save(plan)
            boss = Person("lead", team.id, "督办员", Role.LEAD, unit.id, telegram_id=lead.id)
            store.people.save(replace(boss, joined_at=created))
            for n, user in enumerate(officials):
                store.measures.save(Measure(f"M{n:04d}", plan.id, f"重点任务{n + 1}", "推进。",
                                            "一、产业", position=n))  # fmt: skip
                person = Person(f"p{n:04d}", team.id, f"官员{n}", Role.OFFICIAL, unit.id)
                store.people.save(replace(person, telegram_id=user.id, joined_at=created))
                task = Assignment(f"a{n:04d}", team.id, f"M{n:04d}", AssigneeRole.LEAD, created)
                store.assignments.save(replace(task, person_id=person.id))
    finally:
        store.close()
    for user in [lead, *officials]:
        user.record.started = True  # they pressed Start long ago
        sb.world.private_chat(user.record)
    return lead, officials


def env_for(sb: Sandbox, url: str, public: str, port: int) -> dict[str, str]:
    """`duban run` in webhook mode on ``port``, registered at the balancer's ``public`` URL."""
    return {
        **os.environ,
        "DUBAN_BOT_TOKEN": sb.token,
        "DUBAN_BOT_API_URL": sb.url,
        "DUBAN_DATABASE_URL": url,
        "DUBAN_WEBHOOK_URL": public,
        "DUBAN_WEBHOOK_LISTEN": "127.0.0.1",
        "DUBAN_WEBHOOK_PORT": str(port),
        "DUBAN_WEBHOOK_SECRET": SECRET,
        "DUBAN_LEASE_SECONDS": str(LEASE),
        "DUBAN_LOG_LEVEL": os.environ.get("DUBAN_TEST_BOT_LOG_LEVEL", "WARNING"),
    }


@contextlib.asynccontextmanager
async def two_bots(
    sb: Sandbox, url: str
) -> AsyncIterator[tuple[RoundRobin, dict[int, asyncio.subprocess.Process]]]:
    """Two bot processes behind a balancer, both serving; killed (if alive) afterwards."""
    ports = [free_port(), free_port()]
    processes: dict[int, asyncio.subprocess.Process] = {}
    async with RoundRobin(ports) as balancer:
        public = f"http://127.0.0.1:{balancer.port}/hook"
        try:
            for port in ports:
                process = await spawn_cli("run", env_for(sb, url, public, port))
                processes[process.pid] = process
            for port in ports:
                await _listening(port)
            yield balancer, processes
        finally:
            for process in processes.values():
                if process.returncode is None:
                    process.send_signal(signal.SIGKILL)
                    await process.wait()


async def _listening(port: int) -> None:
    for _ in range(600):
        with contextlib.suppress(OSError):
            _, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.close()
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"no bot listening on port {port}")


def journal(url: str) -> list[tuple[int, int | None, datetime | None, str | None]]:
    """The intake journal: update id, sender, when handled, which process claimed it."""
    with psycopg.connect(url) as conn:
        query = "SELECT update_id, user_id, handled_at, claimed_by FROM inbound ORDER BY update_id"
        return [tuple(row) for row in conn.execute(query).fetchall()]  # type: ignore[misc]


def prompts_received(officials: list[ScriptedUser]) -> Counter[int]:
    """How many prompts (messages titled 本周调度, answered ones included) each official got."""
    return Counter(
        {
            user.id: sum(m.text.startswith(PROMPT) for m in user.private.bot_messages())
            for user in officials
        }
    )


@pytest.mark.slow
async def test_two_processes_share_one_database(sandbox: Sandbox, url: str) -> None:
    """Updates spread over two processes are handled once each and in order per person; a
    dispatch killed half-way is finished by the survivor, and every acknowledged press kept."""
    lead, officials = seed(url, sandbox)
    texters = [sandbox.create_user(f"访客{n}", language_code="zh-hans") for n in range(TEXTERS)]
    async with two_bots(sandbox, url) as (balancer, processes):
        # one person's texts in a row, alternating between the processes
        for user in texters:
            for n in range(TEXTS):
                await user.private.send(f"第{n + 1}条")
        await sandbox.driver.wait_for(
            lambda: all(len(u.private.bot_messages()) >= TEXTS for u in texters),
            timeout=60, what="an answer to every text",
        )  # fmt: skip
        assert all(count > 0 for count in balancer.delivered.values())
        assert len(balancer.delivered) == 2

        # the weekly dispatch; its process is killed once a quarter of the prompts are out
        await lead.private.send("/dispatch")
        await sandbox.driver.wait_for(
            lambda: sum(prompts_received(officials).values()) >= OFFICIALS // 4,
            timeout=60, what="the dispatch to be under way",
        )  # fmt: skip
        pressed = [u for u in officials if prompts_received([u])[u.id]]
        presses = [await u.private.press_nowait(f"1 {GREEN}正常") for u in pressed]
        dispatcher = _claimant(url, lead.id)
        processes[dispatcher].send_signal(signal.SIGKILL)
        await processes[dispatcher].wait()
        assert sum(prompts_received(officials).values()) < OFFICIALS  # killed half-way
        survivor = next(p for pid, p in processes.items() if pid != dispatcher)

        await sandbox.driver.wait_for(
            lambda: min(prompts_received(officials).values()) >= 1,
            timeout=90, what="every official's prompt, from the survivor",
        )  # fmt: skip
        late = [u for u in officials if u not in pressed]
        presses += [await u.private.press_nowait(f"1 {GREEN}正常") for u in late]
        for query in presses:
            await sandbox.driver.wait_callback_answer(query, GREEN, timeout=60)
        await sandbox.driver.wait_for(
            lambda: not any(handled is None for _, _, handled, _ in journal(url)),
            timeout=30, what="every journaled update to be handled",
        )  # fmt: skip
        survivor.send_signal(signal.SIGTERM)
        _, err = await asyncio.wait_for(survivor.communicate(), timeout=30)
    assert survivor.returncode == 0, err.decode()[-3000:]

    entries = journal(url)
    # once: every text answered exactly once
    assert [len(u.private.bot_messages()) for u in texters] == [TEXTS] * TEXTERS
    # in order: each person's updates were handled in the order they were sent
    by_user: dict[int, list[datetime]] = defaultdict(list)
    for _, user_id, handled, _ in entries:
        if user_id is not None and handled is not None:
            by_user[user_id].append(handled)
    for user_id, times in by_user.items():
        assert times == sorted(times), f"the updates of {user_id} were handled out of order"
    owners = {owner for _, _, _, owner in entries if owner}
    assert len(owners) >= 2  # both processes handled updates
    # every official has the prompt; repeats only for sends in flight at the kill
    counts = prompts_received(officials)
    assert min(counts.values()) >= 1
    assert sum(counts.values()) - OFFICIALS <= Pacing().in_flight
    # every acknowledged press is kept: one report per official
    store = PostgresStore(url, read_only=True)
    try:
        authors = Counter(r.author_id for r in store.reports.all())
    finally:
        store.close()
    assert set(authors) == {f"p{n:04d}" for n in range(OFFICIALS)}


def _claimant(url: str, user_id: int) -> int:
    """The pid of the process that claimed the user's last update (it is handling it)."""
    owners = [owner for _, sender, _, owner in journal(url) if sender == user_id and owner]
    assert owners, "the update was not claimed"
    return int(owners[-1].split(":")[1])
