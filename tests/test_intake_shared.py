"""The intake with several processes on one PostgreSQL database: each update handled by one of
them, one person's updates in order, and what a dead process held taken over by a survivor."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import psycopg
import pytest
from telegram import Update

from bot.intake import Intake
from storage.postgres import PostgresStore
from tests.postgres_server import fresh_schema
from tests.test_intake import BOT, intake_over, update


@pytest.fixture
def url(database_url: str) -> Iterator[str]:
    """A new, empty schema of the test database."""
    with fresh_schema(database_url) as fresh:
        yield fresh


@pytest.fixture
def two(url: str) -> Iterator[tuple[Intake, Intake]]:
    """The intakes of two processes sharing one database."""
    stores = [PostgresStore(url), PostgresStore(url)]
    yield intake_over(stores[0]), intake_over(stores[1])
    for store in stores:
        store.close()


def test_an_update_delivered_to_both_processes_is_handled_by_one(
    two: tuple[Intake, Intake],
) -> None:
    """Both journal it; the first to begin handles it, the other skips it, before and after."""
    a, b = two
    assert a.shared
    a.journal(update(5))
    b.journal(update(5))
    assert a.begin(update(5))
    assert not b.begin(update(5))
    a.finish(update(5))
    b.journal(update(5))  # delivered again later: stays handled
    assert not b.begin(update(5))
    assert (b.deferred, b.skipped) == (1, 1)


async def test_a_persons_next_update_waits_and_is_handed_over(two: tuple[Intake, Intake]) -> None:
    """The sender's later update, received by the other process while the earlier one is
    handled, is not begun there; the process that finishes the earlier one takes it next."""
    a, b = two
    a.journal(update(5, "第一条"))
    b.journal(update(6, "第二条"))
    assert a.begin(update(5))
    assert not b.begin(update(6))
    a.finish(update(5))
    queue: asyncio.Queue[object] = asyncio.Queue()
    await a.hand_over(update(5), queue, BOT)
    following = queue.get_nowait()
    assert isinstance(following, Update)
    assert following.update_id == 6
    assert a.begin(following)


async def test_a_survivor_takes_over_what_a_dead_process_was_handling(
    url: str, two: tuple[Intake, Intake]
) -> None:
    """An update whose process died mid-way goes, once its claim ran out, into a survivor's
    queue at its next sweep, and is handled there; what the survivor holds is not queued."""
    a, b = two
    a.journal(update(5))
    b.journal(update(6))
    assert a.begin(update(5))  # then process a dies
    b.queued(update(6))  # in b's own queue already
    queue: asyncio.Queue[object] = asyncio.Queue()
    assert await b.sweep(queue, BOT) == 1  # 5, though still claimed: begin decides
    claimed = queue.get_nowait()
    assert isinstance(claimed, Update)
    assert not b.begin(claimed)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("UPDATE inbound SET claimed_until = now() - interval '1 minute'")
    assert await b.sweep(queue, BOT) == 1
    taken = queue.get_nowait()
    assert isinstance(taken, Update)
    assert taken.update_id == 5
    assert b.begin(taken)
