"""One writer per data directory: a second opener gets an error naming the holder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from storage.durable import TinyDBStore
from storage.lock import StoreLockedError

HOLDER = """
import sys, time
from pathlib import Path
from storage.durable import TinyDBStore
store = TinyDBStore(Path(sys.argv[1]))
print("holding", flush=True)
sys.stdin.read()
store.close()
"""


def test_second_process_is_refused_with_the_holders_pid(tmp_path: Path) -> None:
    """While another process holds the directory, opening it fails with a clear message: who
    holds it, and that several processes need PostgreSQL."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(tmp_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None
    assert holder.stdin is not None
    try:
        assert holder.stdout.readline() == "holding\n"
        with pytest.raises(StoreLockedError) as raised:
            TinyDBStore(tmp_path)
        message = str(raised.value)
        assert f"data directory {tmp_path} is in use by process {holder.pid}" in message
        assert "started " in message
        assert "serves one process only" in message  # and where to go for several
        assert "DUBAN_DATABASE_URL" in message
    finally:
        holder.stdin.close()
        holder.wait(timeout=10)
        holder.stdout.close()
    TinyDBStore(tmp_path).close()


def test_lock_is_released_when_the_holder_is_killed(tmp_path: Path) -> None:
    """A killed holder leaves no stale lock: the kernel drops the flock."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(tmp_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    assert holder.stdout is not None
    assert holder.stdout.readline() == b"holding\n"
    holder.kill()
    holder.wait()
    holder.stdout.close()
    assert holder.stdin is not None
    holder.stdin.close()
    TinyDBStore(tmp_path).close()


def test_second_open_in_the_same_process_is_refused(tmp_path: Path) -> None:
    """Two stores over one directory in one process are refused too."""
    first = TinyDBStore(tmp_path)
    try:
        with pytest.raises(StoreLockedError, match=str(os.getpid())):
            TinyDBStore(tmp_path)
    finally:
        first.close()
    TinyDBStore(tmp_path).close()
