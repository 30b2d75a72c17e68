"""A PostgreSQL server for the tests: the one the test script started, or a throwaway one.

``scripts/test.sh`` starts a server on loopback (``scripts/postgres.sh``) and exports
``DUBAN_TEST_DATABASE_URL``. Run without it, the tests start their own the same way when
PostgreSQL is installed; otherwise the PostgreSQL variants are skipped, unless
``DUBAN_REQUIRE_POSTGRES=1`` (set by the test script) makes that a failure. Under
pytest-xdist each worker gets a database of its own on that server (``duban_test_gw0``, …), so
the workers never see each other's rows.
"""

from __future__ import annotations

import os
import subprocess
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest

from storage.postgres.tables import TABLES

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "postgres.sh"


@contextmanager
def postgres_url() -> Iterator[str]:
    """The URL of a test database, with a server started for the session if needed."""
    url = os.environ.get("DUBAN_TEST_DATABASE_URL")
    if url:
        with worker_database(url) as mine:
            yield mine
        return
    started = subprocess.run(["bash", str(SCRIPT), "start"], capture_output=True, text=True)
    if started.returncode != 0:
        reason = f"no PostgreSQL server for the tests: {started.stderr.strip()[-300:]}"
        if os.environ.get("DUBAN_REQUIRE_POSTGRES") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    found = dict(line.split("=", 1) for line in started.stdout.split())
    try:
        with worker_database(found["DUBAN_TEST_DATABASE_URL"]) as mine:
            yield mine
    finally:
        subprocess.run(["bash", str(SCRIPT), "stop", found["DUBAN_TEST_PG_DIR"]], check=False)


@contextmanager
def worker_database(url: str) -> Iterator[str]:
    """``url`` itself, or under pytest-xdist a new database of this worker's beside it."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not worker:
        yield url
        return
    name = f"duban_test_{worker}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name}")  # left by a run that was killed
        conn.execute(f"CREATE DATABASE {name}")
    base, _, query = url.partition("?")
    try:
        yield f"{base.rsplit('/', 1)[0]}/{name}" + (f"?{query}" if query else "")
    finally:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def empty_database(url: str) -> None:
    """Remove every row Duban keeps (the schema stays), so each test starts from nothing."""
    deletes = "; ".join(f"DELETE FROM {table.name}" for table in TABLES)  # TRUNCATE is slower
    with psycopg.connect(url, autocommit=True) as conn:
        exists = conn.execute("SELECT to_regclass('teams') IS NOT NULL").fetchone()
        if exists and exists[0]:
            conn.execute(deletes)


@contextmanager
def fresh_schema(url: str) -> Iterator[str]:
    """The URL of a new, empty PostgreSQL schema in the test database, dropped afterwards."""
    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {name}")
    separator = "&" if "?" in url else "?"
    try:
        yield f"{url}{separator}options=-csearch_path%3D{name}"
    finally:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {name} CASCADE")


def cut_lock_holders(url: str) -> None:
    """End every session holding an advisory lock in ``url``'s database, as the server does when
    a process dies; sessions of the server's other databases (other test workers') keep theirs."""
    here = "(SELECT oid FROM pg_database WHERE datname = current_database())"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(  # waits (up to 10 s) until each backend is gone and its locks freed
            "SELECT pg_terminate_backend(pid, 10000) FROM pg_locks"
            f" WHERE locktype = 'advisory' AND database = {here}"
        )


def end_sessions(url: str, application_name: str) -> None:
    """End the sessions of ``url``'s database named ``application_name`` and wait until each is
    gone: a session whose client was killed may still be finishing the commit it was sent, and a
    check read meanwhile could see the transaction half (its reports before, its audit after)."""
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(  # waits (up to 10 s) for each backend to exit
            "SELECT pg_terminate_backend(pid, 10000) FROM pg_stat_activity"
            " WHERE datname = current_database() AND application_name = %s"
            " AND pid <> pg_backend_pid()",
            (application_name,),
        )


@contextmanager
def own_database(url: str) -> Iterator[tuple[str, str]]:
    """A new database beside the test database (so it can be made to refuse connections): its
    URL and its name; dropped afterwards."""
    name = f"own_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    try:
        yield url.rsplit("/", 1)[0] + f"/{name}", name
    finally:
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE {name} WITH (FORCE)")


@contextmanager
def refusing(admin_url: str, name: str) -> Iterator[None]:
    """Database ``name`` refuses new connections and loses its open ones until the block ends
    (as a stopped server would, for this database only)."""
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f"ALTER DATABASE {name} WITH ALLOW_CONNECTIONS false")
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", (name,)
        )
        try:
            yield
        finally:
            admin.execute(f"ALTER DATABASE {name} WITH ALLOW_CONNECTIONS true")
