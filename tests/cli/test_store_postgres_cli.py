"""``duban store migrate|check|backup`` and ``duban export`` against a PostgreSQL database."""

from __future__ import annotations

import re
import shutil
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from bot.cli.main import main
from bot.domain.audit import Action, AuditEntry
from bot.domain.people import Team
from bot.domain.work import Report, ReportStatus
from sandbox.testing import free_port
from storage.codec import encode
from storage.durable import TinyDBStore
from storage.postgres import PostgresStore, migrations
from storage.postgres.repos import dumps
from tests.cli.stores import T0, small_store
from tests.postgres_server import fresh_schema


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests read the English texts (DUBAN_LANGUAGE=en); the Chinese ones, the default,
    are tested in tests/cli/test_ops_language.py."""
    monkeypatch.setenv("DUBAN_LANGUAGE", "en")


@pytest.fixture
def url(database_url: str) -> Iterator[str]:
    """A new, empty schema of the test database."""
    with fresh_schema(database_url) as fresh:
        yield fresh


def _seed(data_dir: Path) -> TinyDBStore:
    """A small store with a history: a team, a person, a plan, a measure, 40 days of reports."""
    store = small_store(data_dir, telegram_id=7)
    store.reports.save(Report("r0", "t1", "m1", "p1", ReportStatus.DONE, T0))  # replaced
    return store


def test_migrate_moves_everything_and_proves_the_counts(
    tmp_path: Path, url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """After ``migrate``, the database holds the same entities in the same order."""
    _seed(tmp_path / "data").close()
    assert main(["store", "migrate", "--from", str(tmp_path / "data"), "--to", url]) == 0
    out = capsys.readouterr().out
    assert re.search(r"\n  reports +40 +40\n", out)
    assert "OK: every count matches" in out
    source, moved = TinyDBStore(tmp_path / "data"), PostgresStore(url)
    assert moved.reports.all() == source.reports.all()
    assert moved.reports.for_measure("m1")[0].status is ReportStatus.DONE
    assert tuple(moved.audit) == tuple(source.audit)
    moved.teams.save(Team("t2", "乡镇督查室", T0))  # new rows sort after the moved ones
    assert [team.id for team in moved.teams.all()] == ["t1", "t2"]
    source.close()
    moved.close()


def test_migrate_refuses_a_database_that_holds_data(tmp_path: Path, url: str) -> None:
    """Migrating twice, or into a used database, changes nothing and fails."""
    _seed(tmp_path / "data").close()
    assert main(["store", "migrate", "--from", str(tmp_path / "data"), "--to", url]) == 0
    assert main(["store", "migrate", "--from", str(tmp_path / "data"), "--to", url]) == 1
    store = PostgresStore(url)
    assert len(store.reports.all()) == 40
    store.close()


def test_migrate_refuses_a_running_bot_s_directory(tmp_path: Path, url: str) -> None:
    """The directory's lock is taken: a bot still writing to it makes the migration fail."""
    running = _seed(tmp_path / "data")
    assert main(["store", "migrate", "--from", str(tmp_path / "data"), "--to", url]) == 1
    running.close()


def test_check_counts_and_finds_dangling_references(
    tmp_path: Path, url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """``check`` passes a sound database; undecodable rows, stale keys, dangling ids fail it."""
    _seed(tmp_path / "data").close()
    main(["store", "migrate", "--from", str(tmp_path / "data"), "--to", url])
    capsys.readouterr()
    assert main(["store", "check", "--database-url", url]) == 0
    assert re.search(r"\n  reports +40\n", capsys.readouterr().out)
    _damage_rows(url)
    assert main(["store", "check", "--database-url", url]) == 1
    out = capsys.readouterr().out
    assert "problem: reports/r1: cannot decode Report" in out
    assert "problem: audit/a-x: team_id 'gone' is not in teams" in out
    assert "problem: audit/a-x: key columns" in out


def _damage_rows(url: str) -> None:
    """A report that does not decode, and an audit entry whose team is gone and whose key
    columns disagree with its document."""
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("UPDATE reports SET data = '{\"id\": \"r1\"}' WHERE id = 'r1'")
        entry = AuditEntry("a-x", "gone", T0, None, Action.REPORTED, "m1")
        conn.execute(
            'INSERT INTO audit (id, data, team_id, subject, "at") VALUES (%s, %s, %s, %s, now())',
            ("a-x", dumps(encode(entry)), "gone", "m1"),
        )


def test_check_names_bad_rows_in_chinese_by_default(
    tmp_path: Path, url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Rows that do not decode, disagree with their key columns or name a missing team, and a
    document under another id, are problem lines in Chinese (the codec's reason quoted)."""
    monkeypatch.delenv("DUBAN_LANGUAGE")
    _seed(tmp_path / "data").close()
    main(["store", "migrate", "--from", str(tmp_path / "data"), "--to", url])
    _damage_rows(url)
    with psycopg.connect(url, autocommit=True) as conn:
        report = Report("r9", "t1", "m1", "p1", ReportStatus.ON_TRACK, T0)
        conn.execute("UPDATE reports SET data = %s WHERE id = 'r2'", (dumps(encode(report)),))
    capsys.readouterr()
    assert main(["store", "check", "--database-url", url]) == 1
    out = capsys.readouterr().out
    assert "问题：reports/r1：无法解码（cannot decode Report" in out
    assert "问题：reports/r2：记录中的编号为 'r9'，与 id 列不符" in out
    assert "问题：audit/a-x：team_id 'gone' 在 teams 中不存在" in out
    assert "问题：audit/a-x：键列 (" in out
    assert out.rstrip().endswith("发现 4 处问题")
    assert "problem" not in out


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("zh", "问题：该数据库中没有督办数据结构：请核对 DUBAN_DATABASE_URL（或 --database-url）"),
        ("en", "problem: no Duban schema in this database: check DUBAN_DATABASE_URL (or "),
    ],
)
def test_a_database_without_duban_is_named_in_the_operators_language(
    url: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    lang: str,
    expected: str,
) -> None:
    """An empty database: what to check, in the operator's language, the names as they are."""
    monkeypatch.setenv("DUBAN_LANGUAGE", lang)
    assert main(["store", "check", "--database-url", url]) == 1
    assert expected in capsys.readouterr().out


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "zh",
            "问题：数据结构版本 {newer} 由较新版本的督办写入（本版本最高读取 {current}）："
            "请升级督办",
        ),
        (
            "en",
            "problem: schema {newer} is newer than this Duban reads (up to {current}): upgrade",
        ),
    ],
)
def test_a_database_a_newer_duban_wrote_is_named_in_the_operators_language(
    tmp_path: Path,
    url: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    lang: str,
    expected: str,
) -> None:
    """A schema newer than this Duban reads: the two versions and the fix, in either language."""
    _seed(tmp_path / "data").close()
    main(["store", "migrate", "--from", str(tmp_path / "data"), "--to", url])
    newer = migrations.CURRENT_VERSION + 1
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(
            "INSERT INTO duban_schema (version, description) VALUES (%s, 'future')", (newer,)
        )
    capsys.readouterr()
    monkeypatch.setenv("DUBAN_LANGUAGE", lang)
    assert main(["store", "check", "--database-url", url]) == 1
    names = {"newer": newer, "current": migrations.CURRENT_VERSION}
    assert expected.format(**names) in capsys.readouterr().out


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("zh", "提示：数据结构版本 {older}；下次打开时升级至 {current}（请先备份）"),
        (
            "en",
            "warning: schema {older}; it is upgraded to {current} on next open (back up first)",
        ),
    ],
)
def test_an_older_schema_is_a_warning_in_the_operators_language(
    tmp_path: Path,
    url: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    lang: str,
    expected: str,
) -> None:
    """A schema an older Duban left: a warning naming both versions and what to do first, and
    the check passes."""
    _seed(tmp_path / "data").close()
    main(["store", "migrate", "--from", str(tmp_path / "data"), "--to", url])
    current = migrations.CURRENT_VERSION
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DELETE FROM duban_schema WHERE version = %s", (current,))
    capsys.readouterr()
    monkeypatch.setenv("DUBAN_LANGUAGE", lang)
    assert main(["store", "check", "--database-url", url]) == 0
    assert expected.format(older=current - 1, current=current) in capsys.readouterr().out


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("zh", "问题：数据库出错：connection "), ("en", "problem: database error: connection ")],
)
def test_an_unreachable_database_is_a_check_problem_in_the_operators_language(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], lang: str, expected: str
) -> None:
    """Nothing listening: the driver's reason quoted in a sentence of the operator's language,
    without the password."""
    monkeypatch.setenv("DUBAN_LANGUAGE", lang)
    url = f"postgresql://duban:pw-x9@127.0.0.1:{free_port()}/d"
    assert main(["store", "check", "--database-url", url]) == 1
    out = capsys.readouterr().out
    assert expected in out
    assert "pw-x9" not in out


@pytest.mark.skipif(shutil.which("pg_dump") is None, reason="needs PostgreSQL's client tools")
@pytest.mark.parametrize(
    ("lang", "expected"),
    [("zh", "备份失败：pg_dump 执行失败：pg_dump: "), ("en", "backup failed: pg_dump failed: ")],
)
def test_a_failed_pg_dump_is_said_in_the_operators_language(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    lang: str,
    expected: str,
) -> None:
    """pg_dump that cannot reach its server: its own words quoted, the rest in the operator's
    language, no traceback."""
    monkeypatch.setenv("DUBAN_LANGUAGE", lang)
    url = f"postgresql://duban@127.0.0.1:{free_port()}/d"
    assert main(["store", "backup", str(tmp_path / "copy"), "--database-url", url]) == 1
    err = capsys.readouterr().err
    assert err.startswith(expected), err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("zh", "备份失败：{dest} 已存在且不为空\n"),
        ("en", "backup failed: {dest} exists and is not empty\n"),
    ],
)
def test_a_pg_dump_into_a_used_directory_is_refused_in_the_operators_language(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    lang: str,
    expected: str,
) -> None:
    """A destination that holds files is refused before pg_dump runs, in either language."""
    monkeypatch.setenv("DUBAN_LANGUAGE", lang)
    dest = tmp_path / "dest"
    dest.mkdir()
    (dest / "keep.txt").write_text("mine")
    url = f"postgresql://duban@127.0.0.1:{free_port()}/d"
    assert main(["store", "backup", str(dest), "--database-url", url]) == 1
    assert capsys.readouterr().err == expected.format(dest=dest)
    assert [p.name for p in dest.iterdir()] == ["keep.txt"]


def test_check_of_a_database_without_duban_fails(
    url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """An empty database is reported, not taken for an empty store."""
    assert main(["store", "check", "--database-url", url]) == 1
    assert "no Duban schema" in capsys.readouterr().out


@pytest.mark.skipif(shutil.which("pg_restore") is None, reason="needs PostgreSQL's client tools")
def test_backup_is_a_pg_dump_that_restores_every_row(
    tmp_path: Path, url: str, database_url: str
) -> None:
    """``backup`` writes a pg_dump that restores into an empty database with every row."""
    _seed(tmp_path / "data").close()
    main(["store", "migrate", "--from", str(tmp_path / "data"), "--to", url])
    assert main(["store", "backup", str(tmp_path / "copy"), "--database-url", url]) == 0
    dump = tmp_path / "copy" / "duban.pgdump"
    restored = f"restore_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {restored}")
    target = database_url.rsplit("/", 1)[0] + f"/{restored}"
    try:
        subprocess.run(["pg_restore", f"--dbname={target}", str(dump)], check=True)
        schema = url.rsplit("%3D", 1)[1]
        with psycopg.connect(target) as conn:
            counts = conn.execute(f"SELECT count(*) FROM {schema}.reports").fetchone()
        assert counts == (40,)
    finally:
        with psycopg.connect(database_url, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE {restored}")


def test_export_reads_the_database_named_in_the_environment(
    tmp_path: Path, url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``duban export`` with ``DUBAN_DATABASE_URL`` writes the team's ledger from PostgreSQL."""
    _seed(tmp_path / "data").close()
    main(["store", "migrate", "--from", str(tmp_path / "data"), "--to", url])
    monkeypatch.setenv("DUBAN_DATABASE_URL", url)
    monkeypatch.setenv("DUBAN_DATA_DIR", str(tmp_path / "nowhere"))
    assert main(["export", "--output", str(tmp_path / "ledger.xlsx")]) == 0
    assert (tmp_path / "ledger.xlsx").stat().st_size > 0
