"""Helpers for tests and the demo: PTB pointed at a sandbox, and the spec-conformance watch.

async with Sandbox() as sb:
    app = application_builder(sb).build()
    app.add_handler(CommandHandler("start", start))
    async with running_polling(app, sb):
        chat = await sb.create_user("Alice").start()
        await chat.wait_for_message("Welcome")
"""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, field
from typing import Any

from telegram import Bot
from telegram.error import TelegramError
from telegram.ext import Application, ApplicationBuilder

from sandbox import sandbox as sandbox_module
from sandbox.sandbox import Sandbox
from sandbox.spec import Violation

AnyApplication = Application[Any, Any, Any, Any, Any, Any]


def application_builder(sb: Sandbox) -> ApplicationBuilder[Any, Any, Any, Any, Any, Any]:
    """An ``ApplicationBuilder`` with the sandbox's token, ``base_url`` and ``base_file_url``."""
    return (
        ApplicationBuilder().token(sb.token).base_url(sb.base_url).base_file_url(sb.base_file_url)
    )


def bot_for(sb: Sandbox, **kwargs: Any) -> Bot:
    """A plain PTB ``Bot`` talking to the sandbox; use it as ``async with bot_for(sb) as bot``."""
    return Bot(sb.token, base_url=sb.base_url, base_file_url=sb.base_file_url, **kwargs)


@asynccontextmanager
async def running_polling(
    app: AnyApplication,
    sb: Sandbox,
    *,
    poll_timeout: int = 1,
    run_hooks: bool = False,
    **polling: Any,
) -> AsyncIterator[AnyApplication]:
    """Run ``app`` with long polling against ``sb`` for the ``async with`` body.

    It also teaches ``sb.wait_idle()`` to wait until the application has processed every
    update it fetched. ``run_hooks`` calls ``post_init``/``post_stop``/``post_shutdown`` where
    ``run_polling`` would. A failed poll goes to the application's error handlers, as
    ``run_polling`` hands it. Extra keyword arguments go to ``updater.start_polling``.
    """
    assert app.updater is not None, "build the application with an updater"

    def poll_failed(error: TelegramError) -> None:
        app.create_task(app.process_error(error=error, update=None))

    polling.setdefault("error_callback", poll_failed)
    async with _initialized(app, run_hooks):
        await app.updater.start_polling(poll_interval=0, timeout=poll_timeout, **polling)
        async with _started(app, sb, run_hooks):
            yield app


@asynccontextmanager
async def running_webhook(
    app: AnyApplication,
    sb: Sandbox,
    *,
    secret_token: str | None = "sandbox-secret",
    run_hooks: bool = False,
    **webhook: Any,
) -> AsyncIterator[str]:
    """Run ``app`` with PTB's webhook server on a free loopback port; yields the webhook URL."""
    assert app.updater is not None, "build the application with an updater"
    port = free_port()
    url = f"http://127.0.0.1:{port}/telegram"
    async with _initialized(app, run_hooks):
        await app.updater.start_webhook(
            listen="127.0.0.1",
            port=port,
            url_path="telegram",
            webhook_url=url,
            secret_token=secret_token,
            **webhook,
        )
        async with _started(app, sb, run_hooks):
            yield url


@asynccontextmanager
async def _initialized(app: AnyApplication, run_hooks: bool) -> AsyncIterator[None]:
    """``initialize``/``shutdown``, with ``post_init``/``post_shutdown`` if asked."""
    await app.initialize()
    try:
        if run_hooks and app.post_init is not None:
            await app.post_init(app)
        yield
    finally:
        await app.shutdown()
        if run_hooks and app.post_shutdown is not None:
            await app.post_shutdown(app)


@asynccontextmanager
async def _started(app: AnyApplication, sb: Sandbox, run_hooks: bool) -> AsyncIterator[None]:
    """``start`` (the updater already runs), with ``sb.wait_idle()`` waiting on the queue; stop."""
    await app.start()
    remove_probe = sb.add_idle_probe(app.update_queue.join)
    try:
        yield
    finally:
        remove_probe()
        await _stop(app, run_hooks)


async def _stop(app: AnyApplication, run_hooks: bool) -> None:
    """Stop the updater, then the application, even if the updater fails to stop cleanly."""
    assert app.updater is not None
    try:
        await app.updater.stop()
    finally:
        await app.stop()
        if run_hooks and app.post_stop is not None:
            await app.post_stop(app)


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port on ``host`` that was free a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


@dataclass
class SpecWatch:
    """Every sandbox started while the watch is active, and their violations."""

    sandboxes: list[Sandbox] = field(default_factory=list)

    @property
    def violations(self) -> list[Violation]:
        """Violations still recorded (``take_violations`` removes expected ones)."""
        return [violation for sb in self.sandboxes for violation in sb.violations]

    def report(self) -> str:
        """A readable list of the violations."""
        return "\n".join(f"  - {violation}" for violation in self.violations)


@contextmanager
def spec_watch() -> Iterator[SpecWatch]:
    """Collect the sandboxes started inside the ``with`` block (for a pytest fixture)."""
    watch = SpecWatch()
    listener = watch.sandboxes.append
    sandbox_module.start_listeners.append(listener)
    try:
        yield watch
    finally:
        sandbox_module.start_listeners.remove(listener)
