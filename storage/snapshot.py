"""Reading a data directory back: the last checkpoint plus the log replayed on top.

``load`` needs no lock, so ``duban store check`` and ``backup`` can read a directory while the
bot writes to it: files are only ever replaced atomically, and if a checkpoint completes while
we read (its generation changes), we read again.

A damaged log record (a flipped bit, a torn write) never hides the records after it: every
intact record is applied, and what was damaged is kept in ``damage`` and ``lost`` (log record
numbers that are missing between intact ones, i.e. transactions whose writes are gone).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storage.files import CorruptFileError
from storage.layout import (
    STATE,
    WAL_DIR,
    Checkpoint,
    CorruptStoreError,
    Meta,
    Sentence,
    history_path,
    present_partitions,
    read_checkpoint,
    read_meta,
)
from storage.migrations import opens_lazily
from storage.monthindex import MonthIndex, id_hash, read_sidecar
from storage.schema import SPEC_BY_NAME
from storage.wal import Segment, read_segment, segment_numbers, segment_path

RETRIES = 20


@dataclass(slots=True)
class Snapshot:
    """A directory's content: checkpoint documents with the log applied."""

    checkpoint: Checkpoint
    lsn: int = 0  # the last log record applied
    segments: list[Segment] = field(default_factory=list)
    replayed: int = 0  # log records applied on top of the checkpoint
    lost: list[tuple[Path, int, int]] = field(default_factory=list)  # (segment, first, last)
    cold: dict[str, dict[str, MonthIndex]] = field(default_factory=dict)  # months left on disk

    @property
    def torn(self) -> Segment | None:
        """The newest segment, if bytes follow its last valid record."""
        last = self.segments[-1] if self.segments else None
        return last if last is not None and last.torn else None

    def damaged(self) -> list[Sentence]:
        """Every damaged byte range of the live log, named by file."""
        return [
            Sentence(
                f"{segment.path.name} bytes {damage.start}-{damage.end}",
                "bytes",
                file=segment.path.name,
                start=damage.start,
                end=damage.end,
            )
            for segment in self.segments
            for damage in segment.damage
        ]

    def problems(self) -> list[Sentence]:
        """Acknowledged writes lost to damage, named exactly, and what was kept after them."""
        return [self._lost(path, first, last) for path, first, last in self.lost]

    def _lost(self, path: Path, first: int, last: int) -> Sentence:
        which = f"record {first}" if first == last else f"records {first}-{last}"
        kept = sum(
            1
            for segment in self.segments
            for record in segment.records
            if isinstance(record.get("lsn"), int) and record["lsn"] > last
        )
        damage = self.damaged()
        text = (
            f"log {which} lost to damage ({', '.join(damage)}): the writes of "
            f"{last - first + 1} transaction(s) are not in the store; {kept} intact "
            f"later record(s) (through {path.name}) are kept"
        )
        code = "lost_one" if first == last else "lost"
        params = {"first": first, "last": last, "count": last - first + 1, "kept": kept}
        return Sentence(text, code, damage=damage, through=path.name, **params)


@dataclass(frozen=True, slots=True)
class Lazy:
    """Leave history months older than the newest ``hot_months`` on disk (see storage.cold);
    ``layout``: each history collection's number of secondary indexes."""

    hot_months: int
    layout: dict[str, int]


def load(data_dir: Path, current_version: int, lazy: Lazy | None = None) -> Snapshot:
    """Read a consistent snapshot of ``data_dir`` (retrying while checkpoints move files)."""
    for _ in range(RETRIES):
        before = _generation(data_dir)
        try:
            snapshot = _load_once(data_dir, current_version, lazy)
        except (CorruptStoreError, CorruptFileError, FileNotFoundError):
            if _generation(data_dir) != before:
                continue  # a checkpoint replaced files under us
            raise
        loaded = snapshot.checkpoint.meta.generation if before is not None else None
        if loaded == before == _generation(data_dir):
            return snapshot
    text = f"{data_dir} kept changing while being read"
    raise CorruptStoreError(Sentence(text, "kept_changing", path=str(data_dir), tries=RETRIES))


def _generation(data_dir: Path) -> int | None:
    meta = read_meta(data_dir)
    return None if meta is None else meta.generation


def _load_once(data_dir: Path, current_version: int, lazy: Lazy | None) -> Snapshot:
    meta = read_meta(data_dir) if lazy is not None else None
    cold: dict[str, dict[str, MonthIndex]] = {}
    if lazy is not None and meta is not None and opens_lazily(meta.version, current_version):
        segments = _live_segments(data_dir / WAL_DIR, meta.wal_start)
        cold = _cold_months(data_dir, meta, segments, lazy)
    snapshot = Snapshot(read_checkpoint(data_dir, current_version, skip=cold))
    if meta is not None and snapshot.checkpoint.meta != meta:
        text = f"{data_dir} changed while being read"
        raise CorruptStoreError(Sentence(text, "changed_while_read", path=str(data_dir)))
    snapshot.cold = cold
    snapshot.lsn = snapshot.checkpoint.meta.lsn
    snapshot.segments = _live_segments(data_dir / WAL_DIR, snapshot.checkpoint.meta.wal_start)
    for segment in snapshot.segments:
        for record in segment.records:
            _replay(snapshot, record, segment.path)
    return snapshot


def _cold_months(
    data_dir: Path, meta: Meta, segments: list[Segment], lazy: Lazy
) -> dict[str, dict[str, MonthIndex]]:
    """The months to leave on disk: older than the hot window, untouched by the log, and with
    an index that matches their file."""
    present = present_partitions(data_dir)
    candidates = present[: max(len(present) - lazy.hot_months, 0)]
    touched: set[str] = set()
    keys: set[tuple[str, str]] = set()
    for segment in segments:
        for record in segment.records:
            if not isinstance(record.get("lsn"), int) or record["lsn"] <= meta.lsn:
                continue
            for name, key, _, doc in _history_ops(record):
                if doc is None:
                    return {}  # a history document deleted: read everything, as before
                touched.add(str(SPEC_BY_NAME[name].partition_of_doc(doc)))
                keys.add((name, key))
    cold = {}
    for partition in candidates:
        if partition in touched:
            continue
        found = read_sidecar(history_path(data_dir, partition), lazy.layout)
        if found is not None and not _replaced(found, keys):
            cold[partition] = found
    return cold


def _replaced(found: dict[str, MonthIndex], keys: set[tuple[str, str]]) -> bool:
    """Whether the log rewrites a document of this month (under a changed timestamp)."""
    if not keys:
        return False
    for name, index in found.items():
        hashes = set(index.hashes)
        if any(id_hash(key) in hashes for touched, key in keys if touched == name):
            return True  # (a hash match may be another id: reading the month whole is safe)
    return False


def _history_ops(record: dict[str, Any]) -> list[tuple[str, str, int, Any]]:
    found = []
    for op in record.get("ops", ()):
        if isinstance(op, list) and len(op) == 4:
            spec = SPEC_BY_NAME.get(op[0])
            if spec is not None and spec.history:
                found.append((op[0], op[1], op[2], op[3]))
    return found


def _live_segments(directory: Path, first: int) -> list[Segment]:
    numbers = [number for number in segment_numbers(directory) if number >= first]
    if numbers and numbers != list(range(numbers[0], numbers[0] + len(numbers))):
        text = f"log segments missing in {directory}: found {numbers}"
        found = [segment_path(directory, number).name for number in numbers]
        raise CorruptStoreError(
            Sentence(text, "segments_missing", path=str(directory), found=found)
        )
    return [read_segment(segment_path(directory, number)) for number in numbers]


def _replay(snapshot: Snapshot, record: dict[str, Any], source: Path) -> None:
    lsn = record.get("lsn")
    if not isinstance(lsn, int) or lsn <= snapshot.lsn:
        return
    if lsn != snapshot.lsn + 1:
        snapshot.lost.append((source, snapshot.lsn + 1, lsn - 1))
    for op in record.get("ops", ()):
        _apply(snapshot.checkpoint, op, source)
    snapshot.lsn = lsn
    snapshot.replayed += 1


def _apply(checkpoint: Checkpoint, op: Any, source: Path) -> None:
    try:
        name, key, seq, doc = op
        spec = SPEC_BY_NAME[name]
    except (ValueError, TypeError, KeyError) as error:
        text = f"{source}: malformed log operation {op!r}"
        raise CorruptStoreError(
            Sentence(text, "malformed_op", path=str(source), op=repr(op))
        ) from error
    docs = checkpoint.docs[name]
    old = docs.pop(key, None) if doc is None else docs.get(key)
    if old is not None:
        checkpoint.dirty.add(spec.partition_of_doc(old[1]) or STATE)
    if doc is not None:
        docs[key] = (seq, doc)
        checkpoint.dirty.add(spec.partition_of_doc(doc) or STATE)
