"""Durable intake: every update is journaled before Telegram is told it arrived, handled once,
and handled after a crash.

**Journal first.** Both ways updates arrive put them into the application's ``update_queue``
before acknowledging them: long polling puts each update of a ``getUpdates`` batch, then asks for
the next batch with an offset past them (that request is what tells Telegram they arrived); the
webhook server puts the update, then answers 200. The queue here (:class:`JournalingQueue`)
writes the update to the store's intake journal, durably: a webhook's inside ``put``; a polled
batch's entries together (``put`` starts each one's write; they share fsyncs), each update
queued, in order, once its entry is durable, and the next ``getUpdates`` request waits until
every one is (:meth:`JournalingQueue.settle`). So the offset moves past an update, or the
webhook answers 200, only once the update is on disk. If the write fails (a full disk), the
request for the next batch, or ``put``, raises a ``NetworkError``: the polling loop backs off
and asks again with the same offset (the failed entry is written again first); the webhook
answers 500 and Telegram delivers again later.

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
:mod:`bot.effects`. The same holds when a survivor takes over the update of a process that
died (below): its claim expired, so nothing of it is still running.

**One fsync per update.** The handlers' writes (the report with its effects, the outbox's
record of each confirmed reply) are made lazily (``store.lazily()``): each is in the store, and
in the kernel, when the next step runs, so a killed process loses none of them, but none waits
for the disk. The commit that marks the update handled is durable and is never on disk without
them (the store syncs them first): the journal entry's fsync comes before the handlers, that
commit's after their last reply. A power cut before it (not a kill) may lose what the
handlers wrote: the update is still pending, so it is handled again after the restart, as after
a kill, and its replies whose records were lost are sent again (at most the replies of the
update in flight). An acknowledged reply is never lost: the update that made it is either
marked handled, with its writes durable, or handled again.

**The fsyncs are awaited, not waited for on the event loop.** Both durable commits of an
update, the journal entry's (:meth:`Intake.journal_async`, in ``put``) and the one marking it
handled (:meth:`Intake.finish_async`), go through ``store.atomic_async()``: the transaction is
applied and its record taken on the loop, in the same order as before, then the task awaits
the fsync, which runs in the store's fsync thread and covers every record taken meanwhile. So
while one update's fsync runs, the loop goes on (webhook requests, jobs, the next update's
handlers), and updates committing at once (webhook requests arriving together, a polled batch,
an update finishing while the next batch is journaled) share one fsync. A webhook's ``put``
still returns only once the entry is durable, a polled update is queued only once its entry is,
and an update is released (and its sender's next one handed over) only once its mark is; an
fsync that fails fails every commit it covered, as for a thread.

**Conversation state** (:mod:`bot.userstate`) is read fresh from the store before an update of
the user is handled and saved, when it changed, in the transaction that marks it handled: any
process sees it.

**Bounded.** A pending entry keeps the update's JSON until it is handled; then only its id and
times are kept, and only the newest :data:`~bot.domain.delivery.KEEP_HANDLED` of those.

**Several processes on one database** (PostgreSQL, webhook mode behind a load balancer). Any
process may receive any update, and Telegram may deliver one to two of them.

- *Handled once*: journaling inserts only a new entry (a second delivery never turns a handled
  entry back into a pending one), and :meth:`Intake.begin` claims the entry in one conditional
  ``UPDATE`` before handling it: one process wins, the others skip it. A claim lasts
  ``lease_seconds`` and is renewed every third of that while the update is handled, so the claim
  of a process that died expires and a survivor takes the update over.
- *One person's updates in order*: each entry records its sender, and an update is not claimed
  while an earlier update of the same sender is pending (wherever it is). The process that
  finishes an update hands its sender's next pending update to its own queue, so the deferred
  one is handled as soon as its turn comes.
- *Nothing left behind*: every third of the lease each process also puts the pending updates
  it does not hold back into its queue (the claim keeps them from being handled twice).

The embedded store serves one process (its directory lock refuses a second), so there a claim is
the in-process check alone and no watch runs.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import json
import logging
import os
import socket
import uuid
from collections.abc import Awaitable, Callable, Iterable, Iterator
from typing import Any

from telegram import Bot, Update, User
from telegram.error import NetworkError
from telegram.ext import Application, ExtBot, JobQueue
from telegram.request import BaseRequest

from bot import effects, userstate
from bot.context import BotData, Context, UserData
from bot.domain.clock import Clock
from bot.domain.delivery import KEEP_HANDLED, Claim, Inbound, UserState, inbound_id
from bot.domain.ids import seeded
from bot.domain.ports import Store
from bot.outbox import handling

log = logging.getLogger(__name__)

#: Handled entries are pruned in batches of this many beyond :data:`KEEP_HANDLED`.
PRUNE_BATCH = 100
#: How long a process's claim on an update lasts unless renewed (``DUBAN_LEASE_SECONDS``).
DEFAULT_LEASE = 30.0


class JournalUnavailable(NetworkError):
    """The journal could not be written: the update is not acknowledged (fetched again later)."""


class Intake:
    """The intake journal's rules over the store's ``inbound`` repository."""

    def __init__(
        self, store: Store, clock: Clock, *, lease_seconds: float = DEFAULT_LEASE
    ) -> None:
        self.store = store
        self.clock = clock
        self.lease_seconds = lease_seconds
        #: This process among those sharing the store (host, pid and a random part).
        self.owner = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self._active: set[int] = set()  # update ids being handled now
        self._waiting: set[int] = set()  # update ids in this process's queue, not begun
        self._watch: asyncio.Task[None] | None = None
        self.skipped = 0  # deliveries recognised as already handled or under way
        self.deferred = 0  # updates left to another process or to their sender's turn

    @property
    def shared(self) -> bool:
        """Whether other processes serve the same store (then claims and the watch matter)."""
        return self.store.leases.shared

    def journal(self, update: Update) -> None:
        """Write the update durably unless the journal already has it (raises
        :class:`JournalUnavailable` if the write fails)."""
        try:
            self.store.inbound.add(self._entry(update))
        except Exception as exc:
            raise self._unavailable(update, exc) from exc

    async def journal_async(self, update: Update) -> None:
        """As :meth:`journal`, the fsync awaited: updates journaled at once share one, and
        the event loop goes on meanwhile (see the module's docstring)."""
        try:
            async with self.store.atomic_async():
                self.store.inbound.add(self._entry(update))
        except Exception as exc:
            raise self._unavailable(update, exc) from exc

    def _entry(self, update: Update) -> Inbound:
        key = inbound_id(update.update_id)
        payload = json.dumps(update.to_dict(), ensure_ascii=False, separators=(",", ":"))
        user = update.effective_user
        return Inbound(key, update.update_id, self.clock.now(), payload,
                       user_id=user.id if user is not None else None)  # fmt: skip

    @staticmethod
    def _unavailable(update: Update, exc: Exception) -> JournalUnavailable:
        key = inbound_id(update.update_id)
        log.warning("update %s not journaled (%s): it will be fetched again", key, exc)
        return JournalUnavailable(f"the update journal cannot be written: {exc}")

    def begin(self, update: Update) -> bool:
        """Whether the update is to be handled now: not handled before, not under way here, and
        claimed for this process (see the module's docstring)."""
        self._waiting.discard(update.update_id)
        if update.update_id in self._active:
            self.skipped += 1
            return False
        key = inbound_id(update.update_id)
        try:
            claim = self._claim(update, key)
        except Exception as exc:  # the database is away: the update stays pending
            log.warning("update %s not claimed (%s): it is handled later", key, exc)
            self.deferred += 1
            return False
        if claim is not Claim.TAKEN:
            self.skipped += claim is Claim.HANDLED
            self.deferred += claim is Claim.BUSY
            return False
        self._active.add(update.update_id)
        return True

    def _claim(self, update: Update, key: str) -> Claim:
        entry = self.store.inbound.get(key)
        if entry is not None and entry.handled:
            return Claim.HANDLED
        if entry is None:  # processed without the queue (e.g. a test): journal it too
            try:
                self.journal(update)
            except JournalUnavailable:  # logged; handle it all the same
                return Claim.TAKEN
        return self.store.inbound.claim(key, self.owner, self.lease_seconds)

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
        user's changed conversation ``state``, in one durable transaction."""
        with self._finishing(update), self.store.atomic():
            self._mark(update, replies, state)

    async def finish_async(
        self, update: Update, replies: Iterable[str] = (), state: UserState | None = None
    ) -> None:
        """As :meth:`finish`, the fsyncs awaited (the handlers' lazy writes', then its own):
        updates finishing at once share them, and the event loop goes on meanwhile."""
        with self._finishing(update):
            async with self.store.atomic_async():
                self._mark(update, replies, state)

    @contextlib.contextmanager
    def _finishing(self, update: Update) -> Iterator[None]:
        """Around marking the update handled: a failure is logged (a restart handles it
        again), and the update is no longer under way here, whatever happened."""
        try:
            yield
        except Exception:
            log.exception("update %s handled but not marked so: a restart handles it again",
                          inbound_id(update.update_id))  # fmt: skip
        finally:
            self._active.discard(update.update_id)

    def _mark(self, update: Update, replies: Iterable[str], state: UserState | None) -> None:
        """The writes of :meth:`finish` (inside its transaction)."""
        key = inbound_id(update.update_id)
        entry = self.store.inbound.get(key)
        received = entry.received_at if entry is not None else self.clock.now()
        user_id = entry.user_id if entry is not None else None
        done = Inbound(key, update.update_id, received, None, self.clock.now(), user_id)
        self.store.inbound.save(done)
        for reply in replies:
            self.store.sent.delete(reply)
        effects.forget(self.store, update.update_id)
        if state is not None:
            self.store.user_state.save(state)
        self._prune()

    def abandon(self, update: Update) -> None:
        """Handling stopped half-way (shutdown): the update stays pending for the next start."""
        self._active.discard(update.update_id)

    def queued(self, update: Update) -> None:
        """The update was put into this process's queue (the watch need not put it again)."""
        self._waiting.add(update.update_id)

    def pending(self, bot: Bot) -> list[Update]:
        """The updates journaled and not handled, oldest first (skipping any that no longer
        decode, which are marked handled with a warning)."""
        return self._decoded(self.store.inbound.pending(), bot)

    def _decoded(self, entries: Iterable[Inbound], bot: Bot) -> list[Update]:
        updates = []
        for entry in entries:
            try:
                updates.append(Update.de_json(json.loads(entry.payload or "null"), bot))
            except Exception:
                log.warning("journaled update %s cannot be decoded; dropped", entry.update_id)
                now = self.clock.now()
                dropped = Inbound(
                    entry.id, entry.update_id, entry.received_at, None, now, entry.user_id
                )
                self.store.inbound.save(dropped)
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

    async def hand_over(self, update: Update, queue: asyncio.Queue[object], bot: Bot) -> None:
        """After ``update``: its sender's next pending update (deferred by another process
        while this one was under way) goes into this process's queue."""
        user = update.effective_user
        if not self.shared or user is None:
            return
        try:
            entries = await asyncio.to_thread(self.store.inbound.pending_for_user, user.id)
        except Exception as exc:
            log.warning("the next update of a sender cannot be read (%s): the watch finds it", exc)
            return
        later = [e for e in entries if e.update_id > update.update_id][:1]
        for following in self._decoded(later, bot):
            if following.update_id not in self._active | self._waiting:
                await queue.put(following)

    def start_watch(self, queue: asyncio.Queue[object], bot: Bot) -> None:
        """With a shared store: renew this process's claims and put back pending updates that
        no live process holds, every third of the lease, until :meth:`stop_watch`."""
        if self.shared and self._watch is None:
            self._watch = asyncio.create_task(self._watching(queue, bot), name="intake-watch")

    async def stop_watch(self) -> None:
        """Stop the watch (shutdown)."""
        if self._watch is not None:
            self._watch.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._watch
            self._watch = None

    async def _watching(self, queue: asyncio.Queue[object], bot: Bot) -> None:
        while True:
            await asyncio.sleep(self.lease_seconds / 3)
            try:
                await self.sweep(queue, bot)
            except Exception as exc:  # the database is away: try again next round
                log.warning("intake watch: %s", exc)

    async def sweep(self, queue: asyncio.Queue[object], bot: Bot) -> int:
        """Renew this process's claims, then queue the pending updates it neither handles nor
        holds in its queue; returns how many were queued."""
        if self._active:
            await asyncio.to_thread(self.store.inbound.renew, self.owner, self.lease_seconds)
        entries = await asyncio.to_thread(self.store.inbound.pending)
        mine = self._active | self._waiting
        updates = self._decoded([e for e in entries if e.update_id not in mine], bot)
        for update in updates:
            await queue.put(update)
        return len(updates)

    def _prune(self) -> None:
        handled = self.store.inbound.handled()
        if len(handled) > KEEP_HANDLED + PRUNE_BATCH:
            for old in handled[: len(handled) - KEEP_HANDLED]:
                self.store.inbound.delete(old.id)
            userstate.expire(self.store, self.clock.now())


class JournalingQueue(asyncio.Queue[object]):
    """The application's update queue: an update is journaled durably before it is queued.

    A webhook request's update (and any put before polling starts) is journaled inside
    ``put``, which returns once it is durable. A polled batch is journaled together: PTB puts
    its updates one after another, so once polling has begun (:meth:`settle`, before each
    ``getUpdates``) ``put`` only starts the update's journaling and returns; the entries of the
    batch share fsyncs, and each update is queued, in order, once its entry is durable. The
    next ``getUpdates`` (which tells Telegram the batch arrived) waits in :meth:`settle` until
    every update put before it is durable and queued."""

    def __init__(self, intake: Intake) -> None:
        super().__init__()
        self.intake = intake
        self._polled = False  # settle() was called: puts are polled updates
        self._held: collections.deque[tuple[Update, asyncio.Task[None]]] = collections.deque()
        self._releasing: asyncio.Task[None] | None = None

    async def put(self, item: object) -> None:
        """Journal an update (PTB's stop signal and other objects pass as they are), then queue
        it; a polled update is queued later, once durable (see the class)."""
        if isinstance(item, Update):
            if self._polled:
                self._hold(item)
                return
            await self.intake.journal_async(item)
            self.intake.queued(item)
        await super().put(item)

    def _hold(self, update: Update) -> None:
        """Start journaling a polled update; it is queued once durable, after those before it."""
        journaling = asyncio.create_task(self.intake.journal_async(update))
        self._held.append((update, journaling))
        if self._releasing is None or self._releasing.done():
            self._releasing = asyncio.create_task(self._release())

    async def _release(self) -> None:
        """Queue the held updates in order, each once its entry is durable. An entry that
        could not be written is journaled once more; if that fails too, it and those after it
        stay held (:meth:`settle` tries again before the next ``getUpdates``)."""
        held = self._held
        while held:
            update, journaling = held[0]
            if not journaling.done():
                await asyncio.wait((journaling,))
            if journaling.cancelled() or journaling.exception() is not None:
                retry = asyncio.create_task(self.intake.journal_async(update))
                held[0] = (update, retry)
                await asyncio.wait((retry,))
                if retry.cancelled() or retry.exception() is not None:
                    return
            held.popleft()
            self.intake.queued(update)
            self.put_nowait(update)

    async def settle(self) -> None:
        """Before each ``getUpdates``: return once every update put so far is durable and
        queued, or raise :class:`JournalUnavailable` (then PTB asks again later, with the
        same offset, and this tries again). From the first call on, puts are polled ones."""
        self._polled = True
        if not self._held:
            return
        if self._releasing is None or self._releasing.done():
            self._releasing = asyncio.create_task(self._release())
        await asyncio.wait((self._releasing,))
        if self._held:
            raise JournalUnavailable(
                f"{len(self._held)} polled update(s) not journaled yet: not acknowledged"
            )

    def settling(self, request: BaseRequest) -> BaseRequest:
        """``request`` (PTB's ``getUpdates`` request) made to :meth:`settle` before each call."""
        return _Settling(request, self.settle)


class _Settling(BaseRequest):
    """PTB's ``getUpdates`` request, each call after ``settle`` returned: Telegram is told a
    batch arrived (by the next call's offset) only once every update of it is durable."""

    def __init__(self, inner: BaseRequest, settle: Callable[[], Awaitable[None]]) -> None:
        self._inner = inner
        self._settle = settle

    @property
    def read_timeout(self) -> float | None:
        """The inner request's."""
        return self._inner.read_timeout

    async def initialize(self) -> None:
        """The inner request's."""
        await self._inner.initialize()

    async def shutdown(self) -> None:
        """The inner request's."""
        await self._inner.shutdown()

    async def do_request(self, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        """Settle the updates put so far, then make the call."""
        await self._settle()
        return await self._inner.do_request(*args, **kwargs)


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
            log.info("update %s skipped here: handled before, under way, or after its "
                     "sender's earlier update", update.update_id)  # fmt: skip
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
            with handling(update.update_id) as scope, seeded(seed), intake.store.lazily():
                await super().process_update(update)
        except BaseException:
            intake.abandon(update)
            raise
        await intake.finish_async(update, scope.keys, self._changed(intake, user, before))
        _run_after(scope.after)
        await intake.hand_over(update, self.update_queue, self.bot)

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


def _run_after(work: list[Callable[[], None]]) -> None:
    """What the handlers left for after their update (:func:`bot.outbox.scope.after_handled`),
    each once; a failure is logged and the rest still run."""
    for item in work:
        try:
            item()
        except Exception:
            log.exception("work after an update failed")
