"""Webhook delivery: POST each update to the bot's URL, in order, retrying until it is taken."""

from __future__ import annotations

import asyncio
import contextlib
import http
import json
from typing import Any

import httpx

from sandbox.state import WebhookSettings, World

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
_POST_TIMEOUT = 10.0


class WebhookPusher:
    """A background task that delivers pending updates while a webhook is set.

    An update counts as delivered when the bot answers 2xx; otherwise the error is kept for
    ``getWebhookInfo`` and the same update is retried with exponential backoff.
    """

    def __init__(self, world: World, *, initial_backoff: float, max_backoff: float) -> None:
        self.world = world
        self.initial_backoff = initial_backoff
        self.max_backoff = max_backoff
        self._client: httpx.AsyncClient | None = None
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        """Start delivering (call inside the running event loop)."""
        self._client = httpx.AsyncClient(timeout=_POST_TIMEOUT, trust_env=False)
        self._task = asyncio.create_task(self._run(), name="sandbox-webhook-pusher")

    async def stop(self) -> None:
        """Stop delivering and close the HTTP client."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    async def _run(self) -> None:
        backoff = self.initial_backoff
        while True:
            hook, update = await self._next()
            error = await self._post(hook, update)
            if self.world.webhook is not hook:
                continue
            if error is None:
                self.world.updates.remove(update["update_id"])
                backoff = self.initial_backoff
                continue
            self._record_failure(hook, error)
            await self._pause(hook, backoff)
            backoff = min(backoff * 2, self.max_backoff)

    async def _pause(self, hook: WebhookSettings, seconds: float) -> None:
        """Wait before retrying, unless the webhook is changed or removed meanwhile."""
        await self.world.notifier.wait_for(lambda: self.world.webhook is not hook, seconds)

    async def _next(self) -> tuple[WebhookSettings, dict[str, Any]]:
        world = self.world
        while True:
            hook = world.webhook
            pending = world.updates.deliverable(1) if hook is not None else []
            if hook is not None and pending:
                return hook, pending[0]
            await world.notifier.wait_change(timeout=3600)

    async def _post(self, hook: WebhookSettings, update: dict[str, Any]) -> str | None:
        assert self._client is not None
        headers = {"Content-Type": "application/json"}
        if hook.secret_token:
            headers[SECRET_HEADER] = hook.secret_token
        try:
            response = await self._client.post(
                hook.url, content=json.dumps(update, ensure_ascii=False), headers=headers
            )
        except httpx.TimeoutException:
            return "Read timeout expired"
        except httpx.HTTPError:
            return "Connection refused"
        if 200 <= response.status_code < 300:
            return None
        return f"Wrong response from the webhook: {_status_line(response.status_code)}"

    def _record_failure(self, hook: WebhookSettings, error: str) -> None:
        hook.last_error_date = self.world.now()
        hook.last_error_message = error
        self.world.counters.webhook_failures += 1
        self.world.notifier.notify()


def _status_line(code: int) -> str:
    """``403 Forbidden``: the standard phrase, as Telegram reports it."""
    try:
        return f"{code} {http.HTTPStatus(code).phrase}"
    except ValueError:
        return str(code)
