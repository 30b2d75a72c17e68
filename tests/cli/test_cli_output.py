"""What an operator reads from the `duban` command: `check`'s lines in their order when both
streams go to one file, a base URL to copy from `duban sandbox`, one sentence instead of a
traceback, and help texts that name their defaults."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli.main import build_parser, main
from bot.cli.sandbox import banner
from bot.config import load_settings
from sandbox import Sandbox
from tests.cli.test_check_cli import closed_port, holiday_file

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "123456789:AAEabcdefghijklmnopqrstuvwxyz012345"


def _duban(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """`duban ARGS` in a child Python, stderr merged into stdout as in a log file."""
    base = {name: value for name, value in os.environ.items() if not name.startswith("DUBAN_")}
    return subprocess.run(
        [sys.executable, "-m", "bot.cli.main", *args],
        env=base | env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_lines_keep_their_order_in_one_file(tmp_path: Path) -> None:
    """With stdout and stderr in one pipe, the OK and FAIL lines come in the order checked."""
    env = {
        "DUBAN_BOT_TOKEN": TOKEN,
        "DUBAN_DATA_DIR": str(tmp_path / "data"),
        "DUBAN_HOLIDAY_FILE": str(holiday_file(tmp_path)),
        "DUBAN_BOT_API_URL": f"http://127.0.0.1:{closed_port()}",
    }
    done = _duban(["check"], env)
    assert done.returncode == 1
    labels = [
        line[5:].split("：")[0]
        for line in done.stdout.splitlines()
        if line[:4] in ("OK  ", "FAIL")
    ]
    assert labels == ["数据目录", "管理员", "工作日历", "Bot API"], done.stdout
    assert done.stdout.index("设置：OK") < done.stdout.index("FAIL 管理员")


async def test_the_sandbox_banner_gives_the_settings_for_duban(sandbox: Sandbox) -> None:
    """The banner's `duban run` line holds settings that load and point the bot at the sandbox
    (the PTB base_url it also prints ends in /bot, which DUBAN_BOT_API_URL must not)."""
    (line,) = [x for x in banner(sandbox).splitlines() if x.startswith("duban run:")]
    env = dict(pair.split("=", 1) for pair in line.split()[2:])
    settings = load_settings(env)
    assert settings.base_url == sandbox.base_url


def test_migrate_refuses_a_url_that_is_not_postgresql(capsys: pytest.CaptureFixture[str]) -> None:
    """`store migrate --to` and `--database-url` take only postgresql:// URLs, refused by usage
    (exit 2) with the form expected and without echoing the URL's password."""
    for args in (
        ["store", "migrate", "--from", "data", "--to", "mysql://duban:pw-secret@db/duban"],
        ["store", "check", "--database-url", "duban:pw-secret@db"],
    ):
        with pytest.raises(SystemExit) as caught:
            main(args)
        assert caught.value.code == 2
        err = capsys.readouterr().err
        assert "must be a postgresql:// URL" in err
        assert "pw-secret" not in err


def test_an_unexpected_error_is_one_masked_line(capsys: pytest.CaptureFixture[str]) -> None:
    """A failure no command foresaw is one line naming the command, the error and how to see
    the details, with tokens masked, and exit code 70."""
    from bot.cli.main import _unexpected

    error = ValueError(f"bad answer from https://api.example/bot{TOKEN}/getMe\nsecond line")
    assert _unexpected("check", error) == 70
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("duban check: 意外错误 / unexpected error (ValueError: bad answer from")
    assert "duban --debug check" in err
    assert TOKEN not in err


@pytest.mark.parametrize(
    ("command", "words"),
    [
        (["run"], ["DUBAN_CONFIG", "duban check"]),
        (["check"], ["60 days", "never a secret"]),
        (["export"], ["$DUBAN_DATA_DIR or ./duban-data", "current directory", "A4"]),
        (["store", "backup"], ["new or empty", "section 6"]),
        (["store"], ["$DUBAN_DATA_DIR or ./duban-data", "$DUBAN_DATABASE_URL"]),
        (["health"], ["/readyz", "DUBAN_HEALTH_ADDRESS is not set"]),
        (["store", "migrate"], ["empty PostgreSQL database", "bot stopped"]),
    ],
)
def test_help_says_what_a_command_does_and_its_defaults(
    capsys: pytest.CaptureFixture[str], command: list[str], words: list[str]
) -> None:
    """Each operator command's --help says what it does and where its defaults come from."""
    with pytest.raises(SystemExit):
        build_parser().parse_args([*command, "--help"])
    text = " ".join(capsys.readouterr().out.split())
    for word in words:
        assert word in text


def test_duban_alone_says_where_to_start(capsys: pytest.CaptureFixture[str]) -> None:
    """`duban` with no command prints the commands, each in Chinese and English, and where the
    settings come from and what to run first; exit code 2."""
    assert main([]) == 2
    out = capsys.readouterr().out
    commands = [line for line in out.splitlines() if re.match(r"    [a-z]+ {2,}\S", line)]
    assert len(commands) == 8
    for line in commands:
        assert re.search(r"[\u4e00-\u9fff].* / [A-Za-z]", line), line  # 中文 / English
    for words in ("DUBAN_CONFIG", "docs/configuration.md", "duban check", "duban run"):
        assert words in out
