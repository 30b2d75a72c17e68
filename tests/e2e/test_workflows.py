"""Workflows through the sandbox: suggestions, close-out, re-import, groups, language, escaping."""

from __future__ import annotations

import re

from sandbox import Sandbox
from tests.e2e.harness import PLAN, PLAN_V2, first_task_assigned, import_plan, plan_assigned, team
from tests.e2e.test_journey import PNG
from tests.factories.files import roster_csv
from tests.services.fixtures.make_roster_xls import HIDDEN_ROSTER_XLS


async def test_suggestions_assign_and_tell_everyone(sandbox: Sandbox) -> None:
    """The plan's stated units become one-tap suggestions; accepting tells each official."""
    async with team(sandbox) as t:
        await import_plan(t.lead, PLAN)
        await t.lead.press("🤖 自动建议")
        listing = await t.lead.wait_for_message("建议交办")
        assert "县发改委" in listing.text
        await t.lead.press("✅ 全部确认", message=listing)
        await t.lead.wait_for_message("已交办")
        for name, title in (
            ("张三", "加快园区建设"),
            ("王五", "强化招商引资"),
            ("赵六", "提升教育质量"),
        ):
            notice = await t.officials[name].wait_for_message("您有一项新任务")
            assert title in notice.text
        await t.lead.send("/unassigned")
        await t.lead.wait_for_message("所有任务都已交办")
        await t.lead.send("/unacked")
        unacked = await t.lead.wait_for_message("尚未签收")
        assert "加快园区建设" in unacked.text


async def test_closeout_returned_then_approved(sandbox: Sandbox) -> None:
    """An official asks to close; the lead returns it with a reason, then approves it."""
    async with team(sandbox) as t:
        await plan_assigned(t.lead)
        wang = t.officials["王五"]
        notice = await wang.wait_for_message("您有一项新任务")
        task_id = notice.text.split("#", 1)[1].split()[0]
        await wang.send(f"/closeout {task_id}")
        await wang.wait_for_message("请发送办结佐证")
        await wang.send("已签约项目3个，到位资金21亿元")
        gathered = await wang.wait_for_message("已收到办结佐证")
        await wang.press("📤 提交办结申请", message=gathered)
        await wang.wait_for_edit(gathered, "已提交办结申请")
        review = await t.lead.wait_for_message("申请办结销号")
        assert "21亿元" in review.text
        await t.lead.press("↩️ 退回", message=review)
        await t.lead.wait_for_message("请输入退回理由")
        await t.lead.send("请补充签约合同")
        returned = await wang.wait_for_message("已退回")
        assert "请补充签约合同" in returned.text
        await wang.send(f"/closeout {task_id} 合同已补充")
        await wang.press("📤 提交办结申请", message=await wang.wait_for_message("已收到办结佐证"))
        review = await t.lead.wait_for_message("申请办结销号")
        await t.lead.press("✅ 同意销号", message=review)
        await wang.wait_for_message("已销号")
        await t.lead.send(f"/task {task_id}")
        view = await t.lead.wait_for_message("强化招商引资")
        assert "销号" in view.text


async def test_reimport_shows_the_diff(sandbox: Sandbox) -> None:
    """Sending an edited plan previews what is added and changed before it is applied."""
    async with team(sandbox) as t:
        await import_plan(t.lead, PLAN)
        await t.lead.send_document(PLAN_V2.encode(), "plan-v2.txt")
        preview = await t.lead.wait_for_message("确认导入吗")
        assert "与当前计划相比" in preview.text
        assert "新增 1" in preview.text
        await t.lead.press("✖️ 取消", message=preview)
        await t.lead.wait_for_edit(preview, "已取消导入")


async def test_command_assignment_and_unassign(sandbox: Sandbox) -> None:
    """/assign by unit name notifies its official; /unassign ends it."""
    async with team(sandbox) as t:
        task_id = await first_task_assigned(t, "县财政局", told=("李四",))
        await t.lead.send(f"/unassign {task_id} 县财政局")
        await t.lead.wait_for_message("已结束 1 项交办")


async def test_leaders_group_and_language(sandbox: Sandbox) -> None:
    """/setgroup in a group makes it the leaders' group; /lang switches to English."""
    async with team(sandbox) as t:
        group = sandbox.create_group("领导群", members=[t.lead_user])
        in_group = t.lead_user.in_group(group)
        await in_group.send_command("setgroup")
        await in_group.wait_for_message("领导群")
        await sandbox.wait_idle()
        assert [name for name, _ in t.lead_user.visible_commands(group)] == ["help"]
        await in_group.send("随便聊聊")  # not a command: ignored by design
        await sandbox.wait_idle()
        assert len(in_group.bot_messages()) == 1
        await t.lead.send("/lang")
        picker = await t.lead.wait_for_message("请选择语言")
        await t.lead.press("English")
        await t.lead.wait_for_edit(picker, "Language set to English")
        await t.lead.send("/help")
        helptext = await t.lead.wait_for_message("Lead")
        assert "/assign" in helptext.text
        commands = [name for name, _ in t.lead_user.visible_commands()]
        assert "assign" in commands


async def test_user_text_is_escaped_everywhere(sandbox: Sandbox) -> None:
    """Names and reports with < and & are shown literally and never break a message."""
    roster = [("<b>A&B</b>", "县<发改>委", "责任人", "")]
    async with team(sandbox, roster) as t:
        await t.lead.send("/pending")
        await t.lead.wait_for_message("所有人员都已加入")
        await import_plan(t.lead, PLAN)
        await t.lead.send("/unassigned")
        listing = await t.lead.wait_for_message("未交办")
        task_id = listing.text.split("#", 1)[1].split()[0]
        await t.lead.send(f"/assign {task_id} <b>A&B</b>")
        done = await t.lead.wait_for_message("已交办")
        assert "<b>A&B</b>" in done.text
        official = t.officials["<b>A&B</b>"]
        await official.wait_for_message("您有一项新任务")
        await official.press("✍️ 签收")
        await sandbox.wait_idle()
        await official.send("/report")
        prompt = await official.wait_for_message("本周进展如何")
        await official.press("🔴 受阻")
        await official.wait_for_edit(prompt, "已记录反馈")
        await official.send("问题：<script>alert(1)</script> & 资金 < 预算")
        shown = await official.wait_for_message("资金 < 预算")
        assert "<script>" in shown.text


async def test_long_roster_is_split_cleanly(sandbox: Sandbox) -> None:
    """Hundreds of new links arrive in several messages, each under Telegram's limit."""
    roster = [(f"人员{n:03d}", f"单位{n % 7}", "责任人", "") for n in range(150)]
    async with team(sandbox, roster[:1]) as t:
        await t.lead.send_document(roster_csv(roster), "名单.csv")
        await t.lead.wait_for_message("名单已导入")
        await sandbox.wait_idle()
        texts = [m.text for m in t.lead.bot_messages()]
        links = sum(text.count("?start=") for text in texts)
        assert links >= 149
        assert all(len(text) <= 4096 for text in texts)


async def test_roster_problems_name_the_rows_excel_shows(sandbox: Sandbox) -> None:
    """An .xls roster with a hidden row 5: its problem rows (a liaison for nobody, no name, an
    unknown role) are named 第 6、7、8 行, as the office sees them in Excel."""
    async with team(sandbox) as t:
        await t.lead.send_document(HIDDEN_ROSTER_XLS.read_bytes(), "名单.xls")
        summary = await t.lead.wait_for_message("名单已导入")
        assert re.findall(r"第 (\d+) 行", summary.text) == ["6", "7", "8"]


async def test_a_roster_moving_an_official_says_so(sandbox: Sandbox) -> None:
    """A roster naming 张三 with his phone under 县财政局 moves him there (调岗): the answer
    says from which unit to which, no second 张三 is added and he needs no new link."""
    async with team(sandbox) as t:
        for unit in ("县发改委", "县财政局"):
            roster = f"姓名,单位,角色,电话\n张三,{unit},责任人,13800000000\n"
            await t.lead.send_document(roster.encode(), "名单.csv")
            summary = await t.lead.wait_for_message("名单已导入")
            assert "新增 0 人，更新 1 人" in summary.text
        assert "调岗人员" in summary.text
        assert "张三：县发改委 → 县财政局" in summary.text
        assert "?start=" not in summary.text
        await t.lead.send("/roster")
        listing = await t.lead.wait_for_message("人员名单")
        assert listing.text.count("张三") == 1


async def test_report_details_by_typing(sandbox: Sandbox) -> None:
    """A custom percentage, a value and files are confirmed back; unreadable input is kept."""
    async with team(sandbox) as t:
        await plan_assigned(t.lead)
        zhang = t.officials["张三"]
        notice = await zhang.wait_for_message("您有一项新任务")
        await zhang.send("/report")
        prompt = await zhang.wait_for_message("本周进展如何")
        await zhang.press("🟢 正常推进")
        saved = await zhang.wait_for_edit(prompt, "已记录反馈")
        await zhang.press("✏️ 输入其他数值", message=saved)
        await zhang.wait_for_message("请输入完成进度")
        await zhang.send("很多")
        kept = await zhang.wait_for_message("0 到 100")
        assert "进度「很多」未能识别" in kept.text
        assert "进展：很多" in kept.text
        await zhang.press("✏️ 输入其他数值", message=kept)
        await zhang.wait_for_message("请输入完成进度")
        await zhang.send_photo(PNG, caption="厂房封顶")
        photo = await zhang.wait_for_message("1 张图片")
        assert "进展：很多\n厂房封顶" in photo.text
        await zhang.press("✏️ 输入其他数值", message=photo)
        await zhang.wait_for_message("请输入完成进度")
        await zhang.send("60%")
        amended = await zhang.wait_for_message("进度：60%")
        await zhang.press("📊 填写指标：建成标准化厂房", message=amended)
        await zhang.wait_for_message("万平方米")
        await zhang.send("8.5吨")
        unit = await zhang.wait_for_message("单位应为 万平方米")
        assert "请回复「建成标准化厂房 8.5万平方米」" in unit.text
        await zhang.press("📊 填写指标：建成标准化厂房", message=unit)
        await zhang.wait_for_message("万平方米")
        await zhang.send("8.5")
        await zhang.wait_for_message("指标 建成标准化厂房：8.5")
        await zhang.send_document(b"%PDF-1.4 evidence", "验收报告.pdf", reply_to=notice)
        await zhang.wait_for_message("附件：1 张图片、1 个文件")
