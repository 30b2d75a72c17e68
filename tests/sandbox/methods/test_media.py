"""Tests for sendDocument, sendPhoto and getFile via PTB, including downloads."""

from __future__ import annotations

import struct
import zlib

import pytest
from telegram import Bot, InputFile
from telegram.error import BadRequest

from sandbox import Sandbox, ScriptedUser


def png(width: int, height: int) -> bytes:
    """A minimal PNG header of the given size."""
    chunk = b"IHDR" + struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + chunk + struct.pack(">I", zlib.crc32(chunk))
    )


@pytest.fixture
async def alice(sandbox: Sandbox) -> ScriptedUser:
    """A user who has started the bot."""
    user = sandbox.create_user("Alice")
    await user.start()
    return user


async def test_document_upload_round_trip(bot: Bot, alice: ScriptedUser) -> None:
    """An uploaded document gets ids that getFile resolves and the file URL serves."""
    message = await bot.send_document(
        alice.id,
        InputFile(b"week plan", filename="plan.txt"),
        caption="<i>v1</i>",
        parse_mode="HTML",
    )
    assert message.document is not None
    assert message.document.file_name == "plan.txt"
    assert message.caption == "v1"
    assert message.caption_entities[0].type == "italic"
    file = await bot.get_file(message.document.file_id)
    assert file.file_size == 9
    assert bytes(await file.download_as_bytearray()) == b"week plan"
    view = alice.private.last_bot_message()
    assert view is not None
    assert view.document is not None
    assert view.text == "v1"


async def test_document_resend_by_file_id(bot: Bot, alice: ScriptedUser) -> None:
    """A file_id sends the same file again; an unknown one is a 400."""
    first = await bot.send_document(alice.id, InputFile(b"x", filename="a.csv"))
    assert first.document is not None
    again = await bot.send_document(alice.id, first.document.file_id)
    assert again.document == first.document
    with pytest.raises(BadRequest, match=r"(?i)wrong file identifier"):
        await bot.send_document(alice.id, "no-such-file")


async def test_photo_returns_sizes(bot: Bot, alice: ScriptedUser) -> None:
    """sendPhoto answers with PhotoSize objects, smallest first, largest at full size."""
    message = await bot.send_photo(alice.id, InputFile(png(1000, 500), filename="p.png"))
    assert [(p.width, p.height) for p in message.photo] == [
        (90, 45),
        (320, 160),
        (800, 400),
        (1000, 500),
    ]
    data = await (await bot.get_file(message.photo[-1].file_id)).download_as_bytearray()
    assert bytes(data) == png(1000, 500)


async def test_photo_must_be_an_image(bot: Bot, alice: ScriptedUser) -> None:
    """Bytes that are no image fail like Telegram's IMAGE_PROCESS_FAILED."""
    with pytest.raises(BadRequest, match=r"(?i)image_process_failed"):
        await bot.send_photo(alice.id, InputFile(b"text", filename="p.png"))


async def test_caption_limit(bot: Bot, alice: ScriptedUser) -> None:
    """Captions over 1024 characters are refused."""
    with pytest.raises(BadRequest, match=r"(?i)message caption is too long"):
        await bot.send_document(alice.id, InputFile(b"x", filename="a"), caption="c" * 1025)


async def test_get_file_of_a_user_upload(sandbox: Sandbox, bot: Bot, alice: ScriptedUser) -> None:
    """A document a user sent can be downloaded by the bot."""
    sent = await alice.private.send_document(b"a,b\n1,2\n", "duty.csv", mime_type="text/csv")
    assert sent.document is not None
    file = await bot.get_file(sent.document["file_id"])
    assert bytes(await file.download_as_bytearray()) == b"a,b\n1,2\n"
    with pytest.raises(BadRequest, match=r"(?i)invalid file_id"):
        await bot.get_file("nope")
