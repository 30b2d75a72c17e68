"""Log lines an operator can use: local time, one record per line, JSON on request, no secrets."""

from __future__ import annotations

import io
import json
import logging
import re
from collections.abc import Iterator
from zoneinfo import ZoneInfo

import pytest

from bot.logs import MASK, configure_logging

TOKEN = "123456789:AAEabcdefghijklmnopqrstuvwxyz012345"
PROXY = "socks5://user:hunter2@proxy.example:1080"


@pytest.fixture
def restore_root() -> Iterator[None]:
    """Put the root logger back as pytest had it."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


def _log(fmt: str) -> list[str]:
    stream = io.StringIO()
    configure_logging("INFO", [TOKEN, PROXY], fmt=fmt, tz=ZoneInfo("Asia/Shanghai"), stream=stream)
    log = logging.getLogger("duban.test")
    log.info("polling %s/bot%s/getUpdates", "https://api.telegram.org", TOKEN)
    try:
        raise ConnectionError(f"cannot reach {PROXY} with 987654321:{'x' * 30}")
    except ConnectionError:
        log.exception("send failed")
    log.debug("not shown at INFO")
    return stream.getvalue().splitlines()


@pytest.mark.usefixtures("restore_root")
def test_text_lines_carry_the_deployment_zone_and_hide_secrets() -> None:
    """Text format: an ISO timestamp with +08:00, level, logger; the token, the proxy URL and
    any token-shaped string are masked, in the message and in the traceback alike."""
    lines = _log("text")
    assert re.match(
        r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+08:00 INFO duban\.test: polling ", lines[0]
    )
    text = "\n".join(lines)
    assert MASK in lines[0]
    assert "hunter2" not in text
    assert TOKEN not in text
    assert "987654321:xxx" not in text
    assert "ConnectionError" in text
    assert "not shown" not in text


@pytest.mark.usefixtures("restore_root")
def test_json_format_writes_one_object_per_record() -> None:
    """JSON format: each record, traceback included, is exactly one parseable line."""
    lines = _log("json")
    records = [json.loads(line) for line in lines]
    assert [r["level"] for r in records] == ["INFO", "ERROR"]
    assert records[1]["message"] == "send failed"
    assert "ConnectionError" in records[1]["exception"]
    assert records[0]["time"].endswith("+08:00")
    assert "hunter2" not in "".join(lines)
    assert TOKEN not in "".join(lines)
