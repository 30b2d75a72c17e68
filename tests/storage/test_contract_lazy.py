"""Contract: lazy writes are read at once, kept by a killed process, made durable by sync()."""

from __future__ import annotations

import dataclasses

import pytest

from bot.domain.ports import Store
from tests.factories import entities as f
from tests.storage.store_backends import Reopen


class Boom(Exception):
    """Raised inside a block to abort it."""


def test_lazy_writes_are_read_at_once_and_kept_by_a_killed_process(
    store: Store, reopen: Reopen
) -> None:
    """Inside lazily(), a block's and a single write's results are read back at once, and a
    store reopened as after a kill (nothing synced) still has them."""
    report, entry, team = f.report(), f.entry(), f.team()
    with store.lazily():
        with store.atomic():
            store.reports.save(report)
            store.audit.append(entry)
        store.teams.save(team)
        assert store.reports.get(report.id) == report
        assert store.teams.get(team.id) == team
    current = reopen()
    assert current.reports.get(report.id) == report
    assert list(current.audit) == [entry]
    assert current.teams.get(team.id) == team


def test_a_raising_lazy_block_leaves_no_trace(store: Store, reopen: Reopen) -> None:
    """A lazy block that raises is rolled back like any other."""
    team = f.team()
    store.teams.save(team)

    def abort() -> None:
        with store.lazily(), store.atomic():
            store.teams.save(dataclasses.replace(team, name="changed"))
            store.reports.save(f.report(measure_id="mx"))
            raise Boom

    with pytest.raises(Boom):
        abort()
    for current in (store, reopen()):
        assert current.teams.all() == (team,)
        assert current.reports.for_measure("mx") == ()


def test_sync_keeps_every_write_after_a_restart(store: Store, reopen: Reopen) -> None:
    """sync() after lazy writes, then durable writes after them: all are there after a crash."""
    first, second = f.report(), f.report(measure_id="m2")
    with store.lazily():
        store.reports.save(first)
    store.sync()
    store.sync()  # nothing left to sync: harmless
    store.reports.save(second)
    current = reopen()
    assert current.reports.get(first.id) == first
    assert current.reports.get(second.id) == second
