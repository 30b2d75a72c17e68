"""Durable intake: every update is journaled before Telegram is told it arrived, handled once,
and handled after a crash.

**Journal first.** Both ways updates arrive put them into the application's ``update_queue``
before acknowledging them: long polling puts each update of a ``getUpdates`` batch, then asks for
the next batch with an offset past them (that request is what tells Telegram they arrived); the
webhook server puts the update, then answers 200. The queue here (:class:`JournalingQueue`)
writes the update to the store's intake journal, durably, inside ``put``. So the offset moves
past an update, or the webhook answers 200, only once the update is on disk. If the write fails
(a full disk), ``put`` raises a ``NetworkError``: the polling loop backs off and fetches the same
batch again; the webhook answers 500 and Telegram delivers again later.

**Handled once.** :class:`DubanApplication` checks each update against the journal before its
handlers run (an update handled before, or already being handled, is skipped: Telegram may
deliver one again when its acknowledgement was lost) and marks it handled after they ran, in one
transaction that also drops the outbox records of the update's replies. Handlers that fail still
count as handled (the error handler has apologised): a poisoned update is never retried forever.

**After a crash.** At start-up every update still pending in the journal is put back into the
queue, oldest first, before polling starts. The one update being handled at the crash (PTB runs
handlers one update at a time) may have had some of its effects. Before it is handled again, the
store writes of that first attempt are undone (:mod:`bot.effects`: each write made while an
update is handled is recorded with the record before and after it, in the write's own
transaction); the second attempt then makes them once, with the same ids (ids made while
handling derive from the update, :func:`bot.domain.ids.seeded`). Its replies that Telegram had
already confirmed are not sent again (the outbox keys them ``u<update>:<n>``). So every update
is handled *exactly once* as far as the store goes, the one in flight at a crash included, and
its messages are sent at most once each, except a message whose confirmation Telegram sent but
the crash lost (at most one per update in flight; bound in ``docs/architecture.md``). The
limits of the undo (a job's change to the same record, audit rows, invite tokens) are in
:mod:`bot.effects`.

**Conversation state** (:mod:`bot.userstate`) is read fresh from the store before an update of
the user is handled and saved, when it changed, in the transaction that marks it handled.

**Bounded.** A pending entry keeps the update's JSON until it is handled; then only its id and
times are kept, and only the newest :data:`~bot.domain.delivery.KEEP_HANDLED` of those.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import Iterable
from typing import Any

from telegram import Bot, Update, User
from telegram.error import NetworkError
from telegram.ext import Application, ExtBot, JobQueue

from bot import effects, userstate
from bot.context import BotData, Context, UserData
from bot.domain.clock import Clock
from bot.domain.delivery import KEEP_HANDLED, Inbound, UserState, inbound_id
from bot.domain.ids import seeded
from bot.domain.ports import Store
from bot.outbox import handling

log = logging.getLogger(__name__)

#: Handled entries are pruned in batches of this many beyond :data:`KEEP_HANDLED`.
PRUNE_BATCH = 100


class JournalUnavailable(NetworkError):
    """The journal could not be written: the update is not acknowledged (fetched again later)."""


class Intake:
    """The intake journal's rules over the store's ``inbound`` repository."""

    def __init__(self, store: Store, clock: Clock) -> None:
        self.store = store
        self.clock = clock
        self._active: set[int] = set()  # update ids being handled now
        self.skipped = 0  # deliveries recognised as already handled or under way

    def journal(self, update: Update) -> None:
        """Write the update durably unless the journal already has it (raises
        :class:`JournalUnavailable` if the write fails)."""
        key = inbound_id(update.update_id)
        if self.store.inbound.get(key) is not None:
            return
        payload = json.dumps(update.to_dict(), ensure_ascii=False, separators=(",", ":"))
        entry = Inbound(key, update.update_id, self.clock.now(), payload)
        try:
            self.store.inbound.save(entry)
        except Exception as exc:
            log.warning("update %s not journaled (%s): it will be fetched again", key, exc)
            raise JournalUnavailable(f"the update journal cannot be written: {exc}") from exc

    def begin(self, update: Update) -> bool:
        """Whether the update is to be handled now (not handled before, not under way)."""
        if update.update_id in self._active:
            self.skipped += 1
            return False
        entry = self.store.inbound.get(inbound_id(update.update_id))
        if entry is not None and entry.handled:
            self.skipped += 1
            return False
        if entry is None:  # processed without the queue (e.g. a test): journal it too
            with contextlib.suppress(JournalUnavailable):  # logged; handle it all the same
                self.journal(update)
        self._active.add(update.update_id)
        return True

    def resume(self, update: Update) -> str:
        """Undo the store writes of an attempt interrupted by a crash (:mod:`bot.effects`);
        returns the seed the update's ids derive from (the same in every attempt)."""
        effects.undo(self.store, update.update_id)
        entry = self.store.inbound.get(inbound_id(update.update_id))
        received = entry.received_at.isoformat() if entry is not None else "-"
        return f"{update.update_id}@{received}"

    def user_data(self, user_id: int) -> UserData:
        """The user's conversation state, read fresh from the store."""
        return userstate.read(self.store, user_id, self.clock.now())

    def finish(
        self, update: Update, replies: Iterable[str] = (), state: UserState | None = None
    ) -> None:
        """Mark the update handled, drop its replies' records and its effects, and save the
        user's changed conversation ``state``, in one transaction."""
        key = inbound_id(update.update_id)
        try:
            with self.store.atomic():
                entry = self.store.inbound.get(key)
                received = entry.received_at if entry is not None else self.clock.now()
                done = Inbound(key, update.update_id, received, None, self.clock.now())
                self.store.inbound.save(done)
                for reply in replies:
                    self.store.sent.delete(reply)
                effects.forget(self.store, update.update_id)
                if state is not None:
                    self.store.user_state.save(state)
                self._prune()
        except Exception:
            log.exception("update %s handled but not marked so: a restart handles it again", key)
        finally:
            self._active.discard(update.update_id)

    def abandon(self, update: Update) -> None:
        """Handling stopped half-way (shutdown): the update stays pending for the next start."""
        self._active.discard(update.update_id)

    def pending(self, bot: Bot) -> list[Update]:
        """The updates journaled and not handled, oldest first (skipping any that no longer
        decode, which are marked handled with a warning)."""
        updates = []
        for entry in self.store.inbound.pending():
            try:
                updates.append(Update.de_json(json.loads(entry.payload or "null"), bot))
            except Exception:
                log.warning("journaled update %s cannot be decoded; dropped", entry.update_id)
                now = self.clock.now()
                self.store.inbound.save(
                    Inbound(entry.id, entry.update_id, entry.received_at, None, now)
                )
        return updates

    async def replay(self, queue: asyncio.Queue[object], bot: Bot) -> int:
        """Put the pending updates back into ``queue``; returns how many."""
        updates = self.pending(bot)
        for update in updates:
            await queue.put(update)
        if updates:
            log.info("intake: %d update(s) received before the last stop are handled now",
                     len(updates))  # fmt: skip
        return len(updates)

    def _prune(self) -> None:
        handled = self.store.inbound.handled()
        if len(handled) > KEEP_HANDLED + PRUNE_BATCH:
            for old in handled[: len(handled) - KEEP_HANDLED]:
                self.store.inbound.delete(old.id)
            userstate.expire(self.store, self.clock.now())


class JournalingQueue(asyncio.Queue[object]):
    """The application's update queue: an update is journaled durably before it is queued."""

    def __init__(self, intake: Intake) -> None:
        super().__init__()
        self.intake = intake

    async def put(self, item: object) -> None:
        """Journal an update (PTB's stop signal and other objects pass as they are), then queue
        it."""
        if isinstance(item, Update):
            self.intake.journal(item)
        await super().put(item)


class DubanApplication(
    Application[ExtBot[None], Context, UserData, dict[Any, Any], BotData, JobQueue[Context]]
):
    """PTB's ``Application`` with the intake's rules around each update: skipped if handled
    before, its replies keyed by the update, marked handled afterwards."""

    async def process_update(self, update: object) -> None:
        """Handle ``update`` once (see the module's docstring)."""
        intake = getattr(self.bot_data, "intake", None)
        if not isinstance(update, Update) or intake is None:
            await super().process_update(update)
            return
        if not intake.begin(update):
            log.info("update %s was handled before; skipped", update.update_id)
            return
        try:
            seed = intake.resume(update)
            user = update.effective_user
            before = self._load_user(intake, user.id) if user is not None else None
        except Exception:  # the store refuses (e.g. a full disk): keep it for the next start
            log.exception("update %s cannot be prepared; it is handled at the next start",
                          update.update_id)  # fmt: skip
            intake.abandon(update)
            return
        try:
            with handling(update.update_id) as scope, seeded(seed):
                await super().process_update(update)
        except BaseException:
            intake.abandon(update)
            raise
        intake.finish(update, scope.keys, self._changed(intake, user, before))

    def _changed(self, intake: Intake, user: User | None, before: str | None) -> UserState | None:
        """The user's state to save, if the handlers changed it."""
        data = self._user_data.get(user.id) if user is not None else None
        if user is None or data is None or userstate.dump(data) == before:
            return None
        return userstate.record(user.id, data, intake.clock.now())

    def _load_user(self, intake: Intake, user_id: int) -> str:
        """Put the user's stored state where the handlers' ``context.user_data`` reads it;
        returns it as stored, to tell later whether the handlers changed it."""
        data = intake.user_data(user_id)
        self._user_data[user_id] = data
        return userstate.dump(data)
