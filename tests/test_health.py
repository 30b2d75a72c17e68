"""The health endpoint and the metrics: what /livez, /readyz and /metrics say about the bot."""

from __future__ import annotations

import asyncio
import socket
import sys
from asyncio.subprocess import PIPE, STDOUT
from pathlib import Path
from types import SimpleNamespace

import httpx
import pytest
from telegram import Bot
from telegram.error import RetryAfter

from bot import metrics
from bot.config import load_settings
from bot.health import HEARTBEAT_STALE, POLL_STALE, Health, build_requests, probe_directory
from sandbox import Sandbox
from tests.e2e.harness import ROOT, cli_env, cli_running


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def wait_ready(url: str, seconds: float = 30) -> httpx.Response:
    """Poll /readyz until it answers 200, or return its last answer."""
    deadline = asyncio.get_running_loop().time() + seconds
    async with httpx.AsyncClient() as client:
        while True:
            try:
                response = await client.get(f"{url}/readyz")
                if response.status_code == 200:
                    return response
            except httpx.TransportError:
                response = None
            if asyncio.get_running_loop().time() > deadline:
                assert response is not None, "the health endpoint never answered"
                return response
            await asyncio.sleep(0.2)


def sample(text: str, name: str, labels: str = "") -> float:
    """The value of one sample in Prometheus' text format (0 if absent)."""
    for line in text.splitlines():
        if line.startswith((f"{name}{labels} ", f"{name}{{{labels}}} ")):
            return float(line.rsplit(" ", 1)[1])
    return 0.0


@pytest.mark.slow
async def test_running_bot_serves_readiness_liveness_and_metrics(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    """`duban run` with DUBAN_HEALTH_ADDRESS: /readyz turns 200 once getUpdates succeeded, the
    heartbeat ran and the store took a write; /metrics counts the handled update and the
    store's commits."""
    port = free_port()
    admin = sandbox.create_user("Alice", language_code="en")
    env = cli_env(
        sandbox,
        tmp_path,
        DUBAN_ADMIN_IDS=str(admin.id),
        DUBAN_HEALTH_ADDRESS=f"127.0.0.1:{port}",
        DUBAN_LANGUAGE="zh",
    )
    url = f"http://127.0.0.1:{port}"
    async with cli_running(env) as exited:
        ready = await wait_ready(url)
        assert ready.status_code == 200, ready.text
        checks = ready.json()["checks"]
        assert set(checks) == {"telegram", "jobs", "store"}
        assert "getUpdates" in checks["telegram"]["detail"]
        chat = await admin.start()
        await chat.wait_for_message(timeout=20)
        await chat.send("/newteam 督查室")  # a durable write
        await chat.wait_for_message(timeout=20)
        async with httpx.AsyncClient() as client:
            live = await client.get(f"{url}/livez")
            scraped = await client.get(f"{url}/metrics")
            missing = await client.get(f"{url}/nothing")
        assert live.status_code == 200
        assert live.json()["checks"]["jobs"]["ok"] is True
        assert scraped.headers["content-type"].startswith("text/plain")
        text = scraped.text
        assert sample(text, "duban_updates_handled_total", 'kind="message"') >= 1
        assert sample(text, "duban_store_write_seconds_count") >= 1
        assert sample(text, "duban_job_lag_seconds_count", 'job="health"') >= 1
        assert missing.status_code == 404
        code, said = await duban_health(env)
        assert code == 0, said
        assert "OK   telegram: last successful getUpdates" in said
    assert exited.code == 0, (exited.out + exited.err)[-2000:]
    code, said = await duban_health(env)
    assert code == 1  # the bot is gone: the health check fails
    assert "无应答" in said  # in Chinese, the default


async def duban_health(env: dict[str, str]) -> tuple[int, str]:
    """`duban health` (what the Docker and systemd health checks run): exit code and output."""
    code = "import sys; from bot.cli.main import main; sys.exit(main(['health']))"
    child = await asyncio.create_subprocess_exec(
        sys.executable, "-c", code, env=env, stdout=PIPE, stderr=STDOUT, cwd=ROOT
    )
    out, _ = await child.communicate()
    return int(child.returncode or 0), out.decode()


class FakeClock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def running_app(*, updater_running: bool = True) -> SimpleNamespace:
    """The two things Health reads from a PTB application."""
    return SimpleNamespace(
        job_queue=SimpleNamespace(scheduler=SimpleNamespace(running=True)),
        updater=SimpleNamespace(running=updater_running),
    )


def test_readiness_fails_when_polling_stopped_succeeding(tmp_path: Path) -> None:
    """Ready right after a good getUpdates; not ready once none succeeded for POLL_STALE."""
    clock = FakeClock()
    health = Health(tmp_path, clock=clock)
    health._app = running_app()
    assert health.telegram().ok is False  # nothing polled yet
    health.polled()
    assert health.telegram().ok is True
    clock.now += POLL_STALE + 1
    check = health.telegram()
    assert check.ok is False
    assert f"{POLL_STALE + 1:.0f} s ago" in check.detail


def test_liveness_fails_when_the_heartbeat_stops(tmp_path: Path) -> None:
    """The job queue's heartbeat must be recent; a stopped scheduler fails at once."""
    clock = FakeClock()
    health = Health(tmp_path, clock=clock)
    health._app = running_app()
    health.last_beat = clock.now
    assert health.jobs().ok is True
    clock.now += HEARTBEAT_STALE + 1
    assert health.jobs().ok is False
    health.last_beat = clock.now
    health._app.job_queue.scheduler.running = False
    assert health.jobs().detail == "the job queue is not running"


@pytest.mark.parametrize("running", [True, False])
def test_webhook_readiness_follows_the_webhook_server(tmp_path: Path, running: bool) -> None:
    """In webhook mode readiness is the webhook server's state (a quiet bot gets no updates)."""
    health = Health(tmp_path, webhook=True, clock=FakeClock())
    health._app = running_app(updater_running=running)
    check = health.telegram()
    assert check.ok is running
    assert "no last delivery yet" in check.detail


def test_store_probe_writes_durably_and_cleans_up(tmp_path: Path) -> None:
    """A writable data directory passes and keeps no probe file behind."""
    check = probe_directory(tmp_path)
    assert check.ok, check.detail
    assert list(tmp_path.iterdir()) == []


def test_store_probe_names_why_it_cannot_write(tmp_path: Path) -> None:
    """A data directory that cannot take a file (here: a regular file stands in its way, which
    even root cannot write through) fails with the system's reason."""
    blocker = tmp_path / "data"
    blocker.write_text("not a directory")
    check = probe_directory(blocker)
    assert check.ok is False
    assert "Not a directory" in check.detail


@pytest.mark.xdist_group("wall-clock")  # Telegram's limits in real time, as in the rate tests
async def test_http_layer_counts_429s() -> None:
    """Every 429 the Bot API answers is counted once in duban_flood_waits_total, whoever sent
    the request."""
    async with Sandbox(strict_spec=True) as sb:  # Telegram's flood limits on
        chat = await sb.create_user("Bob").start()
        settings = load_settings({"DUBAN_BOT_TOKEN": sb.token, "DUBAN_BOT_API_URL": sb.url})
        request, _ = build_requests(settings)
        before = metrics.FLOOD_WAITS._value.get()
        floods = 0
        async with Bot(sb.token, base_url=settings.base_url or "", request=request) as bot:
            for _ in range(12):
                try:
                    await bot.send_message(chat.chat_id, "hello")
                except RetryAfter:
                    floods += 1
        assert floods > 0
        assert metrics.FLOOD_WAITS._value.get() - before == floods
