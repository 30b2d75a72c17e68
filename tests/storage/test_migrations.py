"""Schema versions: a v0 single-file store is migrated on open, a v1 store's missed digests and
reviews are recorded as not sent; a newer schema is refused."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from bot.domain.work import Cycle, ReportStatus
from storage.backup import backup_store
from storage.durable import TinyDBStore
from storage.integrity import check_store
from storage.layout import HISTORY_DIR, LEGACY_FILE, STATE_FILE, CorruptStoreError, read_meta
from storage.migrations import CURRENT_VERSION, MIGRATIONS
from storage.readonly import open_read_only
from storage.snapshot import load
from tests.factories import entities as f
from tests.storage.missed_v1 import corrected, missed_as_v1

ROOT = Path(__file__).resolve().parents[2]

# Opens a store and is killed (SIGKILL) just as the checkpoint that follows the schema steps
# would replace state.json, its commit point: the OS call is where the kill happens.
KILLED_BEFORE_THE_VERSION_CHECKPOINT = """
import os, signal, sys
from pathlib import Path

real = os.replace

def replace(src, dst, *args, **kwargs):
    if Path(dst).name == "state.json":
        os.kill(os.getpid(), signal.SIGKILL)
    return real(src, dst, *args, **kwargs)

os.replace = replace
from storage.durable import TinyDBStore
TinyDBStore(Path(sys.argv[1]))
"""

V0_FIXTURE = {
    "teams": {"1": {"id": "t1", "name": "县督查室", "created_at": "2024-01-02T09:00:00+08:00"}},
    "reports": {
        "1": {
            "id": "r1",
            "team_id": "t1",
            "measure_id": "m1",
            "author_id": "p1",
            "status": "behind",
            "created_at": "2024-03-05T10:00:00+08:00",
            "indicator_values": {"投资": 1.5, "就业": 20},
        },
        "2": {
            "id": "r2",
            "team_id": "t1",
            "measure_id": "m1",
            "author_id": "p1",
            "status": "done",
            "created_at": "2024-04-05T10:00:00+08:00",
        },
    },
}


def test_every_version_below_current_has_a_migration() -> None:
    """The registry has one step per version up to the current one."""
    assert sorted(MIGRATIONS) == list(range(CURRENT_VERSION))


def test_v0_store_is_migrated_on_open(tmp_path: Path) -> None:
    """A v0 flat duban.json opens with its data converted and is rewritten in the v1 layout."""
    (tmp_path / LEGACY_FILE).write_text(json.dumps(V0_FIXTURE, ensure_ascii=False))
    store = TinyDBStore(tmp_path)
    first = store.reports.get("r1")
    assert first is not None
    assert first.indicator_values == (("投资", 1.5), ("就业", 20.0))
    assert first.status is ReportStatus.BEHIND
    assert [r.id for r in store.reports.for_measure("m1")] == ["r1", "r2"]
    store.close()
    meta = read_meta(tmp_path)
    assert meta is not None
    assert meta.version == CURRENT_VERSION
    assert not (tmp_path / LEGACY_FILE).exists()
    reopened = TinyDBStore(tmp_path)
    assert reopened.teams.get("t1") is not None
    reopened.close()


def test_store_from_a_newer_duban_is_refused(tmp_path: Path) -> None:
    """A schema newer than this code understands is an error, not a guess."""
    TinyDBStore(tmp_path).close()
    state = json.loads((tmp_path / STATE_FILE).read_text())
    state["_meta"]["1"]["version"] = CURRENT_VERSION + 1
    (tmp_path / STATE_FILE).write_text(json.dumps(state))
    with pytest.raises(CorruptStoreError, match="newer Duban"):
        TinyDBStore(tmp_path)


def test_v1_missed_digests_and_reviews_read_as_not_sent(tmp_path: Path) -> None:
    """A v1 store's digests and reviews missed while the bot was down (told apart by the audit)
    are rewritten on open as not sent (digest_failed_at, the week marked missed); those that
    went out, or were refused, stay as they were."""
    store = TinyDBStore(tmp_path)
    before = missed_as_v1(store)
    store.close()
    _set_version(tmp_path, 1)
    assert_upgraded(tmp_path, before)


def assert_upgraded(data_dir: Path, before: dict[str, Cycle]) -> None:
    """Opening the store finds the cycles of ``missed_as_v1`` corrected and records the
    current version."""
    reopened = TinyDBStore(data_dir)
    after = {name: reopened.cycles.get(cycle.id) for name, cycle in before.items()}
    reopened.close()
    assert after == corrected(before)
    meta = read_meta(data_dir)
    assert meta is not None
    assert meta.version == CURRENT_VERSION


def _set_version(data_dir: Path, version: int) -> None:
    state = json.loads((data_dir / STATE_FILE).read_text())
    state["_meta"]["1"]["version"] = version
    (data_dir / STATE_FILE).write_text(json.dumps(state))


def _v1_over_months(data_dir: Path) -> dict[str, Cycle]:
    """A v1 store whose missed digests were audited in 2025-03, four months of reports before
    its newest history month (so that month and its audit stay on disk when it opens)."""
    store = TinyDBStore(data_dir)
    before = missed_as_v1(store)
    with store.atomic():
        for month in range(1, 5):
            store.reports.save(f.report(created_at=f.at(31 * month)))
    store.close()
    _set_version(data_dir, 1)
    return before


def _month_files(data_dir: Path) -> dict[str, tuple[int, int, bytes]]:
    return {
        path.name: (path.stat().st_ino, path.stat().st_mtime_ns, path.read_bytes())
        for path in sorted((data_dir / HISTORY_DIR).iterdir())
    }


def test_a_v1_store_is_upgraded_without_rewriting_its_month_files(tmp_path: Path) -> None:
    """Upgrading a v1 store with months of history reads the audit of its old months from disk
    (the month is not loaded) and rewrites no month file nor index, only state.json."""
    before = _v1_over_months(tmp_path)
    months = _month_files(tmp_path)
    assert "2025-03.json" in months
    assert "2025-03.idx.json" in months
    reopened = TinyDBStore(tmp_path)
    cold = reopened.collections["audit"].cold
    assert cold is not None
    assert "2025-03" in cold.by_partition
    after = {name: reopened.cycles.get(cycle.id) for name, cycle in before.items()}
    reopened.close()
    assert after == corrected(before)
    assert _month_files(tmp_path) == months
    meta = read_meta(tmp_path)
    assert meta is not None
    assert meta.version == CURRENT_VERSION


def test_a_kill_before_the_version_checkpoint_leaves_a_store_upgraded_at_the_next_open(
    tmp_path: Path,
) -> None:
    """Killed after the v1 to v2 step logged its corrections but before the checkpoint that
    records v2, a store still reads v1; the next open replays the log, runs the step again
    (nothing more to correct) and records v2 with the cycles corrected once."""
    before = _v1_over_months(tmp_path)
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_BEFORE_THE_VERSION_CHECKPOINT, str(tmp_path)],
        cwd=ROOT,
        check=False,
    )
    assert killed.returncode == -signal.SIGKILL
    meta = read_meta(tmp_path)
    assert meta is not None
    assert meta.version == 1
    assert load(tmp_path, CURRENT_VERSION).replayed == 1  # the step's one transaction
    assert_upgraded(tmp_path, before)


@pytest.mark.parametrize("lazy", [False, True])
def test_a_view_a_check_and_a_backup_of_a_v1_store_read_it_as_upgraded(
    tmp_path: Path, lazy: bool
) -> None:
    """A read-only view of a v1 store serves its cycles corrected (in memory: the directory
    stays v1), its check reads it, saying it is migrated on next open, and its backup is a v2
    copy with the cycles corrected."""
    data = tmp_path / "data"
    before = _v1_over_months(data)
    files = {**_month_files(data), STATE_FILE: (tmp_path / "data" / STATE_FILE).read_bytes()}
    view = open_read_only(data, lazy=lazy)
    seen = {name: view.cycles.get(cycle.id) for name, cycle in before.items()}
    view.close()
    assert seen == corrected(before)
    assert {**_month_files(data), STATE_FILE: (data / STATE_FILE).read_bytes()} == files
    report = check_store(data)  # (the fixture's cycles name no stored team: only that)
    assert all(" is not in " in p or p.startswith("... more") for p in report.problems)
    assert report.counts["cycles"] == len(before)
    assert report.version == 1
    assert any("migrated to" in warning for warning in report.warnings)
    backup_store(data, tmp_path / "copy")
    copy = TinyDBStore(tmp_path / "copy")
    copied = {name: copy.cycles.get(cycle.id) for name, cycle in before.items()}
    copy.close()
    assert copied == corrected(before)
    meta = read_meta(tmp_path / "copy")
    assert meta is not None
    assert meta.version == CURRENT_VERSION
