"""Deadline extensions (延期申请, issue 16 item 1) through the sandbox, in Chinese and English.

An owner asks with a new deadline and a reason (and a photo), the lead approves: the deadline
moves, the first one is kept, 序时进度 follows, every party and the requester are told, and the
history shows each step. A refusal carries its reason; a second request waits for the first;
strangers and officials cannot decide.
"""

from __future__ import annotations

from datetime import date, datetime

from bot.domain.work import ExtensionState
from bot.rhythm.lights import lights_for
from bot.rhythm.snapshot import load_snapshot
from sandbox import Sandbox, UserChat
from tests.e2e.harness import Team, first_task_assigned, team, zh
from tests.e2e.test_record import ledger_rows

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)
PLAN = """XX县2024年重点工作计划
一、产业发展
（一）加快园区建设。2024年6月底前建成标准化厂房10万平方米。（县发改委牵头，县财政局配合）
（二）强化招商引资。完成招商引资到位资金20亿元。（县商务局负责）
"""


async def _assigned(t: Team) -> str:
    """The first task, assigned to 县发改委 (牵头) and 县财政局 (配合); its id."""
    owners, told = "牵头:县发改委 配合:县财政局", ("张三", "李四")
    return await first_task_assigned(t, owners, told, plan=PLAN)


def _expected(t: Team, task: str) -> int:
    """The task's 序时进度 now, as the rhythm computes it."""
    store, clock = t.app.bot_data.services.store, t.app.bot_data.clock
    team_id = store.teams.all()[0].id
    return lights_for(load_snapshot(store, team_id), clock.now())[task].expected


async def _forged_press(sb: Sandbox, chat: UserChat, data: str) -> str:
    """A button press the chat was never shown; the bot's answer (alert or message)."""
    last = chat.last_bot_message()
    assert last is not None
    before = len(chat.bot_messages())
    query_id = sb.driver.press_from_user(chat, last.message_id, data)
    answer = await sb.driver.wait_callback_answer(query_id, data, 5.0)
    await sb.wait_idle(quiet=0.01)
    return " ".join([answer.text or "", *(m.text for m in chat.bot_messages()[before:])])


async def _ask(zhang: UserChat, task: str) -> None:
    """张三 asks to move the deadline to 30 September with a reason and a photo, and submits."""
    await zhang.send(f"/extend {task} 9月30日 设备到货推迟两个月")
    await zhang.wait_for_message("申请延至：2024年9月30日")
    await zhang.send_photo(PNG)
    written = await zhang.wait_for_message("佐证材料 1 项")
    await zhang.press("📤 提交延期申请", message=written)
    await zhang.wait_for_edit(written, "已提交延期申请")


async def test_extension_request_approved_moves_the_deadline(sandbox: Sandbox) -> None:
    """Asked with a date, a reason and a photo, approved by the lead: the deadline is 9月30日,
    the original 6月30日 is kept, 序时进度 falls with the longer span, both units and the
    requester are told, and ``/task`` shows both deadlines and every step."""
    async with team(sandbox) as t:
        task = await _assigned(t)
        before = _expected(t, task)
        zhang, li = t.officials["张三"], t.officials["李四"]
        await _ask(zhang, task)
        review = await t.lead.wait_for_message("申请延期")
        for text in ("现时限：2024年6月30日", "申请延至：2024年9月30日", "设备到货推迟两个月"):
            assert text in review.text
        await sandbox.wait_idle()
        assert any(m.reply_to == review.message_id and m.photo for m in t.lead.bot_messages())
        await t.lead.press("✅ 批准延期", message=review)
        await t.lead.wait_for_edit(review, "延期申请已批准")
        for chat in (zhang, li):
            told = await chat.wait_for_message("延期申请已批准")
            assert "完成时限调整为 2024年9月30日" in told.text
            assert "原定时限 2024年6月30日" in told.text
        measure = t.app.bot_data.services.store.measures.get(task)
        assert measure.deadline == date(2024, 9, 30)
        assert measure.original_deadline == date(2024, 6, 30)
        assert _expected(t, task) < before
        await t.lead.send(f"/task {task}")
        view = await t.lead.wait_for_message("原定时限")
        assert "原定时限：2024年6月30日；现时限：2024年9月30日（延期 1 次）" in view.text
        assert "申请延期（至 2024-09-30）（设备到货推迟两个月）" in view.text
        assert "批准延期（至 2024-09-30）" in view.text
        await t.lead.send("/export")  # the first workbook starts the worker process
        sheet = await t.lead.wait_for_message(lambda m: m.document is not None, timeout=15)
        row = ledger_rows(t, sheet)[measure.title]
        assert (row["完成时限"], row["原定时限"], row["延期次数"]) == (
            datetime(2024, 9, 30), datetime(2024, 6, 30), 1,
        )  # fmt: skip


async def test_extension_refused_with_reason_and_one_request_at_a_time(sandbox: Sandbox) -> None:
    """A second request while one waits is refused politely; the lead's 不批准 asks for the
    reason, the requester is told it, the deadline stands, and a new request may follow."""
    async with team(sandbox) as t:
        task = await _assigned(t)
        zhang = t.officials["张三"]
        await _ask(zhang, task)
        review = await t.lead.wait_for_message("申请延期")
        await t.lead.send("/digest")
        digest = await t.lead.wait_for_message(lambda m: "延期申请待审批" in m.text)
        assert "申请延至 2024年9月30日" in digest.text
        await t.officials["李四"].send(f"/extend {task} 2024-12-31 配套资金未到位")
        await t.officials["李四"].wait_for_message("已有待审批的延期申请")
        await t.lead.press("↩️ 不批准", message=review)
        await t.lead.wait_for_message("请输入不批准的理由")
        await t.lead.send("工期可通过增加班组追回")
        await t.lead.wait_for_message("延期申请未获批准")
        told = await zhang.wait_for_message("延期申请未获批准")
        assert "理由：工期可通过增加班组追回" in told.text
        store = t.app.bot_data.services.store
        assert store.measures.get(task).deadline == date(2024, 6, 30)
        (refused,) = store.extensions.for_measure(task)
        assert refused.state is ExtensionState.REFUSED
        await zhang.send(f"/extend {task} 2024-08-31 设备到货推迟")
        await zhang.wait_for_message("申请延至：2024年8月31日")


async def test_officials_and_strangers_cannot_decide(sandbox: Sandbox) -> None:
    """An official pressing 批准延期 on a forwarded request, or a stranger, is refused and
    nothing changes; a task not assigned to the asker cannot be extended by them."""
    async with team(sandbox) as t:
        task = await _assigned(t)
        zhang, wang = t.officials["张三"], t.officials["王五"]
        await wang.send(f"/extend {task} 2024-12-31 人手不足")
        await wang.wait_for_message("只有")
        await _ask(zhang, task)
        await t.lead.wait_for_message("申请延期")
        store = t.app.bot_data.services.store
        (pending,) = store.extensions.for_measure(task)
        stranger = await zh(sandbox, "路人").start()
        await stranger.wait_for_message("您还没有登记")
        for chat, refusal in ((zhang, "您的角色不能"), (stranger, "您还没有登记")):
            for decision in ("y", "n"):
                answer = await _forged_press(sandbox, chat, f"xd:{pending.id}:{decision}")
                assert refusal in answer
        assert store.extensions.get(pending.id).state is ExtensionState.PENDING
        assert store.measures.get(task).deadline == date(2024, 6, 30)


async def test_extension_in_english(sandbox: Sandbox) -> None:
    """An English-speaking owner asks with 3/31-style dates and gets English texts; the lead's
    approval reaches them in English."""
    async with team(sandbox) as t:
        task = await _assigned(t)
        zhang = t.officials["张三"]
        await zhang.send("/lang")
        await zhang.press("English", message=await zhang.wait_for_message("语言"))
        await sandbox.wait_idle()
        await zhang.send(f"/extend {task}")
        await zhang.wait_for_message("reply with the new deadline and the reason")
        await zhang.send("9/30 equipment delivered late")
        written = await zhang.wait_for_message("Asked for: 2024-09-30")
        await zhang.press("📤 Submit request", message=written)
        await zhang.wait_for_edit(written, "Extension requested")
        review = await t.lead.wait_for_message("申请延期")
        await t.lead.press("✅ 批准延期", message=review)
        told = await zhang.wait_for_message("Extension approved")
        assert "new deadline 2024-09-30\n(originally 2024-06-30; extension no. 1)" in told.text


async def test_an_extension_no_lead_could_be_told_of_waits_in_extensions(
    sandbox: Sandbox,
) -> None:
    """The only lead blocked the bot: the request is filed, and the official hears plainly that
    no lead could be told of it yet and where the leads will see it (/extensions, the digest);
    once back, the lead's /extensions shows it with its buttons, and approving it there moves
    the deadline and tells the official."""
    async with team(sandbox) as t:
        task = await _assigned(t)
        zhang = t.officials["张三"]
        await t.lead_user.block()
        await sandbox.wait_idle()
        await _ask(zhang, task)
        told = await zhang.wait_for_message("无法通知到任何督办员")
        assert "/extensions" in told.text
        assert "周调度通报" in told.text
        (filed,) = t.app.bot_data.services.store.extensions.for_measure(task)
        assert filed.state.value == "pending"
        await t.lead_user.unblock()
        await sandbox.wait_idle()
        await t.lead.send("/extensions")
        await t.lead.wait_for_message("待审批的延期申请共 1 项")
        review = await t.lead.wait_for_message("申请延期")
        assert "申请延至：2024年9月30日" in review.text
        assert "设备到货推迟两个月" in review.text
        await t.lead.press("✅ 批准延期", message=review)
        await zhang.wait_for_message("延期申请已批准")
        measure = t.app.bot_data.services.store.measures.get(task)
        assert measure.deadline == date(2024, 9, 30)
        await t.lead.send("/extensions")
        await t.lead.wait_for_message("目前没有待审批的延期申请")
