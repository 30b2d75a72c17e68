"""Tests for ``duban sandbox``, the standalone sandbox server."""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import sys

import pytest
from telegram import Bot

from bot.cli.main import build_parser
from bot.cli.sandbox import build_config, parse_faults


def test_options_become_a_config() -> None:
    """Command-line options map onto the sandbox configuration."""
    args = build_parser().parse_args(
        ["sandbox", "--port", "8123", "--rate-limits", "off", "--faults", "drop_after=0.1"]
    )
    config = build_config(args)
    assert config.port == 8123
    assert not config.rate_limits.enabled
    assert config.faults is not None
    assert config.faults.drop_after == 0.1
    assert not config.strict_spec


def test_non_loopback_hosts_are_refused() -> None:
    """The sandbox never listens beyond loopback."""
    args = argparse.Namespace(
        host="0.0.0.0", port=0, token=None, rate_limits="on", faults="", seed=0, strict_spec="off"
    )
    with pytest.raises(ValueError, match="loopback"):
        build_config(args)


def test_unknown_faults_are_refused() -> None:
    """A typo in --faults is an error, not silently ignored."""
    with pytest.raises(ValueError, match="unknown fault 'drop'"):
        parse_faults("drop=0.1", seed=0)


async def test_serves_until_interrupted() -> None:
    """The command prints the URLs and token, answers PTB, and stops cleanly on SIGINT."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot.cli.main",
        "sandbox",
        "--port",
        "0",
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        env=env,
    )
    assert process.stdout is not None
    try:
        lines = [await asyncio.wait_for(process.stdout.readline(), 30) for _ in range(4)]
        fields = dict(line.decode().split(":", 1) for line in lines[1:])
        token, base_url = fields["token"].strip(), fields["base_url"].strip()
        async with Bot(token, base_url=base_url) as bot:
            assert bot.username == "duban_test_bot"
    finally:
        process.send_signal(signal.SIGINT)
        out, err = await asyncio.wait_for(process.communicate(), 30)
    assert process.returncode == 0, err.decode()
    assert b"sandbox stopped" in out
