"""The TinyDB adapter's journal: the write-ahead log, group commit and checkpoints.

Each committed transaction is one record in the log; ``wait`` returns once it is durable. Group
commit: a commit only frames its record and adds it to the batch (its space in the log reserved,
no disk call under the store's lock); the waiter that finds no fsync in flight writes the whole
batch in one ``pwrite`` and fsyncs it, and the waiters it covers pass one gate per round.

When the log is long, a checkpoint writes the changed history months (each with its index,
``storage.monthindex``) and ``state.json``, starts a new segment and deletes the old ones; months
outside the hot window then leave memory (``storage.cold``).

The checkpoint a long log calls for runs off the writers' path: under the store's lock it only
switches the log to a new segment and takes the documents to write (references: entities are
immutable); a background thread then encodes and writes the files while commits go on into the
new segment and reads go on from memory. The next commit after it ends installs the result
(months leaving the hot window go to disk). Should it fail, nothing is lost: the old segments
stay live beside the new one (the log keeps every write) and the files are written again later.
A checkpoint asked for directly (``checkpoint``, on open and on close) runs in the caller, and
if it fails it leaves nothing it started behind.
"""

from __future__ import annotations

import _thread
import logging
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

from storage.codec import encode_json, quote
from storage.collection import Collection, CollectionCopy
from storage.core import Change, IndexedStore
from storage.files import fsync_dir, make_dir, write_atomic
from storage.layout import (
    HISTORY_DIR,
    META_TABLE,
    STATE,
    STATE_FILE,
    WAL_DIR,
    Meta,
    history_path,
    read_meta,
)
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
from storage.wal import CHUNK, WalError, WalWriter, frame_text, segment_numbers, segment_path

log = logging.getLogger(__name__)

DEFAULT_CHECKPOINT_BYTES = 4 * 1024 * 1024
SPARE_MAX = 16 * 1024 * 1024  # a segment made ready ahead is zero-filled up to this (+ a chunk)
PACE_EVERY, PACE_PAUSE = 64, 0.0002  # a background checkpoint sleeps 0.2 ms every 64 documents
Row = tuple[int, dict[str, Any] | str]  # (seq, document: a dict or its JSON text, see _rows)
Entry = tuple[str, int, Any]  # (id, seq, entity)


class Pacer:
    """Lets writers run while a background checkpoint works: they share the interpreter's
    lock, which a busy thread otherwise hands over only every 5 ms (``sys.getswitchinterval``);
    sleeping a moment every few documents hands it over at once, so a commit or an update
    waits a fraction of a millisecond instead."""

    def __init__(self, every: int = PACE_EVERY, pause: float = PACE_PAUSE) -> None:
        self._every, self._pause, self._count = every, pause, 0

    def __call__(self) -> None:
        self._count += 1
        if self._count % self._every == 0:
            time.sleep(self._pause)


@dataclass(slots=True)
class Job:
    """One checkpoint: what it writes (taken under the store's lock) and how it ended."""

    meta: Meta  # the meta it commits (``partitions`` completed once the months are written)
    months: list[str]  # the history months it writes
    history: dict[str, CollectionCopy[Any]]  # the history collections, with those months' ids
    state: dict[str, CollectionCopy[Any]]  # the working-state collections
    dirty: set[str]  # the files it rewrites (given back should it fail)
    pace: Callable[[], None] | None = None  # called per document in the background (see Pacer)
    written: dict[str, dict[str, MonthIndex]] = field(default_factory=dict)
    committed: bool = False  # state.json names this checkpoint
    error: BaseException | None = None
    spare: WalWriter | None = None  # the segment after the new one, made ready for the next


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
        self._job: Job | None = None  # the background checkpoint, until installed
        self._worker: threading.Thread | None = None
        self._spare: WalWriter | None = None  # the next segment, zero-filled ahead of need
        self._mutex = threading.Lock()  # short: the batch, the rounds (never across a syscall)
        self._write_lock = threading.Lock()  # one batch written at a time, in order
        self._pending: list[bytes] = []  # framed records taken, not yet written (the batch)
        self._end = self._writer.size  # where the log ends once the batch is written
        self._written = self._lsn  # the last log record written to the file
        self._synced = self._lsn  # the last log record known durable
        self._syncing = False  # a leader is writing and fsyncing for the others
        self._target = self._lsn  # the last record the round in flight covers
        self._gate: Any = None  # opened when the round in flight ends
        self._next_gate: Any = None  # opened when the next round ends
        self._next_claimed = False  # someone waits to lead the next round
        self._failed: str | None = None  # a batch write or fsync failed: writes refused
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
        """Take one record for the transaction (the store's lock held); return its number for
        ``wait``. The record joins the batch the next fsync writes: its space in the log is
        reserved now, so that write cannot meet a full disk. Only when no space can be reserved
        is it written at once, after the batch, so a full disk refuses this transaction."""
        if self._failed is not None:
            raise WalError(f"the write-ahead log is unusable ({self._failed})")
        writer = self._writer
        writer.check()
        lsn = self._lsn + 1
        data = record_bytes(lsn, changes)
        end = self._end + len(data)
        if writer.reserve(end):
            with self._mutex:
                self._pending.append(data)
                self._lsn = lsn
        else:  # a full disk: the batch fits in its reserved space, this record may not
            self.flush(self._lsn)
            with self._write_lock:
                writer.write_framed(data)  # StoreFullError leaves nothing behind
                with self._mutex:
                    self._lsn = self._written = lsn
        self._end = end
        for change in changes:
            spec = SPEC_BY_NAME[change.collection]
            for item in (change.before, change.item):
                if item is not None:
                    self._dirty.add(spec.partition_of(item) or STATE)
        return lsn

    def flush(self, lsn: int) -> None:
        """Return once record ``lsn`` is written to the log (in the kernel: a killed process
        keeps it; durable only after an fsync). Batches go out whole and in order."""
        if self._written >= lsn:
            return
        with self._write_lock:
            with self._mutex:
                if self._failed is not None:  # never a batch after one that was lost
                    raise WalError(f"the write-ahead log is unusable ({self._failed})")
                batch, self._pending = self._pending, []
                upto, writer = self._lsn, self._writer
            if batch:
                try:
                    writer.write_framed(b"".join(batch) if len(batch) > 1 else batch[0])
                except BaseException as error:  # records already taken are lost: stop here
                    self._fail(error)
                    raise
            self._written = max(self._written, upto)

    @property
    def durable(self) -> int:
        """The last log record known to be on disk."""
        return self._synced

    @property
    def written(self) -> int:
        """The last log record committed (durable or not)."""
        return self._lsn

    def wait(self, lsn: int) -> None:
        """Return once record ``lsn`` is on disk (group commit, leader and followers).

        The thread that finds no fsync in flight leads: it writes every record taken so far in
        one write, fsyncs, and opens the round's gate. Those whose records that round covers
        wait at its gate; the first one it does not cover waits there too and then leads the
        next round, for which the others arriving meanwhile wait at the next gate. Each waiter
        sleeps once and is woken by the one before it (no wake-up of all for each fsync)."""
        while True:
            with self._mutex:
                if self._synced >= lsn:
                    return
                if self._failed is not None:
                    raise WalError(f"the write-ahead log is unusable ({self._failed})")
                lead = not self._syncing
                if lead:
                    self._syncing, self._next_claimed = True, False
                    gate, self._next_gate = self._next_gate or _closed_gate(), None
                    self._gate, writer = gate, self._writer
                elif lsn <= self._target or self._next_claimed:
                    gate = self._gate if lsn <= self._target else self._next_gate_locked()
                else:  # the first not covered: wait for this round, then lead the next
                    self._next_claimed = True
                    gate = self._gate
                if lead:
                    self._target = self._lsn
            if not lead:
                gate.acquire()  # opened by the round's leader, then by each waiter in turn
                gate.release()
                continue
            try:
                self.flush(self._target)
                writer.sync()
                with self._mutex:
                    if self._failed is not None:  # another's write of taken records failed
                        raise WalError(f"the write-ahead log is unusable ({self._failed})")
                    self.fsyncs += 1
                    self._synced = max(self._synced, self._target)
                    self._syncing = False
            except BaseException as error:
                self._fail(error)
                with self._mutex:
                    self._syncing = False
                raise
            finally:
                gate.release()

    def _next_gate_locked(self) -> Any:
        """The gate of the round after the one in flight (``_mutex`` held)."""
        if self._next_gate is None:
            self._next_gate = _closed_gate()
        return self._next_gate

    def _fail(self, error: BaseException) -> None:
        """A batch write or an fsync failed: nothing not yet durable will be; every waiter
        finds out, and the log refuses writes until the store is reopened."""
        with self._mutex:
            self._failed = self._failed or str(error) or type(error).__name__
            gate, self._next_gate = self._next_gate, None
        if gate is not None:  # no round will take it now: its waiters find out themselves
            gate.release()

    @property
    def due(self) -> bool:
        """Whether the log is long enough for a checkpoint, or a background one has ended."""
        if self._job is not None:
            return self._worker is None or not self._worker.is_alive()
        return self._writer.size >= max(self.checkpoint_bytes, self._retry_at)

    def maintain(self) -> None:
        """After a commit (the store's lock held): install a background checkpoint that ended,
        or start one once the log is long. Failures are logged, not raised: the commit is
        durable already and the log keeps every write until a checkpoint works."""
        if not self.due:
            return
        if self._job is not None:
            self._install()
            return
        try:
            self._begin()
        except Exception:
            log.exception("checkpoint failed; the log keeps every write, retrying later")
            self._retry_at = self._writer.size + self.checkpoint_bytes

    def _begin(self) -> None:
        """Switch the log to a new segment and write the files in a background thread."""
        self.wait(self._lsn)  # every record before the switch is durable, as the meta will say
        number = self._writer.number + 1
        fresh = self._next_segment(number)
        job = self._take(number, pace=Pacer())
        self._writer.close()  # nobody syncs it any more: every record in it is durable
        with self._mutex:
            self._writer, self._retry_at = fresh, 0
        self._end = fresh.size
        self._dirty = set()
        self._job = job
        self._worker = threading.Thread(
            target=self._write, args=(job,), name="duban-checkpoint", daemon=True
        )
        self._worker.start()

    def _next_segment(self, number: int) -> WalWriter:
        """Segment ``number``: the one a background checkpoint made ready, or a new one."""
        spare, self._spare = self._spare, None
        if spare is not None and spare.number == number:
            return spare
        if spare is not None:
            spare.close()
        return WalWriter(self.data_dir / WAL_DIR, number)

    def settle(self) -> None:
        """Wait for a background checkpoint to end and install it (the store's lock held)."""
        if self._job is not None:
            self._install()

    def _install(self) -> None:
        """Take in an ended background checkpoint (the store's lock held); a failure is logged
        and its files are written again by a later checkpoint."""
        job, worker = self._job, self._worker
        assert job is not None
        if worker is not None:
            worker.join()
        self._job = self._worker = None
        if self._spare is not None:
            self._spare.close()
        self._spare = job.spare
        if job.committed:
            self._meta = job.meta
            self._freeze(job.written)
        else:
            self._dirty |= job.dirty
            self._retry_at = self._writer.size + self.checkpoint_bytes
        if job.error is not None:
            log.error(
                "checkpoint failed; the log keeps every write, retrying later",
                exc_info=job.error,
            )

    def checkpoint(self) -> None:
        """Write changed months and state.json, then start a new log segment, in the caller
        (a background checkpoint still running is waited for first).

        If it fails (a full disk), nothing it wrote is used: the new segment is removed and the
        log keeps every write. If ``state.json`` was replaced before the failure, the checkpoint
        did happen: the new segment is used and the old ones stay until the next checkpoint.
        """
        self.settle()
        self.wait(self._lsn)  # every record written is durable before files move
        number = self._writer.number + 1
        fresh = self._next_segment(number)
        job = self._take(number, pace=None)
        self._write(job)
        if not job.committed:
            fresh.close()
            segment_path(self.data_dir / WAL_DIR, number).unlink(missing_ok=True)
            assert job.error is not None
            raise job.error
        self._switch(fresh, job.meta)
        self._freeze(job.written)
        if job.error is not None:
            raise job.error

    def _take(self, number: int, *, pace: Callable[[], None] | None) -> Job:
        """What a checkpoint up to the last record writes (the store's lock held): copies of
        the collections' maps, made at C speed, holding the entities themselves (immutable)."""
        meta = Meta(
            version=CURRENT_VERSION,
            lsn=self._lsn,
            wal_start=number,
            generation=self._meta.generation + 1,
            partitions=self._meta.partitions,
        )
        collections = self._collections
        months = sorted(self._dirty - {STATE})
        history = {s.name: collections[s.name].copy(months) for s in SPECS if s.history}
        state = {s.name: collections[s.name].copy() for s in SPECS if not s.history}
        return Job(meta, months, history, state, set(self._dirty), pace)

    def _write(self, job: Job) -> None:
        """Write a checkpoint's files, then drop the segments it covers; ``job`` says how it
        ended (this never raises: it may run in a thread of its own)."""
        meta = job.meta
        try:
            written = {partition: self._write_month(partition, job) for partition in job.months}
            if written:
                fsync_dir(self.data_dir / HISTORY_DIR)
            meta = replace(meta, partitions=tuple(sorted({*meta.partitions, *written})))
            self._write_state(meta, job)
            job.meta, job.written, job.committed = meta, written, True
            drop_segments(self.data_dir, before=meta.wal_start)
            if job.pace is not None:  # the next checkpoint need not zero-fill under a commit,
                # nor the commits into it (filled up front for a whole log's worth of records)
                first = min(self.checkpoint_bytes, SPARE_MAX) + CHUNK
                job.spare = WalWriter(self.data_dir / WAL_DIR, meta.wal_start + 1, first=first)
        except BaseException as error:  # handed over to the one who installs the job
            job.error = error
            if not job.committed and _committed(self.data_dir, meta):
                job.meta, job.committed = meta, True

    def _write_state(self, meta: Meta, job: Job) -> None:
        """Write ``state.json``, the checkpoint's commit point (a TinyDB file, laid out as the
        months are, one document at a time)."""
        tables: dict[str, Iterable[Row]] = {META_TABLE: [(1, meta.to_doc())]}
        tables |= {name: _rows(copy.entries(), job.pace) for name, copy in job.state.items()}
        data, _ = month_bytes(tables, job.pace)
        write_atomic(self.data_dir / STATE_FILE, data)

    def _write_month(self, partition: str, job: Job) -> dict[str, MonthIndex]:
        """Write a history month's file and its index (see storage.cold); return the index."""
        tables, entries = {}, {}
        for name, copy in job.history.items():
            rows = copy.partition_entries(partition)
            if rows:
                entries[name] = rows
                tables[name] = _rows(rows, job.pace)
        data, spans = month_bytes(tables, job.pace)
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
        ones still in memory whose index on disk matches (a month the calendar left behind).
        A month written to since (while a background checkpoint ran) stays in memory."""
        if self.hot_months is None:
            return
        window = set(sorted(self._meta.partitions)[-self.hot_months :] if self.hot_months else ())
        window |= self._dirty
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
        with self._mutex:
            self._writer, self._meta, self._retry_at = fresh, meta, 0
        self._end = fresh.size
        self._dirty.clear()

    def abandon(self) -> None:
        """Let go of the files as a killed process would: no checkpoint started, nothing
        written (a background checkpoint is let finish first: the thread cannot be killed)."""
        if self._worker is not None:
            self._worker.join()
        for writer in (self._writer, self._spare, self._job.spare if self._job else None):
            if writer is not None:
                writer.close()
        self._lock.release()

    def close(self) -> None:
        """Checkpoint what is pending, close the log and release the directory."""
        try:
            self.settle()
            if self.pending:
                self.checkpoint()
        finally:
            self._writer.close()
            if self._spare is not None:
                self._spare.close()
            self._lock.release()


def record_bytes(lsn: int, changes: Sequence[Change]) -> bytes:
    """The framed log record of a transaction: ``{"lsn": lsn, "ops": [[collection, id, seq,
    document or None], ...]}``, its text made of each entity's ``encode_json`` (the very bytes
    ``frame`` makes of the record with ``encode``'s documents)."""
    ops = ",".join(
        f"[{quote(c.collection)},{quote(c.key)},{int.__repr__(c.seq)},"
        f"{'null' if c.item is None else encode_json(c.item)}]"
        for c in changes
    )
    return frame_text(f'{{"lsn":{int.__repr__(lsn)},"ops":[{ops}]}}')


def _closed_gate() -> Any:
    """A gate for one round of group commit: closed until its leader opens it."""
    gate = _thread.allocate_lock()
    gate.acquire()
    return gate


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


def _rows(entries: Iterable[Entry], pace: Callable[[], None] | None = None) -> Iterator[Row]:
    """Each entry's (seq, JSON text), made as ``month_bytes`` lays the file out (the texts are
    not all held at once), calling ``pace`` after each, if given."""
    for _, seq, item in entries:
        yield seq, encode_json(item)
        if pace is not None:
            pace()


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
