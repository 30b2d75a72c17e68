"""Chat surfaces fixed while documenting: the admin's greeting, /help per role, prompt follow-ups,
replies to a prompt listing several tasks, /settings language and pause, a leader's /digest."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from bot.domain.people import Role
from bot.domain.plan import Indicator
from bot.services import RosterRow
from sandbox import Sandbox
from storage.memory import MemoryStore
from tests.e2e.harness import PLAN, clock, import_plan, running_bot, team, zh
from tests.e2e.month_world import admin_world, at, bot_up, county, set_up
from tests.factories.settings import settings_for


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


async def test_settings_language_and_pause_and_a_leaders_digest(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    """A lead switches the team language and pauses (jobs stop); a leader pulls the digest."""
    world = admin_world(sandbox, tmp_path, at(10, 14, 10))
    async with bot_up(world) as app:
        await set_up(world)
        lead = world.lead
        assert lead is not None
        assert app.job_queue is not None
        await lead.send("/settings")
        overview = await lead.wait_for_message("督办节奏设置")
        assert "状态：▶️ 运行中" in overview.text
        assert "团队语言（通报、研判、台账、领导群菜单）：中文" in overview.text
        await lead.press("🌐 团队语言改为 English", message=overview)
        changed = await lead.wait_for_edit(overview, "：English")
        await lead.press("⏸ 暂停督办", message=changed)
        paused = await lead.wait_for_edit(changed, "已暂停")
        assert "▶️ 恢复督办" in paused.button_texts
        settings = world.services.deps.settings(world.team_id)
        assert (settings.language, settings.paused) == ("en", True)
        assert app.job_queue.get_jobs_by_name(f"prompt:{world.team_id}") == ()

        leader = sandbox.create_user("Leader", language_code="zh-hans")
        added = world.services.people.add(
            world.actor("lead"), world.team_id, RosterRow.typed("领导乙", None, Role.LEADER)
        )
        assert added.invite is not None
        chat = await leader.start(added.invite.token)
        await chat.wait_for_message("欢迎")
        await chat.send("/digest")
        digest = await chat.wait_for_message("周调度通报")
        assert "已暂停" in digest.text
        # the leader's /digest went to nobody else
        assert not any("周调度通报" in m.text for m in world.group_messages())


async def test_prompt_follow_ups_indicators_and_replies_to_several_tasks(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    """A prompt tap offers /report's follow-ups; ``产值 3.2亿元`` is an indicator value; a reply
    to a prompt listing two tasks asks which one, a reply to a one-task prompt is filed at once."""
    async with county(sandbox, tmp_path) as world:
        store = world.services.store
        first, second = world.tasks["张三"]
        measure = store.measures.get(first)
        assert measure is not None
        store.measures.save(replace(measure, indicators=(Indicator("规上工业产值", "亿元"),)))
        await world.at(at(10, 17, 9))
        zhang = world.chats["张三"]
        (prompt,) = world.prompts("张三")
        await zhang.press("1 🟢正常", message=prompt)
        follow = await zhang.wait_for_message("已记录")
        assert "50%" in follow.button_texts
        assert "📊 填写指标：规上工业产值" in follow.button_texts
        assert "规上工业产值 12.5亿元" in follow.text  # the hint's example is the task's own
        await zhang.send("产值 3.2亿元")
        await zhang.wait_for_message("规上工业产值")
        (report,) = store.reports.for_measure(first)
        assert report.indicator_values == (("规上工业产值", 3.2),)

        await zhang.send("用地手续在办", reply_to=prompt)
        which = await zhang.wait_for_message("这条回复是关于哪一项任务的")
        assert len(which.button_texts) == 2
        await zhang.press(which.button_texts[1], message=which)
        await zhang.wait_for_edit(which, "用地手续在办")
        (filed,) = store.reports.for_measure(second)
        assert filed.progress_text == "用地手续在办"

        li = world.chats["李四"]
        (one,) = world.prompts("李四")
        await li.send("本周完成选址", reply_to=one)
        await li.wait_for_message("本周完成选址")
        (only,) = store.reports.for_measure(world.tasks["李四"][0])
        assert only.progress_text == "本周完成选址"
        assert not any("哪一项任务" in m.text for m in li.bot_messages())


async def test_every_task_command_takes_any_reference_form(sandbox: Sandbox) -> None:
    """/assign, /task, /report, /closeout and /unassign take ``#id`` in any case or the number."""
    async with team(sandbox) as t:
        await import_plan(t.lead, PLAN)
        await t.lead.send("/assign 2 王五")  # 强化招商引资, the plan's second task
        wang = t.officials["王五"]
        notice = await wang.wait_for_message("您有一项新任务")
        task_id = notice.text.split("#", 1)[1].split()[0]
        assert "强化招商引资" in notice.text
        await wang.send(f"/task #{task_id.lower()}")
        await wang.wait_for_message("强化招商引资")
        await wang.send(f"/report #{task_id.upper()}")
        await wang.wait_for_message("进展如何")
        await wang.send("/closeout 2 已签约项目3个")
        await wang.wait_for_message("已收到办结佐证")
        await t.lead.send(f"/unassign #{task_id} 王五")
        await t.lead.wait_for_message("已结束 1 项交办")
        assert (
            t.app.bot_data.services.tasks.mine(t.app.bot_data.services.auth.resolve(wang.user.id))
            == ()
        )
