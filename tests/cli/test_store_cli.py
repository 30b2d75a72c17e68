"""``duban store check|backup``: integrity report and a consistent backup of a live store."""

from __future__ import annotations

import json
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli.main import main
from storage.durable import TinyDBStore
from storage.layout import HISTORY_DIR, WAL_DIR
from tests.cli.stores import small_store


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests read the English texts (DUBAN_LANGUAGE=en); the Chinese ones, the default,
    are tested in tests/cli/test_ops_language.py."""
    monkeypatch.setenv("DUBAN_LANGUAGE", "en")


# Appends replies (report + audit entry in one transaction) until stdin closes; checkpoints
# often, so backups race with checkpoints.
WRITER = """
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from bot.domain.audit import Action, AuditEntry
from bot.domain.work import Report, ReportStatus
from storage.durable import TinyDBStore
store = TinyDBStore(Path(sys.argv[1]), checkpoint_bytes=3000)
t0 = datetime(2025, 3, 3, 9, tzinfo=UTC)
print("ready", flush=True)
for i in range(10**9):
    at = t0 + timedelta(hours=i)
    with store.atomic():
        store.reports.save(Report(f"live{i}", "t1", "m1", "p1", ReportStatus.DONE, at))
        store.audit.append(AuditEntry(f"audit-live{i}", "t1", at, "p1", Action.REPORTED, "m1"))
"""


def _seed(data_dir: Path, *, measure: str = "m1") -> None:
    """A small, consistent store: a team, a person, a plan, a measure, reports."""
    small_store(data_dir, measure=measure).close()


def test_check_prints_counts_and_succeeds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A sound store passes with its counts per collection."""
    _seed(tmp_path)
    assert main(["store", "check", "--data-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "reports" in out
    assert " 40" in out
    assert out.rstrip().endswith("OK")


def test_check_reads_the_data_dir_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without --data-dir, DUBAN_DATA_DIR names the directory."""
    _seed(tmp_path)
    monkeypatch.setenv("DUBAN_DATA_DIR", str(tmp_path))
    assert main(["store", "check"]) == 0
    assert str(tmp_path) in capsys.readouterr().out


def test_check_fails_on_a_missing_directory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A directory that does not exist is a problem."""
    assert main(["store", "check", "--data-dir", str(tmp_path / "none")]) == 1
    assert "no data directory" in capsys.readouterr().out


@pytest.mark.parametrize("action", ["check", "backup", "migrate"])
def test_a_directory_holding_no_store_is_named_and_left_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], action: str
) -> None:
    """A data directory with other files and no store (a wrong --data-dir) is named as holding
    no store, not checked as an empty store, backed up or moved (which would create one in it)."""
    stray = tmp_path / "home"
    stray.mkdir()
    (stray / "notes.txt").write_text("mine")
    args = {
        "check": ["store", "check", "--data-dir", str(stray)],
        "backup": ["store", "backup", str(tmp_path / "copy"), "--data-dir", str(stray)],
        "migrate": [
            "store",
            "migrate",
            "--from",
            str(stray),
            "--to",
            "postgresql://x@127.0.0.1:1/x",
        ],
    }[action]
    assert main(args) == 1
    captured = capsys.readouterr()
    assert "no Duban store in" in captured.out + captured.err
    assert sorted(p.name for p in stray.iterdir()) == ["notes.txt"]
    assert not (tmp_path / "copy").exists()


def test_check_finds_dangling_references(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Reports naming a measure that does not exist are reported."""
    _seed(tmp_path, measure="m-gone")
    assert main(["store", "check", "--data-dir", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "measure_id 'm-gone' is not in measures" in out
    assert "more dangling references not shown" in out


def test_check_finds_an_unreadable_history_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A damaged TinyDB file is reported with its name."""
    _seed(tmp_path)
    month = sorted((tmp_path / HISTORY_DIR).glob("????-??.json"))[0]
    month.write_text('{"reports": {"1": {"id": ')
    assert main(["store", "check", "--data-dir", str(tmp_path)]) == 1
    assert f"{month.name}: not valid JSON" in capsys.readouterr().out


def test_check_finds_a_document_that_does_not_decode(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A document with a bad value is reported."""
    _seed(tmp_path)
    month = sorted((tmp_path / HISTORY_DIR).glob("????-??.json"))[0]
    data = json.loads(month.read_text())
    first = next(iter(data["reports"].values()))
    first["status"] = "exploded"
    month.write_text(json.dumps(data))
    assert main(["store", "check", "--data-dir", str(tmp_path)]) == 1
    assert "cannot decode Report" in capsys.readouterr().out


def test_check_warns_about_a_torn_log_tail(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An unfinished last log record is a warning, not a failure."""
    _seed(tmp_path)
    (segment,) = (tmp_path / WAL_DIR).iterdir()
    segment.write_bytes(b"0000abcd 00000099 {")
    assert main(["store", "check", "--data-dir", str(tmp_path)]) == 0
    assert "bytes 0-19 hold no complete log record" in capsys.readouterr().out


def test_backup_refuses_a_non_empty_destination(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An existing, non-empty destination is never overwritten."""
    _seed(tmp_path / "data")
    (tmp_path / "dest").mkdir()
    (tmp_path / "dest" / "keep.txt").write_text("mine")
    args = ["store", "backup", str(tmp_path / "dest"), "--data-dir", str(tmp_path / "data")]
    assert main(args) == 1
    assert "not empty" in capsys.readouterr().err


def test_backup_to_a_place_it_cannot_write_is_one_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A destination under a file is refused with the path and the reason, exit 1, no
    traceback."""
    _seed(tmp_path / "data")
    (tmp_path / "a-file").write_text("x")
    dest = tmp_path / "a-file" / "backup"
    assert main(["store", "backup", str(dest), "--data-dir", str(tmp_path / "data")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("backup failed: cannot write ")
    assert "a-file" in err
    assert "Traceback" not in err


def test_backup_of_a_store_from_a_newer_version_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A store a newer Duban wrote (after a downgrade) is refused with that reason, exit 1."""
    _seed(tmp_path / "data")
    state_file = tmp_path / "data" / "state.json"
    state = json.loads(state_file.read_text())
    state["_meta"]["1"]["version"] += 1
    state_file.write_text(json.dumps(state))
    args = ["store", "backup", str(tmp_path / "dest"), "--data-dir", str(tmp_path / "data")]
    assert main(args) == 1
    assert "written by a newer Duban" in capsys.readouterr().err


def test_backup_of_a_closed_store_is_private_and_complete(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The copy opens with the same content, in 0600 files and 0700 directories."""
    _seed(tmp_path / "data")
    dest = tmp_path / "dest"
    assert main(["store", "backup", str(dest), "--data-dir", str(tmp_path / "data")]) == 0
    assert "verified: 1 teams" in capsys.readouterr().out
    for path in [dest, *dest.rglob("*")]:
        assert stat.S_IMODE(path.stat().st_mode) == (0o700 if path.is_dir() else 0o600)
    copy = TinyDBStore(dest)
    assert len(copy.reports.all()) == 40
    copy.close()


def test_backup_while_the_bot_writes_is_consistent(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Backups taken while another process holds the lock and writes are whole transactions."""
    source = tmp_path / "data"
    _seed(source)
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(source)], stdin=subprocess.PIPE, stdout=subprocess.PIPE
    )
    assert writer.stdout is not None
    assert writer.stdout.readline() == b"ready\n"
    try:
        sizes = [_backup_and_count(source, tmp_path / f"copy{n}") for n in range(5)]
    finally:
        writer.kill()
        writer.wait()
        writer.stdout.close()
        assert writer.stdin is not None
        writer.stdin.close()
    assert sizes == sorted(sizes)
    assert sizes[-1] > 40
    capsys.readouterr()


def _backup_and_count(source: Path, dest: Path) -> int:
    """Back up, open the copy, check every report came with its audit entry; return the count."""
    assert main(["store", "backup", str(dest), "--data-dir", str(source)]) == 0
    copy = TinyDBStore(dest)
    try:
        reports = {r.id for r in copy.reports.all()}
        assert reports == {e.id.removeprefix("audit-") for e in copy.audit}
        return len(reports)
    finally:
        copy.close()
