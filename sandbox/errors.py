"""Telegram-shaped API errors: what a method raises to answer ``{"ok": false, ...}``.

Every description matches the wording the real Bot API uses, so a client library maps it to
the same exception (python-telegram-bot: ``BadRequest``, ``Forbidden``, ``RetryAfter``, ...).
"""

from __future__ import annotations

from typing import Any


class ApiError(Exception):
    """An error answer of the Bot API: HTTP status ``code``, JSON body with ``description``."""

    def __init__(
        self, code: int, description: str, parameters: dict[str, Any] | None = None
    ) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.parameters = parameters

    def body(self) -> dict[str, Any]:
        """The JSON body Telegram sends for this error."""
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.code,
            "description": self.description,
        }
        if self.parameters:
            body["parameters"] = self.parameters
        return body

    @property
    def kind(self) -> str:
        """A short key for counters, e.g. ``"400 message is not modified"``."""
        if self.code == 429:
            return "429 Too Many Requests"
        text = self.description.split(": ", 1)[-1]
        return f"{self.code} {text.split(':', 1)[0]}"


def bad_request(text: str) -> ApiError:
    """``400 Bad Request: <text>``."""
    return ApiError(400, f"Bad Request: {text}")


def forbidden(text: str) -> ApiError:
    """``403 Forbidden: <text>``."""
    return ApiError(403, f"Forbidden: {text}")


def conflict(text: str) -> ApiError:
    """``409 Conflict: <text>``."""
    return ApiError(409, f"Conflict: {text}")


def too_many_requests(retry_after: int) -> ApiError:
    """``429 Too Many Requests: retry after N`` with ``parameters.retry_after``."""
    return ApiError(
        429, f"Too Many Requests: retry after {retry_after}", {"retry_after": retry_after}
    )


def unauthorized() -> ApiError:
    """``401 Unauthorized``: the token is not the sandbox bot's."""
    return ApiError(401, "Unauthorized")


def not_found() -> ApiError:
    """``404 Not Found``: no such method."""
    return ApiError(404, "Not Found")


def internal_error() -> ApiError:
    """``500 Internal Server Error``, used by fault injection."""
    return ApiError(500, "Internal Server Error")


CHAT_NOT_FOUND = "chat not found"
MESSAGE_TOO_LONG = "message is too long"
CAPTION_TOO_LONG = "message caption is too long"
TEXT_EMPTY = "message text is empty"
BUTTON_DATA_INVALID = "BUTTON_DATA_INVALID"
NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly the "
    "same as a current content and reply markup of the message"
)
EDIT_NOT_FOUND = "message to edit not found"
CANT_EDIT = "message can't be edited"
DELETE_NOT_FOUND = "message to delete not found"
REPLY_NOT_FOUND = "message to be replied not found"
CANT_INITIATE = "bot can't initiate conversation with a user"
BLOCKED = "bot was blocked by the user"
DEACTIVATED = "user is deactivated"
KICKED_FROM_GROUP = "bot was kicked from the group chat"
GROUP_UPGRADED = "group chat was upgraded to a supergroup chat"
THREAD_NOT_FOUND = "message thread not found"
OTHER_GET_UPDATES = (
    "terminated by other getUpdates request; make sure that only one bot instance is running"
)
WEBHOOK_ACTIVE = (
    "can't use getUpdates method while webhook is active; use deleteWebhook to delete the "
    "webhook first"
)
QUERY_TOO_OLD = "query is too old and response timeout expired or query ID is invalid"


#: What the bot may not send in a restricted chat, by kind, as Telegram names it.
RIGHTS = {"text": "text messages", "photos": "photos", "documents": "documents"}


def not_enough_rights(kind: str) -> ApiError:
    """``400 Bad Request: not enough rights to send <kind> to the chat``."""
    return bad_request(f"not enough rights to send {RIGHTS[kind]} to the chat")
