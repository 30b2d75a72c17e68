"""A read-only view of a data directory while the bot holds it: consistent, lock-free, inert."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.domain.people import Team
from storage import open_store
from storage.durable import TinyDBStore
from storage.readonly import ReadOnlyError

WHEN = datetime(2024, 3, 4, 9, tzinfo=ZoneInfo("Asia/Shanghai"))


def test_a_view_reads_the_held_store_including_its_log(tmp_path: Path) -> None:
    """With the store open (lock held, writes only in the log), the view sees every write."""
    held = TinyDBStore(tmp_path / "data", checkpoint_bytes=1 << 30)
    try:
        held.teams.save(Team("t1", "督查室", WHEN))
        held.checkpoint()
        held.teams.save(Team("t2", "第二组", WHEN))  # in the log only
        view = open_store(tmp_path / "data", read_only=True)
        assert sorted(t.id for t in view.teams.all()) == ["t1", "t2"]
        held.teams.save(Team("t3", "第三组", WHEN))
        assert len(view.teams.all()) == 2  # a snapshot: later writes are not seen
        assert len(open_store(tmp_path / "data", read_only=True).teams.all()) == 3
    finally:
        held.close()


def test_a_view_refuses_writes_and_leaves_the_directory_alone(tmp_path: Path) -> None:
    """Saving through a view raises, and nothing in the directory changes."""
    held = TinyDBStore(tmp_path / "data")
    held.teams.save(Team("t1", "督查室", WHEN))
    held.close()
    before = {p: p.stat().st_mtime_ns for p in (tmp_path / "data").rglob("*")}
    view = open_store(tmp_path / "data", read_only=True)
    with pytest.raises(ReadOnlyError):
        view.teams.save(Team("t2", "第二组", WHEN))
    assert [t.id for t in view.teams.all()] == ["t1"]
    view.close()
    assert {p: p.stat().st_mtime_ns for p in (tmp_path / "data").rglob("*")} == before


def test_a_view_of_a_missing_directory_is_an_error(tmp_path: Path) -> None:
    """No directory is created for a read-only view."""
    with pytest.raises(FileNotFoundError):
        open_store(tmp_path / "nothing", read_only=True)
    assert not (tmp_path / "nothing").exists()
