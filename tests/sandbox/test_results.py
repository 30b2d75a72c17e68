"""Every answer of the sandbox has the shape the Bot API description gives its method."""

from __future__ import annotations

import json
import struct
import zlib
from typing import Any

import httpx

from sandbox import Sandbox

KEYBOARD = json.dumps({"inline_keyboard": [[{"text": "A", "callback_data": "a"}]]})


def png() -> bytes:
    """A minimal 2x2 PNG header."""
    chunk = b"IHDR" + struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + chunk + struct.pack(">I", zlib.crc32(chunk))
    )


async def test_results_conform_to_the_spec(sandbox: Sandbox) -> None:
    """Results of every implemented method validate against the method's return type."""
    ann = sandbox.create_user("Ann", last_name="Li", username="ann", language_code="zh")
    await ann.start()
    group = sandbox.create_group("Team", members=[ann], bot_is_admin=True, username="team")
    doc = await ann.private.send_document(b"x", "a.txt", caption="see https://e.org")
    assert doc.document is not None
    results: list[tuple[str, Any]] = []
    async with httpx.AsyncClient(base_url=f"{sandbox.base_url}{sandbox.token}/") as http:

        async def call(method: str, files: Any = None, **params: Any) -> Any:
            data = {k: v if isinstance(v, str) else json.dumps(v) for k, v in params.items()}
            response = (await http.post(method, data=data, files=files)).json()
            assert response["ok"], response
            results.append((method, response["result"]))
            return response["result"]

        sent = await call(
            "sendMessage",
            chat_id=ann.id,
            text="<b>hi</b> @ann #x /help",
            parse_mode="HTML",
            reply_markup=KEYBOARD,
            reply_parameters={"message_id": 1},
        )
        await call("editMessageText", chat_id=ann.id, message_id=sent["message_id"], text="e")
        await call(
            "editMessageReplyMarkup",
            chat_id=ann.id,
            message_id=sent["message_id"],
            reply_markup=KEYBOARD,
        )
        query_id = await ann.private.press_nowait("A")
        await call("answerCallbackQuery", callback_query_id=query_id, text="ok")
        await call("sendDocument", chat_id=group.id, document=doc.document["file_id"])
        photo = await call("sendPhoto", files={"photo": ("p.png", png())}, chat_id=ann.id)
        await call("getFile", file_id=photo["photo"][0]["file_id"])
        file_id = photo["photo"][-1]["file_id"]
        album = [{"type": "photo", "media": file_id, "caption": f"{n}. Ann"} for n in (1, 2)]
        await call("sendMediaGroup", chat_id=ann.id, media=album)
        await call("sendChatAction", chat_id=ann.id, action="typing")
        await call("setMyCommands", commands=[{"command": "a", "description": "b"}])
        await call("getMyCommands")
        await call("deleteMyCommands")
        await call("getMe")
        await call("getChat", chat_id=ann.id)
        await call("getChat", chat_id="@team")
        for user_id in (ann.id, sandbox.world.bot.id):
            await call("getChatMember", chat_id=group.id, user_id=user_id)
        await call("getUpdates", allowed_updates=["message", "my_chat_member", "callback_query"])
        await call("setWebhook", url="http://127.0.0.1:9/x")
        await call("getWebhookInfo")
        await call("deleteWebhook")
        await call("deleteMessage", chat_id=ann.id, message_id=sent["message_id"])
    assert sandbox.spec is not None
    problems = [p for method, result in results for p in sandbox.spec.check_result(method, result)]
    assert problems == []
