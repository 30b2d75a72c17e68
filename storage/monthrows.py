"""A compact copy of an old month's documents of one collection: ``YYYY-MM.<collection>.rows``.

The month's TinyDB file stays the truth; this file is only a cache of it, for reads that take
most of a month (a digest's years of reports, a cycle's prompts): its documents as rows of plain
values (``storage.rowcodec``) in the order of the month's index, one ``marshal`` blob, read in
well under a microsecond per document instead of parsing JSON. Layout::

    MAGIC, header length (4 bytes, little-endian), header (marshal), rows (marshal)

The header names what the rows were made from and how: this format, ``marshal.version``, the
Python version, the collection, the entity's fields and their types, the month file's size and
mtime, a CRC-32 of the index's byte spans (so the rows' positions are the index's), the number
of rows, and a CRC-32 of the rows' bytes. A file whose header does not match the month as it
is now, or that is short, damaged or unreadable, is ignored (and made again by the next read
that wants it). It is written atomically after the month is read from its TinyDB file, so a
crash at any point leaves the old file, the new one, or a temp file that opening removes:
nothing is lost, since nothing but the month file is the truth. ``duban store backup`` and
``export`` never copy it.
"""

from __future__ import annotations

import logging
import marshal
import os
import struct
import sys
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from storage.files import write_atomic
from storage.monthindex import MonthIndex

FORMAT = 1
MAGIC = b"DUBAN-ROWS\n"
SUFFIX = ".rows"
_LENGTH = struct.Struct("<I")
_log = logging.getLogger(__name__)


def rows_path(month_file: Path, collection: str) -> Path:
    """The rows file of one collection beside a month's TinyDB file."""
    return month_file.with_name(f"{month_file.stem}.{collection}{SUFFIX}")


#: A month file as read: its size and modification time (``os.fstat`` of the open file).
Identity = tuple[int, int]


def file_identity(fd: int) -> Identity:
    """The identity of the open month file ``fd`` (the file read, even if since replaced)."""
    stat = os.fstat(fd)
    return stat.st_size, stat.st_mtime_ns


def _header(
    identity: Identity, collection: str, shape: Sequence[str], index: MonthIndex
) -> tuple[Any, ...]:
    """What the rows of this month file must have been made from."""
    spans = zlib.crc32(index.spans.tobytes())
    return (FORMAT, marshal.version, sys.version_info[:2], collection, tuple(shape),
            *identity, spans, len(index))  # fmt: skip


def write_rows(
    month_file: Path,
    identity: Identity,
    collection: str,
    shape: Sequence[str],
    index: MonthIndex,
    rows: Sequence[tuple[Any, ...]],
) -> None:
    """Write the rows of the month file of ``identity`` (atomically; a failure is logged, never
    raised: it is a cache). ``shape``: the entity's fields and types (``RowCodec.shape``)."""
    try:
        body = marshal.dumps(list(rows))
        header = marshal.dumps((*_header(identity, collection, shape, index), zlib.crc32(body)))
        data = b"".join((MAGIC, _LENGTH.pack(len(header)), header, body))
        write_atomic(rows_path(month_file, collection), data, sync_dir=False)
    except (OSError, ValueError) as error:
        _log.warning("could not write the rows of %s %s: %s", month_file.name, collection, error)


def read_rows(
    month_file: Path, identity: Identity, collection: str, shape: Sequence[str], index: MonthIndex
) -> list[tuple[Any, ...]] | None:
    """The month's rows, in the index's order, if its rows file was made from the month file of
    ``identity`` (the one the index describes); else None (missing, stale, short, damaged: the
    caller reads the month file instead)."""
    try:
        data = rows_path(month_file, collection).read_bytes()
    except OSError:
        return None
    expected = _header(identity, collection, shape, index)
    start = len(MAGIC) + _LENGTH.size
    if not data.startswith(MAGIC) or len(data) < start:
        return None
    (length,) = _LENGTH.unpack_from(data, len(MAGIC))
    view = memoryview(data)
    try:
        header = marshal.loads(view[start : start + length])
        body = view[start + length :]
        if header[:-1] != expected or header[-1] != zlib.crc32(body):
            return None
        rows = marshal.loads(body)
    except (EOFError, ValueError, TypeError, IndexError):
        return None
    if not isinstance(rows, list) or len(rows) != len(index):
        return None
    return rows


def drop_rows(month_file: Path, collections: Sequence[str]) -> None:
    """Remove the month's rows files (its documents are about to change)."""
    for collection in collections:
        rows_path(month_file, collection).unlink(missing_ok=True)
