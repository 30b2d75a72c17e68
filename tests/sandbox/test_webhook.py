"""Tests for webhook delivery to a PTB webhook server, with secret token and retries."""

from __future__ import annotations

import pytest
from telegram import Update
from telegram.ext import Application, CommandHandler, ContextTypes

from sandbox import Sandbox
from sandbox.testing import application_builder, bot_for, free_port, running_webhook


async def hello(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Reply to /start."""
    assert update.effective_message is not None
    await update.effective_message.reply_text("hello via webhook")


def build(sb: Sandbox) -> Application:  # type: ignore[type-arg]
    """A bot answering /start."""
    app = application_builder(sb).build()
    app.add_handler(CommandHandler("start", hello))
    return app


async def test_updates_are_pushed_to_ptb_webhook_server(sandbox: Sandbox) -> None:
    """PTB's start_webhook registers itself; updates arrive by POST with the secret token."""
    async with running_webhook(build(sandbox), sandbox, secret_token="s3cret") as url:
        assert sandbox.world.webhook is not None
        assert sandbox.world.webhook.url == url
        assert sandbox.world.webhook.secret_token == "s3cret"
        chat = await sandbox.create_user("Ann").start()
        assert (await chat.wait_for_message()).text == "hello via webhook"
        await sandbox.wait_idle()
    assert sandbox.world.updates.pending_count == 0


async def test_rejected_deliveries_are_retried(sandbox: Sandbox) -> None:
    """A 403 from a wrong secret is recorded in getWebhookInfo and retried until accepted."""
    async with running_webhook(build(sandbox), sandbox, secret_token="right") as _:
        hook = sandbox.world.webhook
        assert hook is not None
        hook.secret_token = "wrong"
        chat = await sandbox.create_user("Ann").start()
        await sandbox.wait_for(lambda: sandbox.counters.webhook_failures >= 2)
        async with bot_for(sandbox) as bot:
            info = await bot.get_webhook_info()
        assert info.last_error_message == "Wrong response from the webhook: 403 Forbidden"
        assert info.pending_update_count == 1
        hook.secret_token = "right"
        assert (await chat.wait_for_message(timeout=5)).text == "hello via webhook"


async def test_unreachable_webhook_keeps_updates(sandbox: Sandbox) -> None:
    """Nothing listening: the error says so and the update stays pending."""
    async with bot_for(sandbox) as bot:
        await bot.set_webhook(f"http://127.0.0.1:{free_port()}/nothing")
        await sandbox.create_user("Ann").start()
        await sandbox.wait_for(lambda: sandbox.counters.webhook_failures >= 1)
        info = await bot.get_webhook_info()
        assert info.last_error_message == "Connection refused"
        assert info.pending_update_count == 1
        await bot.delete_webhook()


@pytest.mark.parametrize("drop", [True, False])
async def test_switching_back_to_polling(sandbox: Sandbox, drop: bool) -> None:
    """deleteWebhook hands pending updates to getUpdates unless they are dropped."""
    async with bot_for(sandbox) as bot:
        await bot.set_webhook(f"http://127.0.0.1:{free_port()}/nothing")
        await sandbox.create_user("Ann").start()
        await bot.delete_webhook(drop_pending_updates=drop)
        assert len(await bot.get_updates()) == (0 if drop else 1)
