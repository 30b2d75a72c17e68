"""Named locks shared by every process on one database: PostgreSQL session advisory locks.

Each process keeps one dedicated connection (outside the pool) for its locks. A lock is
``pg_try_advisory_lock`` on that connection's session, so it is held exactly as long as the
session: released by ``pg_advisory_unlock``, or by the server the moment the holder's connection
ends (the process killed, its host gone: TCP keepalives notice within seconds). Nothing is
home-made: no lease rows, no clocks to agree on. A holder learns it lost its locks when
:meth:`SessionHeld.alive` finds the session gone (a different one, or none).
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import threading
from typing import Any

import psycopg

from bot.domain import ports

log = logging.getLogger(__name__)

LOCK_SPACE = b"duban:"  # names are hashed with this prefix into the advisory lock's bigint key
_KEEPALIVE = {"keepalives_idle": 5, "keepalives_interval": 2, "keepalives_count": 3}


def lock_key(name: str, scope: str = "") -> int:
    """The advisory lock key of a name in a scope (the schema Duban's tables are in): a signed
    64-bit hash, the same in every process. Advisory locks are per database, so two Duban
    deployments in two schemas of one database must not share keys."""
    text = f"{scope}\x00{name}".encode()
    digest = hashlib.blake2b(LOCK_SPACE + text, digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


class SessionHeld:
    """An advisory lock held by one session of the lock connection."""

    def __init__(self, leases: SessionLeases, key: int, session: int) -> None:
        self._leases = leases
        self.key = key
        self.session = session
        self._released = False

    def alive(self) -> bool:
        """Whether the session that took the lock still answers (then the server holds it)."""
        return not self._released and self._leases.session_alive(self.session)

    def release(self) -> None:
        """Unlock (if the session that took it still exists)."""
        if not self._released:
            self._released = True
            self._leases.unlock(self.key, self.session)


class SessionLeases:
    """``bot.domain.ports.Leases`` over one dedicated connection to the store's database."""

    shared = True

    def __init__(self, url: str, *, connect_timeout: float = 10.0) -> None:
        self._url = url
        self._timeout = connect_timeout
        self._lock = threading.Lock()  # one statement at a time on the connection
        self._conn: psycopg.Connection[Any] | None = None
        self._session = 0  # the connection's number, so a lock never outlives its session
        self._scope = ""  # the schema of Duban's tables, read when connecting
        self._closed = False

    def try_hold(self, name: str) -> ports.Held | None:
        """``pg_try_advisory_lock`` on this process's lock session; None if held elsewhere (or
        the database cannot be reached: the caller tries again later)."""
        with self._lock:
            try:
                conn = self._connection()
                key = lock_key(name, self._scope)
                row = conn.execute("SELECT pg_try_advisory_lock(%s)", (key,)).fetchone()
            except psycopg.Error as error:
                self._drop(error)
                return None
            return SessionHeld(self, key, self._session) if row and row[0] else None

    def session_alive(self, session: int) -> bool:
        """Whether ``session`` is the lock connection now and answers."""
        with self._lock:
            if self._conn is None or session != self._session:
                return False
            try:
                self._conn.execute("SELECT 1")
            except psycopg.Error as error:
                self._drop(error)
                return False
            return True

    def unlock(self, key: int, session: int) -> None:
        """Release ``key`` if ``session`` still holds the connection (else it is gone)."""
        with self._lock:
            if self._conn is None or session != self._session:
                return
            try:
                self._conn.execute("SELECT pg_advisory_unlock(%s)", (key,))
            except psycopg.Error as error:
                self._drop(error)

    def close(self) -> None:
        """Release every lock of this process, then close the lock connection. Unlocking first
        makes the release synchronous: the server lets go of a closed session's locks only
        once its backend has exited, which another process taking over may otherwise race."""
        with self._lock:
            self._closed = True
            if self._conn is not None:
                with contextlib.suppress(psycopg.Error):  # (a lost session holds none)
                    self._conn.execute("SELECT pg_advisory_unlock_all()")
                self._conn.close()
                self._conn = None

    def _connection(self) -> psycopg.Connection[Any]:
        if self._closed:
            raise psycopg.InterfaceError("the store is closed")
        if self._conn is None or self._conn.closed:
            options: dict[str, Any] = {"autocommit": True, "connect_timeout": int(self._timeout)}
            options.update({k: v for k, v in _KEEPALIVE.items() if k not in self._url})
            self._conn = psycopg.connect(self._url, **options)
            row = self._conn.execute("SELECT current_schema()").fetchone()
            self._scope = str(row[0]) if row and row[0] else ""
            self._session += 1
        return self._conn

    def _drop(self, error: Exception) -> None:
        log.warning("the lock connection to the database was lost (%s): its locks are gone",
                    error)  # fmt: skip
        if self._conn is not None:
            self._conn.close()
            self._conn = None
