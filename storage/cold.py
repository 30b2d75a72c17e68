"""Old history months kept on disk, not in memory: opened in a blink, read on demand.

A checkpoint writes each history month as a TinyDB file whose documents it places itself, so it
knows where each one starts and ends, and beside it a small index, ``YYYY-MM.idx.json``: per
collection a 63-bit hash of each id, the insertion sequence numbers, timestamps (microseconds),
the byte span of each document, and for every secondary index of the collection the month's
positions under each key, in the index's order. Opening the store reads these indexes for the
months outside the hot window (the newest ``hot_months``), not the documents; a query merges the
in-memory (hot) results with the matching positions of cold months and reads just those
documents, with one ``pread`` each, into a small cache. Nothing is approximated: the same ids in
the same order come back as if every month were in memory.

A write that touches a cold month (an old report edited) first thaws the month: it is read into
memory and checkpointed like any other; once written again, a month outside the hot window is
frozen back to disk. An index whose file does not match its month (a crash between the two
atomic writes, a copy from a backup) is ignored: that month is read whole and re-indexed.

Memory is a few packed arrays per month (about 40 bytes per document) and one sorted array of
every cold id's hash, so finding out whether an id is cold (every save asks) is one bisection;
a hash match is confirmed against the document itself.
"""

from __future__ import annotations

import base64
import hashlib
import json
import operator
import os
import sys
from array import array
from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import repeat
from pathlib import Path
from typing import Any

from storage.codec import decode
from storage.files import write_atomic
from storage.schema import CollectionSpec

FORMAT = 3
SIDECAR_SUFFIX = ".idx.json"
CACHE_SIZE = 4096  # decoded cold documents kept per collection
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_US = timedelta(microseconds=1)
Rank = tuple[int, int]  # (order value in microseconds, or 0 without an order; sequence)


def id_hash(key: str) -> int:
    """A stable 63-bit hash of an id (the same in every process)."""
    digest = hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") >> 1


def micros(value: datetime) -> int:
    """An aware datetime as integer microseconds since the epoch (exact, order-preserving)."""
    return (value - _EPOCH) // _US


def sidecar_path(month_file: Path) -> Path:
    """The index file beside a month's TinyDB file."""
    return month_file.with_name(month_file.stem + SIDECAR_SUFFIX)


def _pack(values: array[int]) -> str:
    return f"{values.typecode}:{base64.b64encode(values.tobytes()).decode('ascii')}"


def _unpack(text: str) -> array[int]:
    code, _, data = text.partition(":")
    values = array(code)
    values.frombytes(base64.b64decode(data))
    return values


@dataclass(slots=True)
class Groups:
    """One secondary index over one month: each key's positions, in the index's order."""

    keys: dict[str, int]  # key text -> group number
    bounds: array[int]  # group g is positions[bounds[g] : bounds[g + 1]]
    positions: array[int]

    def get(self, text: str) -> array[int] | None:
        """The positions filed under a key, if any."""
        group = self.keys.get(text)
        if group is None:
            return None
        return self.positions[self.bounds[group] : self.bounds[group + 1]]

    def to_doc(self) -> dict[str, Any]:
        """The JSON form kept in the sidecar."""
        return {"keys": list(self.keys), "bounds": _pack(self.bounds),
                "positions": _pack(self.positions)}  # fmt: skip

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> Groups:
        """Read the JSON form back (key texts interned: they repeat month after month)."""
        keys = dict(zip(map(sys.intern, doc["keys"]), range(len(doc["keys"])), strict=True))
        return cls(keys, _unpack(doc["bounds"]), _unpack(doc["positions"]))


@dataclass(slots=True)
class MonthIndex:
    """One collection's documents in one month file, by position (insertion order)."""

    hashes: array[int]  # id_hash of each document's id
    seqs: array[int]
    stamps: array[int]
    spans: array[int]  # offset, length of each document in the file
    groups: list[Groups]  # per secondary index

    def __len__(self) -> int:
        return len(self.seqs)

    def to_doc(self) -> dict[str, Any]:
        """The JSON form kept in the sidecar."""
        return {
            "hashes": _pack(self.hashes),
            "seqs": _pack(self.seqs),
            "stamps": _pack(self.stamps),
            "spans": _pack(self.spans),
            "groups": [group.to_doc() for group in self.groups],
        }

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> MonthIndex:
        """Read the JSON form back."""
        groups = [Groups.from_doc(group) for group in doc["groups"]]
        hashes, seqs = _unpack(doc["hashes"]), _unpack(doc["seqs"])
        return cls(hashes, seqs, _unpack(doc["stamps"]), _unpack(doc["spans"]), groups)


def group_key(key: object) -> str:
    """An index key as the text the sidecar files it under."""
    return json.dumps(key, ensure_ascii=False, separators=(",", ":"))


def build_month_index(
    entries: Sequence[tuple[str, int, Any]],
    spans: Sequence[tuple[int, int]],
    stamp_of: Any,
    indexes: Sequence[tuple[Any, bool]],
) -> MonthIndex:
    """Index a month's documents: ``entries`` (id, seq, item) in seq order, their byte spans,
    the item's timestamp, and each secondary index as (keys function, ordered by the stamp)."""
    stamps = [micros(stamp_of(item)) for _, _, item in entries]
    seqs = [seq for _, seq, _ in entries]
    groups: list[Groups] = []
    for keys_of, ordered in indexes:
        found: dict[str, list[int]] = {}
        for position, (_, _, item) in enumerate(entries):
            for key in dict.fromkeys(keys_of(item)):
                if key is not None:
                    found.setdefault(group_key(key), []).append(position)
        if ordered:
            for positions in found.values():
                positions.sort(key=lambda p: (stamps[p], seqs[p]))
        bounds = array("I", [0])
        flat_positions = array("I")
        for positions in found.values():
            flat_positions.extend(positions)
            bounds.append(len(flat_positions))
        keys = dict(zip(found, range(len(found)), strict=True))
        groups.append(Groups(keys, bounds, flat_positions))
    flat = array("I", (value for span in spans for value in span))
    hashes = array("q", (id_hash(key) for key, _, _ in entries))
    return MonthIndex(hashes, array("I", seqs), array("q", stamps), flat, groups)


def write_sidecar(month_file: Path, indexes: Mapping[str, MonthIndex]) -> None:
    """Write the month's index beside its (already written) file, naming the file's state."""
    stat = month_file.stat()
    doc = {
        "format": FORMAT,
        "file": {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns},
        "collections": {name: index.to_doc() for name, index in indexes.items()},
    }
    text = json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
    write_atomic(sidecar_path(month_file), text.encode("utf-8"), sync_dir=False)


def read_sidecar(month_file: Path, layout: Mapping[str, int]) -> dict[str, MonthIndex] | None:
    """The month's index if it matches the file and the collections' indexes, else None.

    ``layout`` gives each history collection's number of secondary indexes.
    """
    try:
        stat = month_file.stat()
        doc = json.loads(sidecar_path(month_file).read_bytes())
        seen = {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns}  # a copy (cp -a) still fits
        if doc.get("format") != FORMAT or doc.get("file") != seen:
            return None
        found = {name: MonthIndex.from_doc(d) for name, d in doc["collections"].items()}
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if any(len(found[name].groups) != count for name, count in layout.items() if name in found):
        return None
    return found if set(found) <= set(layout) else None


@dataclass(slots=True)
class ColdMonth:
    """A month of one collection left on disk."""

    partition: str
    path: Path
    index: MonthIndex
    number: int
    fd: int | None = None

    def read(self, position: int) -> dict[str, Any]:
        """The raw document at ``position`` (one pread)."""
        if self.fd is None:
            self.fd = os.open(self.path, os.O_RDONLY)
        spans = self.index.spans
        offset, length = spans[2 * position], spans[2 * position + 1]
        data = os.pread(self.fd, length, offset)
        if len(data) != length:
            raise OSError(f"{self.path} is shorter than its index says")
        doc: dict[str, Any] = json.loads(data)
        return doc

    def close(self) -> None:
        """Close the month's file."""
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None


Ref = tuple[ColdMonth, int]  # a document: its month and position


class ColdHistory:
    """The cold months of one history collection."""

    def __init__(self, spec: CollectionSpec, ordered: Sequence[bool]) -> None:
        self.spec = spec
        self.ordered = list(ordered)  # per secondary index (index 0, the partition, excluded)
        self.months: list[ColdMonth | None] = []
        self.by_partition: dict[str, ColdMonth] = {}
        self.count = 0
        self._hashes = array("q")  # every cold id's hash, sorted
        self._where = array("I")  # beside each: month number << 24 | position
        self._stale = False
        self._last: tuple[str, Ref | None] = ("", None)  # a save asks about one id 3 times
        self.max_seq = 0
        self._cache: OrderedDict[tuple[int, int], Any] = OrderedDict()

    def __bool__(self) -> bool:
        return bool(self.by_partition)

    def add(self, partition: str, path: Path, index: MonthIndex) -> None:
        """Leave a month on disk, served from its index."""
        month = ColdMonth(partition, path, index, len(self.months))
        self.months.append(month)
        self.by_partition[partition] = month
        self.count += len(index)
        self.max_seq = max(self.max_seq, max(index.seqs, default=0))
        self._stale = True

    def _lookup_table(self) -> tuple[array[int], array[int]]:
        """The sorted hashes of every cold id and where each is (rebuilt after a change)."""
        if self._stale:
            packed: list[int] = []
            for month in self.by_partition.values():
                base = month.number << 24
                shifted = map(operator.lshift, month.index.hashes, repeat(32))
                packed += map(operator.or_, shifted, range(base, base + len(month.index)))
            packed.sort()
            self._hashes = array("q", map(operator.rshift, packed, repeat(32)))
            self._where = array("I", map(operator.and_, packed, repeat(0xFFFFFFFF)))
            self._stale = False
        return self._hashes, self._where

    def locate(self, key: str) -> Ref | None:
        """Where a cold document is, if it is cold."""
        if not self.by_partition:
            return None
        if self._last[0] == key and not self._stale:
            return self._last[1]
        found = self._locate(key)
        self._last = (key, found)
        return found

    def _locate(self, key: str) -> Ref | None:
        hashes, where = self._lookup_table()
        wanted = id_hash(key)
        at = bisect_left(hashes, wanted)
        while at < len(hashes) and hashes[at] == wanted:
            month = self.months[where[at] >> 24]
            assert month is not None
            ref = (month, where[at] & 0xFFFFFF)
            if month.read(ref[1]).get("id") == key:  # the hash matched: is it the id?
                return ref
            at += 1
        return None

    def item(self, ref: Ref) -> Any:
        """The decoded entity at a reference (cached)."""
        month, position = ref
        cache_key = (month.number, position)
        found = self._cache.get(cache_key)
        if found is not None:
            self._cache.move_to_end(cache_key)
            return found
        found = decode(self.spec.entity, month.read(position))
        self._cache[cache_key] = found
        if len(self._cache) > CACHE_SIZE:
            self._cache.popitem(last=False)
        return found

    def seq(self, ref: Ref) -> int:
        """The insertion sequence number at a reference."""
        return ref[0].index.seqs[ref[1]]

    def rank(self, ref: Ref, number: int) -> Rank:
        """The rank of a document in secondary index ``number`` (1-based)."""
        month, position = ref
        order = month.index.stamps[position] if self.ordered[number - 1] else 0
        return order, month.index.seqs[position]

    def find(self, number: int, key: object) -> list[tuple[Rank, Ref]]:
        """Every cold document under ``key`` in secondary index ``number``, with its rank."""
        text = group_key(key)
        found: list[tuple[Rank, Ref]] = []
        for month in self.by_partition.values():
            positions = month.index.groups[number - 1].get(text)
            if positions is not None:
                found += [(self.rank((month, p), number), (month, p)) for p in positions]
        return found

    def find_between(
        self, number: int, key: object, low: int | None, high: int | None
    ) -> list[tuple[Rank, Ref]]:
        """The cold documents under ``key`` whose order value is in ``[low, high)``."""
        text = group_key(key)
        found: list[tuple[Rank, Ref]] = []
        for month in self.by_partition.values():
            positions = month.index.groups[number - 1].get(text)
            if not positions:
                continue
            stamps = month.index.stamps
            start = 0 if low is None else bisect_left(positions, low, key=stamps.__getitem__)
            stop = (
                len(positions)
                if high is None
                else bisect_left(positions, high, key=stamps.__getitem__)
            )
            found += [
                (self.rank((month, p), number), (month, p)) for p in positions[start:stop]
            ]
        return found

    def find_last(self, number: int, key: object) -> tuple[Rank, Ref] | None:
        """The cold document that sorts last under ``key``."""
        text = group_key(key)
        best: tuple[Rank, Ref] | None = None
        for month in self.by_partition.values():
            positions = month.index.groups[number - 1].get(text)
            if positions:
                ref = (month, positions[-1])
                rank = self.rank(ref, number)
                if best is None or rank > best[0]:
                    best = (rank, ref)
        return best

    def every(self) -> list[tuple[int, Ref]]:
        """Every cold document with its sequence number."""
        return [
            (seq, (month, position))
            for month in self.by_partition.values()
            for position, seq in enumerate(month.index.seqs)
        ]

    def thaw(self, partition: str) -> list[tuple[str, int, Any]]:
        """Take a month out of the cold tier; return its (id, seq, entity) in seq order."""
        month = self.by_partition.pop(partition)
        index = month.index
        docs = [month.read(p) for p in range(len(index))]
        entries = [
            (str(doc["id"]), index.seqs[p], decode(self.spec.entity, doc))
            for p, doc in enumerate(docs)
        ]
        self.count -= len(index)
        self._stale = True
        self.months[month.number] = None
        self._cache = OrderedDict((k, v) for k, v in self._cache.items() if k[0] != month.number)
        month.close()
        entries.sort(key=lambda entry: entry[1])
        return entries

    def close(self) -> None:
        """Close every month file."""
        for month in self.by_partition.values():
            month.close()


def month_bytes(
    tables: Mapping[str, Sequence[tuple[int, dict[str, Any]]]],
) -> tuple[bytes, dict[str, list[tuple[int, int]]]]:
    """A TinyDB file of ``tables`` (``{name: {"<seq>": doc}}``), and each document's byte span."""
    parts: list[bytes] = [b"{"]
    size = 1
    spans: dict[str, list[tuple[int, int]]] = {}
    for number, (name, rows) in enumerate(tables.items()):
        head = (b"," if number else b"") + json.dumps(name).encode() + b":{"
        parts.append(head)
        size += len(head)
        found = spans[name] = []
        for row, (seq, doc) in enumerate(rows):
            prefix = b'%s"%d":' % (b"," if row else b"", seq)
            body = json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
            found.append((size + len(prefix), len(body)))
            parts += (prefix, body)
            size += len(prefix) + len(body)
        parts.append(b"}")
        size += 1
    parts.append(b"}")
    return b"".join(parts), spans
