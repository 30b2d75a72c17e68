"""Tasks from a leader's instruction (批示) or a meeting decision (会议决定事项), issue 16 item 2,
through the sandbox: typed and forwarded, with a photo of the signed page, made a task (立项),
assigned with the usual picker, prompted, and marked by source in the digest, the review and
the ledger; the month's meeting decisions are listed in the review. In Chinese and English.
"""

from __future__ import annotations

from datetime import date, datetime

from bot.domain.plan import SourceKind
from sandbox import Sandbox, UserChat
from tests.e2e.harness import TZ, Team, import_plan, team
from tests.e2e.test_record import ledger_rows

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)
PLAN = """XX县2024年重点工作计划
一、产业发展
（一）加快园区建设。建成标准化厂房10万平方米。（县发改委牵头）
"""
INSTRUCTION = (
    "批示人：李书记\n日期：3月5日\n时限：6月30日\n"
    "请县发改委牵头，加快园区污水管网改造，确保汛前完工。"
)


async def _forward(sb: Sandbox, chat: UserChat, text: str, sender: str, sent: datetime) -> None:
    """The user forwards a message ``sender`` wrote at ``sent`` (a raw update: the sandbox's
    driver types messages, it does not forward them)."""
    world = sb.driver.world
    payload = world.message_json(world.post(chat.chat, chat.user.id))
    payload["text"] = text
    origin_user = {"id": 777001, "is_bot": False, "first_name": sender}
    payload["forward_origin"] = {
        "type": "user",
        "date": int(sent.timestamp()),
        "sender_user": origin_user,
    }
    await sb.inject_update({"message": payload})


def _created(t: Team, kind: SourceKind) -> str:
    """The id of the (only) task made from that kind of source."""
    store = t.app.bot_data.services.store
    (found,) = [m for m in store.measures.all() if m.source and m.source.kind is kind]
    return found.id


async def _assign_to_unit(t: Team, created_message_id: int, unit: str) -> None:
    """The lead assigns the new task with the picker on the 立项 message."""
    created = t.lead.message(created_message_id)
    assert created is not None
    await t.lead.press("改为选择单位", message=created)
    picker = await t.lead.wait_for_edit(created, "请选择责任单位")
    await t.lead.press(unit, message=picker)
    await t.lead.wait_for_edit(picker, "已交办")


async def test_typed_instruction_becomes_a_marked_assigned_task(sandbox: Sandbox) -> None:
    """A typed instruction with a photo of the signed page: the draft names who gave it, when
    and the deadline; 立项 files it; the picker assigns it; the owner is prompted; once 受阻 it
    is 【批示】 in the digest and the review, and the ledger's 来源 says 领导批示."""
    async with team(sandbox) as t:
        await import_plan(t.lead, PLAN)
        await t.lead.send("/instruction")
        await t.lead.wait_for_message("请输入或转发领导批示的内容")
        await t.lead.send(INSTRUCTION)
        draft = await t.lead.wait_for_message("待立项")
        for text in ("批示人：李书记", "批示日期：2024年3月5日", "完成时限：2024年6月30日"):
            assert text in draft.text
        await t.lead.send_photo(PNG)
        draft = await t.lead.wait_for_message("附件：批示件 1 份")
        await t.lead.press("✅ 立项", message=draft)
        created = await t.lead.wait_for_edit(draft, "领导批示事项已立项")
        task = _created(t, SourceKind.INSTRUCTION)
        measure = t.app.bot_data.services.store.measures.get(task)
        assert measure is not None
        assert measure.deadline == date(2024, 6, 30)
        assert measure.source is not None
        assert measure.source.attachment is not None
        await _assign_to_unit(t, created.message_id, "县发改委")
        zhang = t.officials["张三"]
        await zhang.wait_for_message(lambda m: "新任务" in m.text and task in m.text)
        await t.lead.send("/dispatch")
        prompt = await zhang.wait_for_message("本周调度")
        assert task in prompt.text
        await zhang.press("1 🔴受阻", message=prompt)
        await zhang.wait_for_message("已记录")
        await t.lead.send("/digest")
        digest = await t.lead.wait_for_message(lambda m: "【批示】" in m.text)
        assert "加快园区污水管网改造" in digest.text
        await t.lead.send("/review")
        review = await t.lead.wait_for_message(lambda m: "红灯事项" in m.text, timeout=15)
        assert "【批示】" in review.text
        await t.lead.send("/export")
        sheet = await t.lead.wait_for_message(lambda m: m.document is not None)
        row = ledger_rows(t, sheet)[measure.title]
        assert row["来源"] == "领导批示"
        assert row["完成时限"] == datetime(2024, 6, 30)
        await t.lead.send(f"/task {task}")
        view = await t.lead.wait_for_message("来源：领导批示")
        assert "批示人：李书记" in view.text


async def test_forwarded_instruction_takes_its_origin(sandbox: Sandbox) -> None:
    """A forwarded instruction names its author and day from the forward; an official may not
    make tasks of instructions."""
    async with team(sandbox) as t:
        await import_plan(t.lead, PLAN)
        await t.officials["张三"].send("/instruction")
        await t.officials["张三"].wait_for_message("您的角色不能")
        await t.lead.send("/instruction")
        await t.lead.wait_for_message("请输入或转发")
        sent = datetime(2024, 3, 4, 20, 15, tzinfo=TZ)
        text = "请抓紧研究解决园区企业用工难问题，年底前见成效。"
        await _forward(sandbox, t.lead, text, "王县长", sent)
        draft = await t.lead.wait_for_message("待立项")
        assert "批示人：王县长" in draft.text
        assert "批示日期：2024年3月4日" in draft.text
        assert "完成时限：2024年12月31日" in draft.text
        await t.lead.press("✅ 立项", message=draft)
        await t.lead.wait_for_edit(draft, "已立项")
        measure = t.app.bot_data.services.store.measures.get(_created(t, SourceKind.INSTRUCTION))
        assert measure is not None
        assert measure.source is not None
        assert (measure.source.given_by, measure.source.given_at) == ("王县长", date(2024, 3, 4))


async def test_meeting_decision_is_listed_in_the_monthly_review(sandbox: Sandbox) -> None:
    """A decision of this month's meeting, made a task and assigned, is listed under
    会议决定事项落实情况 in the review with its state, marked 【会议】."""
    async with team(sandbox) as t:
        await import_plan(t.lead, PLAN)
        await t.lead.send(
            "/decision 会议：县政府第5次常务会议\n日期：3月6日\n时限：4月30日\n"
            "由县教育局牵头完成城区学校校舍安全排查。"
        )
        draft = await t.lead.wait_for_message("会议决定事项")
        assert "会议：县政府第5次常务会议" in draft.text
        await t.lead.press("✅ 立项", message=draft)
        created = await t.lead.wait_for_edit(draft, "会议决定事项已立项")
        await _assign_to_unit(t, created.message_id, "县教育局")
        await t.lead.send("/review")
        listed = "会议决定事项落实情况"
        review = await t.lead.wait_for_message(lambda m: listed in m.text, timeout=15)
        assert "【会议】由县教育局牵头完成城区学校校舍安全排查" in review.text
        assert "未报状态" in review.text


async def test_instruction_in_english(sandbox: Sandbox) -> None:
    """A lead using English writes an instruction with English labels and gets English texts."""
    async with team(sandbox) as t:
        await import_plan(t.lead, PLAN)
        await t.lead.send("/lang")
        await t.lead.press("English", message=await t.lead.wait_for_message("语言"))
        await sandbox.wait_idle()
        await t.lead.send("/instruction")
        await t.lead.wait_for_message("type or forward the leader's instruction")
        await t.lead.send("By: Secretary Li\nDeadline: 6/30\nRepair the park's sewer network.")
        draft = await t.lead.wait_for_message("not yet a task")
        assert "Given by: Secretary Li" in draft.text
        assert "Deadline: 2024-06-30" in draft.text
        await t.lead.press("✅ Create task", message=draft)
        created = await t.lead.wait_for_edit(draft, "The instruction is now a task")
        assert "Pick a unit instead" in created.button_texts
