"""A monthly review that did not go out (the bot down at its time, or the leaders' group
refusing it) is owed: the leads are told to send /review, and a lead's /review sends that
month's review (chart, text, ledger) and records it sent then; after that /review is this
month's again (the real Application over HTTP against the sandbox, a TinyDB store, a manual
clock)."""

from __future__ import annotations

from pathlib import Path

from bot.domain.audit import Action
from bot.domain.delivery import SentRecord
from bot.domain.work import Cycle
from sandbox import Sandbox
from tests.e2e.month_world import World, admin_world, at, audited, bot_up, set_up, stored

NOVEMBER = ".m202411"  # November 2024's review: Fri 11-29 16:00, 72 h of grace
NOVEMBER_TITLE = "2024年11月工作研判"
DECEMBER_TITLE = "2024年12月工作研判"


def review_cycle(world: World) -> Cycle:
    """November's review as recorded."""
    cycle = world.services.store.cycles.get(world.team_id + NOVEMBER)
    assert cycle is not None
    return cycle


def reviews_in_group(world: World) -> list[str]:
    """The titles of the monthly reviews the leaders' group received, oldest first."""
    texts = [m.text for m in world.group_messages()]
    return [title for text in texts for title in (NOVEMBER_TITLE, DECEMBER_TITLE) if title in text]


def a_team(sandbox: Sandbox, tmp_path: Path) -> World:
    """A world whose team is set up on Mon 11-25 (its week's prompts go out on Thursday)."""
    return admin_world(sandbox, tmp_path, at(11, 25, 10))


async def review_sent_on_request(world: World) -> None:
    """The lead's /review sends November's review to the leaders' group with its chart and
    ledger, and records it sent now (once); a second /review is December's so far and records
    nothing."""
    assert world.lead is not None
    assert world.group is not None
    before = len(world.group_messages())
    await world.lead.send("/review")
    await world.lead.wait_for_message("📈 2024年11月月度研判已发出。", timeout=20)
    await world.sb.wait_idle()
    sent = world.group_messages()[before:]
    assert [m.photo is not None for m in sent].count(True) == 1  # the chart
    assert [m.document is not None for m in sent].count(True) == 1  # the ledger
    assert NOVEMBER_TITLE in "".join(m.text for m in sent)
    assert review_cycle(world).digest_sent_at == world.clock.now()
    assert audited(world, Action.REVIEW_SENT) == [(world.team_id + NOVEMBER, None)]
    await world.lead.send("/review")
    await world.lead.wait_for_message("📈 2024年12月月度研判已发出。")
    await world.sb.wait_idle()
    assert reviews_in_group(world)[-1] == DECEMBER_TITLE
    assert audited(world, Action.REVIEW_SENT) == [(world.team_id + NOVEMBER, None)]


async def review_without_its_chart(world: World) -> None:
    """The lead's /review of a November review whose chart the group had: the answer says so,
    only the text and the ledger go to the group (no second chart), and the review is recorded
    sent now."""
    assert world.lead is not None
    before = len(world.group_messages())
    await world.lead.send("/review")
    done = await world.lead.wait_for_message("📈 2024年11月月度研判已发出。", timeout=20)
    assert "领导群此前已收到图表，本次只补发研判正文、台账。" in done.text
    await world.sb.wait_idle()
    sent = world.group_messages()[before:]
    assert not any(m.photo for m in sent)  # no second chart
    assert [m.document is not None for m in sent].count(True) == 1
    assert reviews_in_group(world) == [NOVEMBER_TITLE]
    assert review_cycle(world).digest_sent_at == world.clock.now()


async def test_review_sends_the_review_missed_while_down(sandbox: Sandbox, tmp_path: Path) -> None:
    """Down over November's review and past its grace: the lead is told it was not sent and to
    send /review; /review in December sends November's review, not December's."""
    world = a_team(sandbox, tmp_path)
    async with bot_up(world):
        await set_up(world)
        await world.at(at(11, 28, 9, 1))
        await world.at(at(11, 29, 15))
    world.clock.set(at(12, 3, 10))
    async with bot_up(world):
        (told,) = world.lead_says("停机期间错过了")
        assert "月度研判" in told.text
        assert "停机期间的月度研判未发出；如需补发，请发送 /review。" in told.text
        assert reviews_in_group(world) == []
        cycle = review_cycle(world)
        assert (cycle.digest_sent_at, cycle.digest_failed_at) == (None, at(12, 3, 10))
        assert audited(world, Action.REVIEW_UNDELIVERED) == [(cycle.id, "missed")]
        world.clock.set(at(12, 3, 11))
        await review_sent_on_request(world)


async def test_review_sends_the_review_the_group_refused(sandbox: Sandbox, tmp_path: Path) -> None:
    """The bot out of the leaders' group at November's review: the leads are told to send
    /review once it is back; /review while still out is refused again and not recorded sent;
    back in the group, /review in December sends November's review."""
    world = a_team(sandbox, tmp_path)
    async with bot_up(world):
        await set_up(world)
        assert world.lead is not None
        assert world.group is not None
        await world.at(at(11, 28, 9, 1))
        await world.group.remove_bot()
        await sandbox.wait_idle()
        await world.at(at(11, 29, 16, 1))
        (told,) = world.lead_says("月度研判未能发到领导群")
        assert "/review" in told.text
        assert review_cycle(world).digest_sent_at is None
        world.clock.set(at(12, 2, 10))
        await world.lead.send("/review")
        again = await world.lead.wait_for_message(
            lambda m: m.text.startswith("⚠️ 月度研判") and m.message_id > told.message_id
        )
        assert "/review" in again.text
        assert review_cycle(world).digest_sent_at is None
        assert [w for _, w in audited(world, Action.REVIEW_UNDELIVERED)] == [
            "forbidden",
            "forbidden",
        ]
        await world.group.add_bot()
        await sandbox.wait_idle()
        await review_sent_on_request(world)


async def test_an_owed_review_counts_the_week_missed_at_the_months_end(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    """Down from November's last week into December: that week is recorded missed as of its
    own Thursday, not the day the bot came back, so November's review sent by /review in
    December counts it (另有 1 个调度周期…未发出调度提醒) beside the week held."""
    world = admin_world(sandbox, tmp_path, at(11, 18, 10))
    async with bot_up(world):
        await set_up(world)
        for moment in (at(11, 21, 9, 1), at(11, 22, 17, 1), at(11, 25, 8, 31)):
            await world.at(moment)
    world.clock.set(at(12, 3, 10))
    async with bot_up(world):
        assert world.lead is not None
        week = stored(world, ".w20241125")
        assert (week.missed, week.opened_at) == (True, at(11, 28, 9))
        await world.lead.send("/review")
        await world.lead.wait_for_message("📈 2024年11月月度研判已发出。", timeout=20)
        await sandbox.wait_idle()
        (review,) = [m.text for m in world.group_messages() if NOVEMBER_TITLE in m.text]
        assert "本月 1 个调度周期" in review
        assert "另有 1 个调度周期因机器人停机未发出调度提醒" in review


async def test_review_sends_only_the_part_the_group_refused(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    """The bot may not send files in the leaders' group at November's review: the chart and the
    text go out, the ledger is refused and the review is owed; with files allowed again, the
    lead's /review sends the ledger alone (the group and the leads get no second chart or text),
    says the group had the chart and the text, and records the review sent."""
    world = a_team(sandbox, tmp_path)
    async with bot_up(world):
        await set_up(world)
        assert world.lead is not None
        assert world.group is not None
        await world.at(at(11, 28, 9, 1))
        await world.group.restrict_bot("documents", announce=False)
        await world.at(at(11, 29, 16, 1))
        assert len(world.lead_says("月度研判未能发到领导群")) == 1
        assert review_cycle(world).digest_sent_at is None
        in_group = world.group_messages()
        assert sum(m.photo is not None for m in in_group) == 1
        assert reviews_in_group(world) == [NOVEMBER_TITLE]
        assert not any(m.document for m in in_group)
        lead_before = len(world.lead.bot_messages())
        await world.group.lift_restrictions()
        world.clock.set(at(12, 2, 10))
        await world.lead.send("/review")
        done = await world.lead.wait_for_message("📈 2024年11月月度研判已发出。", timeout=20)
        assert "领导群此前已收到图表、研判正文，本次只补发台账。" in done.text
        await world.sb.wait_idle()
        sent = world.group_messages()[len(in_group) :]
        assert [m.document is not None for m in sent] == [True]
        assert sum(m.photo is not None for m in world.group_messages()) == 1
        assert reviews_in_group(world) == [NOVEMBER_TITLE]
        to_lead = world.lead.bot_messages()[lead_before:]
        assert not any(m.photo or m.document or NOVEMBER_TITLE in m.text for m in to_lead)
        assert review_cycle(world).digest_sent_at == world.clock.now()


async def test_review_owed_past_a_week_sends_only_the_parts_the_group_missed(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    """The leaders' group takes only photos at November's review: the chart goes out, the text
    and the ledger are refused; the bot restarts 10 days later (past the 8 days send records
    are kept) and the lead's /review sends only the text and the ledger, says the group had the
    chart, and sends the lead nothing again."""
    world = a_team(sandbox, tmp_path)
    async with bot_up(world):
        await set_up(world)
        assert world.group is not None
        await world.at(at(11, 28, 9, 1))
        await world.group.restrict_bot("text", "documents", announce=False)
        await world.at(at(11, 29, 16, 1))
        assert review_cycle(world).digest_sent_at is None
        in_group = world.group_messages()
        assert sum(m.photo is not None for m in in_group) == 1
        assert reviews_in_group(world) == []
    world.clock.set(at(12, 9, 10))
    async with bot_up(world):
        assert world.lead is not None
        assert world.group is not None
        await world.group.lift_restrictions()
        await sandbox.wait_idle()
        lead_before = len(world.lead.bot_messages())
        await review_without_its_chart(world)
        to_lead = world.lead.bot_messages()[lead_before:]
        assert not any(m.photo or m.document or NOVEMBER_TITLE in m.text for m in to_lead)


async def test_a_review_cut_short_by_a_crash_and_owed_past_a_week_skips_what_went_out(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    """The process dies at November's review right after Telegram confirmed the chart to the
    leaders' group (its record kept) and stays down 10 days: the catch-up records the review
    missed before the old records are pruned (the prompts' go, the chart's stays), so the
    lead's /review sends no second chart."""
    world = a_team(sandbox, tmp_path)
    async with bot_up(world):
        await set_up(world)
        assert world.group is not None
        await world.at(at(11, 28, 9, 1))
        group = world.group.id
        chart = f"review:{world.team_id}{NOVEMBER}:{group}:chart"
        world.services.store.sent.save(SentRecord(chart, group, 1, at(11, 29, 16)))
        assert len(world.services.store.sent.sent_before(at(12, 1))) > 1  # the prompts' too
    world.clock.set(at(12, 9, 10))
    async with bot_up(world):
        assert world.lead is not None
        assert [r.id for r in world.services.store.sent.sent_before(at(12, 1))] == [chart]
        await review_without_its_chart(world)
