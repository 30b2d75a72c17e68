"""``duban store backup``: a consistent copy of a data directory, taken while the bot runs.

The running bot holds the directory's lock, so the backup does not take it. It reads a
consistent snapshot (checkpoint files are only ever replaced atomically; the log is read up to
its last complete record; if a checkpoint completes meanwhile the read starts over), writes it
to the destination as a fresh checkpoint with an empty log, then opens the copy to verify it
(which runs on the copy the schema steps that work on an opened store, if the source is older).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from storage.durable import TinyDBStore
from storage.files import make_dir
from storage.layout import (
    CorruptStoreError,
    Meta,
    Sentence,
    holds_store,
    no_data_dir,
    not_a_store,
    write_full,
)
from storage.migrations import CURRENT_VERSION, migrate
from storage.snapshot import load


class BackupError(RuntimeError):
    """The backup could not be made or did not verify."""


def backup_store(data_dir: Path, dest: Path) -> dict[str, int]:
    """Copy ``data_dir`` to the new directory ``dest``; return the verified counts."""
    if dest.exists() and any(dest.iterdir()):
        raise BackupError(Sentence(f"{dest} exists and is not empty", "dest_not_empty", path=dest))
    if not data_dir.is_dir():
        raise BackupError(no_data_dir(data_dir))
    if not holds_store(data_dir):
        raise BackupError(not_a_store(data_dir))
    try:
        snapshot = load(data_dir, CURRENT_VERSION)
    except CorruptStoreError as error:
        text = f"cannot read {data_dir}: {error}"
        raise BackupError(Sentence(text, "cannot_read", path=data_dir, reason=error)) from error
    migrate(snapshot.checkpoint)
    docs = snapshot.checkpoint.docs
    expected = {name: len(entries) for name, entries in docs.items()}
    make_dir(dest)
    # the version the document steps reached: opening the copy to verify it runs the rest
    meta = replace(Meta(snapshot.checkpoint.meta.version), lsn=snapshot.lsn)
    write_full(dest, meta, docs)
    return _verify(dest, expected)


def _verify(dest: Path, expected: dict[str, int]) -> dict[str, int]:
    copy = TinyDBStore(dest, hot_months=None)  # indexing old months is left to the bot
    try:
        counts = {name: len(collection) for name, collection in copy.collections.items()}
    finally:
        copy.close()
    if counts != expected:
        text = f"the copy in {dest} does not match: {counts} != {expected}"
        raise BackupError(
            Sentence(text, "copy_mismatch", path=dest, counts=counts, expected=expected)
        )
    return counts
