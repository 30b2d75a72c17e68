"""Schema versions and the migrations between them, applied to raw documents on open.

Each migration takes the documents of version ``n`` (every collection, log already replayed)
and rewrites them in place as version ``n + 1``. Opening a store runs the missing steps and
writes a full checkpoint in the current layout. Add a step by bumping ``CURRENT_VERSION`` and
registering a function under the version it upgrades from.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from storage.layout import STATE, Checkpoint, CorruptStoreError, Docs

CURRENT_VERSION = 1

Migration = Callable[[Docs], None]


def _v0_to_v1(docs: Docs) -> None:
    """v0 (one flat ``duban.json``) kept report indicator values as an object; v1 uses pairs."""
    for _, doc in docs["reports"].values():
        values = doc.get("indicator_values")
        if isinstance(values, dict):
            doc["indicator_values"] = [[name, value] for name, value in values.items()]


MIGRATIONS: dict[int, Migration] = {0: _v0_to_v1}


def migrate(checkpoint: Checkpoint) -> bool:
    """Bring documents to ``CURRENT_VERSION``; return whether anything was migrated."""
    version = checkpoint.meta.version
    if version > CURRENT_VERSION:
        raise CorruptStoreError(
            f"the data was written by a newer Duban (schema {version}, "
            f"this one reads up to {CURRENT_VERSION}); upgrade Duban"
        )
    if version == CURRENT_VERSION:
        return False
    for step in range(version, CURRENT_VERSION):
        MIGRATIONS[step](checkpoint.docs)
    checkpoint.meta = replace(checkpoint.meta, version=CURRENT_VERSION)
    checkpoint.dirty.add(STATE)
    return True
