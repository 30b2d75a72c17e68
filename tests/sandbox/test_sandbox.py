"""End-to-end tests: a real PTB Application long-polling the sandbox, driven by scripted users."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from sandbox import Sandbox, SandboxConfig
from sandbox.testing import application_builder, running_polling

Context = ContextTypes.DEFAULT_TYPE


async def start(update: Update, context: Context) -> None:
    """Greet, echoing the deep-link payload, with two buttons."""
    assert update.effective_message is not None
    buttons = [
        [InlineKeyboardButton("✅ Done", callback_data="done:1")],
        [InlineKeyboardButton("Docs", url="https://example.org/docs")],
    ]
    payload = " ".join(context.args or []) or "none"
    await update.effective_message.reply_html(
        f"<b>Welcome</b>, payload: {payload}", reply_markup=InlineKeyboardMarkup(buttons)
    )


async def done(update: Update, context: Context) -> None:
    """Answer the press and edit the message."""
    query = update.callback_query
    assert query is not None
    await query.answer("Marked done", show_alert=False)
    await query.edit_message_text(f"Task {query.data.split(':')[1] if query.data else '?'} done")


async def receive_document(update: Update, context: Context) -> None:
    """Download the document and report its size and first line."""
    message = update.effective_message
    assert message is not None
    assert message.document is not None
    file = await message.document.get_file()
    content = bytes(await file.download_as_bytearray()).decode()
    await message.reply_text(f"{message.document.file_name}: {content.splitlines()[0]}")


async def echo_reply(update: Update, context: Context) -> None:
    """Say which message was replied to."""
    message = update.effective_message
    assert message is not None
    assert message.reply_to_message is not None
    await message.reply_text(f"you answered #{message.reply_to_message.message_id}")


async def edited(update: Update, context: Context) -> None:
    """Acknowledge edits."""
    assert update.edited_message is not None
    await update.edited_message.reply_text(f"noted edit: {update.edited_message.text}")


async def plan(update: Update, context: Context) -> None:
    """A group command."""
    assert update.effective_message is not None
    await update.effective_message.reply_text(f"plan for {update.effective_chat.title}")  # type: ignore[union-attr]


def build(sb: Sandbox) -> Application:  # type: ignore[type-arg]
    """The test bot's application."""
    app = application_builder(sb).build()
    app.add_handler(CommandHandler("start", start))
    app.add_handler(CommandHandler("plan", plan))
    app.add_handler(CallbackQueryHandler(done, pattern=r"^done:"))
    app.add_handler(MessageHandler(filters.Document.ALL, receive_document))
    app.add_handler(MessageHandler(filters.UpdateType.EDITED_MESSAGE, edited))
    app.add_handler(MessageHandler(filters.REPLY & filters.TEXT, echo_reply))
    return app


@pytest.fixture
async def running(sandbox: Sandbox) -> AsyncIterator[Sandbox]:
    """The sandbox with the test bot polling it."""
    async with running_polling(build(sandbox), sandbox):
        yield sandbox


async def test_start_with_deep_link_and_button_press(running: Sandbox) -> None:
    """/start with a payload greets; pressing the button shows a toast and edits the message."""
    chat = await running.create_user("Alice").start("team-7")
    welcome = await chat.wait_for_message("Welcome")
    assert welcome.text == "Welcome, payload: team-7"
    assert welcome.entity_texts("bold") == ["Welcome"]
    assert welcome.button_texts == ["✅ Done", "Docs"]
    answer = await chat.press("✅ Done")
    assert answer.text == "Marked done"
    assert not answer.show_alert
    after = await chat.wait_for_edit(welcome)
    assert after.text == "Task 1 done"
    assert after.buttons == ()


async def test_document_is_downloaded_by_the_bot(running: Sandbox) -> None:
    """A user's document reaches the bot, which downloads it through getFile."""
    chat = await running.create_user("Bob").start()
    await chat.send_document("负责人,任务\n张三,A\n".encode(), "duty.csv", mime_type="text/csv")
    reply = await chat.wait_for_message("duty.csv")
    assert reply.text == "duty.csv: 负责人,任务"


async def test_replies_and_edits_reach_the_bot(running: Sandbox) -> None:
    """Replying to a bot message and editing a message both produce the right updates."""
    chat = await running.create_user("Carol").start()
    welcome = await chat.wait_for_message("Welcome")
    await chat.send("ok", reply_to=welcome)
    assert (
        await chat.wait_for_message("you answered")
    ).text == f"you answered #{welcome.message_id}"
    sent = await chat.send("typo")
    await chat.edit(sent, "fixed")
    assert (await chat.wait_for_message("noted edit")).text == "noted edit: fixed"


async def test_group_commands_are_addressed_to_the_bot(running: Sandbox) -> None:
    """In a group the driver sends /plan@botname, which PTB's CommandHandler accepts."""
    dan = running.create_user("Dan")
    group = running.create_group("Office", members=[dan])
    chat = dan.in_group(group)
    sent = await chat.send_command("plan")
    assert sent.text == "/plan@duban_test_bot"
    assert (await chat.wait_for_message()).text == "plan for Office"


async def test_wait_idle_after_a_burst(running: Sandbox) -> None:
    """wait_idle returns once the bot processed everything the users sent."""
    chats = [await running.create_user(f"U{n}").start() for n in range(5)]
    await running.wait_idle()
    assert all(len(chat.bot_messages()) == 1 for chat in chats)
    assert running.counters.calls["sendMessage"] == 5


async def test_dates_come_from_the_injected_clock() -> None:
    """Messages are stamped by the configured clock, so demos can simulate time."""
    sb = Sandbox(SandboxConfig(clock=lambda: 1_700_000_000.5))
    async with sb, running_polling(build(sb), sb):
        chat = await sb.create_user("Eve").start()
        reply = await chat.wait_for_message("Welcome")
    assert reply.date == 1_700_000_000
