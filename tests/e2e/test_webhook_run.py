"""`duban run` in webhook mode against the sandbox: updates arrive, wrong secrets get 403."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from bot.cli.run import webhook_options
from bot.config import SecretStr, SettingsError, WebhookSettings, load_settings
from sandbox import Sandbox
from sandbox.testing import free_port
from tests.e2e.harness import cli_env, cli_running

TOKEN = "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdef"


def test_the_webhook_listens_on_the_urls_path_with_the_secret() -> None:
    """listen/port from the settings, the URL's path as the server's, the configured secret."""
    hook = WebhookSettings("https://duban.example.org/tg/hook", "127.0.0.1", 8443, SecretStr("s"))
    options = webhook_options(hook)
    assert options == {
        "listen": "127.0.0.1",
        "port": 8443,
        "url_path": "tg/hook",
        "webhook_url": "https://duban.example.org/tg/hook",
        "secret_token": "s",
    }


def test_without_a_configured_secret_each_start_makes_one() -> None:
    """No DUBAN_WEBHOOK_SECRET: a random secret all the same, so every request is checked."""
    hook = WebhookSettings("https://duban.example.org")
    first, second = webhook_options(hook), webhook_options(hook)
    assert first["url_path"] == ""
    assert len(first["secret_token"]) >= 32
    assert first["secret_token"] != second["secret_token"]


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("http://127.0.0.1:8443/hook", True),
        ("http://localhost/hook", True),
        ("http://[::1]:9000/", True),
        ("http://duban.example.org/hook", False),
        ("http://10.0.0.5/hook", False),
    ],
)
def test_plain_http_webhooks_only_on_this_machine(url: str, ok: bool) -> None:
    """Telegram needs https; http is accepted for a loopback URL (a local Bot API, tests)."""
    env = {"DUBAN_BOT_TOKEN": TOKEN, "DUBAN_WEBHOOK_URL": url}
    if ok:
        assert load_settings(env).webhook is not None
    else:
        with pytest.raises(SettingsError, match="WEBHOOK_URL"):
            load_settings(env)


async def _post(url: str, secret: str | None) -> int:
    headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret is not None else {}
    update = {
        "update_id": 999_999,
        "message": {"message_id": 1, "date": 0, "chat": {"id": 1, "type": "private"}},
    }
    async with httpx.AsyncClient() as client:
        response = await client.post(url, json=update, headers=headers)
    return response.status_code


async def test_run_serves_a_webhook_with_its_secret(sandbox: Sandbox, tmp_path: Path) -> None:
    """`duban run` with DUBAN_WEBHOOK_URL registers the webhook with its secret, answers
    updates the sandbox pushes, refuses requests with a wrong or no secret (403), and stops
    cleanly on SIGTERM."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/duban/hook"
    env = cli_env(
        sandbox,
        tmp_path,
        DUBAN_WEBHOOK_URL=url,
        DUBAN_WEBHOOK_LISTEN="127.0.0.1",
        DUBAN_WEBHOOK_PORT=str(port),
        DUBAN_WEBHOOK_SECRET="s3cret-token",
    )
    async with cli_running(env) as exited:
        await sandbox.wait_for(
            lambda: sandbox.world.webhook is not None,
            timeout=20,
            what="the bot to set its webhook",
        )
        hook = sandbox.world.webhook
        assert hook is not None
        assert (hook.url, hook.secret_token) == (url, "s3cret-token")
        chat = await sandbox.create_user("Alice", language_code="en").start()
        reply = await chat.wait_for_message(timeout=20)
        assert "not registered" in reply.text
        assert await _post(url, "wrong") == 403
        assert await _post(url, None) == 403
    assert exited.code == 0, exited.err[-2000:]
    assert sandbox.token not in exited.out + exited.err
    assert "s3cret-token" not in exited.out + exited.err
    assert "store closed" in exited.out  # logs go to stdout
