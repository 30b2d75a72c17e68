"""A history month on disk: its TinyDB file written with known byte spans, and its index.

``month_bytes`` lays out a month's TinyDB file (``{name: {"<seq>": doc}}``) itself, so it knows
where each document starts and ends. ``YYYY-MM.idx.json`` beside it holds, per collection, a
63-bit hash of each id, the insertion sequence numbers, timestamps (microseconds), the byte span
of each document and, for every secondary index of the collection, the month's positions under
each key in the index's order, as packed arrays. The index names its file's size and mtime; one
that does not match is ignored. See ``storage.cold`` for how a store serves months from it.
"""

from __future__ import annotations

import base64
import hashlib
import json
import sys
from array import array
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from storage.files import write_atomic

FORMAT = 3
SIDECAR_SUFFIX = ".idx.json"
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_US = timedelta(microseconds=1)


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
    texts: dict[Any, str] = {}  # keys repeat (a measure, a team): encode each once
    for keys_of, ordered in indexes:
        by_key: dict[Any, list[int]] = {}  # positions by key, in order (filed by text below)
        for position, (_, _, item) in enumerate(entries):
            keys = keys_of(item)
            for key in keys if len(keys) == 1 else dict.fromkeys(keys):
                if key is not None:
                    group = by_key.get(key)
                    if group is None:
                        by_key[key] = [position]
                    else:
                        group.append(position)
        found: dict[str, list[int]] = {}
        for key, positions in by_key.items():
            text = texts.get(key)
            if text is None:
                text = texts[key] = group_key(key)
            same = found.get(text)
            if same is None:
                found[text] = positions
            else:  # (keys that differ but read the same in JSON share a group)
                same.extend(positions)
                same.sort()
        if ordered:  # positions are in seq order: a stable sort by stamp orders by (stamp, seq)
            by_stamp = stamps.__getitem__
            for positions in found.values():
                positions.sort(key=by_stamp)
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


def sidecar_fits(month_file: Path) -> bool:
    """Whether the month has an index naming the file as it is, judged from the index's first
    bytes only (``read_sidecar`` checks the rest when the index is used)."""
    try:
        stat = month_file.stat()
        with sidecar_path(month_file).open("rb") as found:
            head = found.read(128)
    except OSError:
        return False
    file = {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns}
    expected = json.dumps({"format": FORMAT, "file": file}, separators=(",", ":"))[:-1] + ","
    return head.startswith(expected.encode("ascii"))


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


def month_bytes(
    tables: Mapping[str, Iterable[tuple[int, dict[str, Any] | str]]],
    pace: Callable[[], None] | None = None,
) -> tuple[bytes, dict[str, list[tuple[int, int]]]]:
    """A TinyDB file of ``tables`` (``{name: {"<seq>": doc}}``), and each document's byte span.
    A document is given as a dict or as its compact JSON text (``storage.codec.encode_json``).
    ``pace`` is called after each document (a background writer lets others run)."""
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
            if doc.__class__ is not str:
                doc = json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
            body = doc.encode("utf-8")
            found.append((size + len(prefix), len(body)))
            parts += (prefix, body)
            size += len(prefix) + len(body)
            if pace is not None:
                pace()
        parts.append(b"}")
        size += 1
    parts.append(b"}")
    return b"".join(parts), spans
