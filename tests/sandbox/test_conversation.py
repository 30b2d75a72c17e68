"""Tests for a user's view of a chat: transcripts, buttons and expect-style waits."""

from __future__ import annotations

import re

import pytest

from sandbox import ButtonNotFound, Sandbox, UserChat
from sandbox.text import FormattedText


def bot_says(sb: Sandbox, chat: UserChat, text: str, buttons: list[str] | None = None) -> int:
    """Post a bot message directly into the chat; returns its id."""
    markup = None
    if buttons:
        markup = {"inline_keyboard": [[{"text": b, "callback_data": b} for b in buttons]]}
    message = sb.world.post(
        chat.chat, sb.world.bot.id, text=FormattedText(text), reply_markup=markup
    )
    return message.message_id


async def test_wait_for_message_consumes_in_order(sandbox: Sandbox) -> None:
    """Waits return bot messages in order, skipping ones that do not match."""
    chat = await sandbox.create_user("Ann").start()
    for text in ("one", "two", "three"):
        bot_says(sandbox, chat, text)
    assert (await chat.wait_for_message()).text == "one"
    assert (await chat.wait_for_message(re.compile(r"^th"))).text == "three"
    with pytest.raises(TimeoutError):
        await chat.wait_for_message("two", timeout=0.05)


async def test_wait_accepts_predicates(sandbox: Sandbox) -> None:
    """A callable decides what fits."""
    chat = await sandbox.create_user("Ann").start()
    bot_says(sandbox, chat, "pick", ["A", "B"])
    found = await chat.wait_for_message(lambda m: "B" in m.button_texts)
    assert found.text == "pick"


async def test_press_needs_an_existing_button(sandbox: Sandbox) -> None:
    """Pressing a missing button explains what is there."""
    chat = await sandbox.create_user("Ann").start()
    with pytest.raises(ButtonNotFound, match="no bot message here has a button 'Go'"):
        await chat.press("Go")
    message_id = bot_says(sandbox, chat, "pick", ["A"])
    with pytest.raises(ButtonNotFound, match=r"no button 'B' on message \d+: \['A'\]"):
        await chat.press("B", message=message_id)


async def test_press_uses_the_newest_message_with_the_button(sandbox: Sandbox) -> None:
    """Without ``message`` the latest bot message carrying that button is pressed."""
    chat = await sandbox.create_user("Ann").start()
    bot_says(sandbox, chat, "old", ["OK"])
    newest = bot_says(sandbox, chat, "new", ["OK"])
    await chat.press_nowait("OK")
    update = sandbox.world.updates.deliverable()[-1]
    assert update["callback_query"]["message"]["message_id"] == newest


async def test_transcript_shows_current_state(sandbox: Sandbox) -> None:
    """Deleted messages disappear; the rendered transcript lists senders and buttons."""
    chat = await sandbox.create_user("Ann").start()
    gone = bot_says(sandbox, chat, "temporary")
    bot_says(sandbox, chat, "menu", ["Yes", "No"])
    sandbox.world.chats[chat.chat_id].messages[gone].deleted = True
    assert [v.text for v in chat.transcript()] == ["/start", "menu"]
    assert chat.render() == "#1 Ann:\n  /start\n#3 Duban Test Bot:\n  menu\n  [Yes] [No]"


async def test_user_messages_with_files(sandbox: Sandbox) -> None:
    """Documents and photos sent by users carry their file objects and captions."""
    chat = await sandbox.create_user("Ann").start()
    doc = await chat.send_document(b"x", "a.txt", caption="see")
    png = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + (64).to_bytes(4, "big") * 2
    photo = await chat.send_photo(png)
    assert doc.document is not None
    assert doc.document["file_name"] == "a.txt"
    assert doc.text == "see"
    assert photo.photo is not None
    assert photo.photo[-1]["width"] == 64
