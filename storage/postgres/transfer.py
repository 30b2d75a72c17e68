"""``duban store migrate --from DIR --to URL``: move an embedded store into PostgreSQL.

The source directory is opened as the bot opens it (taking its lock, so the bot must be
stopped); the target database must hold no Duban data yet. Every collection is copied with
``COPY`` in one transaction, keeping each entity's insertion sequence, so the moved store lists
everything in the same order. Before committing, the row counts are compared with the source;
after it, every entity is read back through the PostgreSQL adapter and compared with the
source's, so a finished migration is a proven one.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storage.codec import encode
from storage.collection import Collection
from storage.durable import TinyDBStore
from storage.layout import Sentence, holds_store, no_data_dir, not_a_store
from storage.postgres.repos import dumps
from storage.postgres.store import PostgresStore
from storage.postgres.tables import TABLES, Table


class TransferError(RuntimeError):
    """The migration was refused or did not verify; the target was left unchanged."""


@dataclass(frozen=True, slots=True)
class Moved:
    """One collection's count in the source and, after the move, in the database."""

    name: str
    source: int
    target: int


def migrate_directory(data_dir: Path, url: str) -> list[Moved]:
    """Copy the store in ``data_dir`` into the empty database at ``url``; verified counts."""
    if not data_dir.is_dir():
        raise TransferError(no_data_dir(data_dir))
    if not holds_store(data_dir):  # (opening would create one there, empty)
        raise TransferError(not_a_store(data_dir))
    source = TinyDBStore.open(data_dir)
    try:
        target = PostgresStore(url)
        try:
            return _move(source, target)
        finally:
            target.close()
    finally:
        source.close()


def _move(source: TinyDBStore, target: PostgresStore) -> list[Moved]:
    collections = source.collections
    with target.connection() as conn, conn.transaction():
        held = [t.name for t in TABLES if conn.execute(f"SELECT 1 FROM {t.name} LIMIT 1").rowcount]
        if held:
            text = f"the database already holds Duban data ({', '.join(held)})"
            raise TransferError(Sentence(text, "db_holds_data", tables=", ".join(held)))
        top = 0
        for table in TABLES:
            top = max(top, _copy(conn, table, collections[table.name]))
        if top:
            conn.execute("SELECT setval('duban_seq', %s)", (top,))
        moved = [_count(conn, table.name, len(collections[table.name])) for table in TABLES]
        wrong = [m for m in moved if m.source != m.target]
        if wrong:
            text = f"counts differ, nothing was kept: {wrong}"
            raise TransferError(Sentence(text, "counts_differ", wrong=wrong))
    _verify(source, target)
    return moved


def _copy(conn: Any, table: Table, collection: Collection[Any]) -> int:
    """COPY one collection in insertion order; the highest sequence number copied."""
    columns = ", ".join(f'"{name}"' for name in ("id", "seq", "data", *table.keys))
    top = 0
    with conn.cursor().copy(f"COPY {table.name} ({columns}) FROM STDIN") as copy:
        for key, seq, item in collection.entries():
            copy.write_row((key, seq, dumps(encode(item)), *table.key_values(item)))
            top = max(top, seq)
    return top


def _count(conn: Any, name: str, expected: int) -> Moved:
    row = conn.execute(f"SELECT count(*) FROM {name}").fetchone()
    return Moved(name, expected, int(row[0]))


def _verify(source: TinyDBStore, target: PostgresStore) -> None:
    """Every entity reads back equal, in the same order."""
    for table in TABLES:
        if table.name == "audit":
            moved, kept = tuple(target.audit), tuple(source.audit)
        else:
            moved = tuple(getattr(target, table.name).all())
            kept = tuple(getattr(source, table.name).all())
        if moved != kept:
            text = f"{table.name} does not read back as it was in the directory"
            raise TransferError(Sentence(text, "read_back", table=table.name))
