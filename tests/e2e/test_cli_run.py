"""`duban check` and `duban run` against the sandbox: settings, polling, shutdown (the rest of
`check` is in tests/cli/test_check_cli.py)."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from bot.cli.run import check
from sandbox import Sandbox
from tests.e2e.harness import cli_env, cli_running


def test_check_reports_every_settings_problem(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Bad settings: one message listing each problem (in Chinese, the default), exit code 2,
    no traceback."""
    monkeypatch.delenv("DUBAN_BOT_TOKEN", raising=False)
    monkeypatch.delenv("DUBAN_LANGUAGE", raising=False)
    monkeypatch.setenv("DUBAN_TIMEZONE", "Nowhere/Land")
    assert check(argparse.Namespace()) == 2
    err = capsys.readouterr().err
    assert err.startswith("督办无法启动：设置有")
    assert "未设置 DUBAN_BOT_TOKEN" in err
    assert "DUBAN_TIMEZONE='Nowhere/Land' 不是可识别的时区" in err
    assert "Traceback" not in err


async def test_run_polls_answers_and_stops_on_sigterm(sandbox: Sandbox, tmp_path: Path) -> None:
    """`duban run` answers /start over long polling and exits cleanly on SIGTERM."""
    async with cli_running(cli_env(sandbox, tmp_path, DUBAN_LOG_LEVEL="DEBUG")) as exited:
        chat = await sandbox.create_user("Alice", language_code="en").start()
        reply = await chat.wait_for_message(timeout=20)
        assert "not registered" in reply.text
    assert exited.code == 0, exited.err[-2000:]
    assert sandbox.token not in exited.out + exited.err
    assert "store closed" in exited.out  # logs go to stdout


@pytest.mark.parametrize("command", ["check", "run"])
def test_a_malformed_holiday_file_stops_check_and_run(
    command: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    """`duban check` and `duban run` name the holiday file's bad line and exit 2."""
    import bot.cli.run as cli

    holidays = tmp_path / "holidays.txt"
    holidays.write_text("2030-10-01 holiday\n2030-10-02 picnic\n", "utf-8")
    monkeypatch.setenv("DUBAN_BOT_TOKEN", "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdef")
    monkeypatch.setenv("DUBAN_HOLIDAY_FILE", str(holidays))
    monkeypatch.setenv("DUBAN_DATA_DIR", str(tmp_path))
    assert getattr(cli, command)(argparse.Namespace()) == 2
    err = capsys.readouterr().err
    assert "DUBAN_HOLIDAY_FILE" in err
    assert "第 2 行格式不对" in err
