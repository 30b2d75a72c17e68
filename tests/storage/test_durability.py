"""The TinyDB adapter on disk: replay, torn tails, crashes inside checkpoints, file modes."""

from __future__ import annotations

import dataclasses
import errno
import json
import os
import re
import stat
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from tinydb import TinyDB

from storage.durable import TinyDBStore
from storage.files import read_tables
from storage.layout import (
    HISTORY_DIR,
    META_TABLE,
    STATE_FILE,
    WAL_DIR,
    CorruptStoreError,
    read_meta,
    write_state,
)
from storage.wal import CHUNK, WalError, read_segment, segment_numbers, segment_path
from tests.factories import entities as f
from tests.storage.conftest import StalledCheckpoint


class Crash(BaseException):
    """The process 'dies' here (BaseException, so no handler in the store swallows it)."""


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A data directory path (not created yet)."""
    return tmp_path / "data"


def _fill(store: TinyDBStore) -> None:
    """Working state and three months of history, with a replace and a delete."""
    store.teams.save(f.team(id="t1"))
    leave = f.leave(id="l1")
    store.leaves.save(leave)
    for day in range(0, 90, 10):
        with store.atomic():
            report = f.report(id=f"r{day}", created_at=f.at(day))
            store.reports.save(report)
            store.audit.append(f.entry(id=f"e{day}", at=f.at(day)))
    store.reports.save(dataclasses.replace(store.reports.get("r0") or f.report(), progress=99))
    store.leaves.delete(leave.id)


def _state(store: TinyDBStore) -> dict[str, tuple[Any, ...]]:
    return {name: collection.all() for name, collection in store.collections.items()}


def _segments(data_dir: Path) -> list[int]:
    return segment_numbers(data_dir / WAL_DIR)


def test_reopen_after_crash_replays_the_log(data_dir: Path) -> None:
    """Writes that only reached the log are all back after a crash."""
    store = TinyDBStore(data_dir)
    _fill(store)
    expected = _state(store)
    store.abandon()
    assert _state(TinyDBStore(data_dir)) == expected


def test_close_checkpoints_into_monthly_tinydb_files(data_dir: Path) -> None:
    """close() leaves an empty log, state.json and one history file per month (with its index)."""
    store = TinyDBStore(data_dir)
    _fill(store)
    expected = _state(store)
    store.close()
    months = sorted(p.name for p in (data_dir / HISTORY_DIR).iterdir())
    assert months == [f"2025-0{m}{kind}" for m in (3, 4, 5) for kind in (".idx.json", ".json")]
    (segment,) = (data_dir / WAL_DIR).iterdir()
    assert read_segment(segment).records == []
    reopened = TinyDBStore(data_dir)
    assert _state(reopened) == expected
    reopened.close()


def test_state_file_is_the_tinydb_file_the_previous_writer_made(data_dir: Path) -> None:
    """state.json, now laid out one document at a time, holds what TinyDB itself wrote before
    (``write_state``) and plain TinyDB reads it: a store written by either version opens in
    the other."""
    store = TinyDBStore(data_dir)
    _fill(store)
    store.close()
    ours = read_tables(data_dir / STATE_FILE)
    meta = read_meta(data_dir)
    assert meta is not None
    previous = data_dir.with_name("previous")
    previous.mkdir()
    write_state(previous, meta, {
        name: [(doc.doc_id, dict(doc)) for doc in docs] for name, docs in ours.items()
        if name != META_TABLE
    })  # fmt: skip
    assert json.loads((data_dir / STATE_FILE).read_bytes()) == json.loads(
        (previous / STATE_FILE).read_bytes()
    )
    with TinyDB(data_dir / STATE_FILE) as plain:
        assert [doc["id"] for doc in plain.table("teams").all()] == ["t1"]


def test_files_and_directories_are_private(data_dir: Path) -> None:
    """Data files are created 0600 and directories 0700."""
    store = TinyDBStore(data_dir)
    _fill(store)
    store.close()
    for path in [data_dir, *data_dir.rglob("*")]:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o700 if path.is_dir() else 0o600), path


def test_checkpoint_rewrites_only_changed_months(data_dir: Path) -> None:
    """Old history files are not rewritten when new replies arrive (cost does not grow)."""
    store = TinyDBStore(data_dir)
    _fill(store)
    store.checkpoint()
    march = data_dir / HISTORY_DIR / "2025-03.json"
    before = march.stat().st_ino
    store.reports.save(f.report(created_at=f.at(85)))
    store.checkpoint()
    assert march.stat().st_ino == before
    store.close()


def test_torn_tail_is_dropped_and_the_rest_kept(data_dir: Path) -> None:
    """A half-written last record is cut off on open; every complete record is kept."""
    store = TinyDBStore(data_dir)
    _fill(store)
    expected = _state(store)
    store.abandon()
    segment = data_dir / WAL_DIR / f"{_segments(data_dir)[-1]:08d}.log"
    with segment.open("ab") as file:
        file.write(b'0badc0de 00000400 {"lsn": 99, "ops": [["tea')
    assert _state(TinyDBStore(data_dir)) == expected


def test_torn_tail_before_an_empty_newer_segment_still_opens(data_dir: Path) -> None:
    """What a checkpoint failing on a full disk used to leave (a torn record, then an empty
    newer segment) opens with every complete record: it is not refused as corruption."""
    store = TinyDBStore(data_dir)
    _fill(store)
    expected = _state(store)
    store.abandon()
    last = data_dir / WAL_DIR / f"{_segments(data_dir)[-1]:08d}.log"
    with last.open("r+b") as file:
        file.seek(read_segment(last).valid_bytes)
        file.write(b'0badc0de 00000400 {"lsn": 99, "ops": [["tea')
    last.with_name(f"{_segments(data_dir)[-1] + 1:08d}.log").write_bytes(b"")
    assert _state(TinyDBStore(data_dir)) == expected


@pytest.fixture
def crash_after(monkeypatch: pytest.MonkeyPatch) -> Callable[[int], None]:
    """Make the n-th file-system step (replace, fsync, unlink) of the process 'crash'."""

    def arm(steps: int) -> None:
        counter = iter(range(steps + 1))
        for name in ("replace", "fsync", "unlink"):
            monkeypatch.setattr(os, name, _counting(getattr(os, name), counter))

    return arm


def _counting(real: Callable[..., Any], counter: Iterator[int]) -> Callable[..., Any]:
    def step(*args: Any, **kwargs: Any) -> Any:
        if next(counter, None) is None:
            raise Crash
        return real(*args, **kwargs)

    return step


def test_crash_at_every_step_of_a_checkpoint_loses_nothing(
    data_dir: Path, crash_after: Callable[[int], None], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whichever file operation of a checkpoint the process dies at, reopening restores all."""
    steps = 0
    while True:
        directory = data_dir / str(steps)
        store = TinyDBStore(directory)
        _fill(store)
        expected = _state(store)
        crash_after(steps)
        try:
            store.checkpoint()
        except Crash:
            monkeypatch.undo()
            store.abandon()
            assert _state(TinyDBStore(directory)) == expected, f"crash at step {steps}"
            steps += 1
            continue
        monkeypatch.undo()
        store.close()
        break
    assert steps >= 8  # months + state.json + segment deletion: every step was hit


def test_crash_at_every_step_of_background_checkpoints_loses_nothing(
    data_dir: Path,
    crash_after: Callable[[int], None],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Every commit starts a background checkpoint (each let end before the next commit, so
    the steps are the same every run); whichever file operation the process dies at, in a
    checkpoint's thread or in a writer, reopening restores every acknowledged write."""
    in_background = 0
    for steps in range(200):
        directory = data_dir / str(steps)
        caplog.clear()
        store = TinyDBStore(directory, checkpoint_bytes=1)
        crash_after(steps)
        crashed = False
        try:
            _fill_settling(store)
        except Crash:
            crashed = True
        monkeypatch.undo()
        crashed_behind = "checkpoint failed" in caplog.text
        in_background += crashed_behind
        expected = _state(store)
        store.abandon()
        assert _state(TinyDBStore(directory)) == expected, f"crash at step {steps}"
        if not crashed and not crashed_behind:
            break
    else:
        pytest.fail("the writes kept crashing")
    assert steps >= 8
    assert in_background > 0  # some crashes hit a checkpoint's own thread


def _fill_settling(store: TinyDBStore) -> None:
    """Working state and three months of history, each commit's background checkpoint ended
    before the next."""
    store.teams.save(f.team(id="t1"))
    store.settle()
    for day in range(0, 90, 30):  # three months
        with store.atomic():
            store.reports.save(f.report(id=f"r{day}", created_at=f.at(day)))
            store.audit.append(f.entry(id=f"e{day}", at=f.at(day)))
        store.settle()


def test_commits_and_reads_go_on_while_a_background_checkpoint_writes(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, stalled_checkpoint: StalledCheckpoint
) -> None:
    """The checkpoint a long log calls for does not hold writers up: while its file writes
    are stalled, commits are acknowledged and reads answer; the old log segment stays live
    until the checkpoint ends, and then every write is in the files."""
    store = TinyDBStore(data_dir, checkpoint_bytes=1)
    store.reports.save(f.report(id="r0"))  # crosses the threshold: the checkpoint starts
    assert stalled_checkpoint.stalled.wait(10)
    for n in range(1, 6):
        store.reports.save(f.report(id=f"r{n}", created_at=f.at(40 * n)))
    assert [r.id for r in store.reports.for_measure("m1")] == [f"r{n}" for n in range(6)]
    assert len(_segments(data_dir)) == 2  # the covered segment stays until it is done
    stalled_checkpoint.go_on.set()
    store.settle()
    monkeypatch.undo()
    store.close()
    assert _segments(data_dir) == [max(_segments(data_dir))]
    reopened = TinyDBStore(data_dir)
    assert [r.id for r in reopened.reports.for_measure("m1")] == [f"r{n}" for n in range(6)]
    reopened.close()


def test_failed_log_write_is_not_acknowledged_and_stops_writes(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If fsync of the log fails, the write raises, memory is rolled back, later writes refuse."""
    store = TinyDBStore(data_dir)
    store.teams.save(f.team(id="kept"))

    def broken(fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fdatasync", broken)
    with pytest.raises(WalError):
        store.teams.save(f.team(id="lost"))
    monkeypatch.undo()
    assert [t.id for t in store.teams.all()] == ["kept"]
    with pytest.raises(WalError, match="unusable"):
        store.teams.save(f.team(id="later"))
    store.abandon()
    assert "kept" in [t.id for t in TinyDBStore(data_dir).teams.all()]


def test_failed_checkpoint_keeps_the_acknowledged_write(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """A checkpoint failing after a commit is logged; the commit stands and stays durable."""
    store = TinyDBStore(data_dir, checkpoint_bytes=1)

    def full(*args: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    store.reports.save(f.report(id="r1"))  # crosses the threshold: a background checkpoint
    store.settle()
    monkeypatch.undo()
    assert "checkpoint failed" in caplog.text
    store.abandon()
    assert TinyDBStore(data_dir).reports.get("r1") is not None


def test_missing_state_file_is_refused_not_taken_for_a_new_store(data_dir: Path) -> None:
    """A directory with history but no state.json is reported, not silently started afresh."""
    store = TinyDBStore(data_dir)
    _fill(store)
    store.close()
    (data_dir / STATE_FILE).unlink()
    with pytest.raises(CorruptStoreError, match=r"state\.json is missing"):
        TinyDBStore(data_dir)


def _in_threads(writer: Callable[[int], None], count: int) -> None:
    """``writer(0)`` … ``writer(count - 1)``, each in a thread of its own, all started before
    any is waited for."""
    threads = [threading.Thread(target=writer, args=(t,)) for t in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def test_group_commit_acknowledges_each_write_only_once_it_is_on_disk(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """64 threads commit at once: fewer fsyncs than commits, yet every commit returns only
    after an fsync that covered its record, and all of them are there after a crash."""
    store = TinyDBStore(data_dir)
    real, guard, durable, syncs = os.fdatasync, threading.Lock(), set(), [0]

    def fdatasync(fd: int) -> None:
        written = set(re.findall(rb'"id":"(g[0-9-]+)"', os.pread(fd, 1 << 22, 0)))
        time.sleep(0.002)  # a slow disk, so commits pile up behind one fsync
        real(fd)
        with guard:
            durable.update(written)
            syncs[0] += 1

    monkeypatch.setattr(os, "fdatasync", fdatasync)
    early: list[str] = []

    def writer(thread: int) -> None:
        for n in range(5):
            report = f.report(id=f"g{thread}-{n}")
            with store.atomic():
                store.reports.save(report)
            with guard:
                if report.id.encode() not in durable:
                    early.append(report.id)

    _in_threads(writer, 64)
    monkeypatch.undo()
    assert early == []
    assert syncs[0] < 64 * 5 / 4
    store.abandon()
    assert len(TinyDBStore(data_dir).reports.all()) == 64 * 5


def test_a_failed_batch_write_fails_every_commit_it_held_and_stops_writes(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When the one write of a batch of commits fails, none of them is acknowledged: each
    raises and is undone in memory, later writes are refused, and reopening finds exactly the
    acknowledged ones."""
    store = TinyDBStore(data_dir)
    real_write, real_sync, guard = os.pwrite, os.fdatasync, threading.Lock()
    failed: list[int] = []
    acknowledged: set[str] = set()
    refused: set[str] = set()

    def pwrite(fd: int, data: bytes, offset: int) -> int:
        records = bytes(data).count(b'"lsn"')
        if records > 1 and not failed:
            failed.append(records)
            raise OSError(errno.EIO, "Input/output error")
        return real_write(fd, data, offset)

    def fdatasync(fd: int) -> None:
        time.sleep(0.002)  # a slow disk, so commits pile up into one batch
        real_sync(fd)

    monkeypatch.setattr(os, "pwrite", pwrite)
    monkeypatch.setattr(os, "fdatasync", fdatasync)

    def writer(thread: int) -> None:
        for n in range(5):
            report = f.report(id=f"b{thread}-{n}")
            try:
                store.reports.save(report)
            except WalError:
                with guard:
                    refused.add(report.id)
                return
            with guard:
                acknowledged.add(report.id)

    _in_threads(writer, 16)
    monkeypatch.undo()
    assert failed  # a write of several commits' records did fail
    assert len(refused) >= failed[0]
    assert {r.id for r in store.reports.all()} == acknowledged
    with pytest.raises(WalError, match="unusable"):
        store.teams.save(f.team(id="later"))
    store.abandon()
    assert {r.id for r in TinyDBStore(data_dir).reports.all()} == acknowledged


def test_the_segment_made_ready_ahead_holds_a_whole_log_without_growing(data_dir: Path) -> None:
    """A background checkpoint zero-fills the next segment for all the records the following
    checkpoint waits for: commits into it never grow it (no zero-filling and fsync under the
    store's lock), and what they wrote reads back."""
    store = TinyDBStore(data_dir, checkpoint_bytes=2 * CHUNK)
    text = "已完成项目可研批复" * 40
    saved = 0

    def save_one() -> None:
        nonlocal saved
        store.reports.save(f.report(id=f"r{saved}", created_at=f.at(saved % 50), problems=text))
        saved += 1

    first = _segments(data_dir)[0]
    while _segments(data_dir)[-1] < first + 3:  # until writing into first + 2, made ready
        save_one()
    store.settle()
    ready = segment_path(data_dir / WAL_DIR, first + 2)
    sizes = set()
    while _segments(data_dir)[-1] < first + 4:  # until the log moves on from it
        save_one()
        if ready.exists():  # (deleted once the checkpoint after it has ended)
            sizes.add(ready.stat().st_size)
    assert sizes == {3 * CHUNK}
    store.close()
    reopened = TinyDBStore(data_dir)
    assert len(reopened.reports.all()) == saved
    reopened.close()
