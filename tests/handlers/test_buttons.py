"""Button kinds: each declared once (data, handler, permission), each press decoded once."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import bot.handlers
from bot import callbacks as cb
from bot.handlers import buttons
from bot.services.common.permissions import TABLE
from sandbox import Sandbox, UserChat
from storage.memory import MemoryStore
from tests.e2e.harness import clock, running_bot, settings_for, zh

HANDLERS = Path(bot.handlers.__file__).parent
STRANGER = "您还没有登记"
EXPIRED = "这个按钮已失效"

#: Kinds anyone may press: a language choice, a label, and pages (each list checks its own).
OPEN = {cb.SetLanguage, cb.Noop, cb.Page}


def test_every_kind_has_one_declared_handler() -> None:
    """Every registered data class has a handler declared for it, and nothing else does."""
    declared = [b.kind for b in buttons.declared()]
    assert sorted(k.__name__ for k in declared) == sorted(k.__name__ for k in cb.KINDS)
    buttons.check_declared()


def test_every_declared_kind_has_a_permission_row() -> None:
    """Each button names the guarded action it serves, a row of the one permission table; only
    the open kinds name none."""
    for declared in buttons.declared():
        if declared.kind in OPEN:
            assert declared.perm is None, declared.kind.__name__
        else:
            assert declared.perm in TABLE, declared.kind.__name__


def test_a_kind_cannot_get_a_second_handler() -> None:
    """Declaring another handler for a kind fails at import, not on a press."""

    async def other(update: object, context: object, data: cb.Noop) -> None:
        """Not the Noop handler."""

    with pytest.raises(TypeError, match="already has a handler"):
        buttons.button(cb.Noop, None)(other)


def test_only_button_data_can_be_declared() -> None:
    """A class that is not a registered kind cannot get a handler."""
    with pytest.raises(TypeError, match="not a button kind"):
        buttons.button(str, None)


def test_only_the_dispatcher_decodes_presses() -> None:
    """No handler module reads callback data itself (``replies`` reads the buttons of the
    message a reply answers, not a press)."""
    decoding = set()
    for path in HANDLERS.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.ImportFrom) or node.module != "bot.callbacks":
                continue
            if any(alias.name == "decode" for alias in node.names):
                decoding.add(path.stem)
    assert decoding == {"buttons", "replies"}


async def _press(sb: Sandbox, chat: UserChat, data: str) -> str:
    """Press a button carrying ``data`` on the chat's last bot message; the answer's text."""
    last = chat.last_bot_message()
    assert last is not None
    query_id = sb.driver.press_from_user(chat, last.message_id, data)
    answer = await sb.driver.wait_callback_answer(query_id, data, 5.0)
    await sb.wait_idle(quiet=0.01)
    return answer.text or ""


async def test_each_press_is_decoded_once_and_answered_once(
    sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A good, a refused, a label and a forged press: one decode each, one answer each, the
    forged one "expired" and a stranger's guarded one refused before any lookup."""
    calls: list[object] = []

    def counted(raw: object) -> cb.ButtonData | None:
        calls.append(raw)
        return cb.decode(raw)

    monkeypatch.setattr(buttons, "decode", counted)
    admin, stranger = zh(sandbox, "Admin"), zh(sandbox, "路人")
    async with running_bot(sandbox, settings_for(sandbox, [admin.id]), MemoryStore(), clock()):
        chat = await admin.start()
        await chat.send("/lang")
        await chat.wait_for_message("请选择语言")
        assert await _press(sandbox, chat, "nop") == ""
        assert EXPIRED in await _press(sandbox, chat, "zz:garbage")
        assert EXPIRED in await _press(sandbox, chat, "ack:../../etc")
        await _press(sandbox, chat, "lang:zh")
        outsider = await stranger.start()
        await outsider.wait_for_message(STRANGER)
        assert STRANGER in await _press(sandbox, outsider, "cd:cfake0000:y")
    assert calls == ["nop", "zz:garbage", "ack:../../etc", "lang:zh", "cd:cfake0000:y"]
