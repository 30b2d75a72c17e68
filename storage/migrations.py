"""Schema versions and the migrations between them, applied on open.

A step upgrades version ``n`` to ``n + 1`` in one of two ways:

- ``OnDocs``: on the raw documents of every collection (log already replayed), rewritten in
  place. Opening then reads every month whole and writes a full checkpoint: for a step that
  changes what the files look like (v0, one flat file, to v1, the month layout).
- ``OnStore``: on the opened store, through its repositories (``store.cycles.all()``,
  ``store.audit.for_subject(...)``, writes inside ``store.atomic()``). The store opens as a
  current one does (old months stay on disk behind their indexes), the step writes only what
  it changes, and a checkpoint then records the new version. A crash before that checkpoint
  runs the step again at the next open, so it must be idempotent.

Add a step by bumping ``CURRENT_VERSION`` and registering it under the version it upgrades
from; prefer ``OnStore`` unless the files' layout changes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from bot.domain.audit import Action
from bot.domain.work import CycleKind
from storage.layout import STATE, Checkpoint, CorruptStoreError, Docs, Sentence

if TYPE_CHECKING:
    from bot.domain.ports import Store

CURRENT_VERSION = 2


@dataclass(frozen=True, slots=True)
class OnDocs:
    """A step on the raw documents of every collection (the whole store read)."""

    run: Callable[[Docs], None]


@dataclass(frozen=True, slots=True)
class OnStore:
    """An idempotent step on the opened store, through its repositories."""

    run: Callable[[Store], None]


Migration = OnDocs | OnStore


def _v0_to_v1(docs: Docs) -> None:
    """v0 (one flat ``duban.json``) kept report indicator values as an object; v1 uses pairs."""
    for _, doc in docs["reports"].values():
        values = doc.get("indicator_values")
        if isinstance(values, dict):
            doc["indicator_values"] = [[name, value] for name, value in values.items()]


def _v1_to_v2(store: Store) -> None:
    """v1 recorded what the bot missed while it was down as sent: a missed week (its
    ``cycle.opened`` audited ``missed``) and a missed digest carried ``digest_sent_at`` though no
    digest went out (``digest.sent`` is audited for every one that did), and a missed review
    was audited ``review.sent`` with ``missed``. v2 records them as not sent
    (``digest_failed_at``) and marks a missed week ``missed``. Run again, it changes nothing."""
    with store.atomic():
        for cycle in store.cycles.all():
            weekly = cycle.kind is CycleKind.WEEKLY
            if not weekly and cycle.digest_sent_at is None:
                continue  # nothing to correct: no audit read
            found = {
                (entry.action, entry.detail.get("missed") is True)
                for entry in store.audit.for_subject(cycle.id)
            }
            missed = weekly and (Action.CYCLE_OPENED, True) in found
            if weekly:
                unsent = not any(action is Action.DIGEST_SENT for action, _ in found)
            else:
                unsent = (Action.REVIEW_SENT, True) in found
            fixed = replace(cycle, missed=True) if missed else cycle
            sent = cycle.digest_sent_at
            if sent is not None and unsent:
                failed = cycle.digest_failed_at or sent
                fixed = replace(fixed, digest_sent_at=None, digest_failed_at=failed)
            if fixed != cycle:
                store.cycles.save(fixed)


MIGRATIONS: dict[int, Migration] = {0: OnDocs(_v0_to_v1), 1: OnStore(_v1_to_v2)}


def _check(version: int) -> None:
    if version > CURRENT_VERSION:
        text = (
            f"the data was written by a newer Duban (schema {version}, "
            f"this one reads up to {CURRENT_VERSION}); upgrade Duban"
        )
        raise CorruptStoreError(
            Sentence(text, "newer_store", version=version, current=CURRENT_VERSION)
        )


def opens_lazily(version: int, current: int = CURRENT_VERSION) -> bool:
    """Whether a store of ``version`` can open as one of ``current`` does (old months left on
    disk): it has the current files' layout, every step still to run being an ``OnStore`` one."""
    if version > current:
        return False  # refused once read (``migrate``)
    return all(isinstance(MIGRATIONS[step], OnStore) for step in range(version, current))


def migrate(checkpoint: Checkpoint) -> bool:
    """Run the ``OnDocs`` steps due on ``checkpoint``'s documents, up to the first ``OnStore``
    step (``checkpoint.meta.version`` says how far they went; ``upgrade`` runs the rest on the
    opened store); return whether any ran."""
    version = checkpoint.meta.version
    _check(version)
    reached = version
    while reached < CURRENT_VERSION:
        step = MIGRATIONS[reached]
        if not isinstance(step, OnDocs):
            break
        step.run(checkpoint.docs)
        reached += 1
    if reached == version:
        return False
    checkpoint.meta = replace(checkpoint.meta, version=reached)
    checkpoint.dirty.add(STATE)
    return True


def upgrade(store: Store, version: int) -> bool:
    """Run the steps from ``version`` (``OnDocs`` ones done by ``migrate``) on the opened
    store; return whether any ran. The caller then records ``CURRENT_VERSION`` durably."""
    _check(version)
    for step in range(version, CURRENT_VERSION):
        migration = MIGRATIONS[step]
        if not isinstance(migration, OnStore):
            text = f"schema {step} must be migrated from its documents"
            raise CorruptStoreError(Sentence(text, "docs_step", step=step))
        migration.run(store)
    return version < CURRENT_VERSION
