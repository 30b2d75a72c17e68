"""签收全部 on the one list an official gets when more than ten tasks arrive at once, played
through the real Application over HTTP against the sandbox."""

from __future__ import annotations

from bot.domain.audit import Action
from sandbox import Sandbox
from tests.e2e.harness import import_plan, team
from tests.e2e.test_telegram_groups import audited

#: Twelve measures led by one unit: past the ten that come as a notice each.
PLAN = "\n".join(
    ["XX县2025年重点工作任务清单", "一、重点任务"]
    + [f"{i}.推进第{i}项重点工作。2025年12月底前完成。（县发改委牵头）" for i in range(1, 13)]
)
UNIT = [("张三", "县发改委", "责任人", ""), ("李四", "县发改委", "责任人", "")]


async def test_sign_all_signs_each_listed_task_as_a_single_sign_does(sandbox: Sandbox) -> None:
    """Twelve tasks for a unit come as one list with 签收全部; 张三's press signs all twelve
    for the unit (a 签收 each in the record, as one by one), the button goes and the list
    stays, 李四 hears once that they were signed, and 李四's own press signs nothing again."""
    async with team(sandbox, UNIT) as t:
        await import_plan(t.lead, PLAN)
        await t.lead.send("/unassigned")
        await t.lead.wait_for_message("未交办")
        await t.lead.press("🤖 自动建议")
        await sandbox.wait_idle()
        await t.lead.press("✅ 全部确认")
        await t.lead.wait_for_message("已交办")
        await sandbox.wait_idle()
        zhang, li = t.officials["张三"], t.officials["李四"]
        listed = await zhang.wait_for_message("您有 12 项新任务")
        assert "签收全部" in listed.text
        assert listed.buttons
        await zhang.press("✍️ 签收全部")
        done = await zhang.wait_for_message("已签收以上 12 项任务")
        assert "/report" in done.text
        await sandbox.wait_idle()
        store = t.app.bot_data.services.store
        rows = [a for a in store.assignments.all() if a.active]
        assert len(rows) == 12
        zhang_id = next(p.id for p in store.people.all() if p.name == "张三")
        assert all(a.acknowledged_by == zhang_id for a in rows)
        assert sorted(audited(t, Action.ACKNOWLEDGED)) == sorted(a.measure_id for a in rows)
        kept = next(m for m in zhang.bot_messages() if m.message_id == listed.message_id)
        assert kept.text == listed.text
        assert not kept.buttons
        told = [m for m in li.bot_messages() if "以下 12 项任务已签收" in m.text]
        assert len(told) == 1
        assert "县发改委已由张三于" in told[0].text
        await li.press("✍️ 签收全部")
        assert "均已签收" in (await li.wait_for_message("均已签收")).text
        assert len(audited(t, Action.ACKNOWLEDGED)) == 12
