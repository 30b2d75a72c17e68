"""Exactly once for the update in flight at a crash: its store writes are undone, then redone.

A handler awaits Telegram between its writes, so they cannot share the transaction that marks
the update handled. Instead the store the services see (:class:`RecordingStore`, built once by
the composition root) records each write made while an update is handled (inside
:func:`bot.outbox.scope.handling`) as an :class:`~bot.domain.delivery.Effect`: the record before
and after, saved in the write's own transaction. The intake drops the update's effects in the
transaction that marks it handled, so effects exist only for an update in flight.

After a crash the journal replays that update. :func:`undo` first restores, newest first, each
record it wrote to what it was before, wherever the record still holds what the update wrote (a
record changed since by someone else, e.g. a job, is kept and the fact logged). The handlers
then run again against the state the first attempt saw, and make the same writes once. Ids made
while handling are derived from the update (:func:`bot.domain.ids.seeded`), so the records the
second attempt creates carry the ids of the first (buttons already sent still point at them),
and an audit entry appended again is skipped. Sends the first attempt had confirmed are not
repeated (the outbox's keys ``u<update>:<n>``).

This holds for every write path by construction: a service writes through the repositories of
the store it was given, and every repository of a domain collection is recorded here.

Bounds: a record the update created is deleted by the undo even if a job changed it since (the
second attempt creates it again); a record it changed and a job changed after it is kept as the
job left it (and logged). Audit rows are never deleted: the second attempt's rows carry the ids
of the first and are appended once; a row of a first attempt whose second takes another path
(a deadline passed in between) stays. Invite tokens stay random (a derived token could be
guessed): an invite made by the update in flight is undone like any record, but its token,
if a reply had shown it, is not the one the second attempt makes.
"""

from __future__ import annotations

import logging
from typing import Any, cast

from bot.domain.audit import AuditEntry
from bot.domain.delivery import Effect, effect_id
from bot.domain.ports import Store
from bot.outbox.scope import current

log = logging.getLogger(__name__)

#: The collections whose writes are recorded (every domain collection but the audit log, which
#: is append-only and skips an entry appended again). The intake's and the outbox's own records
#: (inbound, sent, effects, user_state) are not effects of a handler.
RECORDED = (
    "teams", "settings", "units", "people", "invites", "leaves", "plans", "measures",
    "pending_imports", "assignments", "cycles", "prompts", "reports", "reminders", "closeouts",
)  # fmt: skip


class _Recorded:
    """One repository whose ``save`` and ``delete`` are recorded inside an update's scope."""

    def __init__(self, store: RecordingStore, name: str, repo: Any) -> None:
        self._store = store
        self._name = name
        self._repo = repo

    def __getattr__(self, attr: str) -> Any:
        return getattr(self._repo, attr)

    def save(self, item: object) -> None:
        """Insert or replace the entity (recorded inside an update's scope)."""
        self._store.write(self._name, self._repo, str(getattr(item, "id")), item)  # noqa: B009

    def delete(self, key: str) -> None:
        """Remove the entity (recorded inside an update's scope)."""
        self._store.write(self._name, self._repo, key, None)


class _Audit:
    """The audit log: an entry appended again by the update's second attempt is skipped."""

    def __init__(self, audit: Any) -> None:
        self._audit = audit

    def __getattr__(self, attr: str) -> Any:
        return getattr(self._audit, attr)

    def __iter__(self) -> Any:
        return iter(self._audit)

    def append(self, entry: AuditEntry) -> None:
        """Record one state change, once."""
        if current() is not None and self._audit.get(entry.id) is not None:
            return  # by id: the subject's whole history (years of a task's) is not read
        self._audit.append(entry)

    def save(self, item: AuditEntry) -> None:
        """Appending is the only write."""
        self.append(item)


class RecordingStore:
    """The store as services see it: writes made while an update is handled are recorded."""

    def __init__(self, store: Store) -> None:
        self._store = store
        for name in RECORDED:
            setattr(self, name, _Recorded(self, name, getattr(store, name)))
        self.audit = _Audit(store.audit)

    @property
    def raw(self) -> Store:
        """The store underneath (the intake's own writes go there)."""
        return self._store

    def __getattr__(self, attr: str) -> Any:
        return getattr(self._store, attr)

    def write(self, name: str, repo: Any, key: str, item: object | None) -> None:
        """Save ``item`` (None: delete ``key``); inside an update's scope, record the write."""
        scope = current()
        if scope is None:
            _apply(repo, key, item)
            return
        effects = self._store.effects
        with self._store.atomic():
            before = repo.get(key)
            _apply(repo, key, item)
            scope.writes += 1
            number = effect_id(scope.update_id, scope.writes)
            if before is None and item is not None:  # created: no image needed to undo it
                effects.save(Effect(number, scope.update_id, name, key, None, None, True))
                return
            effects.save(
                Effect(
                    number,
                    scope.update_id,
                    name,
                    key,
                    effects.image(name, before),
                    effects.image(name, item),
                )
            )


def recording(store: Store) -> Store:
    """``store`` with its writes recorded while an update is handled (see the module)."""
    return cast(Store, RecordingStore(store))


def _apply(repo: Any, key: str, item: object | None) -> None:
    if item is not None:
        repo.save(item)
    elif hasattr(repo, "delete"):
        repo.delete(key)
    else:
        raise TypeError(f"{type(repo).__name__} cannot delete")


def undo(store: Store, update_id: int) -> int:
    """Restore what the update's earlier attempt wrote (newest first) and forget its effects,
    in one transaction; returns how many writes were undone."""
    effects = store.effects.for_update(update_id)
    if not effects:
        return 0
    undone = 0
    with store.atomic():
        for effect in reversed(effects):
            undone += _restore(store, effect)
            store.effects.delete(effect.id)
    log.info("update %s: %d write(s) of an interrupted attempt undone", update_id, undone)
    return undone


def _restore(store: Store, effect: Effect) -> int:
    if effect.created:
        store.effects.discard(effect.collection, effect.key)
        return 1
    repo: Any = getattr(store, effect.collection)
    now = store.effects.image(effect.collection, repo.get(effect.key))
    if now != effect.after:
        log.warning("%s %s changed since update %s wrote it; kept as it is",
                    effect.collection, effect.key, effect.update_id)  # fmt: skip
        return 0
    if effect.before is not None:
        repo.save(store.effects.restore(effect.collection, effect.before))
    else:
        store.effects.discard(effect.collection, effect.key)
    return 1


def forget(store: Store, update_id: int) -> None:
    """Drop the update's effects (inside the transaction that marks it handled)."""
    for effect in store.effects.for_update(update_id):
        store.effects.delete(effect.id)
