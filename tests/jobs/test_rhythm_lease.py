"""The rhythm with several processes on one PostgreSQL database: only the lease holder runs it,
and the lease moves to a survivor when its holder's connection dies, mid-dispatch included.

Two real ``Application`` objects (each with its own store, as two processes would have) serve
one database and send through the sandbox; the lease holder's database session is cut with
``pg_terminate_backend``, exactly what the server does when a process dies.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.app import build_application
from bot.context import DubanApp
from bot.domain.clock import ManualClock
from bot.domain.people import Person, Role, Team, Unit
from bot.domain.plan import Measure, Plan
from bot.domain.settings import TeamSettings
from bot.domain.work import AssigneeRole, Assignment
from bot.jobs.scheduler import RhythmJob
from bot.outbox import Pacing
from bot.rhythm.events import EventKind
from sandbox import Sandbox
from storage.postgres import PostgresStore
from tests.factories.settings import settings_for
from tests.postgres_server import cut_lock_holders, fresh_schema

TZ = ZoneInfo("Asia/Shanghai")
PROMPT_AT = datetime(2024, 10, 10, 9, 0, tzinfo=TZ)  # a Thursday: the default prompt time
OFFICIALS = 45
LEASE = 2.0


@pytest.fixture
def url(database_url: str) -> Iterator[str]:
    """A new, empty schema of the test database."""
    with fresh_schema(database_url) as fresh:
        yield fresh


def seed(url: str, sb: Sandbox) -> list[int]:
    """A team created the day before its first prompt, ``OFFICIALS`` officials with a task each;
    their chat ids."""
    created = PROMPT_AT - timedelta(days=1)
    team = Team("t1", "试点县督查室", created)
    chats = []
    store = PostgresStore(url)
    with store.atomic():
        store.teams.save(team)
        store.settings.save(TeamSettings(team.id, claim_hours=0))  # only prompts are counted
        store.units.save(Unit("u1", team.id, "县发改委"))
        store.plans.save(Plan("p1", team.id, "重点工作", created, year=2024))
        for n in range(OFFICIALS):
            user = sb.create_user(f"官员{n}", language_code="zh-hans")
            user.record.started = True
            sb.world.private_chat(user.record)
            chats.append(user.id)
            person = Person(f"p{n:03d}", team.id, f"官员{n}", Role.OFFICIAL, "u1")
            store.people.save(dataclasses.replace(person, telegram_id=user.id, joined_at=created))
            store.measures.save(Measure(f"M{n:03d}", "p1", f"任务{n}", "推进。", "一", position=n))
            task = Assignment(f"a{n:03d}", team.id, f"M{n:03d}", AssigneeRole.LEAD, created)
            store.assignments.save(dataclasses.replace(task, person_id=person.id))
    store.close()
    return chats


@asynccontextmanager
async def serving(sb: Sandbox, url: str) -> AsyncIterator[DubanApp]:
    """One bot process's application on the database: started (jobs, hooks), then stopped."""
    settings = dataclasses.replace(settings_for(sb, []), lease_seconds=LEASE)
    clock = ManualClock(PROMPT_AT + timedelta(minutes=1), TZ)
    app = build_application(settings, store=PostgresStore(url), clock=clock)
    await app.initialize()
    assert app.post_init is not None
    await app.post_init(app)
    await app.start()
    try:
        yield app
    finally:
        await app.stop()
        if app.post_stop is not None:
            await app.post_stop(app)
        await app.shutdown()
        if app.post_shutdown is not None:
            await app.post_shutdown(app)


def received(sb: Sandbox, chats: list[int]) -> Counter[int]:
    """How many bot messages each official got."""
    bot_id = sb.world.bot.id
    counts: Counter[int] = Counter()
    for chat in chats:
        counts[chat] = sum(m.sender_id == bot_id for m in sb.world.chats[chat].live_messages())
    return counts


async def test_two_processes_send_each_prompt_once(sandbox: Sandbox, url: str) -> None:
    """Both processes start at the prompt time; only the lease holder dispatches: one each."""
    chats = seed(url, sandbox)
    async with serving(sandbox, url) as first, serving(sandbox, url) as second:
        leaders = [app for app in (first, second) if app.bot_data.rhythm.leading]
        assert len(leaders) == 1
        await leaders[0].bot_data.rhythm.settle()
        await sandbox.wait_for(
            lambda: min(received(sandbox, chats).values()) >= 1, timeout=30, what="every prompt"
        )
    assert set(received(sandbox, chats).values()) == {1}


async def test_the_lease_moves_to_the_survivor_mid_dispatch(sandbox: Sandbox, url: str) -> None:
    """The holder's session dies a few prompts into the dispatch: it stops, the other process
    takes the lease and finishes; nobody is missed, repeats only for sends in flight."""
    chats = seed(url, sandbox)
    async with serving(sandbox, url) as first, serving(sandbox, url) as second:
        leader, other = (first, second) if first.bot_data.rhythm.leading else (second, first)
        await sandbox.wait_for(
            lambda: sum(received(sandbox, chats).values()) >= 5, timeout=30, what="some prompts"
        )
        cut_lock_holders(url)
        await sandbox.wait_for(
            lambda: other.bot_data.rhythm.leading, timeout=30, what="the survivor to lead"
        )
        assert sum(received(sandbox, chats).values()) < OFFICIALS  # taken over half-way
        await sandbox.wait_for(
            lambda: not leader.bot_data.rhythm.leading, timeout=30, what="the holder to stop"
        )
        await sandbox.wait_for(
            lambda: min(received(sandbox, chats).values()) >= 1, timeout=60, what="every prompt"
        )
        await other.bot_data.rhythm.settle()
    counts = received(sandbox, chats)
    assert sum(counts.values()) - OFFICIALS <= Pacing().in_flight


async def test_a_job_firing_without_the_lease_runs_nothing(sandbox: Sandbox, url: str) -> None:
    """Both processes' cutoff jobs fire: in the one without the lease nothing is done, in the
    holder the cycle is closed."""
    seed(url, sandbox)
    async with serving(sandbox, url) as first, serving(sandbox, url) as second:
        leader, other = (first, second) if first.bot_data.rhythm.leading else (second, first)
        await leader.bot_data.rhythm.settle()
        (cycle,) = leader.bot_data.services.store.cycles.for_team("t1")
        for app in (leader, other):
            clock = app.bot_data.clock
            assert isinstance(clock, ManualClock)
            clock.set(cycle.cutoff_at + timedelta(minutes=1))
        job = RhythmJob("t1", EventKind.CUTOFF.value, cycle.cutoff_at)
        other.bot_data.rhythm.fired(job, other.job_queue)
        await other.bot_data.rhythm.settle()
        store = leader.bot_data.services.store
        assert store.cycles.get(cycle.id) == cycle  # not closed
        leader.bot_data.rhythm.fired(job, leader.job_queue)
        await leader.bot_data.rhythm.settle()
        closed = store.cycles.get(cycle.id)
        assert closed is not None
        assert closed.closed_at is not None
