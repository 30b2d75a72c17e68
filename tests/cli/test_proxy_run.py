"""`duban run` through DUBAN_PROXY: polling and replies both go through the proxy."""

from __future__ import annotations

from pathlib import Path

from sandbox import Sandbox
from tests.cli.proxies import running_proxy
from tests.e2e.harness import cli_env, cli_running


async def test_run_polls_and_answers_through_a_socks5_proxy(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    """With a SOCKS5 proxy the bot answers /start, and every connection it made to the Bot API
    went through the proxy (getUpdates and sendMessage use separate connection pools)."""
    async with running_proxy("socks5") as proxy:
        env = cli_env(sandbox, tmp_path, DUBAN_PROXY=proxy.url, NO_PROXY="")
        async with cli_running(env) as exited:
            chat = await sandbox.create_user("Alice", language_code="en").start()
            reply = await chat.wait_for_message(timeout=20)
            assert "not registered" in reply.text
    assert exited.code == 0, (exited.out + exited.err)[-2000:]
    assert proxy.carried >= 2  # at least the polling and the sending pools
    assert proxy.url not in exited.out + exited.err
