"""`duban run` starts and keeps running through faults: the Bot API unreachable at the start or
later is waited out with one log line per change and no traceback; a webhook port in use or a
data directory it cannot use is one clear error and a non-zero exit."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
from pathlib import Path

import pytest

from sandbox import Sandbox
from sandbox.faults import FaultConfig
from sandbox.testing import free_port
from storage.durable import TinyDBStore
from storage.layout import STATE_FILE
from tests.e2e.harness import spawn_cli
from tests.factories import entities as f

TOKEN = "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdef"
DOWN = "Telegram Bot API unreachable"
UP = "Telegram Bot API reachable again"


class Output:
    """The child's log (its stdout), read line by line as it comes."""

    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.lines: list[str] = []
        self._more = asyncio.Event()
        assert process.stdout is not None
        self._stream = process.stdout
        self._reader = asyncio.ensure_future(self._read())

    async def _read(self) -> None:
        while line := await self._stream.readline():
            self.lines.append(line.decode(errors="replace"))
            self._more.set()

    async def wait_for(self, text: str, count: int = 1) -> None:
        """Until ``text`` has appeared in ``count`` lines (at most 30 s)."""
        async with asyncio.timeout(30):
            while sum(text in line for line in self.lines) < count:
                self._more.clear()
                await self._more.wait()

    async def finish(self) -> str:
        """Everything, once the child closed its stdout."""
        await asyncio.wait_for(self._reader, timeout=30)
        return "".join(self.lines)


def _env(tmp_path: Path, port: int, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "DUBAN_BOT_TOKEN": TOKEN,
        "DUBAN_BOT_API_URL": f"http://127.0.0.1:{port}",
        "DUBAN_DATA_DIR": str(tmp_path / "data"),
        **extra,
    }


@pytest.mark.slow
async def test_the_bot_waits_for_the_bot_api_at_start_and_later(tmp_path: Path) -> None:
    """Started with nothing listening, the bot logs one line and waits; when the Bot API comes
    it answers; 502s on every call later are one more pair of lines, then it answers again
    (regression: a 237-line traceback and exit, then a restart loop)."""
    port = free_port()
    process = await spawn_cli("run", _env(tmp_path, port))
    output = Output(process)
    try:
        await output.wait_for(DOWN)
        await asyncio.sleep(1.5)  # a few more failed attempts: still one line
        async with Sandbox(rate_limits=False, port=port, token=TOKEN) as sandbox:
            await output.wait_for(UP)
            chat = await sandbox.create_user("Alice", language_code="en").start()
            await chat.wait_for_message("not registered", timeout=30)
            sandbox.set_faults(FaultConfig(bad_gateway=1.0))
            await output.wait_for(DOWN, count=2)
            await asyncio.sleep(2)  # failed polls go on: no more lines
            sandbox.set_faults(None)
            await output.wait_for(UP, count=2)
            await chat.send("/help")
            await chat.wait_for_message(timeout=30)
            process.send_signal(signal.SIGTERM)
            await asyncio.wait_for(process.wait(), timeout=30)
    finally:
        if process.returncode is None:
            process.kill()
    log = await output.finish()
    assert process.stderr is not None
    errors = (await process.stderr.read()).decode()
    assert process.returncode == 0, log[-3000:] + errors
    assert (log.count(DOWN), log.count(UP)) == (2, 2), log[-3000:]
    assert "Traceback" not in log + errors, log + errors
    assert "store closed" in log


async def test_a_webhook_port_in_use_is_one_clear_error(tmp_path: Path) -> None:
    """Another program holds the webhook port: one line naming it (in Chinese, the default),
    exit code 1, no traceback (regression: a raw traceback)."""
    async with Sandbox(rate_limits=False, token=TOKEN) as sandbox:
        with socket.socket() as holder:
            holder.bind(("127.0.0.1", 0))
            holder.listen()
            port = holder.getsockname()[1]
            env = _env(
                tmp_path,
                0,
                DUBAN_BOT_API_URL=sandbox.url,
                DUBAN_WEBHOOK_URL=f"http://127.0.0.1:{port}/hook",
                DUBAN_WEBHOOK_LISTEN="127.0.0.1",
                DUBAN_WEBHOOK_PORT=str(port),
            )
            process = await spawn_cli("run", env)
            out, err = await asyncio.wait_for(process.communicate(), timeout=60)
    log = err.decode()
    assert process.returncode == 1, log[-3000:]
    assert f"督办无法启动：webhook 服务无法在 127.0.0.1:{port} 监听" in log
    assert "Traceback" not in log + out.decode()


@pytest.mark.parametrize("mode", ["polling", "webhook"])
async def test_a_health_port_in_use_is_one_clear_error(tmp_path: Path, mode: str) -> None:
    """Another program holds DUBAN_HEALTH_ADDRESS's port: one line naming the health endpoint
    and its address (in English, as DUBAN_LANGUAGE says), exit code 1, no traceback, in either
    mode (regression: a raw traceback)."""
    async with Sandbox(rate_limits=False, token=TOKEN) as sandbox:
        with socket.socket() as holder, socket.socket() as spare:
            holder.bind(("127.0.0.1", 0))
            holder.listen()
            spare.bind(("127.0.0.1", 0))
            port, webhook_port = holder.getsockname()[1], spare.getsockname()[1]
            spare.close()  # a free port for the webhook server
            webhook = {
                "DUBAN_WEBHOOK_URL": f"http://127.0.0.1:{webhook_port}/hook",
                "DUBAN_WEBHOOK_LISTEN": "127.0.0.1",
                "DUBAN_WEBHOOK_PORT": str(webhook_port),
            }
            env = _env(
                tmp_path,
                0,
                DUBAN_BOT_API_URL=sandbox.url,
                DUBAN_HEALTH_ADDRESS=f"127.0.0.1:{port}",
                DUBAN_LANGUAGE="en",
                **(webhook if mode == "webhook" else {}),
            )
            process = await spawn_cli("run", env)
            out, err = await asyncio.wait_for(process.communicate(), timeout=60)
    log = err.decode()
    assert process.returncode == 1, log[-3000:]
    assert f"Duban cannot start: the health endpoint 127.0.0.1:{port} cannot listen" in log
    assert "Traceback" not in log + out.decode()


async def test_a_data_directory_it_cannot_use_is_one_clear_error(tmp_path: Path) -> None:
    """DUBAN_DATA_DIR under a plain file: one line naming the directory (in Chinese, the
    default), exit code 1."""
    (tmp_path / "file").write_text("not a directory")
    env = _env(tmp_path, free_port(), DUBAN_DATA_DIR=str(tmp_path / "file" / "data"))
    process = await spawn_cli("run", env)
    _, err = await asyncio.wait_for(process.communicate(), timeout=60)
    log = err.decode()
    assert process.returncode == 1, log[-3000:]
    assert log.strip().splitlines() == [
        f"督办无法启动：数据目录 {tmp_path / 'file' / 'data'} 无法使用（Not a directory）"
    ]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "zh",
            "督办无法启动：数据集 people 中有无法解码的记录（cannot decode Person from ",
        ),
        ("en", "Duban cannot start: people: cannot decode Person from "),
    ],
)
async def test_a_store_that_does_not_decode_is_one_clear_error(
    tmp_path: Path, lang: str, expected: str
) -> None:
    """A record of state.json the store cannot decode stops the start with one sentence in the
    operator's language (the codec's reason quoted) that says what to run next, exit code 1."""
    data = tmp_path / "data"
    store = TinyDBStore(data)
    store.teams.save(f.team(id="t1"))
    store.people.save(f.person(id="p1"))
    store.close()
    state = json.loads((data / STATE_FILE).read_text())
    next(iter(state["people"].values()))["role"] = "emperor"
    (data / STATE_FILE).write_text(json.dumps(state))
    env = _env(tmp_path, free_port(), DUBAN_LANGUAGE=lang)
    process = await spawn_cli("run", env)
    out, err = await asyncio.wait_for(process.communicate(), timeout=60)
    log = err.decode()
    assert process.returncode == 1, log[-3000:]
    (line,) = log.strip().splitlines()
    assert line.startswith(expected), line
    assert "duban store check" in line
    assert "Traceback" not in log + out.decode()


async def test_a_refused_token_is_one_clear_error_without_the_token(tmp_path: Path) -> None:
    """The Bot API answers 401: no waiting (it would not help), one line, exit code 1, and
    the token is not printed (PTB's own message quotes it); in English, as the settings say."""
    async with Sandbox(rate_limits=False) as sandbox:
        env = _env(tmp_path, 0, DUBAN_BOT_API_URL=sandbox.url, DUBAN_LANGUAGE="en")
        process = await spawn_cli("run", env)
        out, err = await asyncio.wait_for(process.communicate(), timeout=60)
    log = err.decode()
    assert process.returncode == 1, log[-3000:]
    assert "Duban cannot start: the Bot API refused the token" in log
    assert TOKEN.partition(":")[2] not in log + out.decode()
    assert "Traceback" not in log + out.decode()
