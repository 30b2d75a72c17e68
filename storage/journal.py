"""The TinyDB adapter's journal: the write-ahead log, group commit and checkpoints.

Each committed transaction is one record written to the log; ``wait`` returns once it is
durable, one fsync serving every record written so far (group commit). When the log is long, a
checkpoint writes the changed history months (each with its index, ``storage.monthindex``) and
``state.json``, starts a new segment and deletes the old ones; months outside the hot window then
leave memory (``storage.cold``). A failed checkpoint leaves nothing it started behind.
"""

from __future__ import annotations

import _thread
import heapq
import itertools
import logging
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

from storage.codec import encode
from storage.collection import Collection
from storage.core import Change, IndexedStore
from storage.files import fsync_dir, make_dir, write_atomic
from storage.layout import HISTORY_DIR, STATE, WAL_DIR, Meta, history_path, read_meta, write_state
from storage.lock import DirectoryLock
from storage.migrations import CURRENT_VERSION
from storage.monthindex import (
    MonthIndex,
    build_month_index,
    month_bytes,
    read_sidecar,
    write_sidecar,
)
from storage.schema import SPEC_BY_NAME, SPECS
from storage.snapshot import Snapshot
from storage.wal import WalWriter, segment_numbers, segment_path

log = logging.getLogger(__name__)

DEFAULT_CHECKPOINT_BYTES = 4 * 1024 * 1024
Row = tuple[int, dict[str, Any]]


class DiskJournal:
    """Writes committed transactions to the log and checkpoints the collections."""

    def __init__(
        self,
        data_dir: Path,
        lock: DirectoryLock,
        snapshot: Snapshot,
        checkpoint_bytes: int,
        hot_months: int | None = None,
    ) -> None:
        meta = snapshot.checkpoint.meta
        self.data_dir = data_dir
        self.checkpoint_bytes = checkpoint_bytes
        self.hot_months = hot_months
        self._lock = lock
        self._meta = meta
        self._lsn = snapshot.lsn
        self._dirty: set[str] = set()
        self._collections: Mapping[str, Collection[Any]] = {}
        last = snapshot.segments[-1] if snapshot.segments else None
        if last is not None:
            self._writer = WalWriter(
                last.path.parent, int(last.path.stem), position=last.valid_bytes
            )
        else:
            self._writer = WalWriter(data_dir / WAL_DIR, meta.wal_start)
        self._retry_at = 0  # after a failed checkpoint: the log size to try again at
        self._mutex = threading.Lock()
        self._synced = self._lsn  # the last log record known durable
        self._syncing = False  # a thread is in fdatasync for the others (group commit)
        self._waiters: list[tuple[int, int, Any]] = []  # (lsn, order, lock) asleep in wait
        self._tickets = itertools.count()
        self.fsyncs = 0  # log fsyncs since opening (group commit makes them fewer than commits)

    def attach(self, collections: Mapping[str, Collection[Any]], dirty: set[str]) -> None:
        """Serve checkpoints from these collections; ``dirty`` names files to rewrite."""
        self._collections = collections
        self._dirty |= dirty

    @property
    def pending(self) -> bool:
        """Whether the files lag behind the log (a checkpoint would write something)."""
        return bool(self._dirty) or self._lsn != self._meta.lsn

    def commit(self, changes: Sequence[Change]) -> int:
        """Write one record for the transaction; return its number for ``wait``."""
        ops = [
            [c.collection, c.key, c.seq, None if c.item is None else encode(c.item)]
            for c in changes
        ]
        self._writer.write({"lsn": self._lsn + 1, "ops": ops})
        self._lsn += 1
        for change in changes:
            spec = SPEC_BY_NAME[change.collection]
            for item in (change.before, change.item):
                if item is not None:
                    self._dirty.add(spec.partition_of(item) or STATE)
        return self._lsn

    @property
    def durable(self) -> int:
        """The last log record known to be on disk."""
        return self._synced

    @property
    def written(self) -> int:
        """The last log record written (durable or not)."""
        return self._lsn

    def wait(self, lsn: int) -> None:
        """Return once record ``lsn`` is on disk (group commit). The first waiter fsyncs for
        every record written so far; those arriving meanwhile sleep until that fsync ends. Then
        only the threads it covered are woken, and the first one it did not cover leads the
        next fsync (waking all 64 writers for each fsync cost more than the fsync saved)."""
        while True:
            with self._mutex:
                if self._synced >= lsn:
                    return
                lead = not self._syncing
                if lead:
                    self._syncing = True
                    target, writer = self._lsn, self._writer
                else:
                    wake = _thread.allocate_lock()
                    wake.acquire()
                    heapq.heappush(self._waiters, (lsn, next(self._tickets), wake))
            if not lead:
                wake.acquire()  # released by the end of the fsync that covers us, or to lead
                continue
            try:
                writer.sync()
                self.fsyncs += 1
            except BaseException:
                self._end_sync(None)
                raise
            self._end_sync(target)

    def _end_sync(self, target: int | None) -> None:
        """Wake the waiters the fsync covered and the first one it did not (the next leader);
        after a failure, every waiter (each finds out for itself)."""
        with self._mutex:
            self._syncing = False
            waiters = self._waiters
            if target is None:
                woken, self._waiters = waiters, []
            else:
                self._synced = max(self._synced, target)
                woken = []
                while waiters and waiters[0][0] <= self._synced:
                    woken.append(heapq.heappop(waiters))
                if waiters:
                    woken.append(heapq.heappop(waiters))
        for _, _, wake in woken:
            wake.release()

    @property
    def due(self) -> bool:
        """Whether the log is long enough for a checkpoint."""
        return self._writer.size >= max(self.checkpoint_bytes, self._retry_at)

    def maintain(self) -> None:
        """After a commit: checkpoint once the log is long. Failures are logged, not raised:
        the commit is durable already and the log keeps every write until a checkpoint works."""
        if not self.due:
            return
        try:
            self.checkpoint()
        except Exception:
            log.exception("checkpoint failed; the log keeps every write, retrying later")
            self._retry_at = self._writer.size + self.checkpoint_bytes

    def checkpoint(self) -> None:
        """Write changed months and state.json, then start a new log segment.

        If it fails (a full disk), nothing it wrote is used: the new segment is removed and the
        log keeps every write. If ``state.json`` was replaced before the failure, the checkpoint
        did happen: the new segment is used and the old ones stay until the next checkpoint.
        """
        self.wait(self._lsn)  # every record written is durable before files move
        number = self._writer.number + 1
        meta = Meta(
            version=CURRENT_VERSION,
            lsn=self._lsn,
            wal_start=number,
            generation=self._meta.generation + 1,
            partitions=self._meta.partitions,
        )
        fresh: WalWriter | None = None
        try:
            fresh = WalWriter(self.data_dir / WAL_DIR, number)
            months = {p: self._write_month(p) for p in sorted(self._dirty - {STATE})}
            if months:
                fsync_dir(self.data_dir / HISTORY_DIR)
            meta = replace(meta, partitions=tuple(sorted({*meta.partitions, *months})))
            write_state(self.data_dir, meta, self._state_tables())
        except BaseException:
            if fresh is None or not _committed(self.data_dir, meta):
                if fresh is not None:
                    fresh.close()
                segment_path(self.data_dir / WAL_DIR, number).unlink(missing_ok=True)
                raise
            self._switch(fresh, meta)
            raise
        self._switch(fresh, meta)
        drop_segments(self.data_dir, before=number)
        self._freeze(months)

    def _write_month(self, partition: str) -> dict[str, MonthIndex]:
        """Write a history month's file and its index (see storage.cold); return the index."""
        tables, entries = {}, {}
        for spec in SPECS:
            if spec.history:
                rows = self._collections[spec.name].partition_entries(partition)
                if rows:
                    entries[spec.name] = rows
                    tables[spec.name] = [(seq, encode(item)) for _, seq, item in rows]
        data, spans = month_bytes(tables)
        path = history_path(self.data_dir, partition)
        make_dir(path.parent)
        write_atomic(path, data, sync_dir=False)
        indexes = {
            name: month_index(self._collections[name], rows, spans[name])
            for name, rows in entries.items()
        }
        write_sidecar(path, indexes)
        return indexes

    def _freeze(self, months: Mapping[str, dict[str, MonthIndex]]) -> None:
        """Leave the months outside the hot window on disk only: those just written, and older
        ones still in memory whose index on disk matches (a month the calendar left behind)."""
        if self.hot_months is None:
            return
        window = set(sorted(self._meta.partitions)[-self.hot_months :] if self.hot_months else ())
        hot = {p for c in self._collections.values() if c.spec.history for p in c.partitions()}
        indexes_of = dict(months)
        for partition in sorted(hot - window - set(months)):
            on_disk = read_sidecar(history_path(self.data_dir, partition), history_layout())
            if on_disk is not None:
                indexes_of[partition] = on_disk
        leaving: dict[str, dict[str, tuple[Path, MonthIndex]]] = {}
        for partition, indexes in indexes_of.items():
            if partition not in window:
                path = history_path(self.data_dir, partition)
                for name, index in indexes.items():
                    leaving.setdefault(name, {})[partition] = (path, index)
        for name, found in leaving.items():
            self._collections[name].freeze(found)

    def _switch(self, fresh: WalWriter, meta: Meta) -> None:
        self._writer.close()
        self._writer, self._meta, self._retry_at = fresh, meta, 0
        self._dirty.clear()

    def _month_tables(self, partition: str) -> dict[str, list[Row]]:
        collections = self._collections
        return {
            spec.name: _rows(collections[spec.name].partition_entries(partition))
            for spec in SPECS
            if spec.history
        }

    def _state_tables(self) -> dict[str, list[Row]]:
        collections = self._collections
        names = [spec.name for spec in SPECS if not spec.history]
        return {name: _rows(collections[name].entries()) for name in names}

    def abandon(self) -> None:
        """Let go of the files as a killed process would: no checkpoint, nothing written."""
        self._writer.close()
        self._lock.release()

    def close(self) -> None:
        """Checkpoint what is pending, close the log and release the directory."""
        try:
            if self.pending:
                self.checkpoint()
        finally:
            self._writer.close()
            self._lock.release()


def month_index(
    collection: Collection[Any], rows: list[tuple[str, int, Any]], spans: list[tuple[int, int]]
) -> MonthIndex:
    """The index of one collection's documents in a month file (``rows`` in seq order)."""
    stamp = collection.spec.stamp
    assert stamp is not None
    indexes = collection.secondary_indexes()
    for index in indexes:  # cold months rank documents by their timestamp: orders must agree
        order = index.order
        if order is not None and any(order(item) != getattr(item, stamp) for _, _, item in rows):
            raise ValueError(f"{collection.name}: an index is ordered by other than {stamp}")
    keys = [(index.keys, index.order is not None) for index in indexes]
    return build_month_index(rows, spans, lambda item: getattr(item, stamp), keys)


def _committed(data_dir: Path, meta: Meta) -> bool:
    """Whether ``state.json`` on disk is the one a checkpoint was writing."""
    try:
        return read_meta(data_dir) == meta
    except Exception:  # unreadable now: it is not that checkpoint's file
        return False


def _rows(entries: Iterable[tuple[str, int, object]]) -> list[Row]:
    return [(seq, encode(item)) for _, seq, item in entries]


def drop_segments(data_dir: Path, before: int) -> None:
    """Delete log segments a completed checkpoint covers."""
    for number in segment_numbers(data_dir / WAL_DIR):
        if number < before:
            segment_path(data_dir / WAL_DIR, number).unlink(missing_ok=True)


@cache
def history_layout() -> dict[str, int]:
    """Each history collection's number of secondary indexes (what a month's index holds)."""
    collections = IndexedStore().collections
    return {
        spec.name: len(collections[spec.name].secondary_indexes())
        for spec in SPECS
        if spec.history
    }
