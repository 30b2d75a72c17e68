"""What an official sends is recorded truthfully: a reply stating no status invents none,
nothing is refused for a detail the bot could not read, and a text reply after the cutoff is
逾时 exactly like a button tap after it (issue: the supervision record leaders can trust)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from bot.domain.plan import Indicator
from bot.domain.work import Report
from sandbox import Sandbox
from tests.e2e.month_world import World, at, county
from tests.e2e.test_journey import PNG


def reports_of(world: World, name: str) -> list[Report]:
    """The reports on the official's first task, oldest first."""
    return list(world.services.store.reports.for_measure(world.tasks[name][0]))


async def test_a_reply_without_a_status_is_not_recorded_as_on_track(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    """A reply stating no status is stored without one and confirmed as 沿用上次, not 正常推进."""
    async with county(sandbox, tmp_path) as world:
        li = world.chats["李四"]
        await world.at(at(10, 17, 9))
        await li.press("1 🟡滞后", message=world.prompts("李四")[0])
        await li.wait_for_message("已记录")
        await world.at(at(10, 24, 9))
        await li.send("问题：资金不到位，项目已停工。", reply_to=world.prompts("李四")[-1])
        confirmation = await li.wait_for_message("资金不到位")
        assert "状态：未变（沿用上次：🟡 滞后）" in confirmation.text
        assert "正常推进" not in confirmation.text
        last = reports_of(world, "李四")[-1]
        assert (last.status, last.problems) == (None, "资金不到位，项目已停工。")


async def test_an_unreadable_indicator_value_is_saved_as_text_and_counts_as_an_answer(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    """「新建幼儿园」 in 所, not 个: saved as text, one line says how to fix it, not chased."""
    async with county(sandbox, tmp_path) as world:
        store = world.services.store
        measure = store.measures.get(world.tasks["李四"][0])
        assert measure is not None
        store.measures.save(replace(measure, indicators=(Indicator("新建幼儿园", "个"),)))
        li = world.chats["李四"]
        await world.at(at(10, 17, 9))
        await li.send("本周新建幼儿园1所已开工", reply_to=world.prompts("李四")[0])
        confirmation = await li.wait_for_message("未能识别")
        assert (
            "⚠️ 指标「新建幼儿园」的数值未能识别（单位应为 个），已按文字保存；"
            "如需更正，请回复「新建幼儿园 1个」。"
        ) in confirmation.text.splitlines()
        (report,) = reports_of(world, "李四")
        assert (report.progress_text, report.indicator_values) == ("本周新建幼儿园1所已开工", ())

        await world.at(at(10, 18, 13))  # the automatic reminder round
        assert not any("即将截止" in m.text for m in li.bot_messages())
        assert any("即将截止" in m.text for m in world.chats["张三"].bot_messages())
        await world.at(at(10, 18, 17))  # the cutoff names the non-responders to the lead
        (silent,) = world.lead_says("人未报：")
        assert "张三" in silent.text
        assert "李四" not in silent.text
        assert world.lead is not None
        await world.lead.send("/remind all")
        await world.lead.wait_for_message("已催办")
        await world.sb.wait_idle()
        assert not any("📣 催办" in m.text for m in li.bot_messages())


async def test_a_text_reply_after_the_cutoff_is_late_like_a_button_tap(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    """After the cutoff and the digest, a typed reply and a tap both join that week as 逾时."""
    async with county(sandbox, tmp_path) as world:
        await world.at(at(10, 17, 9))
        await world.at(at(10, 21, 8, 30))  # cutoff on Friday, digest on Monday
        world.clock.set(at(10, 21, 10))
        li, zhang = world.chats["李四"], world.chats["张三"]
        await li.send("进展：本周完成选址", reply_to=world.prompts("李四")[0])
        typed = await li.wait_for_message("本周完成选址")
        await zhang.press("1 🟢正常", message=world.prompts("张三")[0])
        tapped = await zhang.wait_for_message("已记录")
        (cycle,) = world.services.store.cycles.for_team(world.team_id)
        (reply,), (tap,) = reports_of(world, "李四"), reports_of(world, "张三")
        assert (reply.cycle_id, reply.late) == (tap.cycle_id, tap.late) == (cycle.id, True)
        assert "逾时" in typed.text
        assert "逾时" in tapped.text


async def test_a_photo_about_no_task_in_view_is_offered_to_the_senders_tasks(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    """A photo sent out of the blue is not turned away: "which task?", then it is filed."""
    async with county(sandbox, tmp_path) as world:
        li = world.chats["李四"]
        await li.send_photo(PNG, caption="现场照片：主体已封顶")
        which = await li.wait_for_message("这条消息是关于哪一项任务的")
        assert len(which.button_texts) == 1  # asked even with one task: it may be no report
        assert not reports_of(world, "李四")
        await li.press(which.button_texts[0], message=which)
        await li.wait_for_edit(which, "主体已封顶")
        (report,) = reports_of(world, "李四")
        assert (report.status, report.progress_text) == (None, "现场照片：主体已封顶")
        assert report.attachments[0].startswith("photo:")
