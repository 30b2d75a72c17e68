"""Tests for the HTTP control endpoints that script the sandbox from another process."""

from __future__ import annotations

import base64
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from sandbox import Sandbox
from sandbox.testing import application_builder, running_polling


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Greet with a button."""
    assert update.effective_message is not None
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("Go", callback_data="go")]])
    await update.effective_message.reply_text("Welcome", reply_markup=markup)


async def go(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer the button."""
    assert update.callback_query is not None
    await update.callback_query.answer("went", show_alert=True)


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Echo texts and file names."""
    message = update.effective_message
    assert message is not None
    name = message.document.file_name if message.document else message.text
    await message.reply_text(f"echo: {name}")


@pytest.fixture
async def control(sandbox: Sandbox) -> AsyncIterator[httpx.AsyncClient]:
    """A control client, with a bot polling the sandbox."""
    app = application_builder(sandbox).build()
    app.add_handler(CommandHandler("start", start))
    app.add_handler(CallbackQueryHandler(go))
    app.add_handler(MessageHandler(filters.TEXT | filters.Document.ALL, echo))
    async with (
        running_polling(app, sandbox),
        httpx.AsyncClient(base_url=sandbox.control_url, trust_env=False) as client,
    ):
        yield client


async def call(client: httpx.AsyncClient, verb: str, path: str, **body: Any) -> Any:
    """Call an endpoint and return its result, asserting success."""
    response = await client.request(verb, path, json=body or None)
    assert response.status_code == 200, response.text
    return response.json()["result"]


async def test_info_names_token_and_urls(sandbox: Sandbox, control: httpx.AsyncClient) -> None:
    """``GET /_sandbox`` tells a script what to point its bot at."""
    info = await call(control, "GET", "")
    assert info["token"] == sandbox.token
    assert info["base_url"] == sandbox.base_url
    assert info["bot"]["username"] == "duban_test_bot"


async def test_a_conversation_over_http(control: httpx.AsyncClient) -> None:
    """Create a user, start, wait, press, send and read the transcript, all over HTTP."""
    user = await call(control, "POST", "/users", first_name="Ann", username="ann")
    await call(control, "POST", f"/users/{user['id']}/start", payload="x")
    welcome = await call(control, "POST", f"/chats/{user['id']}/wait", match="Welcome")
    assert welcome["buttons"][0][0]["text"] == "Go"
    answer = await call(control, "POST", "/press", chat_id=user["id"], button="Go")
    assert answer == {"text": "went", "show_alert": True, "url": None, "cache_time": 0}
    await call(control, "POST", f"/chats/{user['id']}/send", text="hello")
    assert (await call(control, "POST", f"/chats/{user['id']}/wait"))["text"] == "echo: hello"
    transcript = await call(control, "GET", f"/chats/{user['id']}/transcript")
    assert [m["text"] for m in transcript["messages"]] == [
        "/start x",
        "Welcome",
        "hello",
        "echo: hello",
    ]
    await call(control, "POST", "/wait-idle", timeout=5)
    counters = await call(control, "GET", "/counters")
    assert counters["calls"]["answerCallbackQuery"] == 1


async def test_groups_documents_and_edits(control: httpx.AsyncClient) -> None:
    """Groups, commands addressed to the bot, uploads and edits work over HTTP."""
    ann = await call(control, "POST", "/users", first_name="Ann")
    group = await call(
        control, "POST", "/groups", title="Team", member_ids=[ann["id"]], bot_is_admin=True
    )
    chat = f"/chats/{group['id']}"
    sent = await call(control, "POST", f"{chat}/command", user_id=ann["id"], command="plan")
    assert sent["text"] == "/plan@duban_test_bot"
    data = base64.b64encode(b"a,b").decode()
    await call(
        control, "POST", f"{chat}/document", user_id=ann["id"], filename="t.csv", data_base64=data
    )
    reply = await call(control, "POST", f"{chat}/wait", user_id=ann["id"], match="t.csv")
    assert reply["text"] == "echo: t.csv"
    edited = await call(
        control,
        "POST",
        f"{chat}/edit",
        user_id=ann["id"],
        message_id=sent["message_id"],
        text="/plan@duban_test_bot now",
    )
    assert edited["edited"]


async def test_runtime_settings_and_raw_updates(
    sandbox: Sandbox, control: httpx.AsyncClient
) -> None:
    """Faults and limits can be changed at runtime; raw updates are injected as given."""
    await call(control, "POST", "/faults", seed=3, internal_error=0.5, methods=["sendMessage"])
    assert sandbox.faults.config.internal_error == 0.5
    await call(control, "POST", "/faults")
    assert sandbox.faults.config.internal_error == 0.0
    await call(control, "POST", "/rate-limits", enabled=False)
    assert not sandbox.limiter.limits.enabled
    sticker = {
        "file_id": "CAAC",
        "file_unique_id": "AgAD",
        "type": "regular",
        "width": 512,
        "height": 512,
        "is_animated": False,
        "is_video": False,
    }
    message = {
        "message_id": 1,
        "date": 0,
        "chat": {"id": 1, "type": "private"},
        "sticker": sticker,
    }
    stored = await call(control, "POST", "/updates", message=message)
    assert stored["update_id"] > 0
    assert await call(control, "GET", "/violations") == []


async def test_errors_are_reported(control: httpx.AsyncClient) -> None:
    """Unknown endpoints are 404, bad input 400, and waits that run out 408."""
    assert (await control.get("/nothing")).status_code == 404
    assert (await control.post("/users/1/start", json={})).status_code == 400
    user = await call(control, "POST", "/users", first_name="Ann")
    late = await control.post(f"/chats/{user['id']}/wait", json={"match": "x", "timeout": 0.05})
    assert late.status_code == 408
    assert "waited 0.05s" in late.json()["error"]
