"""Contract: atomic() commits all writes together or none of them."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Callable

import pytest

from bot.domain.ports import Store
from tests.factories import entities as f
from tests.storage.store_backends import Reopen


class Boom(Exception):
    """Raised inside a block to abort it."""


def abort(store: Store, *writes: Callable[[], object]) -> None:
    """Run the writes in one block, then raise."""
    with store.atomic():
        for write in writes:
            write()
        raise Boom


def test_block_writes_are_visible_inside_and_kept_after(store: Store, reopen: Reopen) -> None:
    """A committed block's writes are read back inside the block and after a restart."""
    report, entry = f.report(), f.entry()
    with store.atomic():
        store.reports.save(report)
        store.audit.append(entry)
        assert store.reports.get(report.id) == report
    current = reopen()
    assert current.reports.get(report.id) == report
    assert list(current.audit) == [entry]


def test_raising_block_leaves_no_trace(store: Store, reopen: Reopen) -> None:
    """If the block raises, none of its inserts, replacements or deletes happen."""
    team, leave = f.team(), f.leave(person_id="px")
    store.teams.save(team)
    store.leaves.save(leave)
    with pytest.raises(Boom):
        abort(
            store,
            lambda: store.teams.save(dataclasses.replace(team, name="changed")),
            lambda: store.reports.save(f.report(measure_id="mx")),
            lambda: store.audit.append(f.entry(subject="mx")),
            lambda: store.leaves.delete(leave.id),
        )
    for current in (store, reopen()):
        assert current.teams.all() == (team,)
        assert current.reports.for_measure("mx") == ()
        assert list(current.audit) == []
        assert current.leaves.for_person("px") == (leave,)


def test_rolled_back_delete_restores_insertion_order(store: Store, reopen: Reopen) -> None:
    """Undoing a delete puts the entity back where it was."""
    leaves = [f.leave() for _ in range(3)]
    for leave in leaves:
        store.leaves.save(leave)
    with pytest.raises(Boom):
        abort(store, lambda: store.leaves.delete(leaves[0].id))
    assert store.leaves.all() == tuple(leaves)
    assert reopen().leaves.all() == tuple(leaves)


def test_failed_inner_block_is_a_savepoint(store: Store, reopen: Reopen) -> None:
    """A nested block that raises undoes only its own writes; the outer block commits."""
    kept, dropped = f.report(), f.report()
    with store.atomic():
        store.reports.save(kept)
        with pytest.raises(Boom):
            abort(store, lambda: store.reports.save(dropped))
    for current in (store, reopen()):
        assert current.reports.all() == (kept,)


def test_outer_failure_undoes_committed_inner_blocks(store: Store, reopen: Reopen) -> None:
    """Writes of a finished inner block are undone when the outer block raises."""

    def inner_block() -> None:
        with store.atomic():
            store.reports.save(f.report())

    with pytest.raises(Boom):
        abort(store, inner_block)
    assert reopen().reports.all() == ()


def test_empty_block_is_harmless(store: Store, reopen: Reopen) -> None:
    """A block without writes commits nothing and breaks nothing."""
    with store.atomic():
        pass
    store.teams.save(f.team())
    assert len(reopen().teams.all()) == 1


def test_entity_saved_twice_in_a_block_keeps_the_last_value(store: Store, reopen: Reopen) -> None:
    """Several saves of one id in a block commit its final value."""
    report = f.report(progress=10)
    with store.atomic():
        store.reports.save(report)
        store.reports.save(dataclasses.replace(report, progress=20))
    assert reopen().reports.all() == (dataclasses.replace(report, progress=20),)


def test_a_closed_store_refuses_writes(store: Store) -> None:
    """Writing after close() raises instead of losing the write."""
    store.close()
    with pytest.raises(RuntimeError, match="closed"):
        store.teams.save(f.team())


async def test_a_block_held_across_an_await_refuses_other_tasks(store: Store) -> None:
    """Another task writing while a block awaits gets an error instead of joining the block."""
    inside, release = asyncio.Event(), asyncio.Event()

    async def holder() -> None:
        with store.atomic():
            store.teams.save(f.team(id="held"))
            inside.set()
            await release.wait()

    task = asyncio.create_task(holder())
    await inside.wait()
    with pytest.raises(RuntimeError, match="do not await inside atomic"):
        store.teams.save(f.team(id="other"))
    release.set()
    await task
    assert [team.id for team in store.teams.all()] == ["held"]


async def test_an_awaited_block_commits_all_or_nothing(store: Store, reopen: Reopen) -> None:
    """atomic_async() keeps a block's writes together: a committed block is read back at once
    and after a restart; one that raises leaves no trace; synced() then has nothing to do."""
    report, entry, dropped = f.report(), f.entry(), f.report(measure_id="m-dropped")
    async with store.atomic_async():
        store.reports.save(report)
        store.audit.append(entry)
    assert store.reports.get(report.id) == report

    async def abort_awaited() -> None:
        async with store.atomic_async():
            store.reports.save(dropped)
            raise Boom

    with pytest.raises(Boom):
        await abort_awaited()
    await store.synced()
    for current in (store, reopen()):
        assert current.reports.get(report.id) == report
        assert current.reports.get(dropped.id) is None
        assert list(current.audit) == [entry]


async def test_an_awaited_block_after_lazy_writes_keeps_them_too(
    store: Store, reopen: Reopen
) -> None:
    """Lazy writes made before an awaited block are kept with it after a restart."""
    early, late = f.report(measure_id="m-early"), f.report(measure_id="m-late")
    with store.lazily():
        store.reports.save(early)
    async with store.atomic_async():
        store.reports.save(late)
    current = reopen()
    assert current.reports.get(early.id) == early
    assert current.reports.get(late.id) == late
