"""Shared fixtures: the Bot API sandbox, its spec-conformance check and a PostgreSQL database."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator

import pytest

# Opt in to PTB 23's timedelta ``retry_after`` as `duban` itself does (bot.cli.main); otherwise
# PTB 22 warns each time it builds a RetryAfter, and warnings are errors here.
os.environ.setdefault("PTB_TIMEDELTA", "1")

from sandbox import Sandbox
from sandbox.testing import spec_watch
from tests.held_fsync import HeldFsync, held_fsync
from tests.postgres_server import postgres_url


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """On several workers (pytest-xdist), hand out the slow tests first, then the end-to-end
    ones, so no worker is left running a long one alone at the end; one process keeps the
    usual order."""
    if config.getoption("numprocesses", default=None):
        items.sort(
            key=lambda item: (
                item.get_closest_marker("slow") is None,
                not item.nodeid.startswith("tests/e2e/"),
            )
        )


@pytest.fixture(scope="session")
def database_url() -> Iterator[str]:
    """A PostgreSQL database for the session: the test script's server, or one started here."""
    with postgres_url() as url:
        yield url


@pytest.fixture
async def sandbox() -> AsyncIterator[Sandbox]:
    """A running sandbox: strict Bot API spec checks, flood limits off, no faults."""
    async with Sandbox(rate_limits=False, strict_spec=True) as sb:
        yield sb


@pytest.fixture(autouse=True)
def bot_api_conformance() -> Iterator[None]:
    """Fail a test if a sandbox it started received a call that breaks the Bot API spec."""
    with spec_watch() as watch:
        yield
    if watch.violations:
        pytest.fail("calls broke the Bot API description:\n" + watch.report(), pytrace=False)


@pytest.fixture
def fsync_gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[HeldFsync]:
    """Every ``os.fdatasync`` of the test held until ``release()`` (released at the end)."""
    with held_fsync(monkeypatch) as held:
        yield held
