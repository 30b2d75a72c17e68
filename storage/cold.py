"""Old history months kept on disk, not in memory: opened in a blink, read on demand.

A checkpoint writes each history month as a TinyDB file whose documents it places itself, so it
knows where each one starts and ends, and beside it a small index, ``YYYY-MM.idx.json``: per
collection a 63-bit hash of each id, the insertion sequence numbers, timestamps (microseconds),
the byte span of each document, and for every secondary index of the collection the month's
positions under each key, in the index's order. Opening the store reads these indexes for the
months outside the hot window (the newest ``hot_months``), not the documents; a query merges the
in-memory (hot) results with the matching positions of cold months and reads just those
documents: per month, one ``pread`` per run of nearby documents, parsed as one JSON array (a
range query skips the months whose stamps all lie outside it). A small cache keeps what small
reads decoded; a read of thousands (a digest's years of reports) bypasses it. Nothing is
approximated: the same ids in the same order come back as if every month were in memory.

A write that touches a cold month (an old report edited) first thaws the month: it is read into
memory and checkpointed like any other; once written again, a month outside the hot window is
frozen back to disk. An index whose file does not match its month (a crash between the two
atomic writes, a copy from a backup) is ignored: before opening, ``storage.reindex`` indexes
that month again on its own (or, if it is not a clean month, it is read whole).

Memory is a few packed arrays per month (about 40 bytes per document) and sorted arrays of
the cold ids' hashes, so finding out whether an id is cold (every save asks) is a bisection in
each: one table for the months cold at opening (built by a background thread started then, so
neither the opening nor the first save waits for it to be sorted) and one more for each batch
of months a checkpoint froze since (a month leaving memory costs a small table, not a re-sort
of every cold id). A hash match is confirmed against the document itself.
"""

from __future__ import annotations

import gc
import json
import operator
import os
import threading
from array import array
from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import repeat
from pathlib import Path
from typing import Any

from storage.codec import decode, decoder
from storage.monthindex import MonthIndex, group_key, id_hash
from storage.monthrows import drop_rows, file_identity, read_rows, write_rows
from storage.rowcodec import row_codec
from storage.schema import CollectionSpec

CACHE_SIZE = 4096  # decoded cold documents kept per collection
LARGE_READ = CACHE_SIZE // 2  # a read of more documents does not go through that cache
ROWS_MIN = 64  # a read of at least this many documents of a month, and at least
ROWS_SHARE = 8  # 1/ROWS_SHARE of them, reads the month's rows file (storage.monthrows)
RUN_GAP = 64 * 1024  # documents closer than this in a month file are read in one pread
Rank = tuple[int, int]  # (order value in microseconds, or 0 without an order; sequence)


@dataclass(slots=True, eq=False)
class ColdMonth:
    """A month of one collection left on disk (one object per month: compared by identity,
    so a reference to a document, (month, position), is its own cache key)."""

    partition: str
    path: Path
    index: MonthIndex
    number: int
    fd: int | None = None
    bounds: tuple[int, int] | None = None  # lowest and highest stamp, once asked

    def open(self) -> int:
        """The month's file, opened on first use: later reads go to this file even if it is
        replaced meanwhile."""
        if self.fd is None:
            self.fd = os.open(self.path, os.O_RDONLY)
        return self.fd

    def read(self, position: int) -> dict[str, Any]:
        """The raw document at ``position`` (one pread)."""
        fd = self.open()
        spans = self.index.spans
        offset, length = spans[2 * position], spans[2 * position + 1]
        data = os.pread(fd, length, offset)
        if len(data) != length:
            raise OSError(f"{self.path} is shorter than its index says")
        doc: dict[str, Any] = json.loads(data)
        return doc

    def read_many(self, positions: Sequence[int]) -> list[dict[str, Any]]:
        """The raw documents at ``positions`` (in that order): the file read in a few runs of
        nearby documents, one ``pread`` each, and parsed as one JSON array."""
        self.open()
        spans = self.index.spans
        order = sorted(range(len(positions)), key=lambda n: spans[2 * positions[n]])
        parts: list[memoryview] = []
        run: list[int] = []  # offsets and lengths of the documents of the run being gathered
        for n in order:
            offset, length = spans[2 * positions[n]], spans[2 * positions[n] + 1]
            if run and offset - (run[-2] + run[-1]) > RUN_GAP:
                parts += self._read_run(run)
                run = []
            run += (offset, length)
        if run:
            parts += self._read_run(run)
        docs: list[dict[str, Any]] = json.loads(b"[" + b",".join(parts) + b"]")
        found: list[dict[str, Any]] = [{}] * len(positions)
        for n, doc in zip(order, docs, strict=True):
            found[n] = doc
        return found

    def _read_run(self, run: list[int]) -> list[memoryview]:
        """The documents of one run (offset, length pairs in file order), from one read."""
        assert self.fd is not None
        start = run[0]
        size = run[-2] + run[-1] - start
        data = os.pread(self.fd, size, start)
        if len(data) != size:
            raise OSError(f"{self.path} is shorter than its index says")
        view = memoryview(data)
        return [view[run[k] - start : run[k] - start + run[k + 1]] for k in range(0, len(run), 2)]

    def stamp_range(self) -> tuple[int, int]:
        """The month's lowest and highest order value (worked out once)."""
        if self.bounds is None:
            stamps = self.index.stamps
            self.bounds = (min(stamps), max(stamps)) if stamps else (0, -1)
        return self.bounds

    def close(self) -> None:
        """Close the month's file."""
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None


Ref = tuple[ColdMonth, int]  # a document: its month and position
Run = tuple[ColdMonth, Sequence[int]]  # documents of one month: their positions, in order


class ColdHistory:
    """The cold months of one history collection."""

    def __init__(self, spec: CollectionSpec, ordered: Sequence[bool]) -> None:
        self.spec = spec
        self.ordered = list(ordered)  # per secondary index (index 0, the partition, excluded)
        self.months: list[ColdMonth | None] = []
        self.by_partition: dict[str, ColdMonth] = {}
        self.count = 0
        # sorted cold id hashes and, beside each, month number << 24 | position: per batch
        self._tables: list[tuple[array[int], array[int]]] = []
        self._unlisted: list[ColdMonth] = []  # months added since the last table was built
        self._listing = threading.Lock()
        self._version = 0  # changes whenever a month comes or goes
        self._last: tuple[str, int, Ref | None] = ("", -1, None)  # a save asks 3 times
        self.max_seq = 0
        self._cache: OrderedDict[Ref, Any] = OrderedDict()
        self._rows = row_codec(spec.entity)
        self._writing_rows = threading.Lock()  # one thread at a time makes a month's rows

    def __bool__(self) -> bool:
        return bool(self.by_partition)

    def add(self, partition: str, path: Path, index: MonthIndex) -> None:
        """Leave a month on disk, served from its index."""
        month = ColdMonth(partition, path, index, len(self.months))
        self.months.append(month)
        self.by_partition[partition] = month
        self.count += len(index)
        self.max_seq = max(self.max_seq, max(index.seqs, default=0))
        with self._listing:
            self._unlisted.append(month)
            self._version += 1

    def prepare(self) -> None:
        """Build the lookup table of the months added since the last call (any thread)."""
        with self._listing:
            if self._unlisted:
                self._tables.append(_lookup_table(self._unlisted))
                self._unlisted = []

    def locate(self, key: str) -> Ref | None:
        """Where a cold document is, if it is cold."""
        if not self.by_partition:
            return None
        version = self._version
        if self._last[0] == key and self._last[1] == version:
            return self._last[2]
        found = self._locate(key)
        self._last = (key, version, found)
        return found

    def _locate(self, key: str) -> Ref | None:
        self.prepare()
        wanted = id_hash(key)
        for hashes, where in self._tables:
            at = bisect_left(hashes, wanted)
            while at < len(hashes) and hashes[at] == wanted:
                month = self.months[where[at] >> 24]
                if month is not None:  # (None: thawed since; its documents are in memory)
                    ref = (month, where[at] & 0xFFFFFF)
                    if month.read(ref[1]).get("id") == key:  # the hash matched: is it the id?
                        return ref
                at += 1
        return None

    def item(self, ref: Ref) -> Any:
        """The decoded entity at a reference (cached)."""
        month, position = ref
        found = self._cache.get(ref)
        if found is not None:
            self._cache.move_to_end(ref)
            return found
        found = decode(self.spec.entity, month.read(position))
        self._cache[ref] = found
        if len(self._cache) > CACHE_SIZE:
            self._cache.popitem(last=False)
        return found

    def items(self, refs: Sequence[Ref]) -> list[Any]:
        """The decoded entities at ``refs``, in order: those not cached read month by month
        (``ColdMonth.read_many``). A read larger than the cache does not go through it (it
        would only push out what smaller reads keep)."""
        cache = self._cache
        found: list[Any] = [None] * len(refs)
        wanted: dict[ColdMonth, tuple[list[int], list[int]]] = {}  # month: positions, slots
        for slot, ref in enumerate(refs):
            item = cache.get(ref) if cache else None
            if item is not None:
                found[slot] = item
                continue
            entry = wanted.get(ref[0])
            if entry is None:
                entry = wanted[ref[0]] = ([], [])
            entry[0].append(ref[1])
            entry[1].append(slot)
        missing = sum(len(entry[0]) for entry in wanted.values())
        keep = missing <= LARGE_READ
        decode_one = decoder(self.spec.entity)
        with no_collection():
            for month, (positions, slots) in wanted.items():
                got = self._decoded(month, positions, decode_one)
                for position, slot, item in zip(positions, slots, got, strict=True):
                    found[slot] = item
                    if keep:
                        cache[(month, position)] = item
        if keep:
            while len(cache) > CACHE_SIZE:
                cache.popitem(last=False)
        return found

    def _decoded(
        self, month: ColdMonth, positions: Sequence[int], decode_one: Callable[[Any], Any]
    ) -> list[Any]:
        """The entities at ``positions`` of ``month``: from its rows where they serve (a large
        read), else decoded from its file."""
        got = self._from_rows(month, positions)
        return got if got is not None else [decode_one(doc) for doc in month.read_many(positions)]

    def _from_rows(self, month: ColdMonth, positions: Sequence[int]) -> list[Any] | None:
        """The entities at ``positions`` from the month's rows file, for a read of a large part
        of the month (made from the month file first if it has none that fits); None for a
        small read, or a collection without rows."""
        codec, index = self._rows, month.index
        if codec is None or len(positions) < ROWS_MIN or len(positions) * ROWS_SHARE < len(index):
            return None
        identity = file_identity(month.open())  # (the file the index describes)
        rows = read_rows(month.path, identity, self.spec.name, codec.shape, index)
        if rows is not None:
            decode_row = codec.decode
            try:
                return [decode_row(rows[position]) for position in positions]
            except (LookupError, TypeError, ValueError):  # rows of a shape this code cannot read
                pass
        with self._writing_rows:
            every = month.read_many(range(len(index)))
            decode_one = decoder(self.spec.entity)
            items = [decode_one(doc) for doc in every]
            try:
                made = [codec.encode(item) for item in items]
            except (TypeError, ValueError, AttributeError):  # a value a row cannot hold
                made = None
            if made is not None:
                write_rows(month.path, identity, self.spec.name, codec.shape, index, made)
        return [items[position] for position in positions]

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
                found += self._ranked(number, month, positions)
        return found

    def find_between(
        self, number: int, key: object, low: int | None, high: int | None
    ) -> list[tuple[Rank, Ref]]:
        """The cold documents under ``key`` whose order value is in ``[low, high)``."""
        found: list[tuple[Rank, Ref]] = []
        for month, run in self._runs(number, key, low, high):
            found += self._ranked(number, month, run)
        return found

    def _ranked(
        self, number: int, month: ColdMonth, positions: Sequence[int]
    ) -> list[tuple[Rank, Ref]]:
        """The documents at ``positions`` of ``month`` with their ranks in index ``number``
        (its order value, or 0 for an index without one, then the sequence number)."""
        stamps, seqs = month.index.stamps, month.index.seqs
        if self.ordered[number - 1]:
            return [((stamps[p], seqs[p]), (month, p)) for p in positions]
        return [((0, seqs[p]), (month, p)) for p in positions]

    def runs_between(
        self, number: int, key: object, low: int | None, high: int | None
    ) -> tuple[list[Run], Rank | None] | None:
        """What ``find_between`` finds, as runs of positions per month, with the rank of the
        last document, if ``number`` is an ordered index and each run ranks after the one
        before (months in order: the usual case); else None (compare document by document)."""
        if not self.ordered[number - 1]:
            return None
        runs = self._runs(number, key, low, high)
        last: Rank | None = None
        for month, run in runs:
            stamps, seqs = month.index.stamps, month.index.seqs
            if last is not None and (stamps[run[0]], seqs[run[0]]) <= last:
                return None
            last = (stamps[run[-1]], seqs[run[-1]])  # (a month's run is in rank order)
        return runs, last

    def _runs(self, number: int, key: object, low: int | None, high: int | None) -> list[Run]:
        """Per month (in the order they were added), the positions under ``key`` whose order
        value is in ``[low, high)``, in the index's order; months without any left out."""
        text = group_key(key)
        runs: list[Run] = []
        for month in self.by_partition.values():
            first, last = month.stamp_range()
            if (low is not None and last < low) or (high is not None and first >= high):
                continue  # (a month wholly outside the range: its index is not looked at)
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
            if start < stop:
                runs.append((month, positions[start:stop]))
        return runs

    def read_runs(self, runs: Sequence[Run]) -> list[Any]:
        """The decoded entities of runs of positions, in order, for a large read: from each
        month's rows where they serve, else from its file; not through the small-read cache."""
        decode_one = decoder(self.spec.entity)
        found: list[Any] = []
        with no_collection():
            for month, positions in runs:
                found += self._decoded(month, positions, decode_one)
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
        with self._listing:
            self._version += 1
            self._unlisted = [other for other in self._unlisted if other is not month]
        self.months[month.number] = None
        drop_rows(month.path, [self.spec.name])  # (it is about to change)
        self._cache = OrderedDict((k, v) for k, v in self._cache.items() if k[0] is not month)
        month.close()
        entries.sort(key=lambda entry: entry[1])
        return entries

    def close(self) -> None:
        """Close every month file."""
        for month in self.by_partition.values():
            month.close()


@contextmanager
def no_collection() -> Iterator[None]:
    """No cyclic garbage collection while reading many cold documents: tens of thousands of
    new objects (raw documents, entities, their ranks), none in a cycle, each of which the
    collector would otherwise walk again and again as it ages them through its generations."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def _lookup_table(months: Sequence[ColdMonth]) -> tuple[array[int], array[int]]:
    """The sorted id hashes of ``months`` and, beside each, where the document is."""
    packed: list[int] = []
    for month in months:
        base = month.number << 24
        shifted = map(operator.lshift, month.index.hashes, repeat(32))
        packed += map(operator.or_, shifted, range(base, base + len(month.index)))
    packed.sort()
    hashes = array("q", map(operator.rshift, packed, repeat(32)))
    return hashes, array("I", map(operator.and_, packed, repeat(0xFFFFFFFF)))
