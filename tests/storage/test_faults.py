"""The store recovers by itself: from a full disk, a corrupt log record, a failed checkpoint.

The full-disk tests run on a real, tiny tmpfs mounted for the test when running as root (the
filesystem answers ENOSPC itself); elsewhere ENOSPC is raised at the OS edge (``os.pwrite``,
``os.write``) once the simulated disk is full.
"""

from __future__ import annotations

import contextlib
import errno
import os
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from storage.durable import TinyDBStore
from storage.integrity import check_store
from storage.layout import WAL_DIR
from storage.wal import StoreFullError, segment_numbers
from tests.factories import entities as f


class Disk:
    """A small disk that can be filled up and freed again."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.ballast = root / "ballast"

    def fill(self) -> None:
        """Take every free byte."""
        with self.ballast.open("ab", buffering=0) as file, contextlib.suppress(OSError):
            while True:
                file.write(bytes(4096))

    def free(self) -> None:
        """Give the space back."""
        self.ballast.unlink(missing_ok=True)


class SimulatedDisk(Disk):
    """ENOSPC raised at the OS edge while 'full' (where mounting a tmpfs is not allowed)."""

    def __init__(self, root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        super().__init__(root)
        self.full = False
        for name in ("pwrite", "write"):
            monkeypatch.setattr(os, name, self._refusing(getattr(os, name)))

    def _refusing(self, real: Callable[..., int]) -> Callable[..., int]:
        def call(*args: Any) -> int:
            if self.full:
                raise OSError(errno.ENOSPC, "No space left on device")
            return real(*args)

        return call

    def fill(self) -> None:
        """From now on every write fails."""
        self.full = True

    def free(self) -> None:
        """Writes work again."""
        self.full = False


@pytest.fixture
def disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Disk]:
    """A 4 MiB tmpfs mounted for the test (root), else a simulated one."""
    root = tmp_path / "disk"
    root.mkdir()
    mounted = os.geteuid() == 0 and _mount(root)
    try:
        yield Disk(root) if mounted else SimulatedDisk(root, monkeypatch)
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(root)], check=False)


def _mount(root: Path) -> bool:
    command = ["mount", "-t", "tmpfs", "-o", "size=4m,mode=0700", "tmpfs", str(root)]
    return subprocess.run(command, capture_output=True, check=False).returncode == 0


def _reports(store: TinyDBStore) -> list[str]:
    return [report.id for report in store.reports.all()]


def _open(data: Path) -> TinyDBStore:
    """A store whose replies reference a team, a plan, a measure and a person that exist."""
    store = TinyDBStore(data)
    if store.teams.get("t1") is None:
        with store.atomic():
            store.teams.save(f.team(id="t1"))
            store.people.save(f.person(id="p1"))
            store.plans.save(f.plan(id="pl1"))
            store.measures.save(f.measure(id="m1"))
    return store


def _reply(store: TinyDBStore, n: int) -> None:
    with store.atomic():
        store.reports.save(f.report(id=f"r{n}", progress_text="按计划推进。" * 40))
        store.audit.append(f.entry(id=f"e{n}"))


def test_full_disk_refuses_writes_clearly_and_they_resume_when_space_returns(disk: Disk) -> None:
    """While the disk is full a write raises StoreFullError and leaves nothing behind; reads
    still work; once space is freed the same store writes again, durably."""
    store = _open(disk.root / "data")
    _reply(store, 0)
    disk.fill()
    refused = next(n for n in range(1, 2000) if _refused(store, n))  # preallocation runs out
    with pytest.raises(StoreFullError, match="is full"):
        _reply(store, refused)
    assert f"r{refused}" not in _reports(store)
    assert store.audit.for_subject("m1")  # reading goes on
    disk.free()
    _reply(store, refused + 1)
    expected = _reports(store)
    store.abandon()
    assert _reports(TinyDBStore(disk.root / "data")) == expected


def test_checkpoint_failing_on_a_full_disk_never_leaves_an_unopenable_store(disk: Disk) -> None:
    """The shutdown checkpoint fails on a full disk; the store still opens (full or not) with
    every acknowledged write, and no empty log segment is left behind."""
    data = disk.root / "data"
    store = _open(data)
    for n in range(20):
        _reply(store, n)
    expected = _reports(store)
    segments = segment_numbers(data / WAL_DIR)
    disk.fill()
    with pytest.raises(OSError, match="No space"):
        store.close()
    assert segment_numbers(data / WAL_DIR) == segments
    reopened = TinyDBStore(data)  # still full: opens from the log, checkpoint deferred
    assert _reports(reopened) == expected
    with pytest.raises(OSError, match="No space"):
        reopened.close()  # the lock is released all the same
    disk.free()
    again = TinyDBStore(data)
    assert _reports(again) == expected
    again.close()
    assert check_store(data).ok


def _refused(store: TinyDBStore, n: int) -> bool:
    """Whether reply ``n`` was refused because the disk is full."""
    try:
        _reply(store, n)
    except StoreFullError:
        return True
    return False


def _corrupt_one_byte(data_dir: Path, record: int) -> None:
    """Flip one byte inside the body of log record number ``record`` (1-based)."""
    (number,) = segment_numbers(data_dir / WAL_DIR)
    path = data_dir / WAL_DIR / f"{number:08d}.log"
    content = bytearray(path.read_bytes())
    start = 0
    for _ in range(record - 1):
        start = content.index(b"\n", start) + 1
    content[start + 40] ^= 0x20
    path.write_bytes(bytes(content))


def test_a_flipped_byte_in_the_log_loses_one_record_and_keeps_every_later_one(
    tmp_path: Path,
) -> None:
    """One corrupted record of 101 costs exactly that transaction: the others are kept, and
    ``duban store check`` names the lost record and what survives after it."""
    data = tmp_path / "data"
    store = _open(data)
    for n in range(100):
        _reply(store, n)
    store.abandon()
    _corrupt_one_byte(data, 52)  # record 1 created the team, plan, measure and person
    report = check_store(data)
    (problem,) = report.problems
    assert "log record 52 lost" in problem
    assert "49 intact later record(s)" in problem
    assert report.counts["reports"] == 99
    reopened = TinyDBStore(data)
    assert _reports(reopened) == [f"r{n}" for n in range(100) if n != 50]
    reopened.close()
    assert check_store(data).ok  # the damage was folded into a checkpoint on open
