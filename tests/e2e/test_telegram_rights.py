"""The leaders' group where the bot stays but may not post as it likes, played through the real
Application over HTTP: the bot restricted (no text, or no photos and files), the group letting
only admins send, and slow mode spacing the review's chart, text and ledger."""

from __future__ import annotations

import logging

import pytest

from bot.domain.audit import Action
from sandbox import Sandbox
from tests.e2e.harness import dispatch, plan_assigned, team
from tests.e2e.test_telegram_groups import (
    audited,
    leaders_group,
    run_scheduled_digest,
    team_group,
    weekly_cycle,
)


@pytest.mark.parametrize("only_admins", [False, True])
async def test_a_digest_the_bot_may_not_post_is_told_and_sent_again_later(
    sandbox: Sandbox, only_admins: bool
) -> None:
    """The bot restricted in the leaders' group (or the group letting only admins send):
    Telegram refuses the scheduled digest with 400 "not enough rights"; the lead hears it did
    not reach the group because the bot may not post there and how to fix it (not "send it
    later"), nothing records it sent, and /digest sends it once the bot may post again."""
    async with team(sandbox) as t:
        await plan_assigned(t.lead)
        group = await leaders_group(t)
        await dispatch(t.lead)
        await group.restrict_bot(only_admins=only_admins)
        await sandbox.wait_idle()
        await run_scheduled_digest(t)
        told = await t.lead.wait_for_message("未能发到领导群")
        assert "没有发言权限" in told.text
        assert "管理员" in told.text
        assert "/digest" in told.text
        assert not any("周调度通报已发出" in m.text for m in t.lead.bot_messages())
        cycle = weekly_cycle(t)
        assert cycle.digest_sent_at is None
        assert cycle.digest_failed_at is not None
        assert audited(t, Action.DIGEST_SENT) == []
        assert audited(t, Action.DIGEST_UNDELIVERED) == [cycle.id]
        assert not t.lead_user.in_group(group).bot_messages()[1:]  # only /setgroup's answer
        await group.lift_restrictions()
        await t.lead.send("/digest")
        await t.lead.wait_for_message("周调度通报已发出")
        assert "督查室" in (await t.lead_user.in_group(group).wait_for_message("周调度通报")).text
        assert weekly_cycle(t).digest_sent_at is not None


async def test_a_bot_restricted_in_the_leaders_group_is_told_at_once(sandbox: Sandbox) -> None:
    """A group admin restricts the bot (``my_chat_member``: restricted, no photos or files):
    the lead is told at once, naming the group and what to ask its admins; a restriction in
    another group says nothing; lifting it needs no word."""
    async with team(sandbox) as t:
        group = await leaders_group(t)
        other = sandbox.create_group("闲聊群", members=[t.lead_user])
        await sandbox.wait_idle()
        before = len(t.lead.bot_messages())
        await other.restrict_bot()
        await sandbox.wait_idle()
        assert len(t.lead.bot_messages()) == before
        await group.restrict_bot("photos", "documents")
        notice = await t.lead.wait_for_message("限制发言")
        assert "「督查室」的领导群「县领导群」" in notice.text
        assert "管理员" in notice.text
        await group.lift_restrictions()
        await sandbox.wait_idle()
        assert len(t.lead.bot_messages()) == before + 1


async def test_a_review_whose_chart_and_ledger_the_bot_may_not_post_is_not_called_sent(
    sandbox: Sandbox,
) -> None:
    """The bot may post text in the leaders' group but not photos or files (restricted
    unannounced): /review does not claim the review was sent, and tells the lead the bot may
    not post there and what to ask the group's admins."""
    async with team(sandbox) as t:
        await plan_assigned(t.lead)
        group = await leaders_group(t)
        await group.restrict_bot("photos", "documents", announce=False)
        await t.lead.send("/review")
        told = await t.lead.wait_for_message("未能发到领导群", timeout=20)
        assert "月度研判" in told.text
        assert "没有发言权限" in told.text
        await sandbox.wait_idle()
        assert not any("月度研判已发出" in m.text for m in t.lead.bot_messages())
        in_group = t.lead_user.in_group(group).bot_messages()
        assert not any(m.photo or m.document for m in in_group)


async def test_slow_mode_delays_the_review_and_loses_nothing(
    sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """Slow mode in the leaders' group: each message after the first within the delay is
    refused with 429 and the seconds left; the review's chart, text and ledger all arrive,
    once each and in that order, the lead hears it was sent, and no error is logged (a wait
    Telegram asks for is not one)."""
    monkeypatch.setenv("PTB_TIMEDELTA", "1")  # PTB warns when it builds a RetryAfter
    async with team(sandbox) as t:
        await plan_assigned(t.lead)
        group = await leaders_group(t)
        group.set_slow_mode(2)
        await t.lead.send("/review")
        await t.lead.wait_for_message("月度研判已发出", timeout=30)
        await sandbox.wait_idle()
        assert sandbox.counters.rate_limited >= 1  # the text, right after the chart
        sent = t.lead_user.in_group(group).bot_messages()[1:]  # after /setgroup's answer
        kinds = ["chart" if m.photo else "ledger" if m.document else "text" for m in sent]
        assert kinds[0] == "chart"
        assert kinds[-1] == "ledger"
        assert set(kinds[1:-1]) == {"text"}
        assert sum("工作研判" in m.text for m in sent) == 1
        assert not any("未能" in m.text for m in t.lead.bot_messages())
    assert not [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]


async def test_a_slow_mode_longer_than_the_bot_waits_is_named(sandbox: Sandbox) -> None:
    """Slow mode of a minute in the leaders' group (longer than the bot keeps a send waiting):
    /review does not claim the review was sent, and tells the lead the group is in slow mode
    and to ask its admins to turn it off, not that Telegram could not be reached."""
    async with team(sandbox) as t:
        await plan_assigned(t.lead)
        group = await leaders_group(t)
        group.set_slow_mode(60)
        await t.lead.send("/review")
        told = await t.lead.wait_for_message("未能发到领导群", timeout=20)
        assert "慢速模式" in told.text
        assert "连不上" not in told.text
        await sandbox.wait_idle()
        assert not any("月度研判已发出" in m.text for m in t.lead.bot_messages())


async def test_setgroup_in_a_group_the_bot_may_not_post_in_tells_the_lead_privately(
    sandbox: Sandbox,
) -> None:
    """/setgroup in a group where the bot is restricted: the group is set, its confirmation is
    refused there, and the lead hears privately that the group is set but the bot may not post
    in it, with what to ask the group's admins (not that the digest will come there)."""
    async with team(sandbox) as t:
        group = t.sb.create_group("县领导群", members=[t.lead_user])
        await group.restrict_bot("text", announce=False)
        await sandbox.wait_idle()
        await t.lead_user.in_group(group).send_command("setgroup")
        told = await t.lead.wait_for_message("已设为")
        assert "「县领导群」" in told.text
        assert "没有发言权限" in told.text
        assert "群管理员允许本机器人在群内发言" in told.text
        assert "每周汇总将发到这里" not in told.text
        assert team_group(t) == group.id
        assert not t.lead_user.in_group(group).bot_messages()
