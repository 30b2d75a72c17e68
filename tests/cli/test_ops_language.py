"""What the operator reads at setup and from the store tools, in the operator's language:
Chinese by default, English when the settings say ``en`` (the TOML file's ``language`` or
``DUBAN_LANGUAGE``), the names to type left as they are, and never a secret."""

from __future__ import annotations

import argparse
import ast
import os
import socket
from datetime import date
from pathlib import Path

import pytest

from bot.cli.checks import admins_finding, calendar_finding, data_dir_finding
from bot.cli.main import main
from bot.cli.run import check
from bot.cli.say import language, reason, settings_message
from bot.config import SettingsError, load_settings
from bot.i18n import catalog_keys
from bot.rhythm.calendar import WorkCalendar
from storage.durable import TinyDBStore
from storage.layout import Sentence
from storage.lock import StoreLockedError

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "123456789:AAEabcdefghijklmnopqrstuvwxyz012345"


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """No DUBAN_* setting of the machine leaks into these tests."""
    for name in [n for n in os.environ if n.startswith("DUBAN_")]:
        monkeypatch.delenv(name)


def _check_errors(capsys: pytest.CaptureFixture[str]) -> str:
    assert check(argparse.Namespace()) == 2
    return capsys.readouterr().err


@pytest.mark.parametrize(
    ("wanted", "header", "problem"),
    [
        (None, "督办无法启动：设置有 2 处问题：", "未设置 DUBAN_BOT_TOKEN（@BotFather 发放的"),
        (
            "en",
            "Duban cannot start: the settings have 2 problems:",
            "DUBAN_BOT_TOKEN is not set",
        ),
        ("fr", "督办无法启动：设置有 3 处问题：", "DUBAN_LANGUAGE='fr' 应为 zh, en 之一"),
    ],
    ids=["default-zh", "en", "unknown-language-falls-back-to-zh"],
)
def test_settings_problems_read_in_the_operators_language(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    wanted: str | None,
    header: str,
    problem: str,
) -> None:
    """The settings' problems come in Chinese by default, in English with DUBAN_LANGUAGE=en,
    and in Chinese when the language itself is wrong; variable names stay as typed."""
    if wanted:
        monkeypatch.setenv("DUBAN_LANGUAGE", wanted)
    monkeypatch.setenv("DUBAN_TIMEZONE", "Nowhere/Land")
    err = _check_errors(capsys)
    assert err.startswith(header), err
    assert problem in err
    assert "DUBAN_TIMEZONE='Nowhere/Land'" in err


@pytest.mark.parametrize(
    ("lang", "source"),
    [("en", " [set in {path} as timezone]"), ("zh", "（在 {path} 中设为 timezone）")],
)
def test_the_toml_files_language_words_the_other_settings_problems(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    lang: str,
    source: str,
) -> None:
    """``language`` in the TOML file is followed even when other settings are wrong, and a
    problem with a value from the file says where to fix it, in that language."""
    config = tmp_path / "duban.toml"
    config.write_text(f'language = "{lang}"\ntimezone = "Beijing"\n', "utf-8")
    monkeypatch.setenv("DUBAN_CONFIG", str(config))
    monkeypatch.setenv("DUBAN_BOT_TOKEN", TOKEN)
    err = _check_errors(capsys)
    assert source.format(path=config) in err
    assert ("不是可识别的时区" in err) == (lang == "zh")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_secrets_in_wrong_settings_are_never_shown(
    monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    """A proxy password, a token in the Bot API URL or in the admin list is masked in either
    language."""
    monkeypatch.setenv("DUBAN_PROXY", "ftp://user:pw-s3cret@proxy:21")
    monkeypatch.setenv("DUBAN_BOT_API_URL", f"http://127.0.0.1:8081/bot{TOKEN}")
    monkeypatch.setenv("DUBAN_ADMIN_IDS", TOKEN)
    with pytest.raises(SettingsError) as caught:
        load_settings(require_token=False)
    text = settings_message(caught.value, lang)
    assert len(caught.value.problems) == 3
    assert "pw-s3cret" not in text
    assert TOKEN.split(":")[1] not in text
    assert "DUBAN_PROXY=" in text
    assert "DUBAN_BOT_API_URL=" in text


def test_the_language_falls_back_from_the_settings_to_the_environment_to_chinese() -> None:
    """The settings' language wins; without settings DUBAN_LANGUAGE, if it names one, else zh."""
    settings = load_settings({"DUBAN_LANGUAGE": "en"}, require_token=False)
    assert language(settings, {}) == "en"
    assert language(None, {"DUBAN_LANGUAGE": "en-US"}) == "en"
    assert language(None, {"DUBAN_LANGUAGE": "fr"}) == "zh"
    assert language(None, {}) == "zh"


def test_check_lines_read_in_either_language(tmp_path: Path) -> None:
    """Each ``duban check`` line keeps its OK/FAIL mark and says the rest in the language asked,
    with the names to type untranslated."""
    settings = load_settings({}, require_token=False)
    admins = admins_finding(settings)
    assert admins.line("zh").startswith("FAIL 管理员：未设置：请将 DUBAN_ADMIN_IDS 设为")
    assert admins.line("en").startswith("FAIL admins: none: set DUBAN_ADMIN_IDS to")
    created = data_dir_finding(tmp_path / "data")
    assert (
        created.line("zh")
        == f"OK   数据目录：{tmp_path / 'data'} 尚不存在，duban run 将创建该目录"
    )
    assert created.line("en") == (
        f"OK   data directory: {tmp_path / 'data'} does not exist yet; `duban run` will create it"
    )
    weekdays = WorkCalendar(official=lambda day: day.isoweekday() <= 5)
    known = calendar_finding(weekdays, date(2026, 12, 20))
    assert known.line("zh") == "OK   工作日历：节假日数据已覆盖至 2027 年"
    assert known.line("en") == "OK   working calendar: holidays known through 2027"


@pytest.mark.parametrize(
    ("wanted", "expected"),
    [
        (
            None,
            ["问题：{path} 中没有督办数据（无 state.json、wal/ 或 duban.json）", "发现 1 处问题"],
        ),
        ("en", ["problem: no Duban store in {path} (no state.json, wal/ or duban.json)"]),
    ],
    ids=["zh", "en"],
)
def test_store_check_says_what_is_wrong_in_the_operators_language(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    wanted: str | None,
    expected: list[str],
) -> None:
    """``duban store check`` of a directory without a store: the heading, the problem and the
    verdict in the operator's language, the options to type as they are."""
    if wanted:
        monkeypatch.setenv("DUBAN_LANGUAGE", wanted)
    (tmp_path / "notes.txt").write_text("not a store")
    assert main(["store", "check", "--data-dir", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    for line in expected:
        assert line.format(path=tmp_path) in out, out
    assert "--data-dir" in out
    assert "DUBAN_DATA_DIR" in out


def test_a_locked_directory_names_its_holder_in_either_language(tmp_path: Path) -> None:
    """The store's lock error carries a code and the holder: said in Chinese and in English
    from the same error, naming this process."""
    first = TinyDBStore(tmp_path)
    try:
        with pytest.raises(StoreLockedError) as caught:
            TinyDBStore(tmp_path)
    finally:
        first.close()
    zh, en = reason(caught.value, "zh"), reason(caught.value, "en")
    assert zh.startswith(f"数据目录 {tmp_path} 正由进程 {os.getpid()}（")
    assert "DUBAN_DATABASE_URL" in zh
    assert en.startswith(f"data directory {tmp_path} is in use by process {os.getpid()} (")
    assert str(caught.value) == en


def test_backup_and_migrate_failures_read_in_chinese(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``duban store backup`` into a non-empty directory and ``migrate`` from a directory the
    bot holds say so in Chinese by default."""
    dest = tmp_path / "dest"
    dest.mkdir()
    (dest / "old").write_text("x")
    store = TinyDBStore(tmp_path / "data")
    try:
        assert main(["store", "backup", str(dest), "--data-dir", str(tmp_path / "data")]) == 1
        assert capsys.readouterr().err == f"备份失败：{dest} 已存在且不为空\n"
        url = f"postgresql://duban:pw-x9@127.0.0.1:{_closed_port()}/d"
        args = ["store", "migrate", "--from", str(tmp_path / "data"), "--to", url]
        assert main(args) == 1
        err = capsys.readouterr().err
    finally:
        store.close()
    assert err.startswith(f"迁移失败：数据目录 {tmp_path / 'data'} 正由进程 {os.getpid()}（")
    assert "pw-x9" not in err


def test_an_unreachable_database_reads_in_either_language() -> None:
    """The database that does not answer: the same error said in Chinese and English, without
    its password."""
    from storage.postgres import PostgresStore
    from storage.postgres.store import DatabaseUnavailable

    url = f"postgresql://duban:pw-x9@127.0.0.1:{_closed_port()}/d"
    with pytest.raises(DatabaseUnavailable) as caught:
        PostgresStore(url, timeout=2)
    zh, en = reason(caught.value, "zh"), reason(caught.value, "en")
    assert zh.startswith("无法连接数据库：")
    assert en.startswith("cannot connect to the database: ")
    assert "pw-x9" not in zh + en


def test_export_without_a_data_directory_reads_in_the_settings_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``duban export`` without its data directory: one sentence, in Chinese by default and in
    English when the settings say so."""
    missing = tmp_path / "none"
    assert main(["export", "--data-dir", str(missing)]) != 0
    assert capsys.readouterr().err == f"{missing} 处没有数据目录\n"
    monkeypatch.setenv("DUBAN_LANGUAGE", "en")
    assert main(["export", "--data-dir", str(missing)]) != 0
    assert capsys.readouterr().err == f"no data directory at {missing}\n"


def _sentence_codes() -> set[str]:
    """Every code the storage package gives a ``Sentence``."""
    codes: set[str] = set()
    for path in (ROOT / "storage").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == Sentence.__name__
                and len(node.args) >= 2
                and isinstance(node.args[1], ast.Constant)
            ):
                codes.add(str(node.args[1].value))
    return codes


def test_every_store_sentence_has_a_text_in_both_languages() -> None:
    """Each code the store raises has an ``ops.store`` text in Chinese and in English."""
    codes = _sentence_codes()
    assert {"locked", "not_a_store", "db_unavailable", "dest_not_empty"} <= codes
    for lang in ("zh", "en"):
        missing = {code for code in codes if f"ops.store.{code}" not in catalog_keys(lang)}
        assert missing == set(), lang


OPERATOR_ERRORS = (
    "CorruptStoreError",
    "CorruptFileError",
    "BackupError",
    "DumpError",
    "TransferError",
)


def test_the_store_tools_errors_are_raised_with_a_sentence() -> None:
    """No error the store tools show the operator is raised with bare English words (which
    would print untranslated): each gets a ``Sentence``."""
    bare = []
    for path in (ROOT / "storage").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in OPERATOR_ERRORS
                and node.args
                and isinstance(node.args[0], ast.JoinedStr | ast.Constant)
            ):
                bare.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert bare == []


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.parametrize(
    ("line", "zh", "en"),
    [
        ("2030-10-02 picnic", "第 2 行格式不对", "holiday file line 2: expected"),
        ("2030-10-09..2030-10-01 holiday", "第 2 行日期范围颠倒或过长", "backwards or too long"),
    ],
    ids=["shape", "range"],
)
def test_a_bad_holiday_line_is_named_in_either_language(
    tmp_path: Path, line: str, zh: str, en: str
) -> None:
    """A holiday file's bad line is named by its number and why, in Chinese or English."""
    holidays = tmp_path / "holidays.txt"
    holidays.write_text(f"2030-10-01 holiday\n{line}\n", "utf-8")
    with pytest.raises(SettingsError) as caught:
        load_settings({"DUBAN_HOLIDAY_FILE": str(holidays)}, require_token=False)
    assert zh in settings_message(caught.value, "zh")
    assert en in settings_message(caught.value, "en")
    assert repr(line) in settings_message(caught.value, "zh")
