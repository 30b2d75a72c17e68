"""The bot stopped over a weekly digest: the record never says it went out. The catch-up records
it as not sent and tells the lead how to send it; a late answer given before the bot went down
is shown once, in the next digest; a lead's /digest sends the missed one and records it then
(the real Application over HTTP against the sandbox, a TinyDB store, a manual clock)."""

from __future__ import annotations

from datetime import date, datetime
from io import BytesIO
from pathlib import Path

from openpyxl import load_workbook

from bot.domain.audit import Action
from bot.i18n import t
from sandbox import Sandbox
from tests.e2e.month_world import World, admin_world, at, audited, bot_up, set_up, stored

WEEK = ".w20241104"  # prompt Thu 11-07 09:00, cutoff Fri 11-08 17:00, digest Mon 11-11 08:30
NEXT = ".w20241111"  # prompt Thu 11-14, cutoff Fri 11-15, digest Mon 11-18 08:30
LATE_SECTION = "逾时报送（上一周期）"


def digests_in_group(world: World) -> list[str]:
    """The weekly digests the leaders' group received, oldest first."""
    return [m.text for m in world.group_messages() if "周调度通报" in m.text]


async def week_with_a_late_answer(sandbox: Sandbox, tmp_path: Path) -> World:
    """The team set up on Mon 11-04; the week's prompts out on Thursday, its cutoff on Friday,
    张三's answer on Friday evening (late); then the bot stops, and is down over Monday's
    digest and its day of grace."""
    world = admin_world(sandbox, tmp_path, at(11, 4, 10))
    async with bot_up(world):
        await set_up(world)
        await world.at(at(11, 7, 9, 1))
        assert len(world.prompts("张三")) == 1
        await world.at(at(11, 8, 17, 1))
        world.clock.set(at(11, 8, 18))
        await world.chats["张三"].press("1 🟢正常", message=world.prompts("张三")[-1])
        await sandbox.wait_idle()
        reports = world.services.store.reports.for_cycle(world.team_id + WEEK)
        assert [r.late for r in reports] == [True]
    world.clock.set(at(11, 12, 10))  # back on Tuesday: Monday's digest is past its grace
    return world


async def test_a_digest_missed_while_down_is_not_sent_and_its_late_answer_comes_next(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    """Back after the digest's grace: nothing goes to the leaders' group, the lead is told the
    digest was missed and not sent (and /digest sends it), the cycle and the audit say not
    sent (``missed``); the next week's digest, the first published, is 第1期 and lists the late
    answer given before the outage, and the one after does not list it again."""
    world = await week_with_a_late_answer(sandbox, tmp_path)
    async with bot_up(world):
        (told,) = world.lead_says("停机期间错过了")
        assert "周调度通报" in told.text
        assert "/digest" in told.text
        assert digests_in_group(world) == []
        week = stored(world, WEEK)
        assert week.digest_sent_at is None
        assert week.digest_failed_at == at(11, 12, 10)
        assert audited(world, Action.DIGEST_UNDELIVERED) == [(week.id, "missed")]
        assert audited(world, Action.DIGEST_SENT) == []

        await world.at(at(11, 14, 9, 1))
        await world.at(at(11, 15, 17, 1))
        await world.at(at(11, 18, 8, 31))
        (digest,) = digests_in_group(world)
        assert "第1期　县委督查室" in digest  # the missed week's was never published: no gap
        assert LATE_SECTION in digest
        assert "张三" in digest.split(LATE_SECTION, 1)[1]
        assert stored(world, NEXT).digest_sent_at is not None
        await world.at(at(11, 21, 9, 1))
        await world.at(at(11, 22, 17, 1))
        await world.at(at(11, 25, 8, 31))
        assert len(digests_in_group(world)) == 2
        assert LATE_SECTION not in digests_in_group(world)[-1]


async def test_digest_sends_the_digest_missed_while_down(sandbox: Sandbox, tmp_path: Path) -> None:
    """After the catch-up, the lead's /digest sends the missed week's digest (not the next
    week's interim one) to the leaders' group and records it sent then; the late answer it
    counts is not listed again in the next digest."""
    world = await week_with_a_late_answer(sandbox, tmp_path)
    async with bot_up(world):
        assert world.lead is not None
        world.clock.set(at(11, 13, 10))
        await world.lead.send("/digest")
        await world.lead.wait_for_message("周调度通报已发出")
        await sandbox.wait_idle()
        (sent,) = digests_in_group(world)
        assert "调度周期：2024年11月4日起" in sent
        assert "逾时报送 1 项" in sent  # the late answer, counted in its own week's digest
        week = stored(world, WEEK)
        assert week.digest_sent_at == at(11, 13, 10)
        assert [s for s, _ in audited(world, Action.DIGEST_SENT)] == [week.id]
        await world.at(at(11, 14, 9, 1))
        await world.at(at(11, 15, 17, 1))
        await world.at(at(11, 18, 8, 31))
        assert len(digests_in_group(world)) == 2
        assert LATE_SECTION not in digests_in_group(world)[-1]


async def test_a_week_missed_while_down_reads_the_same_in_every_view(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    """Down over a whole week (its prompt, cutoff and digest): the week is recorded missed and
    its digest not sent; /digest sends a digest saying its prompts did not go out; the ledger
    owes nothing for it; November's review counts it apart from the weeks held."""
    world = admin_world(sandbox, tmp_path, at(11, 4, 10))
    async with bot_up(world):
        await set_up(world)
        await world.at(at(11, 7, 9, 1))
        await world.at(at(11, 8, 17, 1))
        await world.at(at(11, 11, 8, 31))
        assert len(digests_in_group(world)) == 1
    world.clock.set(at(11, 19, 10))
    async with bot_up(world):
        assert world.lead is not None
        (told,) = world.lead_says("停机期间错过了")
        assert "周调度提醒" in told.text
        assert "/digest" in told.text
        week = stored(world, NEXT)
        assert week.missed
        assert (week.digest_sent_at, week.digest_failed_at) == (None, at(11, 19, 10))
        assert (week.id, "missed") in audited(world, Action.DIGEST_UNDELIVERED)
        assert len(digests_in_group(world)) == 1

        await world.lead.send("/digest")
        await world.lead.wait_for_message("周调度通报已发出")
        await sandbox.wait_idle()
        sent = digests_in_group(world)[-1]
        assert "调度周期：2024年11月11日起" in sent
        assert "未能按时发出（机器人当时停机）" in sent
        assert stored(world, NEXT).digest_sent_at == at(11, 19, 10)

        await world.lead.send("/export")
        export = await world.lead.wait_for_message(lambda v: v.document is not None)
        assert export.document is not None
        data = world.sb.world.files.get(export.document["file_id"])
        assert data is not None
        sheet = load_workbook(BytesIO(data.data))[t("rhythm.ledger.sheet_items", "zh")]
        weeks = {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)}
        assert {w.date() if isinstance(w, datetime) else w for w in weeks} == {date(2024, 11, 4)}

        for day in (21, 22, 25, 28):  # two more weeks held: prompts, cutoff, digest
            await world.at(at(11, day, 9, 1) if day in (21, 28) else at(11, day, 17, 1))
        await world.at(at(11, 29, 16, 1))  # November's review
        (review,) = [m.text for m in world.group_messages() if "本月" in m.text]
        assert "本月 3 个调度周期" in review
        assert "另有 1 个调度周期因机器人停机未发出调度提醒" in review


async def test_a_week_passed_during_a_pause_reads_paused_not_missed(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    """Paused before the week's prompt and resumed the next Tuesday: nothing went out meanwhile,
    and the lead's /digest sends that week's digest saying the rhythm was paused over it, never
    that the bot was down."""
    world = admin_world(sandbox, tmp_path, at(11, 4, 10))
    async with bot_up(world):
        await set_up(world)
        lead = world.lead
        assert lead is not None
        await lead.send("/settings pause on")
        paused = await lead.wait_for_message("已更新")
        for moment in (at(11, 7, 9, 1), at(11, 8, 17, 1), at(11, 11, 8, 31)):
            await world.at(moment)
        assert digests_in_group(world) == []
        world.clock.set(at(11, 12, 10))
        await lead.send("/settings pause off")
        await lead.wait_for_message(
            lambda m: "已更新" in m.text and m.message_id > paused.message_id
        )
        await lead.send("/digest")
        await lead.wait_for_message("周调度通报已发出")
        await sandbox.wait_idle()
        (sent,) = digests_in_group(world)
        assert "调度周期：2024年11月4日起" in sent
        assert "本周期调度已暂停" in sent
        assert "停机" not in sent
