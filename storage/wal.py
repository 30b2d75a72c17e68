"""The write-ahead log: one framed JSON line per committed transaction, fsync'd before the ack.

A record is ``<crc32 hex8> <length hex8> <json>\\n``; the CRC covers the JSON bytes. Segments
are numbered files ``wal/<n>.log``; a checkpoint starts a new segment and deletes the old ones.
A new segment is filled with zeros up front (preallocated), so a commit overwrites blocks the
file already owns and ``fdatasync`` flushes data only, not the file's size; it also reserves
the log's space before the disk can fill up. Zeros after the last record are that padding.

``read_segment`` checks every record. Bytes that do not check out (a torn write, a flipped bit)
are skipped up to the next intact record, so one damaged record never hides the records after
it; the damage is reported with its byte range.
"""

from __future__ import annotations

import errno
import json
import os
import re
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.domain.ports import StoreUnavailable
from storage.files import FILE_MODE, fsync_dir, make_dir

SUFFIX = ".log"
_HEADER = 18  # "xxxxxxxx xxxxxxxx "
_HEAD = re.compile(rb"[0-9a-f]{8} [0-9a-f]{8} ")
_ZEROS = bytes(1 << 20)
CHUNK = 512 * 1024  # a segment grows by this much zero-filled space at a time
FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT})


class WalError(StoreUnavailable):
    """The log cannot be written (the store refuses writes until reopened)."""


class StoreFullError(WalError):
    """The disk is full: this write was refused and undone; writes work again once space is
    freed (nothing already acknowledged is affected)."""


_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))  # made once, not per record


def frame(record: dict[str, Any]) -> bytes:
    """One record as a framed line."""
    return frame_text(_JSON.encode(record))


def frame_text(text: str) -> bytes:
    """One record given as its JSON text (as ``frame`` writes it) as a framed line."""
    body = text.encode("utf-8")
    return b"%08x %08x %b\n" % (zlib.crc32(body), len(body), body)


@dataclass(frozen=True, slots=True)
class Damage:
    """Bytes ``[start, end)`` of a segment that hold no intact record (and are not padding)."""

    start: int
    end: int


@dataclass(slots=True)
class Segment:
    """What a segment holds: its intact records, where the last one ends, what is damaged."""

    path: Path
    records: list[dict[str, Any]] = field(default_factory=list)
    valid_bytes: int = 0  # where the last intact record ends: the next append goes here
    size: int = 0
    damage: list[Damage] = field(default_factory=list)

    @property
    def torn(self) -> bool:
        """Bytes after the last intact record are neither a record nor padding."""
        return bool(self.damage) and self.damage[-1].start >= self.valid_bytes

    @property
    def tail_end(self) -> int:
        """Where non-zero bytes end (the last intact record, or damage after it)."""
        return self.damage[-1].end if self.torn else self.valid_bytes


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


def _next_record(data: bytes, offset: int) -> int | None:
    """The offset of the next intact record after ``offset``, if any."""
    for match in _HEAD.finditer(data, offset + 1):
        if _parse(data, match.start()) is not None:
            return match.start()
    return None


def _data_end(data: bytes, offset: int) -> int:
    """Where the non-zero bytes at or after ``offset`` end (``offset`` if only zeros follow)."""
    if data.count(0, offset) == len(data) - offset:
        return offset
    return len(data.rstrip(b"\0"))


def read_segment(path: Path, limit: int | None = None) -> Segment:
    """Parse a segment (its first ``limit`` bytes if given): every intact record, and the
    byte ranges that hold none."""
    with path.open("rb") as file:
        data = file.read() if limit is None else file.read(limit)
    segment = Segment(path, size=len(data))
    offset = 0
    while offset < len(data):
        parsed = _parse(data, offset)
        if parsed is not None:
            record, offset = parsed
            segment.records.append(record)
            segment.valid_bytes = offset
            continue
        end = _data_end(data, offset)
        if end == offset:
            break  # padding
        resume = _next_record(data, offset)
        segment.damage.append(Damage(offset, end if resume is None else resume))
        if resume is None:
            break
        offset = resume
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


def clear_tail(path: Path, start: int, end: int) -> None:
    """Overwrite a torn tail ``[start, end)`` with zeros, durably (the file keeps its size)."""
    fd = os.open(path, os.O_WRONLY)
    try:
        _write_zeros(fd, start, end)
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_zeros(fd: int, start: int, end: int) -> None:
    while start < end:
        start += os.pwrite(fd, _ZEROS[: min(len(_ZEROS), end - start)], start)


def is_full(error: OSError) -> bool:
    """Whether an OS error means the disk (or the quota) is full."""
    return error.errno in FULL_ERRNOS


class WalWriter:
    """Writes records into one segment. ``write`` puts a record in place; ``sync`` makes
    everything written so far durable (the store acknowledges a commit only after that)."""

    def __init__(
        self,
        directory: Path,
        number: int,
        *,
        position: int | None = None,
        chunk: int = CHUNK,
        first: int = 0,
    ) -> None:
        """Open (or create, zero-filled: ``first`` bytes if larger than ``chunk``) a segment."""
        make_dir(directory)
        self.number = number
        self.path = segment_path(directory, number)
        created = not self.path.exists()
        if position is None:
            position = 0 if created else read_segment(self.path).valid_bytes
        self._fd: int | None = os.open(self.path, os.O_RDWR | os.O_CREAT, FILE_MODE)
        self._broken: str | None = None
        self.size = position  # where the next record goes
        self._chunk = chunk
        try:
            self.capacity = os.fstat(self._fd).st_size
            if created:
                self._grow(max(chunk, first))
                fsync_dir(directory)
        except BaseException:
            self.close()
            raise

    def _grow(self, needed: int) -> None:
        """Add zero-filled space for at least ``needed`` more bytes, durably (best effort: on a
        full disk the file keeps its size and records extend it as they come)."""
        assert self._fd is not None
        end = self.capacity + max(needed, self._chunk)
        try:
            _write_zeros(self._fd, self.capacity, end)
            os.fsync(self._fd)
        except OSError as error:
            if not is_full(error):
                raise
            os.ftruncate(self._fd, self.capacity)
            return
        self.capacity = end

    def check(self) -> None:
        """Raise ``WalError`` if the writer refuses writes (a failure before, or closed)."""
        if self._broken or self._fd is None:
            raise WalError(f"the write-ahead log is unusable ({self._broken or 'closed'})")

    def reserve(self, end: int) -> bool:
        """Make the zero-filled space reach ``end`` (growing it if needed); whether it does
        (not on a full disk). Bytes written within it cannot meet a full disk."""
        if end <= self.capacity:
            return True
        self.check()
        try:
            self._grow(end - self.capacity)
        except OSError as error:
            self._broken = str(error)
            raise WalError(f"cannot write {self.path}: {error}") from error
        return end <= self.capacity

    def write(self, record: dict[str, Any]) -> None:
        """Put one record after the previous one (not yet durable: see ``sync``)."""
        self.write_framed(frame(record))

    def write_framed(self, data: bytes) -> None:
        """Put framed records (``frame``) after the previous ones, not yet durable.

        On a full disk the partial bytes are cleared and ``StoreFullError`` is raised, and the
        writer stays usable; any other failure makes it refuse every later write.
        """
        self.check()
        fd = self._fd
        assert fd is not None
        start, written = self.size, 0
        try:
            if start + len(data) > self.capacity:
                self._grow(start + len(data) - self.capacity)
            while written < len(data):
                written += os.pwrite(fd, data[written:], start + written)
        except OSError as error:
            if is_full(error) and self._undo_partial(start, start + written):
                raise StoreFullError(
                    f"the disk holding {self.path.parent} is full: the write was refused "
                    "(free some space; writes resume by themselves)"
                ) from error
            self._broken = str(error)
            raise WalError(f"cannot write {self.path}: {error}") from error
        self.size = start + len(data)
        self.capacity = max(self.capacity, self.size)

    def _undo_partial(self, start: int, end: int) -> bool:
        """Clear the bytes of a failed write; whether that worked."""
        assert self._fd is not None
        if end <= start:
            return True
        try:
            if end > self.capacity:
                os.ftruncate(self._fd, max(start, self.capacity))
            _write_zeros(self._fd, start, min(end, self.capacity))
        except OSError:
            return False
        return True

    def sync(self) -> None:
        """Make every record written so far durable; a failure makes the writer unusable."""
        if self._broken or self._fd is None:
            raise WalError(f"the write-ahead log is unusable ({self._broken or 'closed'})")
        try:
            os.fdatasync(self._fd)
        except OSError as error:
            self._broken = str(error)
            raise WalError(f"cannot write {self.path}: {error}") from error

    def append(self, record: dict[str, Any]) -> None:
        """Write one record and make it durable."""
        self.write(record)
        self.sync()

    def close(self) -> None:
        """Close the segment file."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
