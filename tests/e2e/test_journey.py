"""The whole year in one walk: set-up, onboarding, import, assigning, reporting, restart."""

from __future__ import annotations

from pathlib import Path

from sandbox import Sandbox, ScriptedUser, UserChat
from tests.e2e.harness import clock, join, link_token, running_bot
from tests.factories.files import SAMPLE_PLAN, roster_csv
from tests.factories.settings import settings_for

ROSTER = [
    ("张三", "县发改委", "责任人", ""),
    ("李四", "县财政局", "责任人", ""),
    ("赵县长", "县政府", "领导", ""),
    ("小刘", "县政府办", "联络员", "赵县长"),
]
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)


def zh_user(sb: Sandbox, name: str) -> ScriptedUser:
    """A user whose Telegram client is in Chinese."""
    return sb.create_user(name, language_code="zh-hans")


async def set_up_team(sb: Sandbox, admin: ScriptedUser, lead: ScriptedUser) -> UserChat:
    """The admin makes a team and a lead; the lead joins. Returns the lead's chat."""
    chat = await admin.start()
    await chat.wait_for_message("您好")
    await chat.send("/newteam 县委督查室")
    await chat.wait_for_message("已新建督办组")
    await chat.send("/addlead 王督办 县委办")
    added = await chat.wait_for_message("王督办")
    return await join(lead, link_token(added.text, "王督办"))


async def test_year_in_the_chat(sandbox: Sandbox, tmp_path: Path) -> None:
    """Admin → lead → roster → sample plan → picker and command → 签收 → reports → restart."""
    admin, lead = zh_user(sandbox, "Admin"), zh_user(sandbox, "Lead")
    zhang, li, liu = zh_user(sandbox, "Zhang"), zh_user(sandbox, "Li"), zh_user(sandbox, "Liu")
    settings = settings_for(sandbox, [admin.id], data_dir=tmp_path)
    async with running_bot(sandbox, settings, None, clock()):
        boss = await set_up_team(sandbox, admin, lead)
        await boss.send("/roster")
        await boss.wait_for_message("人员名单")
        await boss.send_document(roster_csv(ROSTER), "people.csv")
        links = (await boss.wait_for_message("名单已导入")).text
        assert "新增 4 人" in links
        zhang_chat = await join(zhang, link_token(links, "张三"))
        liu_chat = await join(liu, link_token(links, "小刘"))
        assert "代 赵县长" in liu_chat.last_bot_message().text  # type: ignore[union-attr]

        await boss.send_document(SAMPLE_PLAN.read_bytes(), "sample-plan.txt")
        preview = await boss.wait_for_message("确认导入吗")
        assert "16 项任务" in preview.text
        await boss.press("✅ 确认导入")
        await boss.wait_for_edit(preview, "已导入")

        # by picker: section → measure → unit
        await boss.press("👆 逐项选择")
        picker = await boss.wait_for_edit(preview, "请选择部分")
        await boss.press("产业发展壮大升级 (3)")
        picker = await boss.wait_for_edit(picker, "请选择任务")
        await boss.press("1. 一产转型升级")
        picker = await boss.wait_for_edit(picker, "请选择责任单位")
        await boss.press("县发改委")
        await boss.wait_for_edit(picker, "已交办")
        notice = await zhang_chat.wait_for_message("您有一项新任务")
        assert "一产转型升级" in notice.text
        task_id = notice.text.split("#", 1)[1].split()[0]

        # by command, to a leader: the liaison is told
        await boss.send(f"/assign {preview.text.split('#')[2].split()[0]} 赵县长")
        await boss.wait_for_message("已交办")
        await liu_chat.wait_for_message("您有一项新任务")

        # 签收 in one tap
        await zhang_chat.press("✍️ 签收", message=notice)
        await zhang_chat.wait_for_edit(notice, "已签收")

        # report by buttons, then text, an edit, and a photo in reply to the notice
        await zhang_chat.send("/report")
        prompt = await zhang_chat.wait_for_message("本周进展如何")
        await zhang_chat.press("🟡 滞后")
        saved = await zhang_chat.wait_for_edit(prompt, "已记录反馈")
        assert "状态：🟡 滞后" in saved.text
        await zhang_chat.press("50%")
        saved = await zhang_chat.wait_for_edit(saved, "进度：50%")
        text = await zhang_chat.send("进展：完成组培 <a&b> 问题：资金不足")
        detail = await zhang_chat.wait_for_message("资金不足")
        assert "<a&b>" in detail.text
        await zhang_chat.edit(text, "进展：完成组培 问题：资金已到位")
        await zhang_chat.wait_for_message("资金已到位")
        await zhang_chat.send_photo(PNG, caption="现场照片", reply_to=notice)
        await zhang_chat.wait_for_message("附件：1 张图片")

        # a liaison reports on behalf of the leader
        await liu_chat.send("/report")
        prompt = await liu_chat.wait_for_message("本周进展如何")
        await liu_chat.press("🟢 正常推进")
        liu_saved = await liu_chat.wait_for_edit(prompt, "正常推进")

        # the lead sees the task with owners and history
        await boss.send(f"/task {task_id}")
        view = await boss.wait_for_message("一产转型升级")
        assert "县发改委" in view.text
        assert "签收" in view.text
        assert "滞后" in view.text

        # someone who joins later is told about their task at once; the notice waits
        await boss.send(f"/assign {task_id} 李四")
        await boss.wait_for_message("已交办")
        li_chat = await join(li, link_token(links, "李四"))
        assert "一产转型升级" in li_chat.last_bot_message().text  # type: ignore[union-attr]

    # restart over the same data directory: old buttons still work
    async with running_bot(sandbox, settings, None, clock()):
        answer = await zhang_chat.press("✔️ 完成", message=saved)
        assert answer.text is None or "失效" not in answer.text
        await zhang_chat.wait_for_message("反馈已提交")
        await liu_chat.press("75%", message=liu_saved)
        await liu_chat.wait_for_edit(liu_saved, "进度：75%")
        await li_chat.send("/mytasks")
        await li_chat.wait_for_message("您的任务")
        await li_chat.press("1. 一产转型升级")
        prompt = await li_chat.wait_for_message("本周进展如何")
        await li_chat.press("✅ 已完成")
        await li_chat.wait_for_edit(prompt, "状态：✅ 已完成")
