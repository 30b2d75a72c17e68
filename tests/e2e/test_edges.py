"""Edges of the chat: strangers, invites, blocked users, menus, hints and unexpected errors."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from bot.domain.ports import StoreUnavailable
from bot.i18n import t
from sandbox import Sandbox
from storage.memory import MemoryStore
from tests.e2e.harness import (
    PLAN,
    accept_suggestions,
    clock,
    import_plan,
    running_bot,
    send_sticker,
    team,
    zh,
)
from tests.factories.settings import settings_for

STRANGER = "您还没有登记"


async def test_strangers_get_one_polite_line(sandbox: Sandbox) -> None:
    """A stranger, with or without a token, is told to ask for an invite, and nothing else."""
    admin = zh(sandbox, "Admin")
    async with running_bot(sandbox, settings_for(sandbox, [admin.id]), MemoryStore(), clock()):
        chat = await zh(sandbox, "路人").start()
        assert STRANGER in (await chat.wait_for_message()).text
        await chat.send("/start not-a-real-token")
        assert "邀请链接无效" in (await chat.wait_for_message()).text
        await chat.send("你好")
        assert STRANGER in (await chat.wait_for_message()).text
        await chat.send("/mytasks")
        assert STRANGER in (await chat.wait_for_message()).text
        await sandbox.wait_idle()
        assert len(chat.bot_messages()) == 4


async def test_invites_can_be_renewed_and_revoked(sandbox: Sandbox) -> None:
    """/invite makes a new link (the old one stops); /revoke stops every link."""
    async with team(sandbox, [("张三", "县发改委", "责任人", "")]) as t:
        await t.lead.send("/add 李四 县财政局 责任人")
        first = (await t.lead.wait_for_message("李四")).text
        await t.lead.send("/invite 李四")
        second = (await t.lead.wait_for_message("新的专属链接")).text
        old, new = (text.split("?start=")[1].split()[0] for text in (first, second))
        assert old != new
        li = zh(sandbox, "李四")
        chat = await li.start(old)
        assert "撤销" in (await chat.wait_for_message()).text
        await t.lead.send("/revoke 李四")
        await t.lead.wait_for_message("已撤销 李四（县财政局） 的 1 个链接")
        await chat.send(f"/start {new}")
        assert "撤销" in (await chat.wait_for_message()).text
        await t.lead.send("/pending")
        assert "李四" in (await t.lead.wait_for_message("未加入")).text


async def test_blocked_official_is_marked_and_the_lead_told(sandbox: Sandbox) -> None:
    """When a notice cannot be delivered (403), the lead hears about it at once."""
    async with team(sandbox) as t:
        await import_plan(t.lead, PLAN)
        zhang = t.officials["张三"]
        user = sandbox.driver.user(zhang.user.id)
        await user.block()
        await accept_suggestions(t.lead)
        warning = await t.lead.wait_for_message("无法给 张三 发消息")
        assert "当面提醒" in warning.text
        await t.lead.send("/roster")
        assert "⚠️" in (await t.lead.wait_for_message("人员名单")).text


async def test_menus_follow_the_role(sandbox: Sandbox) -> None:
    """Leads see management commands; officials see reporting; groups see /setgroup."""
    async with team(sandbox) as t:
        lead_menu = [name for name, _ in t.lead_user.visible_commands()]
        assert {"assign", "pending", "report"} <= set(lead_menu)
        official = sandbox.driver.user(t.officials["张三"].user.id)
        official_menu = [name for name, _ in official.visible_commands()]
        assert "report" in official_menu
        assert "assign" not in official_menu
        group = sandbox.create_group("领导群", members=[t.lead_user])
        assert "setgroup" in [name for name, _ in t.lead_user.visible_commands(group)]


async def test_an_admin_who_never_pressed_start_is_logged_once_as_such(
    sandbox: Sandbox, caplog: pytest.LogCaptureFixture
) -> None:
    """At start-up, an admin who has not pressed Start yet (Telegram refuses their menu with
    "chat not found") is one info line saying so, with no traceback and nothing at warning or
    above; their first Start gives them the admin's menu."""
    caplog.set_level(logging.INFO)
    admin = zh(sandbox, "Admin")
    async with running_bot(sandbox, settings_for(sandbox, [admin.id]), MemoryStore(), clock()):
        await sandbox.wait_idle()
        about = [r for r in caplog.records if str(admin.id) in r.getMessage()]
        assert [(r.levelno, r.getMessage(), r.exc_info) for r in about] == [
            (
                logging.INFO,
                f"chat {admin.id} has not started the bot yet; its menu is set when it does",
                None,
            )
        ]
        assert not [r for r in caplog.records if "menu not set" in r.getMessage()]
        assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
        assert "newteam" not in [name for name, _ in admin.visible_commands()]
        await (await admin.start()).wait_for_message()
        await sandbox.wait_idle()
        assert "newteam" in [name for name, _ in admin.visible_commands()]


async def test_stickers_get_a_hint(sandbox: Sandbox) -> None:
    """Content the bot cannot use gets a short hint, in private chats only."""
    async with team(sandbox, [("张三", "县发改委", "责任人", "")]) as t:
        chat = t.officials["张三"]
        await send_sticker(sandbox, chat)
        assert "/help" in (await chat.wait_for_message("我只能处理")).text


class BrokenPeople:
    """A people repository whose lookups by one Telegram account fail (a disk error, say)."""

    def __init__(self, inner: Any, broken_id: int, error: Exception | None = None) -> None:
        self._inner, self._broken = inner, broken_id
        self._error = error or OSError("disk on fire")

    def by_telegram_id(self, telegram_id: int) -> Any:
        if telegram_id == self._broken:
            raise self._error
        return self._inner.by_telegram_id(telegram_id)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


async def test_unexpected_errors_reach_the_admins_not_the_user(sandbox: Sandbox) -> None:
    """An unexpected failure is logged, the admins get a brief note, the user an apology."""
    admin, victim = zh(sandbox, "Admin"), zh(sandbox, "Victim")
    store = MemoryStore()
    store.people = BrokenPeople(store.people, victim.id)  # type: ignore[assignment]
    async with running_bot(sandbox, settings_for(sandbox, [admin.id]), store, clock()):
        admin_chat = await admin.start()
        await admin_chat.wait_for_message()
        chat = await victim.start()
        assert "出了点问题" in (await chat.wait_for_message()).text
        alert = await admin_chat.wait_for_message("OSError")
        assert "disk on fire" in alert.text


async def test_a_store_that_cannot_record_tells_the_user_to_send_again(sandbox: Sandbox) -> None:
    """When the store is unavailable (database unreachable, disk full) the user is told plainly
    that nothing was recorded and to send it again, not that something vague went wrong."""
    victim = zh(sandbox, "Victim")
    store = MemoryStore()
    down = StoreUnavailable("the database cannot be reached")
    store.people = BrokenPeople(store.people, victim.id, down)  # type: ignore[assignment]
    async with running_bot(sandbox, settings_for(sandbox, []), store, clock()):
        chat = await victim.start()
        reply = await chat.wait_for_message()
    assert reply.text == t("common.not_recorded", "zh")
