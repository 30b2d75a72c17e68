"""Accounts Telegram no longer delivers to, played through the real Application over HTTP: a
deleted account (403 "user is deactivated") and a private chat Telegram no longer knows (400
"chat not found"), met by the weekly prompt and by /remind."""

from __future__ import annotations

import pytest

from sandbox import Sandbox
from tests.e2e.harness import (
    Team,
    dispatch,
    plan_assigned,
    team,
)
from tests.e2e.test_telegram_private import flagged


def gone(sandbox: Sandbox, t: Team, name: str, how: str) -> None:
    """The official ``name`` deletes their account (``deactivated``) or their private chat
    becomes unknown to Telegram (``vanished``)."""
    user = sandbox.driver.user(t.officials[name].user.id)
    if how == "deactivated":
        user.deactivate()
    else:
        user.vanish()


#: What the lead reads of each way an account is gone.
WHY = {"deactivated": "Telegram 账号已注销", "vanished": "Telegram 查无与其的私聊"}


@pytest.mark.parametrize("how", ["deactivated", "vanished"])
async def test_an_account_gone_is_marked_unreachable_like_a_block(
    sandbox: Sandbox, how: str
) -> None:
    """An official whose account is gone misses the weekly prompt: they are marked unreachable
    with why (the roster flags them; /dispatch names them with the account deleted or the chat
    not found, not a block), the next /dispatch does not write to them again, and /remind
    names them as not reached for that cause, never as reminded, without writing to them."""
    async with team(sandbox) as t:
        await plan_assigned(t.lead)
        gone(sandbox, t, "张三", how)
        dispatched = await dispatch(t.lead)
        await sandbox.wait_idle()
        assert flagged(t, "张三")
        assert "：3 人" in dispatched.text
        told = t.lead.bot_messages()[-2].text
        assert told.startswith("⚠️ 以下人员无法送达")
        assert f"张三（{WHY[how]}）" in told
        assert "屏蔽" not in told
        refused = sum(sandbox.counters.errors.values())
        await t.lead.send("/dispatch")
        assert "本次补发 0 人" in (await t.lead.wait_for_message("本次补发")).text
        await sandbox.wait_idle()
        assert sum(sandbox.counters.errors.values()) == refused  # not written to again
        await t.lead.send("/remind 张三")
        answer = (await t.lead.wait_for_message("已催办")).text
        assert answer.splitlines()[0] == "📣 已催办 0 人。"
        assert f"· 张三：无法送达（{WHY[how]}）" in answer  # skipped as marked, not written again
        assert sum(sandbox.counters.errors.values()) == refused
        await t.lead.send("/roster")
        roster = (await t.lead.wait_for_message("人员名单")).text
        assert any("张三" in line and "⚠️" in line for line in roster.splitlines())
