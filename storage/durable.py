"""The TinyDB adapter: the default store, one data directory, no acknowledged write ever lost.

Working state and the newest history month are served from memory (the indexed collections
shared with the memory adapter); older months stay on disk behind their indexes
(``storage.cold``). Each committed transaction is one record written to the write-ahead log and
fsync'd before the write returns (``storage.journal``). When the log passes
``checkpoint_bytes``, a checkpoint rewrites the changed history months and ``state.json`` as
TinyDB files, atomically, in a background thread while commits go on into a new log segment (on
close, in the caller). Appending a report therefore costs one small record and an fsync,
whatever the history, and the commit that crosses the threshold only starts the checkpoint.
"""

from __future__ import annotations

import gc
import logging
import threading
from pathlib import Path
from typing import Any

from storage.codec import CodecError, decode
from storage.cold import ColdHistory
from storage.core import IndexedStore
from storage.files import make_dir, remove_temp_files
from storage.journal import DEFAULT_CHECKPOINT_BYTES, DiskJournal, drop_segments, history_layout
from storage.layout import (
    HISTORY_DIR,
    LEGACY_FILE,
    STATE_FILE,
    WAL_DIR,
    CorruptStoreError,
    Docs,
    history_path,
)
from storage.lock import DirectoryLock
from storage.migrations import CURRENT_VERSION, migrate, upgrade
from storage.reindex import index_old_months
from storage.schema import SPEC_BY_NAME, SPECS
from storage.snapshot import Lazy, Snapshot, load
from storage.wal import clear_tail

log = logging.getLogger(__name__)

DEFAULT_HOT_MONTHS = 1  # the newest history months kept in memory; older ones stay on disk
BIG_STORE = 20_000  # entities; above this, opening ends with a full garbage collection


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
            lazy = None if hot_months is None else Lazy(hot_months, history_layout())
            snapshot = recover(self.data_dir, lazy)
            journal = DiskJournal(self.data_dir, lock, snapshot, checkpoint_bytes, hot_months)
            super().__init__(journal)
            self._disk = journal
            self._fill(snapshot.checkpoint.docs)
            stale = self._attach_cold(snapshot, hot_months)
            _prepare_in_background(self)
            journal.attach(self.collections, snapshot.checkpoint.dirty | stale)
            # the schema steps due on the opened store; the checkpoint records the version
            upgraded = upgrade(self, snapshot.checkpoint.meta.version)
            if upgraded or journal.pending or not (self.data_dir / STATE_FILE).exists():
                _checkpoint_on_open(journal, snapshot)
            if not journal.pending:
                _retire_legacy(self.data_dir)
            if sum(c.hot_count for c in self.collections.values()) > BIG_STORE:
                gc.collect()  # now, rather than as a long pause under the first replies
                # and the store's objects leave the collector's view: a full collection then
                # walks what the bot allocates, not the whole store (a pause under a press)
                gc.freeze()
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
        self._next_seq = max(self._next_seq, attach_cold(self, self.data_dir, snapshot) + 1)
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
            self._fsyncer.stop()
            self._disk.abandon()
            self._close_cold()

    def checkpoint(self) -> None:
        """Write the pending changes into the TinyDB files now (the log shrinks to nothing)."""
        with self._lock:
            self._check_open()
            self._disk.checkpoint()

    def settle(self) -> None:
        """Wait until a background checkpoint has ended and take in its result (tests and
        benchmarks; the store does this by itself at the next commit after it ends)."""
        with self._lock:
            self._check_open()
            self._disk.settle()


def _prepare_in_background(store: TinyDBStore) -> None:
    """Sort the cold ids for the "is it cold?" lookup of every save in a thread of its own
    (about 0.1 s per collection at 5 county-years): neither opening nor the first save waits
    for it, unless that save comes first (it then waits for the table, as it would build it)."""
    colds = [c.cold for c in store.collections.values() if c.cold]

    def prepare() -> None:
        for cold in colds:
            if cold is not None:
                cold.prepare()

    if colds:
        threading.Thread(target=prepare, name="duban-cold-ids", daemon=True).start()


def _checkpoint_on_open(journal: DiskJournal, snapshot: Snapshot) -> None:
    """Fold the replayed log into the files. On a full disk the store opens anyway: the log
    keeps every write and the checkpoint is retried later. A new store must get its files."""
    try:
        journal.checkpoint()
    except OSError as error:
        if snapshot.checkpoint.meta.generation == 0 and not snapshot.replayed:
            raise
        log.warning("could not checkpoint while opening (%s); the log keeps every write", error)


def attach_cold(store: IndexedStore, data_dir: Path, snapshot: Snapshot) -> int:
    """Serve the snapshot's cold months of every history collection from their files in
    ``data_dir``; return the highest sequence number among them (-1 for none)."""
    highest = -1
    for spec in SPECS:
        if not spec.history:
            continue
        collection = store.collections[spec.name]
        ordered = [index.order is not None for index in collection.secondary_indexes()]
        cold = ColdHistory(spec, ordered)
        for partition, found in sorted(snapshot.cold.items()):
            if spec.name in found:
                cold.add(partition, history_path(data_dir, partition), found[spec.name])
        collection.attach_cold(cold)
        highest = max(highest, cold.max_seq)
    return highest


def fill_from_docs(store: IndexedStore, docs: Docs) -> None:
    """Decode and index every collection, dropping raw documents as they are done."""
    for name in list(docs):
        found = docs.pop(name)
        entity = SPEC_BY_NAME[name].entity
        ordered = sorted(found.items(), key=lambda entry: entry[1][0])
        try:
            entries = [(key, seq, decode(entity, doc)) for key, (seq, doc) in ordered]
        except CodecError as error:
            raise CorruptStoreError.undecodable(name, error) from error
        store.fill(name, entries)


def recover(data_dir: Path, lazy: Lazy | None = None) -> Snapshot:
    """Load a directory we hold the lock of, repairing what a crash can leave behind."""
    for directory in (data_dir, data_dir / HISTORY_DIR, data_dir / WAL_DIR):
        if directory.is_dir():
            remove_temp_files(directory)
    if lazy is not None:
        index_old_months(data_dir, lazy.hot_months, CURRENT_VERSION)
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
