"""One writer per data directory: an exclusive ``flock`` on a lock file naming its holder."""

from __future__ import annotations

import errno
import fcntl
import json
import os
import socket
import sys
from datetime import UTC, datetime
from pathlib import Path

from storage.files import FILE_MODE
from storage.layout import Sentence

LOCK_NAME = "LOCK"


class StoreLockedError(RuntimeError):
    """Another process (or another open store in this one) holds the data directory."""


def _describe_holder(raw: bytes) -> dict[str, object]:
    """Who holds the lock, from the lock file: ``pid``, ``host`` (empty for this machine),
    ``command``, ``started``; empty if the file does not say."""
    try:
        info = json.loads(raw)
        host = "" if info.get("host") == socket.gethostname() else str(info.get("host"))
        return {
            "pid": int(info["pid"]),
            "host": host,
            "command": str(info.get("command", "?")),
            "started": str(info.get("started_at", "?")),
        }
    except (ValueError, KeyError, TypeError, AttributeError):
        return {}


def _holder_text(holder: dict[str, object]) -> str:
    if not holder:
        return "another process"
    where = f" on {holder['host']}" if holder["host"] else ""
    return f"process {holder['pid']}{where} ({holder['command']}, started {holder['started']})"


def _command_line() -> str:
    name = Path(sys.argv[0]).name if sys.argv and sys.argv[0] else "python"
    return " ".join([name, *sys.argv[1:3]])


class DirectoryLock:
    """Held from ``acquire`` to ``release``; the kernel drops it if the process dies."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.path = directory / LOCK_NAME
        self._fd: int | None = None

    def acquire(self) -> None:
        """Take the lock or raise ``StoreLockedError`` naming the holder."""
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, FILE_MODE)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as error:
            holder = _describe_holder(os.pread(fd, 4096, 0))
            os.close(fd)
            if error.errno not in (errno.EAGAIN, errno.EACCES):
                raise
            text = (
                f"data directory {self.directory} is in use by {_holder_text(holder)}; the "
                "embedded store serves one process only (to run several bot processes, keep "
                "the store in PostgreSQL: DUBAN_DATABASE_URL)"
            )
            raise StoreLockedError(
                Sentence(text, "locked", path=str(self.directory), holder=holder)
            ) from None
        self._fd = fd
        self._write_holder(fd)

    @staticmethod
    def _write_holder(fd: int) -> None:
        info = {
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "command": _command_line(),
            "started_at": datetime.now(UTC).astimezone().isoformat(timespec="seconds"),
        }
        try:
            os.ftruncate(fd, 0)
            os.pwrite(fd, json.dumps(info).encode(), 0)
        except OSError:  # a full disk: the lock holds all the same, only unnamed
            pass

    def release(self) -> None:
        """Let go of the lock (the file stays; its content names the last holder)."""
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    @property
    def held(self) -> bool:
        """Whether this object holds the lock."""
        return self._fd is not None
