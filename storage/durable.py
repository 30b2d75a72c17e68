"""The TinyDB adapter: the default store, one data directory, no acknowledged write ever lost.

State is served from memory (the indexed collections shared with the memory adapter). Each
committed transaction is one record appended to the write-ahead log and fsync'd before the
write returns. When the log passes ``checkpoint_bytes`` (and on close), a checkpoint rewrites
the changed history months and ``state.json`` as TinyDB files, atomically, and starts a new log
segment. Appending a report therefore costs one small record and an fsync, whatever the history.
"""

from __future__ import annotations

import gc
import logging
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

from storage.codec import CodecError, decode, encode
from storage.cold import (
    ColdHistory,
    MonthIndex,
    build_month_index,
    month_bytes,
    read_sidecar,
    write_sidecar,
)
from storage.collection import Collection
from storage.core import Change, IndexedStore
from storage.files import fsync_dir, make_dir, remove_temp_files, write_atomic
from storage.layout import (
    HISTORY_DIR,
    LEGACY_FILE,
    STATE,
    STATE_FILE,
    WAL_DIR,
    CorruptStoreError,
    Docs,
    Meta,
    history_path,
    read_meta,
    write_state,
)
from storage.lock import DirectoryLock
from storage.migrations import CURRENT_VERSION, migrate
from storage.schema import SPEC_BY_NAME, SPECS
from storage.snapshot import Lazy, Snapshot, load
from storage.wal import WalWriter, clear_tail, segment_numbers, segment_path

log = logging.getLogger(__name__)

DEFAULT_CHECKPOINT_BYTES = 4 * 1024 * 1024
DEFAULT_HOT_MONTHS = 1  # the newest history months kept in memory; older ones stay on disk
BIG_STORE = 20_000  # entities; above this, opening ends with a full garbage collection
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
        self._done = threading.Event()  # set when the fsync in flight ends
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

    def wait(self, lsn: int) -> None:
        """Return once record ``lsn`` is on disk (group commit). The first waiter fsyncs for
        every record written so far; those arriving meanwhile wait for that fsync to end (only
        they are woken), then either are covered or one of them leads the next fsync."""
        while True:
            with self._mutex:
                if self._synced >= lsn:
                    return
                lead = not self._syncing
                if lead:
                    self._syncing = True
                    self._done = threading.Event()
                    target, writer = self._lsn, self._writer
                done = self._done
            if not lead:
                done.wait()
                continue
            try:
                writer.sync()
                self.fsyncs += 1
            except BaseException:
                self._end_sync(done, None)
                raise
            self._end_sync(done, target)

    def _end_sync(self, done: threading.Event, target: int | None) -> None:
        with self._mutex:
            self._syncing = False
            if target is not None:
                self._synced = max(self._synced, target)
        done.set()

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
            name: _month_index(self._collections[name], rows, spans[name])
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
            on_disk = read_sidecar(history_path(self.data_dir, partition), _layout())
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


def _month_index(
    collection: Collection[Any], rows: list[tuple[str, int, Any]], spans: list[tuple[int, int]]
) -> MonthIndex:
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


class TinyDBStore(IndexedStore):
    """A ``bot.domain.ports.Store`` kept in one data directory (see ``storage.layout``)."""

    def __init__(
        self,
        data_dir: Path,
        *,
        checkpoint_bytes: int = DEFAULT_CHECKPOINT_BYTES,
        hot_months: int | None = DEFAULT_HOT_MONTHS,
    ) -> None:
        """``hot_months``: history months kept in memory (the newest); None keeps them all."""
        self.data_dir = Path(data_dir).absolute()
        make_dir(self.data_dir)
        lock = DirectoryLock(self.data_dir)
        lock.acquire()
        collecting = gc.isenabled()
        gc.disable()  # loading allocates ~10 objects per document; none of them are garbage
        journal: DiskJournal | None = None
        try:
            lazy = None if hot_months is None else Lazy(hot_months, _layout())
            snapshot = recover(self.data_dir, lazy)
            journal = DiskJournal(self.data_dir, lock, snapshot, checkpoint_bytes, hot_months)
            super().__init__(journal)
            self._disk = journal
            self._fill(snapshot.checkpoint.docs)
            stale = self._attach_cold(snapshot, hot_months)
            journal.attach(self.collections, snapshot.checkpoint.dirty | stale)
            if journal.pending or not (self.data_dir / STATE_FILE).exists():
                _checkpoint_on_open(journal, snapshot)
            if not journal.pending:
                _retire_legacy(self.data_dir)
            if sum(c.hot_count for c in self.collections.values()) > BIG_STORE:
                gc.collect()  # now, rather than as a long pause under the first replies
        except BaseException:
            if journal is not None:
                journal.abandon()
            lock.release()
            raise
        finally:
            if collecting:
                gc.enable()

    @classmethod
    def open(cls, data_dir: Path, **options: Any) -> TinyDBStore:
        """Open (creating if needed) the store in ``data_dir``; raises if another holds it."""
        return cls(data_dir, **options)

    def _fill(self, docs: Docs) -> None:
        fill_from_docs(self, docs)

    def _attach_cold(self, snapshot: Snapshot, hot_months: int | None) -> set[str]:
        """Serve the snapshot's cold months from disk; return the old months that were read
        whole for want of a matching index (the checkpoint on open indexes them)."""
        for spec in SPECS:
            if not spec.history:
                continue
            collection = self.collections[spec.name]
            ordered = [index.order is not None for index in collection.secondary_indexes()]
            cold = ColdHistory(spec, ordered)
            for partition, found in sorted(snapshot.cold.items()):
                if spec.name in found:
                    cold.add(partition, history_path(self.data_dir, partition), found[spec.name])
            collection.attach_cold(cold)
            self._next_seq = max(self._next_seq, cold.max_seq + 1)
        if hot_months is None:
            return set()
        months = sorted(snapshot.checkpoint.meta.partitions)
        old = months[: max(len(months) - hot_months, 0)]
        return {month for month in old if month not in snapshot.cold}

    def close(self) -> None:
        """Checkpoint, release the directory and close the cold months' files."""
        try:
            super().close()
        finally:
            self._close_cold()

    def _close_cold(self) -> None:
        for collection in self.collections.values():
            if collection.cold is not None:
                collection.cold.close()

    @property
    def fsyncs(self) -> int:
        """Log fsyncs since opening (benchmarks: group commit makes them fewer than commits)."""
        return self._disk.fsyncs

    def abandon(self) -> None:
        """Drop the store as a crash would (tests): writes already returned are on disk."""
        with self._lock:
            self._closed = True
            self._disk.abandon()
            self._close_cold()

    def checkpoint(self) -> None:
        """Write the pending changes into the TinyDB files now (the log shrinks to nothing)."""
        with self._lock:
            self._check_open()
            self._disk.checkpoint()


def _checkpoint_on_open(journal: DiskJournal, snapshot: Snapshot) -> None:
    """Fold the replayed log into the files. On a full disk the store opens anyway: the log
    keeps every write and the checkpoint is retried later. A new store must get its files."""
    try:
        journal.checkpoint()
    except OSError as error:
        if snapshot.checkpoint.meta.generation == 0 and not snapshot.replayed:
            raise
        log.warning("could not checkpoint while opening (%s); the log keeps every write", error)


def fill_from_docs(store: IndexedStore, docs: Docs) -> None:
    """Decode and index every collection, dropping raw documents as they are done."""
    for name in list(docs):
        found = docs.pop(name)
        entity = SPEC_BY_NAME[name].entity
        ordered = sorted(found.items(), key=lambda entry: entry[1][0])
        try:
            entries = [(key, seq, decode(entity, doc)) for key, (seq, doc) in ordered]
        except CodecError as error:
            raise CorruptStoreError(f"{name}: {error}") from error
        store.fill(name, entries)


@cache
def _layout() -> dict[str, int]:
    """Each history collection's number of secondary indexes (what a month's index holds)."""
    collections = IndexedStore().collections
    return {
        spec.name: len(collections[spec.name].secondary_indexes())
        for spec in SPECS
        if spec.history
    }


def recover(data_dir: Path, lazy: Lazy | None = None) -> Snapshot:
    """Load a directory we hold the lock of, repairing what a crash can leave behind."""
    for directory in (data_dir, data_dir / HISTORY_DIR, data_dir / WAL_DIR):
        if directory.is_dir():
            remove_temp_files(directory)
    snapshot = load(data_dir, CURRENT_VERSION, lazy)
    for problem in snapshot.problems():
        log.error("write-ahead log: %s", problem)
    torn = snapshot.torn
    if torn is not None:
        log.warning("clearing %d bytes of an unfinished log record in %s",
                    torn.tail_end - torn.valid_bytes, torn.path)  # fmt: skip
        clear_tail(torn.path, torn.valid_bytes, torn.tail_end)
    drop_segments(data_dir, before=snapshot.checkpoint.meta.wal_start)
    if migrate(snapshot.checkpoint):
        docs = snapshot.checkpoint.docs
        snapshot.checkpoint.dirty |= {
            month
            for spec in SPECS
            for _, doc in docs[spec.name].values()
            if (month := spec.partition_of_doc(doc)) is not None
        }
    return snapshot


def _retire_legacy(data_dir: Path) -> None:
    """After a v0 store was migrated and checkpointed, keep its file aside, unread."""
    legacy = data_dir / LEGACY_FILE
    if legacy.exists():
        legacy.rename(legacy.with_suffix(".json.v0-migrated"))
