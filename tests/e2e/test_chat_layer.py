"""The chat layer's gaps, closed, through the sandbox: who holds a task, who asks to close it
(with the evidence as sent), names with units, uploads, task numbers, edits, and a preview
that outlives a restart."""

from __future__ import annotations

from pathlib import Path

from sandbox import Sandbox
from tests.e2e.harness import (
    PLAN,
    clock,
    first_task,
    first_task_assigned,
    import_plan,
    join,
    link_token,
    running_bot,
    team,
    zh,
)
from tests.factories.settings import settings_for
from tests.services.fixtures.make_roster_xls import ROSTER_ODS

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)


async def test_assigning_shows_who_holds_the_task(sandbox: Sandbox) -> None:
    """The lead's confirmation names the units and people now holding it, lead and co."""
    async with team(sandbox) as t:
        await import_plan(t.lead, PLAN)
        task_id = await first_task(t.lead)
        await t.lead.send(f"/assign {task_id} 县发改委 配合 县财政局 赵六")
        done = await t.lead.wait_for_message("已交办")
        assert "牵头：县发改委" in done.text
        assert "配合：县财政局、赵六" in done.text
        await t.lead.send(f"/unassign {task_id} 赵六")
        left = await t.lead.wait_for_message("剩余")
        assert "配合：县财政局" in left.text
        assert "赵六" not in left.text


async def test_closeout_names_the_requester_and_forwards_the_photo(sandbox: Sandbox) -> None:
    """The lead's Approve/Return message names who asked, the photo evidence follows as a
    photo (sendPhoto) under it, and the decision keeps the requester's name."""
    async with team(sandbox) as t:
        task_id = await first_task_assigned(t, "县发改委")
        zhang = t.officials["张三"]
        await zhang.send(f"/closeout {task_id}")
        await zhang.wait_for_message("请发送办结佐证")
        await zhang.send_photo(PNG, caption="厂房已竣工")
        gathered = await zhang.wait_for_message("已收到办结佐证")
        await zhang.press("📤 提交办结申请", message=gathered)
        await zhang.wait_for_edit(gathered, "已提交办结申请")
        review = await t.lead.wait_for_message("申请办结销号")
        assert review.text.startswith("🏁 张三 申请办结销号")
        assert "佐证材料共 2 项" in review.text
        assert "张三 03-07 09:30：照片（见下）" in review.text
        photo = await t.lead.wait_for_message(lambda m: m.photo is not None)
        assert photo.reply_to == review.message_id
        assert sandbox.counters.calls["sendPhoto"] == 1
        assert sandbox.counters.calls["sendDocument"] == 0
        await t.lead.press("✅ 同意销号", message=review)
        decided = await t.lead.wait_for_edit(review, "已销号")
        assert "申请人：张三" in decided.text
        assert "王督办" not in decided.text


async def test_names_with_units_for_invites_and_leads(sandbox: Sandbox) -> None:
    """Namesakes are listed with their units; adding the unit picks one. /addlead takes a
    unit too."""
    async with team(sandbox, [("张三", "县发改委", "责任人", "")]) as t:
        await t.lead.send("/add 李四 县财政局 责任人")
        await t.lead.wait_for_message("李四")
        await t.lead.send("/add 李四 县教育局 责任人")
        await t.lead.wait_for_message("县教育局")
        await t.lead.send("/invite 李四")
        refused = await t.lead.wait_for_message("都叫")
        assert "李四（县财政局）、李四（县教育局）" in refused.text
        await t.lead.send("/invite 李四 教育局")
        fresh = await t.lead.wait_for_message("新的专属链接")
        assert "李四（县教育局）" in fresh.text
        await t.admin.send("/addlead 钱督办 县委办")
        added = await t.admin.wait_for_message("钱督办")
        assert "（县委办）" in added.text
        assert "?start=" in added.text


async def test_files_are_taken_by_what_they_hold(sandbox: Sandbox) -> None:
    """A roster table is a roster whatever its name; an official's stray file is refused
    with a hint, not taken as a plan."""
    async with team(sandbox, [("张三", "县发改委", "责任人", "")]) as t:
        roster = "姓名,单位,角色\n周八,县商务局,责任人\n".encode()
        await t.lead.send_document(roster, "2024-03.csv")
        imported = await t.lead.wait_for_message("名单已导入")
        assert "周八" in imported.text
        zhang = t.officials["张三"]
        await zhang.send_document(PLAN.encode(), "plan.txt")
        refused = await zhang.wait_for_message("只有督办员可以上传")
        assert "回复" in refused.text
        assert t.app.bot_data.services.store.pending_imports.all() == ()


async def test_an_opendocument_roster_is_taken_as_a_roster(sandbox: Sandbox) -> None:
    """A roster saved by WPS or LibreOffice as .ods is read as a roster from its file alone."""
    async with team(sandbox, [("张三", "县发改委", "责任人", "")]) as t:
        await t.lead.send_document(ROSTER_ODS.read_bytes(), "2024-03.ods")
        imported = await t.lead.wait_for_message("名单已导入")
        assert "新增 2 人" in imported.text
        assert "钱七（县发改委）" in imported.text
        assert "第 7 行：请填写姓名" in imported.text


async def test_tasks_by_number_and_admins_without_tasks(sandbox: Sandbox) -> None:
    """/task 2 is the plan's second measure; ids work in any case; admins are told what to do
    instead of /mytasks."""
    async with team(sandbox, [("张三", "县发改委", "责任人", "")]) as t:
        await import_plan(t.lead, PLAN)
        await t.lead.send("/task 2")
        second = await t.lead.wait_for_message("强化招商引资")
        task_id = second.text.split("#", 1)[1].split()[0]
        await t.admin.send(f"/task {task_id.lower()}")
        await t.admin.wait_for_message("强化招商引资")
        await t.admin.send("/mytasks")
        told = await t.admin.wait_for_message("管理员本人没有任务")
        assert "/newteam" in told.text


async def test_editing_details_after_a_status_edits_that_report(sandbox: Sandbox) -> None:
    """Text typed after a status button amends that report; editing the text edits it."""
    async with team(sandbox) as t:
        task_id = await first_task_assigned(t, "县发改委")
        zhang = t.officials["张三"]
        await zhang.send("/report")
        prompt = await zhang.wait_for_message("本周进展如何")
        await zhang.press("🟡 滞后", message=prompt)
        await zhang.wait_for_edit(prompt, "已记录反馈")
        text = await zhang.send("问题：土地指标未落实")
        await zhang.wait_for_message("土地指标未落实")
        await zhang.edit(text, "问题：土地指标已落实")
        edited = await zhang.wait_for_message("土地指标已落实")
        assert "未落实" not in edited.text
        services = t.app.bot_data.services
        reports = services.store.reports.for_measure(task_id)
        assert [r.problems for r in reports] == ["土地指标已落实"]


async def test_a_preview_survives_a_restart(sandbox: Sandbox, tmp_path: Path) -> None:
    """Preview, restart (a new Application over the same data directory), then Confirm."""
    admin, lead = zh(sandbox, "Admin"), zh(sandbox, "Lead")
    settings = settings_for(sandbox, [admin.id], data_dir=tmp_path)
    async with running_bot(sandbox, settings, None, clock()):
        admin_chat = await admin.start()
        await admin_chat.send("/newteam 督查室")
        await admin_chat.wait_for_message("已新建")
        await admin_chat.send("/addlead 王督办")
        added = await admin_chat.wait_for_message("王督办")
        boss = await join(lead, link_token(added.text, "王督办"))
        await boss.send_document(PLAN.encode(), "plan.txt")
        preview = await boss.wait_for_message("确认导入吗")
    async with running_bot(sandbox, settings, None, clock()):
        await boss.press("✅ 确认导入", message=preview)
        done = await boss.wait_for_edit(preview, "计划")
        assert "过期" not in done.text
        await boss.send("/task 3")
        await boss.wait_for_message("提升教育质量")
