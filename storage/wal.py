"""The write-ahead log: one framed JSON line per committed transaction, fsync'd per commit.

A record is ``<crc32 hex8> <length hex8> <json>\\n``; the CRC covers the JSON bytes. Segments
are numbered files ``wal/<n>.log``; a checkpoint starts a new segment and deletes the old ones.
A crash can only tear the unacknowledged tail of the newest segment: ``read_segment`` stops at
the first record that does not check out and reports where the valid prefix ends.
"""

from __future__ import annotations

import json
import os
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storage.files import FILE_MODE, fsync_dir, make_dir, write_all

SUFFIX = ".log"
_HEADER = 18  # "xxxxxxxx xxxxxxxx "
_HEAD = re.compile(rb"[0-9a-f]{8} [0-9a-f]{8} ")


class WalError(RuntimeError):
    """The log cannot be written (the store refuses writes until reopened)."""


def frame(record: dict[str, Any]) -> bytes:
    """One record as a framed line."""
    body = json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return b"%08x %08x " % (zlib.crc32(body), len(body)) + body + b"\n"


@dataclass(slots=True)
class Segment:
    """What a segment holds: its valid records and where their prefix ends."""

    path: Path
    records: list[dict[str, Any]] = field(default_factory=list)
    valid_bytes: int = 0
    size: int = 0

    @property
    def torn(self) -> bool:
        """Bytes follow the last valid record (a torn or corrupt tail)."""
        return self.size > self.valid_bytes


def _parse(data: bytes, offset: int) -> tuple[dict[str, Any], int] | None:
    head = data[offset : offset + _HEADER]
    if not _HEAD.fullmatch(head):
        return None
    crc, length = int(head[:8], 16), int(head[9:17], 16)
    start, end = offset + _HEADER, offset + _HEADER + length
    body = data[start:end]
    if len(body) != length or data[end : end + 1] != b"\n" or zlib.crc32(body) != crc:
        return None
    try:
        record = json.loads(body)
    except ValueError:
        return None
    return (record, end + 1) if isinstance(record, dict) else None


def read_segment(path: Path, limit: int | None = None) -> Segment:
    """Parse a segment (its first ``limit`` bytes if given) up to the first bad record."""
    with path.open("rb") as file:
        data = file.read() if limit is None else file.read(limit)
    segment = Segment(path, size=len(data))
    offset = 0
    while offset < len(data):
        parsed = _parse(data, offset)
        if parsed is None:
            break
        record, offset = parsed
        segment.records.append(record)
    segment.valid_bytes = offset
    return segment


def segment_path(directory: Path, number: int) -> Path:
    """The file of segment ``number``."""
    return directory / f"{number:08d}{SUFFIX}"


def segment_numbers(directory: Path) -> list[int]:
    """The segments present, oldest first."""
    if not directory.is_dir():
        return []
    names = (path.name.removesuffix(SUFFIX) for path in directory.glob(f"*{SUFFIX}"))
    return sorted(int(name) for name in names if name.isdigit())


def iter_segments(directory: Path, first: int) -> Iterator[Segment]:
    """Every segment numbered ``first`` or later, oldest first."""
    for number in segment_numbers(directory):
        if number >= first:
            yield read_segment(segment_path(directory, number))


def truncate(path: Path, size: int) -> None:
    """Cut a torn tail off a segment, durably."""
    fd = os.open(path, os.O_WRONLY)
    try:
        os.ftruncate(fd, size)
        os.fsync(fd)
    finally:
        os.close(fd)


class WalWriter:
    """Appends records to one segment; each ``append`` returns once the record is on disk."""

    def __init__(self, directory: Path, number: int) -> None:
        make_dir(directory)
        self.number = number
        self.path = segment_path(directory, number)
        created = not self.path.exists()
        self._fd: int | None = os.open(
            self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, FILE_MODE
        )
        self.size = os.fstat(self._fd).st_size
        if created:
            fsync_dir(directory)
        self._broken: str | None = None

    def append(self, record: dict[str, Any]) -> None:
        """Write, flush and fsync one record; after any failure the writer refuses more."""
        if self._broken or self._fd is None:
            raise WalError(f"the write-ahead log is unusable ({self._broken or 'closed'})")
        data = frame(record)
        try:
            write_all(self._fd, data)
            os.fdatasync(self._fd)
        except OSError as error:
            self._broken = str(error)
            raise WalError(f"cannot write {self.path}: {error}") from error
        self.size += len(data)

    def close(self) -> None:
        """Close the segment file."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
