"""Tests for the test helpers: PTB wiring, idle probes and the spec-conformance watch."""

from __future__ import annotations

import asyncio

import httpx
from telegram import Update
from telegram.ext import ContextTypes, MessageHandler, filters

from sandbox import Sandbox
from sandbox.testing import application_builder, bot_for, running_polling, spec_watch


async def slow_echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Think for a while before answering (no API call meanwhile)."""
    assert update.effective_message is not None
    await asyncio.sleep(0.3)
    await update.effective_message.reply_text("done thinking")


async def test_wait_idle_waits_for_the_application_to_finish_handlers(sandbox: Sandbox) -> None:
    """With running_polling, wait_idle also waits until PTB processed every update."""
    app = application_builder(sandbox).build()
    app.add_handler(MessageHandler(filters.TEXT, slow_echo))
    async with running_polling(app, sandbox):
        chat = await sandbox.create_user("Ann").start()
        await sandbox.wait_idle()
        assert [m.text for m in chat.bot_messages()] == ["done thinking"]


async def test_spec_watch_collects_violations_of_every_sandbox() -> None:
    """Sandboxes started inside the watch report their remaining violations."""
    with spec_watch() as watch:
        async with Sandbox() as sb, httpx.AsyncClient(trust_env=False) as client:
            await client.post(f"{sb.base_url}{sb.token}/getMe", data={"extra": "1"})
    assert len(watch.sandboxes) == 1
    assert "getMe: unknown parameter 'extra'" in watch.report()
    watch.sandboxes[0].take_violations()
    assert watch.violations == []


async def test_bot_for_talks_to_the_sandbox(sandbox: Sandbox) -> None:
    """The plain Bot helper is wired to the sandbox's URLs and token."""
    async with bot_for(sandbox) as bot:
        assert (await bot.get_me()).id == sandbox.world.bot.id


async def test_run_hooks_calls_the_lifecycle_hooks_in_order(sandbox: Sandbox) -> None:
    """With run_hooks, post_init/post_stop/post_shutdown run as run_polling would run them."""
    calls: list[str] = []

    async def record(name: str) -> None:
        calls.append(name)

    app = (
        application_builder(sandbox)
        .post_init(lambda _: record("init"))
        .post_stop(lambda _: record("stop"))
        .post_shutdown(lambda _: record("shutdown"))
        .build()
    )
    async with running_polling(app, sandbox, run_hooks=True):
        assert calls == ["init"]
    assert calls == ["init", "stop", "shutdown"]
