"""Getting updates: getUpdates (long polling) and setWebhook/deleteWebhook/getWebhookInfo."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from sandbox import errors
from sandbox.config import is_loopback
from sandbox.errors import bad_request, conflict
from sandbox.methods.base import ApiCall, Described, Handler
from sandbox.state import WebhookSettings

MAX_POLL_SECONDS = 50
_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")


async def get_updates(call: ApiCall) -> list[dict[str, Any]]:
    """getUpdates: confirm by ``offset``, then wait up to ``timeout`` s for an update."""
    world, params = call.world, call.params
    if world.webhook is not None:
        raise conflict(errors.WEBHOOK_ACTIVE)
    limit = min(max(params.integer("limit") or 100, 1), 100)
    timeout = min(max(params.number("timeout") or 0.0, 0.0), MAX_POLL_SECONDS)
    if params.has("allowed_updates"):
        world.updates.set_allowed(_string_list(params.json("allowed_updates")))
    offset = params.integer("offset")
    if offset:
        world.updates.confirm(offset)
    ticket = world.updates.begin_poll()
    try:
        await world.notifier.wait_for(
            lambda: (
                bool(ticket.terminated_by or call.client_gone())
                or bool(world.updates.deliverable(limit))
            ),
            timeout,
        )
        if ticket.terminated_by:
            if ticket.terminated_by == "getUpdates":
                raise conflict(errors.OTHER_GET_UPDATES)
            raise conflict(f"terminated by {ticket.terminated_by} request")
        return world.updates.deliverable(limit)
    finally:
        world.updates.end_poll(ticket)


async def set_webhook(call: ApiCall) -> Described:
    """setWebhook: push updates to a loopback URL (an empty URL removes the webhook)."""
    world, params = call.world, call.params
    url = (params.string("url") or "").strip()
    if not url:
        return await delete_webhook(call)
    _check_url(url)
    secret = params.string("secret_token")
    if secret is not None and not _SECRET.fullmatch(secret):
        raise bad_request("secret token contains unallowed characters")
    max_connections = params.integer("max_connections") or 40
    if not 1 <= max_connections <= 100:
        raise bad_request("bad webhook: max_connections must be between 1 and 100")
    if params.has("allowed_updates"):
        world.updates.set_allowed(_string_list(params.json("allowed_updates")))
    if params.boolean("drop_pending_updates"):
        world.updates.clear()
    already = world.webhook is not None and world.webhook.url == url
    world.updates.terminate_poll("setWebhook")
    world.webhook = WebhookSettings(
        url=url,
        secret_token=secret,
        max_connections=max_connections,
        ip_address=params.string("ip_address"),
        has_custom_certificate=params.has("certificate"),
    )
    world.notifier.notify()
    return Described(True, "Webhook is already set" if already else "Webhook was set")


async def delete_webhook(call: ApiCall) -> Described:
    """deleteWebhook: back to getUpdates, optionally dropping pending updates."""
    world = call.world
    existed = world.webhook is not None
    world.webhook = None
    if call.params.boolean("drop_pending_updates"):
        world.updates.clear()
    world.notifier.notify()
    return Described(True, "Webhook was deleted" if existed else "Webhook is already deleted")


async def get_webhook_info(call: ApiCall) -> dict[str, Any]:
    """getWebhookInfo: the URL (empty when polling), pending count and the last error."""
    world = call.world
    hook = world.webhook
    info: dict[str, Any] = {
        "url": hook.url if hook else "",
        "has_custom_certificate": bool(hook and hook.has_custom_certificate),
        "pending_update_count": world.updates.pending_count,
    }
    if hook is not None:
        info["max_connections"] = hook.max_connections
        if hook.ip_address:
            info["ip_address"] = hook.ip_address
        if hook.last_error_date is not None:
            info["last_error_date"] = hook.last_error_date
            info["last_error_message"] = hook.last_error_message
    if world.updates.allowed is not None:
        info["allowed_updates"] = sorted(world.updates.allowed)
    return info


def _check_url(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
    if not is_loopback(parts.hostname):
        raise bad_request("bad webhook: the sandbox delivers webhooks to loopback addresses only")


def _string_list(value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise bad_request("allowed_updates must be an Array of String")
    return value


METHODS: dict[str, Handler] = {
    "getUpdates": get_updates,
    "setWebhook": set_webhook,
    "deleteWebhook": delete_webhook,
    "getWebhookInfo": get_webhook_info,
}
