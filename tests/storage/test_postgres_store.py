"""The PostgreSQL adapter beyond the contract: schema steps, several openers, connections."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from bot.app import open_default_store
from bot.config import SecretStr, Settings
from storage.postgres import PostgresStore, ReadOnlyError
from storage.postgres.check import shown
from storage.postgres.migrations import CURRENT_VERSION, STEPS, SchemaError
from storage.postgres.tables import TABLES
from tests.factories import entities as f
from tests.postgres_server import fresh_schema
from tests.storage.missed_v1 import corrected, missed_as_v1

FIXED = {"id": "text", "seq": "bigint", "data": "json"}
SQL_NAMES = {
    "text": "text",
    "bigint": "bigint",
    "json": "json",
    "date": "date",
    "timestamptz": "timestamp with time zone",
}


@pytest.fixture
def url(database_url: str) -> Iterator[str]:
    """A new, empty schema of the test database."""
    with fresh_schema(database_url) as fresh:
        yield fresh


def _columns(url: str, table: str) -> dict[str, str]:
    query = (
        "SELECT column_name, data_type FROM information_schema.columns "
        "WHERE table_schema = current_schema() AND table_name = %s"
    )
    with psycopg.connect(url) as conn:
        return dict(conn.execute(query, (table,)).fetchall())


def test_the_schema_has_the_key_columns_the_repositories_write(url: str) -> None:
    """Every table has id, seq, data and exactly the key columns its repository fills (plus
    the columns only the adapter writes, such as an update's claim)."""
    PostgresStore(url).close()
    for table in TABLES:
        wanted = {**FIXED, **table.key_types(), **dict(table.extra)}
        assert _columns(url, table.name) == {k: SQL_NAMES[v] for k, v in wanted.items()}


def test_schema_steps_are_numbered_in_order() -> None:
    """Steps run in increasing order from 1, and the last is the current version."""
    versions = [step.version for step in STEPS]
    assert versions[0] == 1
    assert versions == sorted(set(versions))
    assert versions[-1] == CURRENT_VERSION


def test_a_database_from_a_newer_duban_is_refused(url: str) -> None:
    """A schema version above this Duban's is an error, not a silent downgrade."""
    PostgresStore(url).close()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("INSERT INTO duban_schema (version, description) VALUES (99, 'future')")
    with pytest.raises(SchemaError, match="newer Duban"):
        PostgresStore(url)


def test_processes_opening_at_once_apply_each_step_once(url: str) -> None:
    """Several bot processes starting together create the schema exactly once."""
    stores: list[PostgresStore] = []
    errors: list[BaseException] = []

    def open_one() -> None:
        try:
            stores.append(PostgresStore(url, pool_max=1))
        except BaseException as error:  # reported below
            errors.append(error)

    threads = [threading.Thread(target=open_one) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for store in stores:
        store.close()
    assert errors == []
    with psycopg.connect(url) as conn:
        versions = conn.execute("SELECT version FROM duban_schema ORDER BY version").fetchall()
    assert versions == [(step.version,) for step in STEPS]


def test_a_read_only_view_neither_creates_the_schema_nor_writes(url: str) -> None:
    """``read_only`` refuses an empty database and refuses writes on a Duban one."""
    with pytest.raises(SchemaError, match="schema 0"):
        PostgresStore(url, read_only=True)
    writer = PostgresStore(url)
    team = f.team()
    writer.teams.save(team)
    view = PostgresStore(url, read_only=True)
    assert view.teams.all() == (team,)
    with pytest.raises(ReadOnlyError):
        view.teams.save(f.team())
    view.close()
    writer.close()


def test_an_acknowledged_write_is_committed_and_a_block_only_at_its_end(url: str) -> None:
    """Another connection sees a save once it returns, and a block's writes only after it."""
    store = PostgresStore(url)
    other = psycopg.connect(url, autocommit=True)
    store.teams.save(f.team(id="saved"))
    assert other.execute("SELECT id FROM teams").fetchall() == [("saved",)]
    with store.atomic():
        store.teams.save(f.team(id="in-block"))
        assert other.execute("SELECT count(*) FROM teams").fetchone() == (1,)
    assert other.execute("SELECT count(*) FROM teams").fetchone() == (2,)
    other.close()
    store.close()


def test_connections_cut_by_the_server_are_replaced(url: str) -> None:
    """After the server drops every connection (a restart, a failover), reads and writes go on."""
    store = PostgresStore(url, pool_min=2, pool_max=2)
    store.teams.save(f.team(id="before"))
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
    assert [team.id for team in store.teams.all()] == ["before"]
    store.teams.save(f.team(id="after"))
    assert [team.id for team in store.teams.all()] == ["before", "after"]
    store.close()


def test_an_unreachable_database_is_reported_when_opening() -> None:
    """A wrong address fails fast with the reason the server gave (not only that the pool gave
    up), on one line and without the password, instead of hanging."""
    from storage.postgres import DatabaseUnavailable

    with pytest.raises(DatabaseUnavailable, match="cannot connect") as caught:
        PostgresStore("postgresql://nobody:s3cret@127.0.0.1:1/none", timeout=0.5)
    said = str(caught.value)
    assert "Connection refused" in said
    assert "pool initialization" not in said
    assert "\n" not in said
    assert "s3cret" not in said


@pytest.mark.parametrize(
    ("url", "shown_as"),
    [
        ("postgresql://duban:s3cret@db:5432/duban", "postgresql://duban:***@db:5432/duban"),
        ("postgresql://duban@db/duban", "postgresql://duban@db/duban"),
    ],
)
def test_messages_hide_the_password_of_a_database_url(url: str, shown_as: str) -> None:
    """URLs printed by the tools never show a password."""
    assert shown(url) == shown_as


def test_the_database_url_setting_selects_the_postgresql_store(url: str, tmp_path: Path) -> None:
    """With DUBAN_DATABASE_URL set, the bot's store is the database and no directory is made."""
    settings = Settings(token=None, data_dir=tmp_path / "unused", database_url=SecretStr(url))
    store = open_default_store(settings)
    try:
        assert isinstance(store, PostgresStore)
        store.teams.save(f.team(id="t-url"))
        other = PostgresStore(url)
        assert [team.id for team in other.teams.all()] == ["t-url"]
        other.close()
    finally:
        store.close()
    assert not (tmp_path / "unused").exists()


def test_the_pool_size_setting_bounds_connections_and_worker_threads(url: str) -> None:
    """DUBAN_DATABASE_POOL_MAX reaches the pool; heavy reads get one worker thread fewer, so
    the event loop always finds a connection."""
    from bot.app import offload_for

    settings = Settings(token=None, database_url=SecretStr(url), database_pool_max=4)
    store = open_default_store(settings)
    try:
        assert isinstance(store, PostgresStore)
        assert store.pool_max == 4
        assert offload_for(store).workers == 3
    finally:
        store.close()


def test_lazy_transactions_skip_the_flush_and_others_keep_it(url: str) -> None:
    """A lazy transaction commits with synchronous_commit off; the others keep it on."""
    store = PostgresStore(url, pool_max=2)
    with store.lazily(), store.atomic():
        ((lazy,),) = store.read("SHOW synchronous_commit")
    with store.atomic():
        ((durable,),) = store.read("SHOW synchronous_commit")
    store.close()
    assert (lazy, durable) == ("off", "on")


def test_sync_inside_a_block_is_refused_and_outside_it_flushes(url: str) -> None:
    """sync() inside an open block is refused (the block is not committed yet); after a lazy
    write it flushes, and the write is read by another connection."""
    store = PostgresStore(url, pool_max=2)
    team = f.team()
    with store.atomic(), pytest.raises(RuntimeError, match="inside atomic"):
        store.sync()
    with store.lazily():
        store.teams.save(team)
    store.sync()
    other = PostgresStore(url, pool_max=1)
    try:
        assert other.teams.get(team.id) == team
    finally:
        other.close()
        store.close()


def test_step_7_records_missed_digests_and_reviews_as_not_sent(url: str) -> None:
    """A database where an earlier Duban recorded digests and reviews missed while the bot was
    down as sent (told apart by the audit) has them rewritten as not sent by step 7; those that
    went out, or were refused, stay as they were."""
    store = PostgresStore(url)
    before = missed_as_v1(store)
    store.close()
    with psycopg.connect(url) as conn:
        conn.execute("DELETE FROM duban_schema WHERE version = 7")
    reopened = PostgresStore(url)
    after = {name: reopened.cycles.get(cycle.id) for name, cycle in before.items()}
    reopened.close()
    assert after == corrected(before)
