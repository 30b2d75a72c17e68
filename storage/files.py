"""Durable file writes: temp file, fsync, atomic rename, directory fsync; private modes.

``AtomicJSONStorage`` is a TinyDB ``Storage`` that writes this way, so a TinyDB file on disk is
always either its old or its new complete version, never half of one. ``read_tables`` and
``write_tables`` move whole TinyDB files through it, one atomic write per file.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.middlewares import CachingMiddleware
from tinydb.storages import Storage
from tinydb.table import Document

from storage.sentence import Sentence

DIR_MODE = 0o700
FILE_MODE = 0o600
TEMP_MARK = ".tmp-"


class CorruptFileError(ValueError):
    """A data file exists but cannot be parsed; its message is a ``Sentence``."""


def make_dir(path: Path) -> None:
    """Create a private directory (and missing parents), each durably named in its parent."""
    if path.is_dir():
        return
    make_dir(path.parent)
    try:
        path.mkdir(mode=DIR_MODE)
    except FileExistsError:
        return
    fsync_dir(path.parent)


def fsync_dir(path: Path) -> None:
    """Make renames and creations in ``path`` durable."""
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_all(fd: int, data: bytes) -> None:
    """Write every byte (``os.write`` may write fewer)."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def write_atomic(path: Path, data: bytes, *, sync_dir: bool = True) -> None:
    """Replace ``path`` with ``data``: readers and crashes see the old or the new file only."""
    temp = path.with_name(f".{path.name}{TEMP_MARK}{os.getpid()}")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    try:
        write_all(fd, data)
        os.fsync(fd)
    except OSError:
        os.close(fd)
        temp.unlink(missing_ok=True)  # on a full disk, give the space back at once
        raise
    os.close(fd)
    os.replace(temp, path)
    if sync_dir:
        fsync_dir(path.parent)


def remove_temp_files(directory: Path) -> None:
    """Delete temp files a crash left behind (they were never renamed into place)."""
    for temp in directory.glob(f".*{TEMP_MARK}*"):
        temp.unlink(missing_ok=True)


class AtomicJSONStorage(Storage):
    """TinyDB storage: JSON in one file, replaced atomically and durably on every write."""

    def __init__(self, path: str | Path, *, sync_dir: bool = True, **_: Any) -> None:
        self._path = Path(path)
        self._sync_dir = sync_dir

    def read(self) -> dict[str, dict[str, Any]] | None:
        """The whole database, or None for a missing or empty file."""
        try:
            raw = self._path.read_bytes()
        except FileNotFoundError:
            return None
        if not raw:
            return None
        try:
            data = json.loads(raw)
        except ValueError as error:
            text = f"{self._path}: not valid JSON ({error})"
            found = Sentence(text, "not_json", path=str(self._path), reason=str(error))
            raise CorruptFileError(found) from error
        if not isinstance(data, dict):
            text = f"{self._path}: not a TinyDB database"
            raise CorruptFileError(Sentence(text, "not_tinydb", path=str(self._path)))
        return data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        """Replace the file with ``data``."""
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        write_atomic(self._path, text.encode("utf-8"), sync_dir=self._sync_dir)

    def close(self) -> None:
        """Nothing stays open between writes."""


class WriteOnClose(CachingMiddleware):
    """Collects every TinyDB write in memory and stores the result once, on close."""

    WRITE_CACHE_SIZE = sys.maxsize

    def __init__(self, storage_cls: type[Storage]) -> None:
        super().__init__(storage_cls)  # type: ignore[no-untyped-call]


def read_tables(path: Path) -> dict[str, list[Document]]:
    """Every table of a TinyDB file, documents in file order (with their ``doc_id``)."""
    with TinyDB(path, storage=WriteOnClose(AtomicJSONStorage)) as db:
        return {name: db.table(name, cache_size=0).all() for name in sorted(db.tables())}


def write_tables(
    path: Path,
    tables: Mapping[str, Iterable[tuple[int, dict[str, Any]]]],
    *,
    sync_dir: bool = True,
) -> None:
    """Write a TinyDB file holding ``tables`` of ``(doc_id, document)``, in one atomic write."""
    storage = WriteOnClose(AtomicJSONStorage)
    with TinyDB(path, storage=storage, sync_dir=sync_dir) as db:
        db.drop_tables()
        for name, docs in tables.items():
            table = db.table(name, cache_size=0)
            table.insert_multiple(Document(doc, doc_id=seq) for seq, doc in docs)
