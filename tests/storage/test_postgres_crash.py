"""Durability under SIGKILL on PostgreSQL: a writer killed at random moments loses no reply it
confirmed, and leaves no half of a transaction (a report without its audit entry) behind.

The same writer as the embedded store's crash test, pointed at a database. ``DUBAN_STRESS=1``
runs many more kill points.
"""

from __future__ import annotations

import os
import random
import sys

import pytest

from storage.postgres import PostgresStore
from tests.postgres_server import end_sessions, fresh_schema
from tests.storage.crash_writer import expected_entry, expected_report, kill_writer

WRITER_NAME = "duban_crash_writer"  # the killed writers' sessions, found by this name
STRESS = os.environ.get("DUBAN_STRESS") == "1"
ROUNDS = 400 if STRESS else 16


def _kill_once(url: str, rng: random.Random) -> tuple[int, bool]:
    """Start a writer, kill it at a random moment: the highest confirmed id (or -1), and
    whether it was killed before it had opened the store."""
    named = f"{url}&application_name={WRITER_NAME}"
    killed = kill_writer([named], rng, within=(0.05, 0.1))
    end_sessions(url, WRITER_NAME)  # a commit the writer sent before dying lands now, or never
    return max(killed.confirmed, default=-1), killed.during_open and not killed.said_more


def _verify(url: str, last_confirmed: int) -> int:
    """Every confirmed reply is there whole, with its audit entry; return how many there are."""
    store = PostgresStore(url, pool_max=1)
    try:
        reports = store.reports.all()
        count = len(reports)
        assert count >= last_confirmed + 1, f"lost confirmed replies: {count} <= {last_confirmed}"
        assert count <= last_confirmed + 2, "more than one unconfirmed reply appeared"
        assert list(reports) == [expected_report(i) for i in range(count)]
        assert list(store.audit) == [expected_entry(i) for i in range(count)]
        return count
    finally:
        store.close()


@pytest.mark.skipif(sys.platform != "linux", reason="SIGKILL semantics of Linux")
@pytest.mark.slow
def test_confirmed_replies_survive_sigkill_on_postgresql(database_url: str) -> None:
    """Every acknowledged write is committed after any of the kills; none is half applied."""
    rng = random.Random(int(os.environ.get("DUBAN_CRASH_SEED", "20251205")))
    confirmed = killed_opening = 0
    with fresh_schema(database_url) as url:
        PostgresStore(url).close()  # the schema, so kills while opening hit the connection
        last = -1
        for _ in range(ROUNDS):
            newest, opening = _kill_once(url, rng)
            killed_opening += opening
            confirmed += max(0, newest - last)
            last = _verify(url, max(last, newest)) - 1
    print(
        f"\npostgres crash test: {ROUNDS} kills ({killed_opening} while opening), "
        f"{last + 1} replies kept, {confirmed} confirmed"
    )
    assert last + 1 > ROUNDS  # the writers got real work done between kills
