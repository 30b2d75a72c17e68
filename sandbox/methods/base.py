"""What every Bot API method implementation shares: the call, and the checks Telegram makes."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from sandbox import errors
from sandbox.errors import bad_request
from sandbox.markup import EntityParseError, parse_html
from sandbox.model import ChatRecord
from sandbox.params import Params
from sandbox.state import World
from sandbox.text import FormattedText, clean_entities

MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_CALLBACK_DATA = 64
_BUTTON_ACTIONS = (
    "url",
    "callback_data",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)


@dataclass
class ApiCall:
    """One request to a Bot API method, with the world it acts on."""

    method: str
    params: Params
    world: World
    client_gone: Callable[[], bool] = lambda: False


@dataclass(frozen=True)
class Described:
    """A result that Telegram sends with a ``description`` (e.g. "Webhook was set")."""

    result: Any
    description: str


Handler = Callable[[ApiCall], Awaitable[Any]]


def writable_chat(call: ApiCall, kind: str | None = None) -> ChatRecord:
    """The ``chat_id`` chat, if the bot may post there (else Telegram's 400/403), and a message
    of ``kind`` (``text``, ``photos``, ``documents``) too (its rights, slow mode)."""
    chat = call.world.find_chat(call.params.chat_id())
    call.world.check_can_write(chat, kind)
    return chat


def formatted(call: ApiCall, text: str, *, entities_param: str = "entities") -> FormattedText:
    """``text`` after ``parse_mode`` or explicit entities, trimmed and auto-linked."""
    params = call.params
    parse_mode = (params.string("parse_mode") or "").strip()
    if parse_mode.lower() == "html":
        try:
            body = parse_html(
                text, users=call.world.user_json, strict_ampersand=call.world.config.strict_html
            )
        except EntityParseError as error:
            raise bad_request(f"can't parse entities: {error}") from None
    elif parse_mode.lower() in ("markdown", "markdownv2"):
        body = FormattedText(text)  # accepted, kept as plain text (see the README)
    elif parse_mode:
        raise bad_request(f"unsupported parse_mode {parse_mode!r}")
    else:
        given = params.json(entities_param) if params.has(entities_param) else None
        body = FormattedText(text, clean_entities(text, given or []))
    return body.stripped().with_auto_entities()


def message_text(call: ApiCall) -> FormattedText:
    """The ``text`` parameter of sendMessage/editMessageText, checked like Telegram does."""
    text = call.params.string("text")
    if not text:
        raise bad_request(errors.TEXT_EMPTY)
    body = formatted(call, text)
    if not body.text:
        raise bad_request(errors.TEXT_EMPTY)
    if body.length > MAX_TEXT:
        raise bad_request(errors.MESSAGE_TOO_LONG)
    return body


def caption(call: ApiCall) -> FormattedText | None:
    """The ``caption`` of a media message, or ``None``."""
    text = call.params.string("caption")
    if not text:
        return None
    body = formatted(call, text, entities_param="caption_entities")
    if body.length > MAX_CAPTION:
        raise bad_request(errors.CAPTION_TOO_LONG)
    return body if body.text else None


def reply_markup(call: ApiCall, *, inline_only: bool = False) -> dict[str, Any] | None:
    """The ``reply_markup`` object, with inline keyboards validated button by button."""
    if not call.params.has("reply_markup"):
        return None
    markup = call.params.json("reply_markup")
    if not isinstance(markup, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    if "inline_keyboard" in markup:
        _check_inline_keyboard(markup["inline_keyboard"])
    elif inline_only:
        raise bad_request("inline keyboard expected")
    return markup


def _check_inline_keyboard(rows: Any) -> None:
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad_request('field "inline_keyboard" of the InlineKeyboardMarkup must be an Array')
    for row in rows:
        for button in row:
            _check_button(button)


def _check_button(button: Any) -> None:
    if not isinstance(button, dict) or not isinstance(button.get("text"), str):
        raise bad_request('can\'t find field "text"')
    if not any(button.get(action) is not None for action in _BUTTON_ACTIONS):
        raise bad_request("text buttons are unallowed in the inline keyboard")
    data = button.get("callback_data")
    if data is not None:
        size = len(str(data).encode("utf-8"))
        if not 1 <= size <= MAX_CALLBACK_DATA:
            raise bad_request(errors.BUTTON_DATA_INVALID)
    url = button.get("url")
    if url is not None and not str(url).lower().startswith(("http://", "https://", "tg://")):
        raise bad_request("BUTTON_URL_INVALID")


def thread_target(call: ApiCall, chat: ChatRecord, reply_to: int | None) -> int | None:
    """The forum topic a message goes to: ``message_thread_id`` (which must exist), else the
    topic of the message replied to, else General (None); always None outside forums."""
    if not chat.is_forum:
        return None
    thread = call.params.integer("message_thread_id")
    if thread is not None and thread not in chat.topics:
        raise bad_request(errors.THREAD_NOT_FOUND)
    if thread is None and reply_to is not None:
        replied = chat.messages.get(reply_to)
        thread = replied.thread if replied is not None else None
    return thread


def reply_target(call: ApiCall, chat: ChatRecord) -> int | None:
    """The message being replied to (``reply_parameters``), checked to exist."""
    params = call.params
    reply = params.json("reply_parameters") if params.has("reply_parameters") else None
    if reply is None and params.has("reply_to_message_id"):
        reply = {"message_id": params.integer("reply_to_message_id")}
    if not isinstance(reply, dict):
        return None
    message_id = reply.get("message_id")
    if isinstance(message_id, int) and call.world.find_message(chat, message_id):
        return message_id
    if reply.get("allow_sending_without_reply") or params.boolean("allow_sending_without_reply"):
        return None
    raise bad_request(errors.REPLY_NOT_FOUND)
