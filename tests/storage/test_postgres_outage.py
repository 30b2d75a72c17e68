"""The PostgreSQL adapter through outages: connections killed mid-statement, a database that
refuses connections for a while. Reads are tried again; a write that could not be committed
is reported as ``StoreUnavailable`` and leaves nothing behind; the pool recovers by itself."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable, Iterator

import psycopg
import pytest

from bot.domain.ports import StoreUnavailable
from storage.postgres import DatabaseUnavailable, PostgresStore
from tests.factories import entities as f
from tests.postgres_server import own_database, refusing

KILL = "SELECT pg_terminate_backend(%s)"


@pytest.fixture
def db(database_url: str) -> Iterator[tuple[str, str]]:
    """A database of its own (so it can refuse connections): its URL and its name."""
    with own_database(database_url) as found:
        yield found


def _kill_later(admin_url: str, pid: int, after: float) -> threading.Thread:
    def kill() -> None:
        time.sleep(after)
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(KILL, (pid,))

    thread = threading.Thread(target=kill)
    thread.start()
    return thread


def test_a_read_whose_connection_is_killed_midway_is_tried_again(
    db: tuple[str, str], database_url: str
) -> None:
    """A backend terminated during a query (a restart, a failover) costs a retry, not an error."""
    url, _ = db
    store = PostgresStore(url, pool_min=1, pool_max=1)
    (pid,) = store.read("SELECT pg_backend_pid()")[0]
    killer = _kill_later(database_url, pid, 0.3)
    rows = store.read("SELECT 7 FROM pg_sleep(1)")
    killer.join()
    assert rows == [(7,)]
    assert store.read("SELECT pg_backend_pid()")[0][0] != pid
    store.close()


def test_a_transaction_whose_connection_dies_is_not_committed(
    db: tuple[str, str], database_url: str
) -> None:
    """The block raises StoreUnavailable and none of its writes are in the database."""
    url, _ = db
    store = PostgresStore(url, pool_min=1, pool_max=2)

    def block() -> None:
        with store.atomic():
            store.teams.save(f.team(id="first"))
            (pid,) = store.read("SELECT pg_backend_pid()")[0]
            with psycopg.connect(database_url, autocommit=True) as admin:
                admin.execute(KILL, (pid,))
            store.teams.save(f.team(id="second"))

    with pytest.raises(StoreUnavailable):
        block()
    assert store.teams.all() == ()
    store.teams.save(f.team(id="later"))
    assert [team.id for team in store.teams.all()] == ["later"]
    store.close()


def test_an_unreachable_database_fails_writes_plainly_and_recovers(
    db: tuple[str, str], database_url: str
) -> None:
    """While the database refuses connections a save raises DatabaseUnavailable (a
    StoreUnavailable) within the pool's timeout; once it accepts them again, the same store
    reads and writes without being reopened."""
    url, name = db
    store = PostgresStore(url, pool_min=1, pool_max=2, timeout=1.0)
    store.teams.save(f.team(id="before"))
    with refusing(database_url, name):
        started = time.monotonic()
        with pytest.raises(DatabaseUnavailable):
            store.teams.save(f.team(id="during"))
        assert time.monotonic() - started < 10
        with pytest.raises(StoreUnavailable):
            store.teams.all()
    _eventually(lambda: store.teams.save(f.team(id="after")))
    assert [team.id for team in store.teams.all()] == ["before", "after"]
    store.close()


def _eventually(write: Callable[[], None], within: float = 60.0) -> None:
    """Run ``write`` until it succeeds: the pool reconnects in the background, with backoff."""
    give_up = time.monotonic() + within
    while True:
        try:
            write()
            return
        except StoreUnavailable:
            if time.monotonic() > give_up:
                raise


def test_on_the_event_loop_a_read_gives_up_while_a_worker_still_waits(
    db: tuple[str, str], database_url: str
) -> None:
    """While the database refuses connections, a read on the event loop's thread fails with
    DatabaseUnavailable while a read begun earlier in a worker thread is still waiting for a
    connection (the pool's timeout is long); once the database is back, the worker's read
    returns its rows."""
    url, name = db
    store = PostgresStore(url, pool_min=1, pool_max=2, timeout=120.0)
    waited: list[object] = []

    def in_worker() -> None:
        try:
            waited.append(store.read("SELECT 1"))
        except StoreUnavailable as error:
            waited.append(error)

    async def on_loop() -> None:
        with pytest.raises(DatabaseUnavailable):
            store.read("SELECT 1")

    try:
        with refusing(database_url, name):
            worker = threading.Thread(target=in_worker)
            worker.start()
            asyncio.run(on_loop())
            assert worker.is_alive()  # the loop gave up first, though it asked later
            assert waited == []
        worker.join()
        assert waited == [[(1,)]]
    finally:
        store.close()
