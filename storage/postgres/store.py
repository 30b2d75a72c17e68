"""The PostgreSQL adapter's store: a connection pool, transactions and every repository.

Nothing is cached: every read asks the database, so several bot processes can share one
database. Outside ``atomic()`` a write is one autocommitted statement, committed when the call
returns. ``atomic()`` borrows one connection for the block and commits when the outermost block
exits (nested blocks are savepoints); reads inside the block see its writes. A transaction
belongs to the thread and asyncio task that opened it: another task writing while a block is
held across an ``await`` gets an error, as with the other adapters.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

import psycopg
from psycopg.conninfo import conninfo_to_dict
from psycopg_pool import ConnectionPool, PoolTimeout

from bot.domain import ports
from bot.domain.ports import StoreUnavailable
from storage.layout import Sentence
from storage.lazy import LAZY, lazy_block
from storage.postgres import migrations, repos
from storage.postgres.leases import SessionLeases

log = logging.getLogger(__name__)
_R = TypeVar("_R")

DEFAULT_POOL_MIN = 1
DEFAULT_POOL_MAX = 8
CONNECT_TIMEOUT = 10.0  # seconds a worker thread waits for a connection from the pool
#: Seconds the event loop's thread waits for one: while it waits no other update is handled, so
#: when the database is away the operation fails soon (the user is told plainly that it was not
#: recorded) rather than holding every other user for the pool's timeout. With the loop's own
#: connection kept free (``bot.services.common.offload`` uses one fewer worker than the pool has
#: connections), a healthy database hands one over at once.
LOOP_TIMEOUT = 1.0
#: Pauses before each new try of an idempotent operation (a read, or a single upsert or delete
#: outside a transaction) that met a lost connection: a server restart or a network blip is
#: ridden out in under a second, and the pool replaces the dead connections meanwhile.
RETRY_DELAYS: tuple[float, ...] = (0.05, 0.2, 0.5)
LOOP_RETRY_DELAYS: tuple[float, ...] = (0.05,)  # on the event loop's thread: one quick retry


class DatabaseUnavailable(StoreUnavailable):
    """The database cannot be reached, or the connection broke: nothing was read, and what was
    being written was not committed (a transaction is rolled back by the server)."""


@dataclass(slots=True)
class _Tx:
    conn: psycopg.Connection[Any]
    owner: object | None


def _current_task() -> object | None:
    try:
        return asyncio.current_task()
    except RuntimeError:  # no event loop in this thread
        return None


def _on_event_loop() -> bool:
    """Whether this thread runs an event loop (then a wait here holds every other update)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


def _connection_options(url: str) -> dict[str, Any]:
    """Autocommit, plus a bounded connect and TCP keepalives unless the URL sets its own: a
    server that vanished without closing its sockets is noticed in seconds, not minutes."""
    given = conninfo_to_dict(url)
    defaults = {"connect_timeout": 10, "keepalives_idle": 30, "keepalives_interval": 10,
                "keepalives_count": 3}  # fmt: skip
    return {"autocommit": True, **{k: v for k, v in defaults.items() if k not in given}}


def why_unreachable(url: str) -> str | None:
    """Why a database the pool could not reach refuses a connection, in the driver's words on
    one line (the pool only says it gave up; the reason is in its log): a refused port, an
    unknown host, a password refused, a database that does not exist. None if it answers now.
    The driver's words name the host, port, user and database, never the password."""
    try:
        with psycopg.connect(url, **_connection_options(url)):
            return None
    except psycopg.Error as error:
        return " ".join(str(error).split()) or type(error).__name__


class PostgresStore:
    """A ``bot.domain.ports.Store`` in a PostgreSQL database (schema created or upgraded).

    ``pool_min``/``pool_max`` bound the connections this process holds; ``timeout`` is how long
    an operation in a worker thread waits for one (and opening waits for the first) before
    ``DatabaseUnavailable``; ``loop_timeout`` how long one on the event loop's thread waits.
    """

    #: Reads wait on the network and may run in worker threads beside the event loop's writes
    #: (each thread takes its own pooled connection; a transaction belongs to its thread): the
    #: composition root runs the heavy ones off the event loop (``bot.services.common.offload``).
    threaded_reads = True

    def __init__(
        self,
        url: str,
        *,
        pool_min: int = DEFAULT_POOL_MIN,
        pool_max: int = DEFAULT_POOL_MAX,
        read_only: bool = False,
        timeout: float = CONNECT_TIMEOUT,
        loop_timeout: float = LOOP_TIMEOUT,
    ) -> None:
        self.url = url
        self.loop_timeout = min(loop_timeout, timeout)
        self.read_only = read_only
        self.pool_max = pool_max
        self._local = threading.local()
        self._closed = False
        self._pool = ConnectionPool(
            url,
            min_size=pool_min,
            max_size=pool_max,
            kwargs=_connection_options(url),
            check=ConnectionPool.check_connection,
            timeout=timeout,
            name="duban",
            open=False,
        )
        try:
            self._pool.open(wait=True, timeout=timeout)
            with self._pool.connection() as conn:
                self.schema_version = self._prepare(conn)
        except PoolTimeout as error:
            self._pool.close()
            reason = why_unreachable(url) or str(error)
            raise DatabaseUnavailable(
                Sentence(
                    f"cannot connect to the database: {reason}", "db_unavailable", reason=reason
                )
            ) from error
        except BaseException:
            self._pool.close()
            raise
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
        self._leases = SessionLeases(url, connect_timeout=timeout)
        self.leases: ports.Leases = self._leases
        self.effects: ports.EffectRepo = repos.Effects(self)
        self.user_state: ports.UserStateRepo = repos.UserStates(self)
        self.leader_links: ports.LeaderLinkRepo = repos.LeaderLinks(self)
        self.escalations: ports.EscalationRepo = repos.Escalations(self)

    def _prepare(self, conn: psycopg.Connection[Any]) -> int:
        if not self.read_only:
            migrations.upgrade(conn)
        version = migrations.schema_version(conn)
        if version != migrations.CURRENT_VERSION:
            raise migrations.SchemaError(
                f"the database has schema {version}; this Duban needs "
                f"{migrations.CURRENT_VERSION} (open it once for writing to upgrade)"
            )
        return version

    # -- transactions ------------------------------------------------------------------------

    def _tx(self) -> _Tx | None:
        tx: _Tx | None = getattr(self._local, "tx", None)
        return tx

    def _own_tx(self) -> _Tx | None:
        """This task's open transaction; an error if another task of this thread holds one."""
        tx = self._tx()
        if tx is not None and tx.owner is not _current_task():
            raise RuntimeError(
                "another task's store.atomic() block is open: do not await inside atomic()"
            )
        return tx

    @contextmanager
    def atomic(self) -> Iterator[None]:
        """Group writes: all are committed together when the block exits, none if it raises."""
        self._check_writable()
        tx = self._own_tx()
        if tx is not None:
            with tx.conn.transaction():  # a savepoint
                yield
            return
        try:
            with self._connection() as conn:
                self._local.tx = _Tx(conn, _current_task())
                try:
                    with conn.transaction():
                        if LAZY.get():  # see lazily()
                            conn.execute("SET LOCAL synchronous_commit TO OFF")
                        yield
                finally:
                    self._local.tx = None
        except psycopg.OperationalError as error:  # the connection broke: not committed
            raise DatabaseUnavailable(
                Sentence(
                    f"the transaction was not committed: {error}", "db_not_committed", reason=error
                )
            ) from error

    @contextmanager
    def lazily(self) -> Iterator[None]:
        """Inside the block (this task only), a commit returns before the server has flushed
        it (``synchronous_commit`` off): it becomes durable with the next synchronous commit
        of any session, or within three ``wal_writer_delay``; the server's log is in order, so
        a crash of the server keeps a prefix of the commits. A killed bot process loses none."""
        with lazy_block():
            yield

    def sync(self) -> None:
        """Make every commit made so far durable: one synchronous commit that writes (an id
        assigned) flushes the server's log up to it, the lazy commits before it included."""
        self._check_writable()
        if self._own_tx() is not None:
            raise RuntimeError("sync() inside atomic(): the block is not committed yet")
        self._retrying("sync", (), lambda conn: _flush(conn))

    @asynccontextmanager
    async def atomic_async(self) -> AsyncIterator[None]:
        """As :meth:`atomic` (its commit is durable when the block exits: the server flushed
        it, and concurrent sessions' commits share the server's flushes); inside
        :meth:`lazily` the task then awaits :meth:`synced`."""
        with self.atomic():
            yield
        if LAZY.get():
            await self.synced()

    async def synced(self) -> None:
        """:meth:`sync` in a worker thread: the event loop runs meanwhile."""
        if self._own_tx() is not None:
            raise RuntimeError("synced() inside atomic(): the block is not committed yet")
        await asyncio.to_thread(self.sync)

    @contextmanager
    def connection(self) -> Iterator[psycopg.Connection[Any]]:
        """A pooled connection (autocommit) for tools that work on whole tables."""
        self._check_open()
        with self._connection() as conn:
            yield conn

    @contextmanager
    def _connection(self) -> Iterator[psycopg.Connection[Any]]:
        wait = self.loop_timeout if _on_event_loop() else None  # None: the pool's timeout
        try:
            with self._pool.connection(timeout=wait) as conn:
                yield conn
        except PoolTimeout as error:
            raise DatabaseUnavailable(
                Sentence(f"no database connection: {error}", "db_no_connection", reason=error)
            ) from error

    def write(self, query: str, params: Sequence[Any], *, idempotent: bool = True) -> int:
        """Run one writing statement in the open transaction, or as its own; the row count.

        On its own, an ``idempotent`` statement (an upsert, a delete: running it twice leaves
        what running it once does) that meets a lost connection is tried again; others are not,
        since the first try may have been committed before the connection broke."""
        self._check_writable()
        tx = self._own_tx()
        if tx is not None:
            try:
                return tx.conn.execute(query, params).rowcount
            except psycopg.OperationalError as error:
                raise DatabaseUnavailable(f"the write was not committed: {error}") from error
        if LAZY.get():  # a statement of its own, committed without waiting for the flush
            with self.atomic():
                return self.write(query, params, idempotent=idempotent)
        retries = RETRY_DELAYS if idempotent else ()
        return self._retrying("write", retries, lambda conn: conn.execute(query, params).rowcount)

    def read(self, query: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """The rows of a query: in this task's transaction if one is open, else committed data."""
        self._check_open()
        tx = self._tx()
        if tx is not None and tx.owner is _current_task():
            try:
                return tx.conn.execute(query, params).fetchall()
            except psycopg.OperationalError as error:
                raise DatabaseUnavailable(f"the read failed: {error}") from error
        return self._retrying(
            "read", RETRY_DELAYS, lambda conn: conn.execute(query, params).fetchall()
        )

    def _retrying(
        self, what: str, delays: Sequence[float], run: Callable[[psycopg.Connection[Any]], _R]
    ) -> _R:
        """``run`` on a pooled connection, tried again after each delay while the connection
        breaks; ``DatabaseUnavailable`` once the tries are spent or no connection comes (on the
        event loop's thread, one quick retry at most: the loop must not sleep)."""
        if _on_event_loop():
            delays = LOOP_RETRY_DELAYS if delays else ()
        for attempt in range(len(delays) + 1):
            try:
                with self._connection() as conn:
                    return run(conn)
            except psycopg.OperationalError as error:
                if attempt == len(delays):
                    raise DatabaseUnavailable(f"the {what} failed: {error}") from error
                log.warning("database connection lost during a %s; trying again", what)
                time.sleep(delays[attempt])
        raise AssertionError("unreachable")

    def _check_open(self) -> None:
        if self._closed:
            raise RuntimeError("the store is closed")

    def _check_writable(self) -> None:
        self._check_open()
        if self.read_only:
            raise ReadOnlyError("this store is a read-only view: nothing can be written")

    def close(self) -> None:
        """Return every connection and refuse further use."""
        if not self._closed:
            self._closed = True
            self._leases.close()
            self._pool.close()


def _flush(conn: psycopg.Connection[Any]) -> None:
    with conn.transaction():
        conn.execute("SET LOCAL synchronous_commit TO ON")
        conn.execute("SELECT txid_current()")


class ReadOnlyError(RuntimeError):
    """A write was attempted on a read-only view of the database."""
