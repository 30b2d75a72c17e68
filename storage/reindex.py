"""Indexing old history months that have no index yet, one month at a time, while opening.

A store written before month indexes existed (or whose indexes were lost) has old months
without ``YYYY-MM.idx.json``. Read whole, they would be decoded into memory, indexed there and
written back by the checkpoint on open (about 25 s and several hundred MB at 5 county-years).
Instead, before the snapshot is read, each such month is read, its documents decoded only to
compute their index keys, and the month rewritten as it was (the same documents under the same
sequence numbers, laid out by ``month_bytes`` so each document's bytes are known) with its index
beside it; then the month is left on disk like any other cold month. Memory holds one month at
a time. A month that looks damaged, or was left half-moved by a crash (a document of another
month, an id twice), is left alone: the whole read and the checkpoint deal with it as before.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from storage.codec import decode
from storage.collection import Collection
from storage.core import IndexedStore
from storage.files import fsync_dir, read_tables, write_atomic
from storage.journal import month_index
from storage.layout import HISTORY_DIR, history_path, present_partitions, read_meta
from storage.migrations import opens_lazily
from storage.monthindex import (
    MonthIndex,
    month_bytes,
    sidecar_fits,
    sidecar_path,
    write_sidecar,
)
from storage.schema import SPECS

log = logging.getLogger(__name__)

ID_FIELDS = {"invites": "token", "settings": "team_id"}


def index_old_months(data_dir: Path, hot_months: int, current_version: int) -> list[str]:
    """Give every month older than the newest ``hot_months`` that lacks a matching index one;
    return the months indexed. The caller holds the directory's lock."""
    meta = read_meta(data_dir)
    if meta is None or not opens_lazily(meta.version, current_version):
        return []  # a new store, or one a migration reads and rewrites whole anyway
    present = present_partitions(data_dir)
    collections = IndexedStore().collections
    done, strays, began = [], set(), time.perf_counter()
    for partition in present[: max(len(present) - hot_months, 0)]:
        path = history_path(data_dir, partition)
        if sidecar_fits(path):
            continue
        foreign = _index_month(path, partition, collections)
        if foreign is None:
            done.append(partition)
        else:
            strays |= foreign
    for home in strays:  # a month whose document lies elsewhere is read whole with it
        sidecar_path(history_path(data_dir, home)).unlink(missing_ok=True)
    if done:
        fsync_dir(data_dir / HISTORY_DIR)
        log.info("indexed %d old history months in %.1f s", len(done), time.perf_counter() - began)
    return [partition for partition in done if partition not in strays]


def _index_month(
    path: Path, partition: str, collections: Mapping[str, Collection[Any]]
) -> set[str] | None:
    """Rewrite one month with its index and return None; if it is not a clean month, write
    nothing and return the other months its documents belong to."""
    try:
        tables = read_tables(path)
        rows: dict[str, list[tuple[int, dict[str, Any]]]] = {}
        entries: dict[str, list[tuple[str, int, Any]]] = {}
        for spec in SPECS:
            found = sorted(tables.pop(spec.name, ()), key=lambda doc: doc.doc_id)
            if not spec.history or not found:
                continue
            id_field = ID_FIELDS.get(spec.name, "id")
            keys = [doc[id_field] for doc in found]
            homes = {spec.partition_of_doc(doc) for doc in found}
            if len(set(keys)) != len(keys) or homes != {partition}:
                return {str(home) for home in homes - {partition}}
            rows[spec.name] = [(doc.doc_id, dict(doc)) for doc in found]
            entries[spec.name] = [
                (key, doc.doc_id, decode(spec.entity, doc))
                for key, doc in zip(keys, found, strict=True)
            ]
        if tables or not rows:
            return set()  # another collection in a month file: damage, read it whole
        data, spans = month_bytes(rows)
        indexes: dict[str, MonthIndex] = {
            name: month_index(collections[name], found, spans[name])
            for name, found in entries.items()
        }
    except Exception as error:  # any doubt: leave the month to the whole read
        log.warning("could not index %s (%s); it is read whole", path.name, error)
        return set()
    write_atomic(path, data, sync_dir=False)
    write_sidecar(path, indexes)
    return None
