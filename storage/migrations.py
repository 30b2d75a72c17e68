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

CURRENT_VERSION = 2

Migration = Callable[[Docs], None]


def _v0_to_v1(docs: Docs) -> None:
    """v0 (one flat ``duban.json``) kept report indicator values as an object; v1 uses pairs."""
    for _, doc in docs["reports"].values():
        values = doc.get("indicator_values")
        if isinstance(values, dict):
            doc["indicator_values"] = [[name, value] for name, value in values.items()]


def _v1_to_v2(docs: Docs) -> None:
    """v1 recorded what the bot missed while it was down as sent: a missed week (its
    ``cycle.opened`` audited ``missed``) and a missed digest carried ``digest_sent_at`` though no
    digest went out (``digest.sent`` is audited for every one that did), and a missed review
    was audited ``review.sent`` with ``missed``. v2 records them as not sent
    (``digest_failed_at``) and marks a missed week ``missed``."""
    missed_weeks: set[str] = set()
    digested: set[str] = set()
    missed_reviews: set[str] = set()
    for _, entry in docs["audit"].values():
        action, subject = entry.get("action"), str(entry.get("subject"))
        detail = entry.get("detail") or {}
        if action == "cycle.opened" and detail.get("missed") is True:
            missed_weeks.add(subject)
        elif action == "digest.sent":
            digested.add(subject)
        elif action == "review.sent" and detail.get("missed") is True:
            missed_reviews.add(subject)
    for _, doc in docs["cycles"].values():
        cycle_id, sent = doc.get("id"), doc.get("digest_sent_at")
        if doc.get("kind") == "weekly" and cycle_id in missed_weeks:
            doc["missed"] = True
        weekly_unsent = doc.get("kind") == "weekly" and cycle_id not in digested
        monthly_unsent = doc.get("kind") == "monthly" and cycle_id in missed_reviews
        if sent is not None and (weekly_unsent or monthly_unsent):
            doc["digest_sent_at"] = None
            doc["digest_failed_at"] = doc.get("digest_failed_at") or sent


MIGRATIONS: dict[int, Migration] = {0: _v0_to_v1, 1: _v1_to_v2}


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
