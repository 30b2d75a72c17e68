"""The data directory on disk, and reading a consistent snapshot of it.

::

    DATA_DIR/            (0700)
      LOCK               the writer's flock; names its holder
      state.json         TinyDB: working-state tables + ``_meta`` (the checkpoint's commit point)
      history/YYYY-MM.json  TinyDB: that month's reports, reminders, prompts and audit entries
      wal/NNNNNNNN.log   write-ahead log segments since the last checkpoint

A checkpoint writes the changed months, then ``state.json`` (its ``_meta`` names the log position
it covers and the first live segment), then deletes older segments. Replaying the log is
idempotent (records carry whole documents), so a crash at any step leaves a loadable directory.
Documents are stored with their insertion sequence number as TinyDB ``doc_id``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from storage.files import fsync_dir, make_dir, read_tables, write_tables
from storage.schema import SPEC_BY_NAME, SPECS
from storage.sentence import Sentence as Sentence  # the store tools import it from here
from storage.wal import SUFFIX, read_segment

STATE_FILE = "state.json"
HISTORY_DIR = "history"
WAL_DIR = "wal"
LEGACY_FILE = "duban.json"  # schema v0: every collection in one TinyDB file
META_TABLE = "_meta"
STATE = "state"  # the dirty-set name of state.json

Doc = dict[str, Any]


Docs = dict[str, dict[str, tuple[int, Doc]]]  # collection -> id -> (seq, document)
Tables = Mapping[str, Iterable[tuple[int, Doc]]]


def holds_store(data_dir: Path) -> bool:
    """Whether a store was ever written in ``data_dir`` (its ``state.json``, a log segment, or
    the v0 file): what the tools check before reading one, so a wrong directory is named as
    such instead of read as an empty store, or written into."""
    wal = data_dir / WAL_DIR
    return (
        (data_dir / STATE_FILE).is_file()
        or (data_dir / LEGACY_FILE).is_file()
        or (wal.is_dir() and any(wal.glob(f"*{SUFFIX}")))
    )


def not_a_store(data_dir: Path) -> Sentence:
    """What the tools say of a directory holding no store."""
    return Sentence(
        f"no Duban store in {data_dir} (no {STATE_FILE}, {WAL_DIR}/ or {LEGACY_FILE}): check "
        "the data directory (--data-dir or DUBAN_DATA_DIR); the bot creates its store there "
        "when it first starts",
        "not_a_store",
        path=str(data_dir),
        state=STATE_FILE,
        wal=WAL_DIR,
        legacy=LEGACY_FILE,
    )


def no_data_dir(data_dir: Path) -> Sentence:
    """What the tools say of a data directory that does not exist."""
    return Sentence(f"no data directory at {data_dir}", "no_data_dir", path=str(data_dir))


class CorruptStoreError(RuntimeError):
    """The data directory cannot be read back consistently; its message is a ``Sentence``."""

    @classmethod
    def undecodable(cls, collection: str, error: Exception) -> CorruptStoreError:
        """A collection whose documents do not decode (the codec's reason quoted)."""
        text = f"{collection}: {error}"
        return cls(Sentence(text, "undecodable_collection", collection=collection, reason=error))


@dataclass(frozen=True, slots=True)
class Meta:
    """What ``state.json`` says about the checkpoint it completes."""

    version: int
    lsn: int = 0  # the last log record the checkpoint covers
    wal_start: int = 1  # the first live log segment
    generation: int = 0  # counts checkpoints; a changed value means files moved under a reader
    partitions: tuple[str, ...] = ()

    @classmethod
    def from_doc(cls, doc: Doc) -> Meta:
        """Read the ``_meta`` document."""
        return cls(**{**doc, "partitions": tuple(doc.get("partitions", ()))})

    def to_doc(self) -> Doc:
        """The ``_meta`` document."""
        return {**asdict(self), "partitions": list(self.partitions)}


@dataclass(slots=True)
class Checkpoint:
    """The checkpoint files' content: documents by collection, and the meta they carry."""

    meta: Meta
    docs: Docs = field(default_factory=lambda: {spec.name: {} for spec in SPECS})
    dirty: set[str] = field(default_factory=set)  # files that disagree with their content


def history_path(data_dir: Path, partition: str) -> Path:
    """The TinyDB file of one history month."""
    return data_dir / HISTORY_DIR / f"{partition}.json"


def read_meta(data_dir: Path) -> Meta | None:
    """The meta of the last completed checkpoint, or None if there is none."""
    path = data_dir / STATE_FILE
    if not path.exists():
        return None
    tables = read_tables(path)
    found = tables.get(META_TABLE)
    if not found:
        text = f"{path} has no {META_TABLE} table"
        raise CorruptStoreError(Sentence(text, "no_meta", path=str(path), table=META_TABLE))
    return Meta.from_doc(dict(found[0]))


def read_checkpoint(data_dir: Path, current_version: int, skip: Iterable[str] = ()) -> Checkpoint:
    """Load ``state.json`` and every history month but those in ``skip`` (or a v0 store)."""
    meta = read_meta(data_dir)
    if meta is None:
        legacy = data_dir / LEGACY_FILE
        if legacy.exists():
            return _read_legacy(legacy)
        _refuse_orphans(data_dir)
        return Checkpoint(Meta(current_version))
    checkpoint = Checkpoint(meta)
    _add_tables(checkpoint, read_tables(data_dir / STATE_FILE), STATE)
    for partition in sorted(set(_present_partitions(data_dir, meta)) - set(skip)):
        _add_tables(checkpoint, read_tables(history_path(data_dir, partition)), partition)
    return checkpoint


def _refuse_orphans(data_dir: Path) -> None:
    """Data without ``state.json`` is damage, never a new store to start over in."""
    found = [
        path
        for folder in (HISTORY_DIR, WAL_DIR)
        for path in (data_dir / folder).glob("*")
        if path.is_file() and _holds_data(path)
    ]
    if found:
        state = data_dir / STATE_FILE
        text = (
            f"{state} is missing but {len(found)} data files exist (e.g. {found[0].name}); "
            "restore it from a backup"
        )
        raise CorruptStoreError(
            Sentence(
                text, "state_missing", path=str(state), count=len(found), example=found[0].name
            )
        )


def _holds_data(path: Path) -> bool:
    """A log segment holding only padding (or nothing) is no data."""
    if path.suffix != SUFFIX:
        return path.stat().st_size > 0
    segment = read_segment(path)
    return bool(segment.records or segment.damage)


def present_partitions(data_dir: Path) -> list[str]:
    """The history months with a file, oldest first."""
    return sorted(path.stem for path in (data_dir / HISTORY_DIR).glob("????-??.json"))


def _present_partitions(data_dir: Path, meta: Meta) -> list[str]:
    found = {path.stem for path in (data_dir / HISTORY_DIR).glob("????-??.json")}
    missing = set(meta.partitions) - found
    if missing:
        months = sorted(missing)
        text = f"history files missing: {months}"
        raise CorruptStoreError(
            Sentence(text, "history_missing", months=months, folder=HISTORY_DIR)
        )
    return sorted(found)


def _add_tables(checkpoint: Checkpoint, tables: Mapping[str, list[Any]], source: str) -> None:
    for name, documents in tables.items():
        if name == META_TABLE:
            continue
        spec = SPEC_BY_NAME.get(name)
        if spec is None:
            raise CorruptStoreError(unknown_collection(name, source))
        target, id_field, stamp = checkpoint.docs[name], _id_field(name), spec.stamp
        for doc in documents:
            key = doc[id_field]
            home = doc[stamp][:7] if stamp else STATE
            if home != source or key in target:  # left by a crash between file writes
                checkpoint.dirty.update({source, home})
            target[key] = (doc.doc_id, doc)


def unknown_collection(name: str, source: str) -> Sentence:
    """What is said of a table no collection of this Duban has (a newer one's, or damage)."""
    text = f"unknown collection {name!r} in {source}"
    return Sentence(text, "unknown_collection", name=repr(name), source=source)


def _id_field(collection: str) -> str:
    return {"invites": "token", "settings": "team_id"}.get(collection, "id")


def _read_legacy(path: Path) -> Checkpoint:
    checkpoint = Checkpoint(Meta(version=0))
    seq = 0
    for name, documents in read_tables(path).items():
        if name not in SPEC_BY_NAME:
            raise CorruptStoreError(unknown_collection(name, str(path)))
        for document in documents:
            seq += 1
            doc = dict(document)
            checkpoint.docs[name][str(doc[_id_field(name)])] = (seq, doc)
    return checkpoint


def state_tables(docs: Docs) -> dict[str, list[tuple[int, Doc]]]:
    """The working-state collections as TinyDB tables."""
    return {
        spec.name: sorted(docs[spec.name].values(), key=_by_seq)
        for spec in SPECS
        if not spec.history
    }


def partition_tables(docs: Docs) -> dict[str, dict[str, list[tuple[int, Doc]]]]:
    """The history collections grouped by month, as TinyDB tables."""
    months: dict[str, dict[str, list[tuple[int, Doc]]]] = {}
    for spec in SPECS:
        for seq, doc in sorted(docs[spec.name].values(), key=_by_seq):
            partition = spec.partition_of_doc(doc)
            if partition is not None:
                months.setdefault(partition, {}).setdefault(spec.name, []).append((seq, doc))
    return months


def _by_seq(entry: tuple[int, Doc]) -> int:
    return entry[0]


def write_partitions(data_dir: Path, months: Mapping[str, Tables]) -> None:
    """Write history months (each atomically), then make their names durable."""
    if not months:
        return
    make_dir(data_dir / HISTORY_DIR)
    for partition, tables in months.items():
        write_tables(history_path(data_dir, partition), tables, sync_dir=False)
    fsync_dir(data_dir / HISTORY_DIR)


def write_state(data_dir: Path, meta: Meta, tables: Tables) -> None:
    """Write ``state.json``: the commit point of a checkpoint."""
    write_tables(data_dir / STATE_FILE, {META_TABLE: [(1, meta.to_doc())], **tables})


def write_full(data_dir: Path, meta: Meta, docs: Docs) -> Meta:
    """Write every file of a checkpoint from documents (backups, migrations); return its meta."""
    months = partition_tables(docs)
    write_partitions(data_dir, months)
    done = replace(meta, partitions=tuple(sorted(months)))
    write_state(data_dir, done, state_tables(docs))
    return done
