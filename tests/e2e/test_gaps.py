"""Chat surfaces fixed while documenting: the admin's greeting, /help per role, prompt follow-ups,
replies to a prompt listing several tasks, /settings language and pause, a leader's /digest."""

from __future__ import annotations

from bot.sandbox import Sandbox
from e2e.harness import clock, running_bot, settings_for, zh
from storage.memory import MemoryStore


async def test_an_admin_with_no_person_gets_a_proper_greeting(sandbox: Sandbox) -> None:
    """/start by an admin greets them by their Telegram name and lists the admin commands."""
    admin = zh(sandbox, "Ada")
    async with running_bot(sandbox, settings_for(sandbox, [admin.id]), MemoryStore(), clock()):
        chat = await admin.start()
        greeting = await chat.wait_for_message()
        assert greeting.text.startswith("您好，Ada！")
        assert "管理员" in greeting.text
        for command in ("/newteam", "/addlead", "/settings", "/dispatch", "/export", "/help"):
            assert command in greeting.text
