"""Tests for sendMessage, editMessageText, editMessageReplyMarkup and deleteMessage via PTB."""

from __future__ import annotations

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, MessageEntity
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden

from sandbox import Sandbox, ScriptedUser


@pytest.fixture
async def alice(sandbox: Sandbox) -> ScriptedUser:
    """A user who has started the bot."""
    user = sandbox.create_user("Alice", username="alice")
    await user.start()
    return user


def keyboard(*labels: str) -> InlineKeyboardMarkup:
    """One row of callback buttons."""
    return InlineKeyboardMarkup([[InlineKeyboardButton(x, callback_data=x) for x in labels]])


async def test_send_message_returns_a_realistic_message(bot: Bot, alice: ScriptedUser) -> None:
    """The Message has the chat, the bot as sender, parsed entities and the keyboard."""
    message = await bot.send_message(
        alice.id,
        "<b>Plan</b> for 2024 😀 /help",
        parse_mode=ParseMode.HTML,
        reply_markup=keyboard("OK"),
    )
    assert message.chat.id == alice.id
    assert message.chat.username == "alice"
    assert message.from_user is not None
    assert message.from_user.is_bot
    assert message.text == "Plan for 2024 😀 /help"
    assert [(e.type, e.offset, e.length) for e in message.entities] == [
        (MessageEntity.BOLD, 0, 4),
        (MessageEntity.BOT_COMMAND, 17, 5),
    ]
    assert message.reply_markup == keyboard("OK")
    assert message.message_id == 2  # after the user's /start


async def test_message_ids_grow_per_chat(sandbox: Sandbox, bot: Bot, alice: ScriptedUser) -> None:
    """Each chat numbers its messages on its own."""
    bob = sandbox.create_user("Bob")
    await bob.start()
    first = await bot.send_message(alice.id, "a")
    second = await bot.send_message(alice.id, "b")
    other = await bot.send_message(bob.id, "c")
    assert (first.message_id, second.message_id, other.message_id) == (2, 3, 2)


async def test_replies_carry_the_replied_message(bot: Bot, alice: ScriptedUser) -> None:
    """``reply_to_message_id`` yields ``reply_to_message``; a missing target is a 400."""
    message = await bot.send_message(alice.id, "answer", reply_to_message_id=1)
    assert message.reply_to_message is not None
    assert message.reply_to_message.text == "/start"
    with pytest.raises(BadRequest, match=r"(?i)message to be replied not found"):
        await bot.send_message(alice.id, "x", reply_to_message_id=99)
    lenient = await bot.send_message(
        alice.id, "x", reply_to_message_id=99, allow_sending_without_reply=True
    )
    assert lenient.reply_to_message is None


@pytest.mark.parametrize(
    ("text", "parse_mode", "error"),
    [
        ("x" * 4097, None, "message is too long"),
        ("😀" * 2049, None, "message is too long"),
        (
            "<b>x",
            ParseMode.HTML,
            "can't parse entities: can't find end tag corresponding to start tag \"b\"",
        ),
        (
            "<foo>",
            ParseMode.HTML,
            'can\'t parse entities: unsupported start tag "foo" at byte offset 0',
        ),
        (
            "<b><i>x</b></i>",
            ParseMode.HTML,
            'can\'t parse entities: unmatched end tag at byte offset 7, expected "</i>", '
            'found "</b>"',
        ),
        (
            "a < b",
            ParseMode.HTML,
            'can\'t parse entities: unsupported start tag "" at byte offset 2',
        ),
        (
            "AT&T",
            ParseMode.HTML,
            'can\'t parse entities: unescaped "&" at byte offset 2 (strict mode)',
        ),
        ("   ", None, "message text is empty"),
        ("<b></b>", ParseMode.HTML, "message text is empty"),
    ],
)
async def test_send_message_errors(
    bot: Bot, alice: ScriptedUser, text: str, parse_mode: str | None, error: str
) -> None:
    """Telegram's text rules reach PTB as BadRequest with Telegram's wording."""
    with pytest.raises(BadRequest) as caught:
        await bot.send_message(alice.id, text, parse_mode=parse_mode)
    assert caught.value.message.lower() == error


async def test_length_limit_counts_text_after_markup(bot: Bot, alice: ScriptedUser) -> None:
    """4096 visible characters pass even when the markup makes the request longer."""
    message = await bot.send_message(alice.id, "<b>" + "x" * 4096 + "</b>", parse_mode="HTML")
    assert len(message.text or "") == 4096


async def test_callback_data_over_64_bytes_is_invalid(bot: Bot, alice: ScriptedUser) -> None:
    """65 bytes of callback data (even as 22 CJK characters) are BUTTON_DATA_INVALID."""
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("x", callback_data="数" * 22)]])
    with pytest.raises(BadRequest, match=r"(?i)button_data_invalid"):
        await bot.send_message(alice.id, "x", reply_markup=markup)


async def test_unknown_and_unstarted_chats(sandbox: Sandbox, bot: Bot) -> None:
    """Unknown chats are 400 chat not found; a user who never started the bot is 403."""
    with pytest.raises(BadRequest, match=r"(?i)chat not found"):
        await bot.send_message(123, "x")
    stranger = sandbox.create_user("Stranger")
    with pytest.raises(Forbidden, match="bot can't initiate conversation with a user"):
        await bot.send_message(stranger.id, "x")


async def test_blocked_user_is_forbidden(bot: Bot, alice: ScriptedUser) -> None:
    """After a block, sends fail with 403 "bot was blocked by the user"; unblock restores."""
    await alice.block()
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(alice.id, "x")
    await alice.unblock()
    assert (await bot.send_message(alice.id, "x")).text == "x"


async def test_edit_text_and_not_modified(sandbox: Sandbox, bot: Bot, alice: ScriptedUser) -> None:
    """Editing changes what the user sees; the same content again is "not modified"."""
    sent = await bot.send_message(alice.id, "draft", reply_markup=keyboard("A"))
    edited = await bot.edit_message_text(
        "final", alice.id, sent.message_id, reply_markup=keyboard("A")
    )
    assert isinstance(edited, type(sent))
    assert edited.edit_date is not None
    with pytest.raises(BadRequest, match=r"(?i)message is not modified: specified new message"):
        await bot.edit_message_text("final", alice.id, sent.message_id, reply_markup=keyboard("A"))
    view = alice.private.message(sent.message_id)
    assert view is not None
    assert view.text == "final"
    assert view.edited


async def test_edit_without_markup_removes_the_keyboard(bot: Bot, alice: ScriptedUser) -> None:
    """Like Telegram, editMessageText without reply_markup drops the inline keyboard."""
    sent = await bot.send_message(alice.id, "pick", reply_markup=keyboard("A"))
    await bot.edit_message_text("picked", alice.id, sent.message_id)
    view = alice.private.message(sent.message_id)
    assert view is not None
    assert view.buttons == ()


async def test_edit_reply_markup(bot: Bot, alice: ScriptedUser) -> None:
    """The keyboard can be replaced alone, and replacing it with itself is "not modified"."""
    sent = await bot.send_message(alice.id, "pick", reply_markup=keyboard("A"))
    await bot.edit_message_reply_markup(alice.id, sent.message_id, reply_markup=keyboard("B"))
    assert alice.private.message(sent.message_id).button_texts == ["B"]  # type: ignore[union-attr]
    with pytest.raises(BadRequest, match=r"(?i)message is not modified"):
        await bot.edit_message_reply_markup(alice.id, sent.message_id, reply_markup=keyboard("B"))


async def test_edit_errors(bot: Bot, alice: ScriptedUser) -> None:
    """Missing messages and other people's messages cannot be edited."""
    with pytest.raises(BadRequest, match=r"(?i)message to edit not found"):
        await bot.edit_message_text("x", alice.id, 404)
    with pytest.raises(BadRequest, match=r"(?i)message can't be edited"):
        await bot.edit_message_text("x", alice.id, 1)


async def test_delete_message(bot: Bot, alice: ScriptedUser) -> None:
    """Deleted messages vanish from the transcript; deleting twice is a 400."""
    sent = await bot.send_message(alice.id, "oops")
    assert await bot.delete_message(alice.id, sent.message_id)
    assert [v.text for v in alice.private.transcript()] == ["/start"]
    with pytest.raises(BadRequest, match=r"(?i)message to delete not found"):
        await bot.delete_message(alice.id, sent.message_id)


async def test_group_deletion_needs_admin_rights(sandbox: Sandbox, bot: Bot) -> None:
    """In a group the bot deletes others' messages only as an administrator."""
    ann = sandbox.create_user("Ann")
    group = sandbox.create_group("Team", members=[ann])
    said = await ann.in_group(group).send("hello")
    with pytest.raises(BadRequest, match=r"(?i)message can't be deleted"):
        await bot.delete_message(group.id, said.message_id)
    await group.add_bot(admin=True)
    assert await bot.delete_message(group.id, said.message_id)


async def test_explicit_entities_are_kept(bot: Bot, alice: ScriptedUser) -> None:
    """Entities passed instead of parse_mode come back as sent."""
    entity = MessageEntity(MessageEntity.ITALIC, 0, 2)
    message = await bot.send_message(alice.id, "hi there", entities=[entity])
    assert message.entities == (entity,)
