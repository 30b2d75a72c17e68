"""A team with no leaders' group whose only lead blocked the bot: the weekly digest and the
monthly review reached nobody, so they are recorded as not sent (why: nobody), and the lead's
/digest and /review send them once the lead is back (the real Application over HTTP against
the sandbox, a TinyDB store, a manual clock)."""

from __future__ import annotations

from pathlib import Path

from bot.domain.audit import Action
from sandbox import Sandbox
from tests.e2e.month_world import World, admin_world, at, audited, bot_up, set_up, stored

WEEK = ".w20241104"  # prompt Thu 11-07 09:00, cutoff Fri 11-08 17:00, digest Mon 11-11 08:30
NOVEMBER = ".m202411"  # November 2024's review: Fri 11-29 16:00
ADMINS_TOLD = "的负责同志均未能收到以下通知"


async def a_team(sandbox: Sandbox, tmp_path: Path, day: int) -> World:
    """A world whose team is to be set up on November ``day``, 10:00."""
    return admin_world(sandbox, tmp_path, at(11, day, 10))


async def test_digest_nobody_got_is_not_sent(sandbox: Sandbox, tmp_path: Path) -> None:
    """No group and the lead blocked the bot: the digest is recorded not sent (nobody), and
    the lead, back, gets it through /digest, which records it sent and names its issue."""
    world = await a_team(sandbox, tmp_path, 4)
    async with bot_up(world):
        await set_up(world, group=False)
        assert world.lead is not None
        await world.at(at(11, 7, 9, 1))
        await world.at(at(11, 8, 17, 1))
        await world.users["lead"].block()
        await sandbox.wait_idle()
        before = len(world.lead.bot_messages())
        await world.at(at(11, 11, 8, 31))
        cycle = stored(world, WEEK)
        assert (cycle.digest_sent_at, cycle.digest_failed_at) == (None, at(11, 11, 8, 31))
        assert audited(world, Action.DIGEST_UNDELIVERED) == [(cycle.id, "nobody")]
        assert audited(world, Action.DIGEST_SENT) == []
        await world.users["lead"].unblock()
        await sandbox.wait_idle()
        assert len(world.lead.bot_messages()) == before  # nothing reached the lead meanwhile
        world.clock.set(at(11, 11, 10))
        await world.lead.send("/digest")
        done = await world.lead.wait_for_message("周调度通报已发出")
        assert "（2024年11月4日起）周调度通报已发出。" in done.text
        await sandbox.wait_idle()
        assert any("周调度通报" in m.text for m in world.lead.bot_messages()[before:-1])
        assert stored(world, WEEK).digest_sent_at == at(11, 11, 10)
        assert audited(world, Action.DIGEST_SENT) == [(cycle.id, None)]


async def test_review_nobody_got_is_not_sent(sandbox: Sandbox, tmp_path: Path) -> None:
    """No group and the lead blocked the bot: November's review is recorded not sent
    (nobody); the lead, back in December, gets November's review through /review."""
    world = await a_team(sandbox, tmp_path, 25)
    async with bot_up(world):
        await set_up(world, group=False)
        assert world.lead is not None
        await world.at(at(11, 28, 9, 1))
        await world.users["lead"].block()
        await sandbox.wait_idle()
        await world.at(at(11, 29, 16, 1))
        cycle = stored(world, NOVEMBER)
        assert (cycle.digest_sent_at, cycle.digest_failed_at) == (None, at(11, 29, 16, 1))
        assert audited(world, Action.REVIEW_UNDELIVERED) == [(cycle.id, "nobody")]
        await world.users["lead"].unblock()
        await sandbox.wait_idle()
        world.clock.set(at(12, 2, 10))
        await world.lead.send("/review")
        await world.lead.wait_for_message("📈 2024年11月月度研判已发出。", timeout=20)
        await sandbox.wait_idle()
        assert any("2024年11月工作研判" in m.text for m in world.lead.bot_messages())
        assert stored(world, NOVEMBER).digest_sent_at == at(12, 2, 10)
        assert audited(world, Action.REVIEW_SENT) == [(cycle.id, None)]


async def test_admins_hear_once_when_digests_reach_nobody(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    """No group and the only lead blocked the bot: the admins are told, naming the team, that
    the week's digest reached nobody and how to send it; the next week's that reaches nobody
    too is not told again; once a digest went out, the next spell is told again."""
    world = await a_team(sandbox, tmp_path, 4)
    async with bot_up(world):
        admin = await world.users["admin"].start()
        await sandbox.wait_idle()
        await set_up(world, group=False)
        assert world.lead is not None
        await world.at(at(11, 7, 9, 1))
        await world.at(at(11, 8, 17, 1))
        await world.users["lead"].block()
        await world.at(at(11, 11, 8, 31))
        (told,) = [m for m in admin.bot_messages() if ADMINS_TOLD in m.text]
        assert "督办组“县委督查室”" in told.text
        assert "周调度通报未能送达：尚未设置领导群，且无一位负责同志收到" in told.text
        assert "/digest" in told.text
        for moment in (at(11, 14, 9, 1), at(11, 15, 17, 1), at(11, 18, 8, 31)):
            await world.at(moment)
        assert stored(world, ".w20241111").digest_failed_at == at(11, 18, 8, 31)
        assert len([m for m in admin.bot_messages() if ADMINS_TOLD in m.text]) == 1
        await world.users["lead"].unblock()
        world.clock.set(at(11, 18, 10))
        await world.lead.send("/digest")
        await world.lead.wait_for_message("周调度通报已发出")
        await world.users["lead"].block()
        for moment in (at(11, 21, 9, 1), at(11, 22, 17, 1), at(11, 25, 8, 31)):
            await world.at(moment)
        assert len([m for m in admin.bot_messages() if ADMINS_TOLD in m.text]) == 2


async def test_admins_hear_what_was_missed_when_no_lead_can_be_told(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    """No group, the only lead blocked the bot, and the bot down over the week's digest: back,
    the notice of what was missed reaches the admins, naming the team, since no lead can get
    it."""
    world = await a_team(sandbox, tmp_path, 4)
    async with bot_up(world):
        admin = await world.users["admin"].start()
        await sandbox.wait_idle()
        await set_up(world, group=False)
        await world.at(at(11, 7, 9, 1))
        await world.at(at(11, 8, 17, 1))
        await world.users["lead"].block()
        await sandbox.wait_idle()
    world.clock.set(at(11, 12, 10))  # back after Monday's digest and its grace
    async with bot_up(world):
        (told,) = [m for m in admin.bot_messages() if ADMINS_TOLD in m.text]
        assert "督办组“县委督查室”" in told.text
        assert "停机期间错过了" in told.text
        assert "/digest" in told.text
