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
fsync instead of waiting for it on the event loop (:meth:`IndexedStore.synced`: one round at a
time per loop runs in the store's fsync thread and covers every record taken before it began;
the tasks it covers resume together, each woken once through a future of its own, and those it
does not cover start the next round together when it ends). Tasks of one loop thus share
fsyncs as threads do, and the loop runs while the disk works. A cancelled task stops waiting
(its commit stays taken and becomes durable with the round); the others' round goes on. The
blocks are classes, not generator context managers: every commit enters one.

Written, durable later: inside :meth:`IndexedStore.lazily` (this task only) a commit returns
once its record is written to the log (in the kernel: a killed process loses nothing), and
becomes durable with the next fsync, at the latest with :meth:`IndexedStore.sync`, the next
durable commit (which syncs them first, so it is never on disk without them) or once
:data:`~storage.lazy.LAZY_BACKLOG` such commits wait. The intake handles each update so: its
writes are durable with the commit that marks it handled (``bot.intake``).
"""

from __future__ import annotations

import asyncio
import queue
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from types import TracebackType
from typing import Any, NamedTuple, Protocol

from bot.domain import ports
from storage import repos
from storage.collection import Collection
from storage.lazy import LAZY, LAZY_BACKLOG, lazy_block
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


def _current_task(current: Callable[[], object] = asyncio.current_task) -> object | None:
    try:
        return current()
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
        self._rounds: dict[asyncio.AbstractEventLoop, _Rounds] = {}  # the awaited fsyncs of
        # each event loop (see synced), while it has some
        self._fsyncer = _Fsyncer(self._await)
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

    def atomic(self) -> _Transaction:
        """Group writes: all are durable together when the block exits, none if it raises.
        A durable commit is never durable without the lazy ones before it: they are synced
        first (the log's records may reach the disk in any order until an fsync returns, and
        replay skips a damaged record to apply the intact ones after it)."""
        return _Transaction(self, False)

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

    def atomic_async(self) -> _Awaited:
        """As :meth:`atomic`, but the task awaits the commit's fsync: the event loop runs
        meanwhile, and tasks committing at once share one fsync (see :meth:`synced`). The block
        itself must not await; lazy commits of any task made before it are durable first."""
        return _Awaited(self)

    async def synced(self) -> None:
        """Return once every commit made so far is durable, without blocking the event loop.

        The fsync runs in the store's fsync thread (:meth:`_await`, so a failure undoes what it
        covered, as for a thread); every commit written before it began is durable when it
        returns, and every task waiting for one of them resumes then. A task whose commit came
        later waits for that round, then the next round starts for all of them. A failed fsync
        fails every task whose commit it covered (and the log refuses writes)."""
        self._check_open()
        ticket = self._journal.written
        if self._journal.durable < ticket:
            await self._durable(ticket)

    def _durable(self, ticket: int) -> asyncio.Future[None]:
        """A future of this loop done once commit ``ticket`` is durable (or failed with the
        fsync that should have made it so); one round of fsyncs per loop at a time."""
        loop = asyncio.get_running_loop()
        rounds = self._rounds.get(loop)
        if rounds is None:
            rounds = self._rounds[loop] = _Rounds(self, loop)
        return rounds.wait(ticket)

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
                self._fsyncer.stop()
                self._journal.close()


class _Transaction:
    """One ``store.atomic()`` block (a class, not a generator: every commit enters one).

    ``deferred``: the block of an awaited commit (:class:`_Awaited`): its commit is taken,
    not waited for; ``ticket`` and ``started`` tell the awaiting task what to await."""

    __slots__ = ("_deferred", "_mark", "_store", "started", "ticket")

    def __init__(self, store: IndexedStore, deferred: bool) -> None:
        self._store = store
        self._deferred = deferred
        self._mark = 0
        self.ticket: int | None = None
        self.started = 0.0

    def __enter__(self) -> None:
        store = self._store
        if store._lazy and store._depth == 0 and not LAZY.get():
            store.sync()
        lock = store._lock
        lock.acquire()
        try:
            store._check_open()
            store._claim()
        except BaseException:
            lock.release()
            raise
        self._mark, self.ticket = len(store._undo), None
        store._depth += 1
        store._holder = threading.get_ident()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        store = self._store
        ticket: int | None = None
        committed, started = False, 0.0
        try:
            try:
                if kind is not None:
                    store._rollback(self._mark)
                elif store._depth == 1:
                    started = time.perf_counter()
                    committed, ticket = store._commit()
                    if ticket is not None and LAZY.get():
                        store._journal.flush(ticket)  # written before the lock is let go
            except BaseException:
                store._rollback(self._mark)
                raise
            finally:
                store._depth -= 1
                if store._depth == 0:
                    store._holder = None
                    if ticket is not None:
                        store._keep_undo(ticket)
                    store._undo = []
            if kind is not None or store._depth > 0:
                return
            if ticket is not None:
                if self._deferred:
                    self.ticket, self.started = ticket, started
                    return  # taken: the awaiting task awaits its fsync
                if LAZY.get():
                    store._lazy += 1
                    store._lazy_upto = ticket
                    if store._lazy < LAZY_BACKLOG:
                        return  # written: durable with the next fsync (see the module)
        finally:
            store._lock.release()
        if ticket is not None:
            store._await(ticket)
        if committed and store.commit_observer is not None:
            store.commit_observer(time.perf_counter() - started)  # until durable
        store._checkpoint_if_due()


class _Awaited:
    """One ``store.atomic_async()`` block: a transaction whose commit's fsync the task awaits
    (a class, not an ``asynccontextmanager``: every awaited commit enters one)."""

    __slots__ = ("_store", "_transaction")

    def __init__(self, store: IndexedStore) -> None:
        self._store = store
        self._transaction = _Transaction(store, True)

    async def __aenter__(self) -> None:
        store = self._store
        if store._lazy and not LAZY.get():
            await store.synced()
        self._transaction.__enter__()

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        transaction, store = self._transaction, self._store
        transaction.__exit__(kind, error, trace)
        if kind is not None:
            return
        ticket = transaction.ticket
        if ticket is None:  # nothing taken here (no writes, nested, or the memory adapter)
            if store._depth == 0:
                await store.synced()
            return
        if store._journal.durable < ticket:
            await store._durable(ticket)
        if store.commit_observer is not None:
            store.commit_observer(time.perf_counter() - transaction.started)  # until durable
        store._checkpoint_if_due()


class _Rounds:
    """The awaited fsyncs of one event loop: one round in flight at a time, covering every
    record taken before it began. Each waiting task awaits a future of its own (so cancelling
    one cancels no other's wait, nor the round), resolved when a round covers its commit."""

    __slots__ = ("_flying", "_loop", "_store", "_waiting")

    def __init__(self, store: IndexedStore, loop: asyncio.AbstractEventLoop) -> None:
        self._store = store
        self._loop = loop
        self._waiting: list[tuple[int, asyncio.Future[None]]] = []
        self._flying = False

    def wait(self, ticket: int) -> asyncio.Future[None]:
        """A future done once commit ``ticket`` is durable (or failed with its fsync)."""
        future = self._loop.create_future()
        self._waiting.append((ticket, future))
        if not self._flying:
            self._flying = True
            self._store._fsyncer.submit(self, self._store._journal.written)
        return future

    def finished(self, error: BaseException | None) -> None:
        """From the fsync thread: the round ended (``error``: its fsync failed)."""
        try:
            self._loop.call_soon_threadsafe(self._settle, error)
        except RuntimeError:  # a closed loop: nobody waits any more
            self._store._rounds.pop(self._loop, None)

    def _settle(self, error: BaseException | None) -> None:
        """On the loop: resume the tasks the round covered (fail every one not durable if it
        failed), and start the next round for those it did not cover."""
        self._flying = False
        durable, later = self._store._journal.durable, []
        for ticket, future in self._waiting:
            if future.done():  # its task was cancelled
                continue
            if ticket <= durable:
                future.set_result(None)
            elif error is not None:
                future.set_exception(error)
            else:
                later.append((ticket, future))
        self._waiting = later
        if later:
            self._flying = True
            self._store._fsyncer.submit(self, self._store._journal.written)
        elif self._store._rounds.get(self._loop) is self:
            del self._store._rounds[self._loop]


class _Fsyncer:
    """The store's fsync thread, started with the first awaited commit: it runs each round
    handed to it (one at a time, in order) and hands the outcome back to the round's loop."""

    def __init__(self, await_durable: Callable[[int], None]) -> None:
        self._await_durable = await_durable
        self._requests: queue.SimpleQueue[tuple[_Rounds, int] | None] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._guard = threading.Lock()
        self._stopped = False

    def submit(self, rounds: _Rounds, target: int) -> None:
        """Make every record up to ``target`` durable, then tell ``rounds``."""
        with self._guard:
            if self._stopped:
                rounds.finished(RuntimeError("the store is closed"))
                return
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="store-fsync", daemon=True)
                self._thread.start()
        self._requests.put((rounds, target))

    def stop(self) -> None:
        """Let the thread end once the rounds handed to it are done."""
        with self._guard:
            self._stopped = True
            if self._thread is not None:
                self._requests.put(None)

    def _run(self) -> None:
        while (request := self._requests.get()) is not None:
            rounds, target = request
            try:
                self._await_durable(target)
            except BaseException as error:  # handed to every task it covered
                rounds.finished(error)
            else:
                rounds.finished(None)
