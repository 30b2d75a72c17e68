"""A PostgreSQL server for the tests: the one the test script started, or a throwaway one.

``scripts/test.sh`` starts a server on loopback (``scripts/postgres.sh``) and exports
``DUBAN_TEST_DATABASE_URL``. Run without it, the tests start their own the same way when
PostgreSQL is installed; otherwise the PostgreSQL variants are skipped, unless
``DUBAN_REQUIRE_POSTGRES=1`` (set by the test script) makes that a failure.
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
        yield url
        return
    started = subprocess.run(["bash", str(SCRIPT), "start"], capture_output=True, text=True)
    if started.returncode != 0:
        reason = f"no PostgreSQL server for the tests: {started.stderr.strip()[-300:]}"
        if os.environ.get("DUBAN_REQUIRE_POSTGRES") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    found = dict(line.split("=", 1) for line in started.stdout.split())
    try:
        yield found["DUBAN_TEST_DATABASE_URL"]
    finally:
        subprocess.run(["bash", str(SCRIPT), "stop", found["DUBAN_TEST_PG_DIR"]], check=False)


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
