"""The shared store: indexed collections, transactions with undo, and a journal hook.

A transaction applies writes to memory at once (so the block reads its own writes) and keeps an
undo log. When the outermost ``atomic()`` block exits normally, the final state of every touched
entity goes to the journal in one ``commit``; the block exits only after ``wait`` says that
record is durable. If the block or the commit raises, the undo log restores memory and nothing
reaches the journal. Nested blocks are savepoints.

Group commit: ``wait`` runs outside the store's lock, so while one thread's fsync is in flight
other threads commit their records, and the next fsync makes all of them durable at once. A
commit is acknowledged (its block exits) only once its own record is durable; it takes the
store's lock once (the undo logs of durable commits are dropped by a later commit). Should an fsync
fail, every transaction not yet durable is undone, newest first, and each raises.

Awaited: :meth:`IndexedStore.atomic_async` commits as ``atomic`` does, but its task awaits the
fsync instead of waiting for it on the event loop (:meth:`IndexedStore.synced`: one fsync at a
time runs in a worker thread and covers every record taken before it began; the tasks it
covers resume together, the first one it does not cover starts the next). Tasks of one loop
thus share fsyncs as threads do, and the loop runs while the disk works.

Written, durable later: inside :meth:`IndexedStore.lazily` (this task only) a commit returns
once its record is written to the log (in the kernel: a killed process loses nothing), and
becomes durable with the next fsync, at the latest with :meth:`IndexedStore.sync`, the next
durable commit (which syncs them first, so it is never on disk without them) or once
:data:`~storage.lazy.LAZY_BACKLOG` such commits wait. The intake handles each update so: its
writes are durable with the commit that marks it handled (``bot.intake``).
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections import deque
from collections.abc import AsyncIterator, Callable, Iterator, Mapping, Sequence
from contextlib import asynccontextmanager, contextmanager
from typing import Any, NamedTuple, Protocol

from bot.domain import ports
from storage import repos
from storage.collection import Collection
from storage.lazy import DEFERRED, LAZY, LAZY_BACKLOG, deferred_block, lazy_block
from storage.leases import LocalLeases


class Change(NamedTuple):
    """The committed state of one entity: stored under ``seq``, or deleted (``item`` None).

    ``before`` is the entity as it was when the transaction began (None if new). A named
    tuple, not a frozen dataclass: every commit makes one per entity, and this is cheaper.
    """

    collection: str
    key: str
    seq: int
    item: object | None
    before: object | None = None


class Journal(Protocol):
    """Where committed transactions go (nowhere for the memory adapter, a log on disk else)."""

    def commit(self, changes: Sequence[Change]) -> int | None:
        """Record the changes; return a ticket for ``wait`` (None: durable already), or raise."""
        ...

    def flush(self, ticket: int) -> None:
        """Return once the commit with this ticket is written (a killed process keeps it)."""
        ...

    def wait(self, ticket: int) -> None:
        """Return once the commit with this ticket is durable, or raise."""
        ...

    @property
    def durable(self) -> int:
        """The highest ticket known durable."""
        ...

    @property
    def written(self) -> int:
        """The highest ticket handed out (durable or not)."""
        ...

    @property
    def due(self) -> bool:
        """Whether ``maintain`` has work to do."""
        ...

    def maintain(self) -> None:
        """Housekeeping after a transaction was acknowledged (e.g. a checkpoint)."""
        ...

    def close(self) -> None:
        """Flush and release resources."""
        ...


class NullJournal:
    """Keeps nothing: the in-memory adapter."""

    def commit(self, changes: Sequence[Change]) -> None:
        """Nothing to persist."""

    def flush(self, ticket: int) -> None:
        """Nothing is ever pending."""

    def wait(self, ticket: int) -> None:
        """Nothing is ever pending."""

    @property
    def durable(self) -> int:
        """Nothing is ever pending."""
        return 0

    @property
    def written(self) -> int:
        """Nothing is ever pending."""
        return 0

    @property
    def due(self) -> bool:
        """Nothing to tidy."""
        return False

    def maintain(self) -> None:
        """Nothing to tidy."""

    def close(self) -> None:
        """Nothing to release."""


def _current_task() -> object | None:
    try:
        return asyncio.current_task()
    except RuntimeError:  # no event loop in this thread
        return None


_Undo = tuple[Collection[Any], str, object | None, int | None]


class IndexedStore:
    """Every repository of ``bot.domain.ports.Store`` over in-memory indexed collections."""

    def __init__(self, journal: Journal | None = None) -> None:
        self._journal: Journal = journal or NullJournal()
        self._lock = threading.RLock()
        self._undo: list[_Undo] = []
        self._depth = 0
        self._owner: object | None = None  # the asyncio task of the open transaction
        self._holder: int | None = None  # the thread of the open transaction
        self._next_seq = 1
        self._closed = False
        self._unsynced: deque[tuple[int, list[_Undo]]] = deque()  # (ticket, undo log), in
        # ticket order, kept until durable (dropped by a later commit, under the lock it holds)
        self._lazy = 0  # lazy commits not yet known durable
        self._lazy_upto = 0  # the ticket of the last of them
        self._round: tuple[asyncio.Future[None], int] | None = None  # the awaited fsync in
        # flight (see synced) and the last ticket it covers
        #: Told each durable commit's duration in seconds (the composition root feeds metrics).
        self.commit_observer: Callable[[float], None] | None = None
        self.teams: ports.TeamRepo = repos.Teams(self)
        self.settings: ports.SettingsRepo = repos.Settings(self)
        self.units: ports.UnitRepo = repos.Units(self)
        self.people: ports.PersonRepo = repos.People(self)
        self.invites: ports.InviteRepo = repos.Invites(self)
        self.leaves: ports.LeaveRepo = repos.Leaves(self)
        self.plans: ports.PlanRepo = repos.Plans(self)
        self.measures: ports.MeasureRepo = repos.Measures(self)
        self.pending_imports: ports.PendingImportRepo = repos.PendingImports(self)
        self.assignments: ports.AssignmentRepo = repos.Assignments(self)
        self.cycles: ports.CycleRepo = repos.Cycles(self)
        self.prompts: ports.PromptRepo = repos.Prompts(self)
        self.reports: ports.ReportRepo = repos.Reports(self)
        self.reminders: ports.ReminderRepo = repos.Reminders(self)
        self.closeouts: ports.CloseoutRepo = repos.Closeouts(self)
        self.extensions: ports.ExtensionRepo = repos.Extensions(self)
        self.audit: ports.AuditLog = repos.Audit(self)
        self.inbound: ports.InboundRepo = repos.InboundUpdates(self)
        self.sent: ports.SentRepo = repos.SentRecords(self)
        self.leases: ports.Leases = LocalLeases()
        self.effects: ports.EffectRepo = repos.Effects(self)
        self.user_state: ports.UserStateRepo = repos.UserStates(self)
        self.leader_links: ports.LeaderLinkRepo = repos.LeaderLinks(self)
        self.escalations: ports.EscalationRepo = repos.Escalations(self)
        found = (value for value in vars(self).values() if isinstance(value, Collection))
        self._collections = {collection.name: collection for collection in found}

    @property
    def collections(self) -> Mapping[str, Collection[Any]]:
        """Every collection by name."""
        return self._collections

    @contextmanager
    def atomic(self) -> Iterator[None]:
        """Group writes: all are durable together when the block exits, none if it raises.
        A durable commit is never durable without the lazy ones before it: they are synced
        first (the log's records may reach the disk in any order until an fsync returns)."""
        ticket: int | None = None
        committed, started = False, 0.0
        if self._lazy and self._depth == 0 and not LAZY.get():
            self.sync()
        with self._lock:
            self._check_open()
            self._claim()
            mark = len(self._undo)
            self._depth += 1
            self._holder = threading.get_ident()
            try:
                yield
                if self._depth == 1:
                    started = time.perf_counter()
                    committed, ticket = self._commit()
                    if ticket is not None and LAZY.get():
                        self._journal.flush(ticket)  # written before the lock is let go
            except BaseException:
                self._rollback(mark)
                raise
            finally:
                self._depth -= 1
                if self._depth == 0:
                    self._holder = None
                    if ticket is not None:
                        self._keep_undo(ticket)
                    self._undo = []
            if self._depth > 0:
                return
            deferred = DEFERRED.get()
            if ticket is not None and deferred is not None:
                deferred.append(started)
                return  # taken: atomic_async awaits its fsync
            if ticket is not None and LAZY.get():
                self._lazy += 1
                self._lazy_upto = ticket
                if self._lazy < LAZY_BACKLOG:
                    return  # written: durable with the next fsync (see the module)
        if ticket is not None:
            self._await(ticket)
        if committed and self.commit_observer is not None:
            self.commit_observer(time.perf_counter() - started)  # until durable
        self._checkpoint_if_due()

    def _checkpoint_if_due(self) -> None:
        """Checkpoint if the log asks for it and no transaction is open (after a commit is
        durable, never under one)."""
        if self._journal.due:
            with self._lock:
                if self._depth == 0 and not self._closed:
                    self._journal.maintain()

    def _keep_undo(self, ticket: int) -> None:
        """Keep a committed transaction's undo log until it is durable (the lock held); drop
        those durable already (so a durable commit takes the lock once, not again after)."""
        unsynced, durable = self._unsynced, self._journal.durable
        while unsynced and unsynced[0][0] <= durable:
            unsynced.popleft()
        unsynced.append((ticket, self._undo))

    def _await(self, ticket: int) -> None:
        """Wait (without the lock) until the commit is durable; undo what never became so."""
        try:
            self._journal.wait(ticket)
        except BaseException:
            with self._lock:
                durable, unsynced = self._journal.durable, self._unsynced
                while unsynced and unsynced[-1][0] > durable:  # newest first
                    for collection, key, old, old_seq in reversed(unsynced.pop()[1]):
                        collection.apply(key, old, old_seq)
            raise
        if self._lazy:
            with self._lock:
                if ticket >= self._lazy_upto:  # (not those written while this one waited)
                    self._lazy = 0

    @asynccontextmanager
    async def atomic_async(self) -> AsyncIterator[None]:
        """As :meth:`atomic`, but the task awaits the commit's fsync: the event loop runs
        meanwhile, and tasks committing at once share one fsync (see :meth:`synced`). The block
        itself must not await; lazy commits of any task made before it are durable first."""
        if self._lazy and not LAZY.get():
            await self.synced()
        with deferred_block() as started, self.atomic():
            yield
        await self.synced()
        if started and self.commit_observer is not None:
            self.commit_observer(time.perf_counter() - started[0])  # until durable
        self._checkpoint_if_due()

    async def synced(self) -> None:
        """Return once every commit made so far is durable, without blocking the event loop.

        The fsync runs in a worker thread (:meth:`_await`, so a failure undoes what it covered,
        as for a thread); every commit written before it began is durable when it returns, and
        every task waiting for one of them resumes then. A task whose commit came later waits
        for that round, then the first such task starts the next round for all of them. A
        failed fsync fails every task whose commit it covered (and the log refuses writes)."""
        with self._lock:
            self._check_open()
            ticket = self._journal.written
        loop = asyncio.get_running_loop()
        while self._journal.durable < ticket:
            current = self._round
            if current is None or current[0].done() or current[0].get_loop() is not loop:
                target = self._journal.written
                current = (loop.run_in_executor(None, self._await, target), target)
                self._round = current
            await asyncio.shield(current[0])

    @contextmanager
    def lazily(self) -> Iterator[None]:
        """Inside the block (this task only), a commit returns once written, not once durable:
        it becomes durable, in order, with a later fsync (see the module); :meth:`sync`."""
        with lazy_block():
            yield

    def sync(self) -> None:
        """Make every commit made so far durable (the lazy ones included)."""
        with self._lock:
            self._check_open()
            ticket = self._journal.written
        if ticket > self._journal.durable:
            self._await(ticket)
        self._checkpoint_if_due()  # now, after the update's replies, not under one

    def _claim(self) -> None:
        """Tie an open transaction to its asyncio task: the lock alone cannot tell coroutines
        of one thread apart, so a block held across an ``await`` would swallow other writes."""
        task = _current_task()
        if self._depth == 0:
            self._owner = task
        elif self._owner is not task:
            raise RuntimeError(
                "another task's store.atomic() block is open: do not await inside atomic()"
            )

    def write(self, collection: Collection[Any], key: str, item: object | None) -> None:
        """Store or delete one entity inside the current (or a new) transaction."""
        if (
            self._depth
            and self._holder == threading.get_ident()
            and self._owner is _current_task()
            and not self._closed
        ):  # inside this thread's and task's open block: one write needs no savepoint of its own
            self._apply(collection, key, item)
            return
        with self.atomic():
            self._apply(collection, key, item)

    def _apply(self, collection: Collection[Any], key: str, item: object | None) -> None:
        for month in collection.warm(key, item):  # (a checkpoint writes the month's file whole:
            for other in self.collections.values():  # every collection's documents in memory)
                if other is not collection:
                    other.thaw(month)
        seq = collection.seq_of(key)
        if item is not None and seq is None:
            seq, self._next_seq = self._next_seq, self._next_seq + 1
        old, old_seq = collection.apply(key, item, seq)
        self._undo.append((collection, key, old, old_seq))

    def _commit(self) -> tuple[bool, int | None]:
        """Hand the transaction to the journal: whether there was anything, and its ticket."""
        first: dict[tuple[str, str], _Undo] = {}
        for undo in self._undo:
            first.setdefault((undo[0].name, undo[1]), undo)
        changes = [self._change_of(coll, key, before) for coll, key, before, _ in first.values()]
        return (True, self._journal.commit(changes)) if changes else (False, None)

    @staticmethod
    def _change_of(collection: Collection[Any], key: str, before: object | None) -> Change:
        seq = collection.seq_of(key)
        return Change(collection.name, key, seq or 0, collection.get(key), before)

    def _rollback(self, mark: int) -> None:
        while len(self._undo) > mark:
            collection, key, old, old_seq = self._undo.pop()
            collection.apply(key, old, old_seq)

    def _check_open(self) -> None:
        if self._closed:
            raise RuntimeError("the store is closed")

    def fill(self, collection: str, entries: Sequence[tuple[str, int, object]]) -> None:
        """Load a collection while opening a store (entries in seq order; no journal)."""
        self._collections[collection].fill(entries)
        self._next_seq = max([self._next_seq, *(seq + 1 for _, seq, _ in entries[-1:])])

    def close(self) -> None:
        """Flush the journal and refuse further writes."""
        with self._lock:
            if not self._closed:
                self._closed = True
                self._journal.close()
