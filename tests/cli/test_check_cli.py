"""`duban check` catches what `duban run` would fail on, with the reason, and never prints a
secret: the data directory, the admins, the working calendar and the Bot API (also through
HTTP and SOCKS5 proxies)."""

from __future__ import annotations

import argparse
import os
import socket
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.cli.checks import CALENDAR_HORIZON, calendar_finding, data_dir_finding
from bot.cli.run import check
from bot.rhythm.calendar import WorkCalendar
from sandbox import Sandbox
from tests.cli.proxies import running_proxy
from tests.e2e.harness import spawn_cli

SHANGHAI = ZoneInfo("Asia/Shanghai")  # the default DUBAN_TIMEZONE check uses
TOKEN = "123456789:AAEabcdefghijklmnopqrstuvwxyz012345"


def holiday_file(directory: Path) -> Path:
    """A holiday file with one entry in each year the next CALENDAR_HORIZON days touch."""
    today = datetime.now(SHANGHAI).date()
    years = {today.year, (today + timedelta(days=CALENDAR_HORIZON)).year}
    path = directory / "holidays.txt"
    path.write_text("".join(f"{year}-01-01 holiday 元旦\n" for year in years), "utf-8")
    return path


@pytest.fixture
def good_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Settings that pass every check except, without a Bot API, the last one."""
    for name in [n for n in os.environ if n.startswith("DUBAN_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("DUBAN_BOT_TOKEN", TOKEN)
    monkeypatch.setenv("DUBAN_ADMIN_IDS", "42")
    monkeypatch.setenv("DUBAN_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("DUBAN_HOLIDAY_FILE", str(holiday_file(tmp_path)))
    monkeypatch.setenv("DUBAN_BOT_API_URL", f"http://127.0.0.1:{closed_port()}")
    return tmp_path


def closed_port() -> int:
    """A loopback port nobody listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def run_check(capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """`duban check` in this process: exit code, stdout, stderr."""
    code = check(argparse.Namespace())
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    ("env", "failing", "reason"),
    [
        ({"DUBAN_ADMIN_IDS": ""}, "管理员", "DUBAN_ADMIN_IDS"),
        ({"DUBAN_DATA_DIR": "{tmp}/holidays.txt/data"}, "数据目录", "Not a directory"),
        ({"DUBAN_DATA_DIR": "{tmp}/holidays.txt"}, "数据目录", "不是目录"),
    ],
    ids=["no-admins", "data-dir-cannot-be-created", "data-dir-is-a-file"],
)
def test_check_fails_on_what_run_would_fail_on(
    good_env: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    env: dict[str, str],
    failing: str,
    reason: str,
) -> None:
    """Each problem gives exit 1 and a FAIL line naming it and what to do (in Chinese, the
    default); the other local checks still pass."""
    for name, value in env.items():
        monkeypatch.setenv(name, value.format(tmp=good_env))
    code, out, err = run_check(capsys)
    assert code == 1
    fails = [line for line in err.splitlines() if line.startswith("FAIL")]
    assert any(line.startswith(f"FAIL {failing}：") and reason in line for line in fails), err
    for other in {"管理员", "数据目录", "工作日历"} - {failing}:
        assert f"OK   {other}：" in out


def test_check_without_holiday_data_agrees_with_the_package(
    good_env: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """With an empty holiday file the calendar line fails exactly when chinese-calendar does
    not know a year of the next 60 days (late in a year, until the package is updated), and
    then says how to fix it."""
    (good_env / "empty.txt").write_text("# nothing yet\n", "utf-8")
    monkeypatch.setenv("DUBAN_HOLIDAY_FILE", str(good_env / "empty.txt"))
    today = datetime.now(SHANGHAI).date()
    years = {today.year, (today + timedelta(days=CALENDAR_HORIZON)).year}
    known = all(WorkCalendar().check_year(year) for year in years)
    _code, out, err = run_check(capsys)
    if known:
        assert "OK   工作日历：" in out
    else:
        (line,) = [x for x in err.splitlines() if x.startswith("FAIL 工作日历：")]
        assert "DUBAN_HOLIDAY_FILE" in line


def test_calendar_check_looks_sixty_days_ahead() -> None:
    """A year the package does not know fails once it is within 60 days, unless the holiday
    file has entries for it."""

    def known_until_2026(day: date) -> bool:
        if day.year > 2026:
            raise NotImplementedError
        return day.isoweekday() <= 5

    calendar = WorkCalendar(official=known_until_2026)
    assert calendar_finding(calendar, date(2026, 10, 1)).ok
    late = calendar_finding(calendar, date(2026, 11, 15))
    assert not late.ok
    assert "2027" in late.text("en")
    assert "2027 年的节假日尚无数据" in late.text("zh")
    filed = WorkCalendar({date(2027, 1, 1): False}, official=known_until_2026)
    assert calendar_finding(filed, date(2026, 11, 15)).ok


def test_missing_data_dir_that_can_be_created_passes(tmp_path: Path) -> None:
    """A data directory that does not exist yet is fine when run can create it, and the check
    leaves nothing behind."""
    finding = data_dir_finding(tmp_path / "new" / "data")
    assert finding.ok, finding.detail
    assert list(tmp_path.iterdir()) == []


def test_unreachable_bot_api_names_the_reason(
    good_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Nothing listens at the Bot API URL: exit 1, and the line says the connection was
    refused instead of a traceback."""
    code, _out, err = run_check(capsys)
    assert code == 1
    (line,) = [line for line in err.splitlines() if line.startswith("FAIL Bot API：")]
    assert "无法连接" in line
    assert "refused" in line.lower()
    assert "Traceback" not in err


def test_a_token_pasted_into_admin_ids_is_not_printed_back(
    good_env: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The settings error names the entry and says it looks like a token, without showing it."""
    monkeypatch.setenv("DUBAN_ADMIN_IDS", f"42,{TOKEN}")
    code, out, err = run_check(capsys)
    assert code == 2
    assert "第 2 项" in err
    assert "像是机器人令牌" in err
    assert TOKEN not in out + err
    assert TOKEN.split(":")[1] not in out + err


async def test_check_passes_against_the_sandbox(sandbox: Sandbox, tmp_path: Path) -> None:
    """Everything in order: exit 0, one OK line per check (in English, as the settings say),
    the bot's name, no token."""
    env = {
        **os.environ,
        "DUBAN_BOT_TOKEN": sandbox.token,
        "DUBAN_BOT_API_URL": sandbox.url,
        "DUBAN_ADMIN_IDS": "42",
        "DUBAN_DATA_DIR": str(tmp_path / "data"),
        "DUBAN_HOLIDAY_FILE": str(holiday_file(tmp_path)),
        "DUBAN_LANGUAGE": "en",
    }
    process = await spawn_cli("check", env)
    out, err = (part.decode() for part in await process.communicate())
    assert process.returncode == 0, err
    oks = [line.split(":")[0] for line in out.splitlines() if line.startswith("OK")]
    assert oks == ["OK   data directory", "OK   admins", "OK   working calendar", "OK   Bot API"]
    assert "@duban_test_bot" in out
    assert sandbox.token not in out + err


@pytest.mark.parametrize("kind", ["http", "socks5"])
async def test_check_reaches_the_bot_api_through_a_proxy(
    sandbox: Sandbox, tmp_path: Path, kind: str
) -> None:
    """DUBAN_PROXY with an HTTP or a SOCKS5 proxy: getMe goes through it (the proxy carried the
    connections to the sandbox) and check passes."""
    async with running_proxy(kind) as proxy:
        env = {
            **os.environ,
            "DUBAN_BOT_TOKEN": sandbox.token,
            "DUBAN_BOT_API_URL": sandbox.url,
            "DUBAN_ADMIN_IDS": "42",
            "DUBAN_DATA_DIR": str(tmp_path / "data"),
            "DUBAN_HOLIDAY_FILE": str(holiday_file(tmp_path)),
            "DUBAN_PROXY": proxy.url,
            "DUBAN_LANGUAGE": "en",
        }
        process = await spawn_cli("check", env)
        out, err = (part.decode() for part in await process.communicate())
    assert process.returncode == 0, out + err
    assert "OK   Bot API: OK, the bot is @duban_test_bot" in out
    assert f"proxy: {proxy.url}" in out
    assert proxy.carried >= 1
    sandbox_port = sandbox.url.rsplit(":", 1)[1].split("/")[0]
    assert set(proxy.targets) == {f"127.0.0.1:{sandbox_port}"}


def test_check_on_postgresql_checks_the_database_not_the_directory(
    good_env: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """With DUBAN_DATABASE_URL the data directory (unused) is not checked; a database that
    does not answer is a FAIL line with the reason and without the password."""
    monkeypatch.setenv(
        "DUBAN_DATABASE_URL", f"postgresql://duban:pw-x9@127.0.0.1:{closed_port()}/d"
    )
    code, out, err = run_check(capsys)
    assert code == 1
    (line,) = [x for x in err.splitlines() if x.startswith("FAIL 数据库：")]
    assert "无法连接" in line
    assert "refused" in line
    assert "pw-x9" not in out + err
    assert "数据目录" not in out + err


def test_check_reads_the_schema_of_the_database(
    good_env: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    database_url: str,
) -> None:
    """An empty database passes (`duban run` creates the schema), as does one with the
    current schema, each saying which."""
    from storage.postgres import PostgresStore
    from storage.postgres.migrations import CURRENT_VERSION
    from tests.postgres_server import fresh_schema

    with fresh_schema(database_url) as url:
        monkeypatch.setenv("DUBAN_DATABASE_URL", url)
        _code, out, _err = run_check(capsys)
        assert "尚无督办数据结构，duban run 将创建" in out
        PostgresStore(url).close()  # creates the schema, as `duban run` does
        _code, out, _err = run_check(capsys)
        assert f"数据结构版本 {CURRENT_VERSION}）" in out
        assert "OK   数据库：" in out


def test_a_directory_of_another_user_is_named_with_its_owner_and_the_fix(tmp_path: Path) -> None:
    """For a data directory this user may not write, the hint names its owner and mode, who
    is asking, and the command that hands it over (never "run it as root"), in English and
    in Chinese."""
    import pwd

    from bot.cli.checks import owner_hint

    data = tmp_path / "data"
    data.mkdir(mode=0o750)
    data.chmod(0o750)
    me = pwd.getpwuid(os.geteuid()).pw_name
    hint = owner_hint(data, "en")
    assert f"belongs to {me} (mode 0750)" in hint
    assert f"runs as {me}" in hint
    assert f"sudo chown -R {me}: {data}" in hint
    assert "run the command as root" not in hint
    chinese = owner_hint(data, "zh")
    assert f"该目录属于 {me}（权限 0750），本命令以 {me} 身份运行" in chinese
    assert f"sudo chown -R {me}: {data}" in chinese
