"""A read-only view of a data directory while the bot holds it: consistent, lock-free, inert."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.domain.people import Team
from storage import open_store
from storage.durable import TinyDBStore
from storage.readonly import ReadOnlyError, open_read_only
from tests.factories.history import county

WHEN = datetime(2024, 3, 4, 9, tzinfo=ZoneInfo("Asia/Shanghai"))
HISTORY_NOW = datetime(2024, 10, 17, 11, tzinfo=ZoneInfo("Asia/Shanghai"))
SINCE = datetime(2024, 1, 1, tzinfo=ZoneInfo("Asia/Shanghai"))


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


def _history(data_dir: Path) -> TinyDBStore:
    """A held store with ten months of weekly history, checkpointed (old months on disk)."""
    held = TinyDBStore(data_dir)
    county(held, HISTORY_NOW, 40, tasks=3, people=6, answered=lambda m, w: True,
           words=lambda week: f"第{week}周完成前期工作。")  # fmt: skip
    held.checkpoint()
    return held


def test_a_lazy_view_leaves_old_months_on_disk_and_answers_like_the_store(tmp_path: Path) -> None:
    """Opened lazily, the view reads only the old months' indexes and finds the same reports,
    by id and by task, as the store that holds the directory."""
    held = _history(tmp_path / "data")
    try:
        view = open_read_only(tmp_path / "data", lazy=True)
        cold = view.collections["reports"].cold
        assert cold is not None
        assert len(cold.by_partition) >= 8
        for measure in ("M0", "M2"):
            assert view.reports.for_measure(measure) == held.reports.for_measure(measure)
        assert view.reports.between("t1", SINCE, HISTORY_NOW) == held.reports.between(
            "t1", SINCE, HISTORY_NOW
        )
        view.close()
    finally:
        held.close()


def test_a_lazy_view_reads_an_old_month_as_it_was_after_a_checkpoint_replaced_it(
    tmp_path: Path,
) -> None:
    """An old report edited and checkpointed after the view was taken (its month's file
    replaced): the view still reads the month as it was, from the file its index describes."""
    held = _history(tmp_path / "data")
    try:
        before = list(held.reports.for_measure("M1"))
        oldest = before[0]
        view = open_read_only(tmp_path / "data", lazy=True)  # not read from until the end
        held.reports.save(replace(oldest, progress_text="改写后的进展情况，篇幅更长一些。" * 3))
        held.checkpoint()
        assert list(view.reports.for_measure("M1")) == before
        assert held.reports.for_measure("M1")[0].progress_text != oldest.progress_text
        view.close()
    finally:
        held.close()
