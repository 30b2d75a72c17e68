"""A lead's rhythm commands in chat: /settings (buttons and text), /dispatch, /digest, /review,
/leave; and the job queue rebuilt from the new settings."""

from __future__ import annotations

from pathlib import Path

from bot.domain.settings import Weekday
from bot.jobs.scheduler import RhythmJob
from sandbox import Sandbox
from tests.e2e.harness import dispatch
from tests.e2e.month_world import admin_world, at, bot_up, set_up


async def test_settings_run_now_and_leave_in_chat(sandbox: Sandbox, tmp_path: Path) -> None:
    """Buttons and text change the rhythm (jobs follow); run-now commands send at once."""
    world = admin_world(sandbox, tmp_path, at(10, 14, 10))
    async with bot_up(world) as app:
        await set_up(world)
        lead = world.lead
        assert lead is not None

        await lead.send("/settings")
        overview = await lead.wait_for_message("督办节奏设置")
        assert "周调度提醒：周四 09:00" in overview.text
        await lead.press("调度日", message=overview)
        picker = await lead.wait_for_edit(overview, "请选择周调度提醒日")
        await lead.press("周三", message=picker)
        changed = await lead.wait_for_edit(picker, "已更新")
        assert "周调度提醒：周三 09:00" in changed.text
        await lead.send("/settings every 2")
        assert "每 2 周" in (await lead.wait_for_message("已更新")).text
        await lead.send("/settings 时限 8:15")
        assert "每个工作日 08:15 检查" in (await lead.wait_for_message("时限预警")).text
        await lead.send("/settings prompt 4 9:00")
        await lead.wait_for_message("设置项 4 无效")  # a day must be a name: refused
        settings = world.services.deps.settings(world.team_id)
        assert (settings.prompt_day, settings.every_n_weeks) == (Weekday.WED, 2)
        assert app.job_queue is not None
        (job,) = app.job_queue.get_jobs_by_name(f"prompt:{world.team_id}")
        assert isinstance(job.data, RhythmJob)
        assert job.data.at.strftime("%a %H:%M") == "Wed 09:00"
        (deadlines,) = app.job_queue.get_jobs_by_name(f"deadlines:{world.team_id}")
        assert deadlines.data.at.strftime("%H:%M") == "08:15"  # the team's check time

        await world.chats["赵六"].send("/leave 10月14日 10月20日")
        await world.chats["赵六"].wait_for_message("已登记请假：赵六")
        await world.chats["张三"].send("/leave 明天 后天")
        await world.chats["张三"].wait_for_message("看不懂日期")

        done = await dispatch(lead)
        # every 2 weeks: this week has no cycle, so the next one (week of 10-21) opens early;
        # 赵六's leave is over by its prompt day, 孙七 blocked the bot
        assert "10月21日 所在周" in done.text
        assert "4 人" in done.text
        assert world.lead_says("无法送达：孙七（已屏蔽本机器人）")
        assert len(world.prompts("张三")) == len(world.prompts("赵六")) == 1
        await lead.send("/dispatch")  # again: nobody is asked twice
        await lead.wait_for_message("本次补发 0 人")
        assert len(world.prompts("张三")) == 1

        await lead.send("/digest")
        await lead.wait_for_message("周调度通报已发出")
        assert any("周调度通报" in m.text for m in world.group_messages())
        await lead.send("/review")
        await lead.wait_for_message("月度研判已发出", timeout=15)
        assert any(m.photo for m in world.group_messages())

        await world.chats["张三"].send("/dispatch")
        await world.chats["张三"].wait_for_message("不能进行此操作")
