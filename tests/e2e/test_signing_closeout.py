"""签收 and close-out for everyone (issue 10, item 6), through the sandbox.

Each test is one example of the issue: someone assigned before joining signs on joining and in
``/mytasks``; a unit's 签收 by one member is told truthfully to the others; a leader's notice
carries only a button he may press; close-out evidence takes several messages until confirmed,
an edited ``/closeout`` is re-read, and the lead sees every piece.
"""

from __future__ import annotations

from sandbox import Sandbox, UserChat
from tests.e2e.harness import PLAN, Team, first_task_assigned, import_plan, join, team, zh
from tests.factories.files import png

UNIT_ROSTER = [
    ("李娜", "县工信局", "责任人", ""),
    ("周强", "县工信局", "责任人", ""),
    ("张三", "县发改委", "责任人", ""),
    ("赵县长", "县政府", "领导", ""),
    ("小刘", "县政府办", "联络员", "赵县长"),
]
SIGN = "✍️ 签收"


async def _task_ids(lead: UserChat) -> list[str]:
    await lead.send("/unassigned")
    listing = await lead.wait_for_message("未交办")
    return [part.split()[0] for part in listing.text.split("#")[1:]]


async def _added_link(t: Team, line: str, name: str) -> str:
    """The lead adds someone by ``/add``; their personal link."""
    await t.lead.send(f"/add {line}")
    added = await t.lead.wait_for_message(name)
    return added.text.split("?start=", 1)[1].split()[0]


async def test_assigned_before_joining_signs_on_joining(sandbox: Sandbox) -> None:
    """Someone assigned (through their unit) before joining gets 签收 in the welcome; pressing
    it signs, the welcome stays without that button, and ``/unacked`` clears."""
    async with team(sandbox) as t:
        await import_plan(t.lead, PLAN)
        task = (await _task_ids(t.lead))[0]
        token = await _added_link(t, "钱八 县工信局 责任人", "钱八")
        await t.lead.send(f"/assign {task} 县工信局")
        assigned = await t.lead.wait_for_message("已交办")
        assert "钱八" in assigned.text  # named as not joined yet
        await t.lead.send("/unacked")
        assert task in (await t.lead.wait_for_message("尚未签收")).text
        qian = await join(zh(sandbox, "钱八"), token)
        welcome = qian.last_bot_message()
        assert welcome is not None
        assert "加快园区建设" in welcome.text
        assert f"{SIGN} 1" in welcome.button_texts
        await qian.press(f"{SIGN} 1", message=welcome)
        done = await qian.wait_for_message("已签收")
        assert task in done.text
        await sandbox.wait_idle()
        kept = qian.message(welcome.message_id)
        assert kept is not None
        assert "加快园区建设" in kept.text
        assert f"{SIGN} 1" not in kept.button_texts
        await t.lead.send("/unacked")
        await t.lead.wait_for_message("所有已交办的任务都已签收")


async def test_mytasks_and_task_offer_signing_until_signed(sandbox: Sandbox) -> None:
    """``/mytasks`` and ``/task`` show 签收 to whoever is to sign, and no longer once signed."""
    async with team(sandbox) as t:
        task, zhang = await first_task_assigned(t, "张三"), t.officials["张三"]
        await zhang.send("/mytasks")
        mine = await zhang.wait_for_message("您的任务")
        assert f"{SIGN} 1" in mine.button_texts
        await zhang.send(f"/task {task}")
        view = await zhang.wait_for_message("加快园区建设")
        assert SIGN in view.button_texts
        await zhang.press(SIGN, message=view)
        await zhang.wait_for_message("已签收")
        await zhang.send("/mytasks")
        again = await zhang.wait_for_message("您的任务")
        assert not any(b.startswith(SIGN) for b in again.button_texts)


async def test_a_units_signature_is_told_truthfully(sandbox: Sandbox) -> None:
    """One member's 签收 signs for the unit; the other member is told once who signed, and
    pressing 签收 afterwards says 县工信局已由李娜于…签收, not 您已于…签收过. The notices say
    牵头 or 配合 and through which unit."""
    async with team(sandbox, UNIT_ROSTER) as t:
        await import_plan(t.lead, PLAN)
        task = (await _task_ids(t.lead))[0]
        await t.lead.send(f"/assign {task} 牵头:县工信局 配合:县发改委")
        await t.lead.wait_for_message("已交办")
        li, zhou = t.officials["李娜"], t.officials["周强"]
        li_notice = await li.wait_for_message("您有一项新任务")
        zhou_notice = await zhou.wait_for_message("您有一项新任务")
        assert "承办单位：县工信局（牵头）" in li_notice.text
        co_notice = await t.officials["张三"].wait_for_message("您有一项新任务")
        assert "承办单位：县发改委（配合）" in co_notice.text
        await li.press(SIGN, message=li_notice)
        await li.wait_for_edit(li_notice, "已签收")
        told = await zhou.wait_for_message("县工信局已由李娜于")
        assert task in told.text
        await zhou.press(SIGN, message=zhou_notice)
        answer = await zhou.wait_for_edit(zhou_notice, "县工信局已由李娜于")
        assert "您已于" not in answer.text
        await sandbox.wait_idle()
        assert sum("已由李娜于" in m.text for m in zhou.bot_messages()) == 2  # told once
        assert not any("已由" in m.text for m in li.bot_messages())


async def test_signing_buttons_only_for_those_who_may_sign(sandbox: Sandbox) -> None:
    """A leader assigned by name gets a 签收 that works (his liaison is told); the lead and a
    leader viewing a unit's task get no 签收 button."""
    async with team(sandbox, UNIT_ROSTER) as t:
        await import_plan(t.lead, PLAN)
        ids = await _task_ids(t.lead)
        await t.lead.send(f"/assign {ids[0]} 赵县长")
        await t.lead.wait_for_message("已交办")
        await t.lead.send(f"/assign {ids[1]} 县工信局")
        await t.lead.wait_for_message("已交办")
        leader, liaison = t.officials["赵县长"], t.officials["小刘"]
        notice = await leader.wait_for_message("您有一项新任务")
        assert "承办人：您本人（牵头）" in notice.text
        on_behalf = await liaison.wait_for_message("您有一项新任务")
        assert "承办人：赵县长（牵头），由您代为签收、报送" in on_behalf.text
        await leader.press(SIGN, message=notice)
        signed = await leader.wait_for_edit(notice, "已签收")
        assert "只有" not in signed.text
        await liaison.wait_for_message("赵县长已于")
        for chat in (t.lead, leader):
            await chat.send(f"/task {ids[1]}")
            view = await chat.wait_for_message("强化招商引资")
            assert not any(SIGN in b for b in view.button_texts)


async def test_closeout_evidence_takes_several_messages(sandbox: Sandbox) -> None:
    """Text, two photos and a file, each taken (no "请先选择任务" for the second photo), until
    提交办结申请; the lead's review lists every piece with who sent it and when, and every file
    is sent on."""
    async with team(sandbox) as t:
        task, zhang = await first_task_assigned(t, "张三"), t.officials["张三"]
        await zhang.send(f"/closeout {task}")
        await zhang.wait_for_message("请发送办结佐证")
        await zhang.send("厂房已竣工验收")
        await zhang.wait_for_message("已收到办结佐证 1 项")
        await zhang.send_photo(png(1))
        await zhang.wait_for_message("已收到办结佐证 2 项")
        await zhang.send_photo(png(2))  # another photo (the same one again would be one file)
        await zhang.wait_for_message("已收到办结佐证 3 项")
        await zhang.send_document(b"%PDF-1.4 acceptance", "验收报告.pdf")
        gathered = await zhang.wait_for_message("已收到办结佐证 4 项")
        assert not any("请先选择" in m.text for m in zhang.bot_messages())
        assert not t.app.bot_data.services.store.closeouts.for_measure(task)  # not yet filed
        await zhang.press("📤 提交办结申请", message=gathered)
        await zhang.wait_for_edit(gathered, "已提交办结申请")
        review = await t.lead.wait_for_message("申请办结销号")
        assert "佐证材料共 4 项" in review.text
        for line in (
            "1. 张三 03-07 09:30：厂房已竣工验收",
            "2. 张三 03-07 09:30：照片（见下）",
            "3. 张三 03-07 09:30：照片（见下）",
            "4. 张三 03-07 09:30：文件（见下）",
        ):
            assert line in review.text
        await sandbox.wait_idle()
        sent_on = [m for m in t.lead.bot_messages() if m.reply_to == review.message_id]
        assert sum(m.photo is not None for m in sent_on) == 2
        assert sum(m.document is not None for m in sent_on) == 1


async def test_edited_closeout_is_reread(sandbox: Sandbox) -> None:
    """An edited ``/closeout`` is re-read in the draft and, once submitted, in the request
    awaiting the lead, who is shown the new text."""
    async with team(sandbox) as t:
        await import_plan(t.lead, PLAN)
        task = (await _task_ids(t.lead))[1]
        await t.lead.send(f"/assign {task} 王五")
        await t.lead.wait_for_message("已交办")
        wang = t.officials["王五"]
        await wang.wait_for_message("您有一项新任务")
        command = await wang.send(f"/closeout {task} 已签约项目3个")
        await wang.wait_for_message("已收到办结佐证 1 项")
        await wang.edit(command, f"/closeout {task} 已签约项目5个")
        gathered = await wang.wait_for_message(
            lambda m: "已收到办结佐证 1 项" in m.text and m.reply_to == command.message_id
        )
        await wang.press("📤 提交办结申请", message=gathered)
        review = await t.lead.wait_for_message("申请办结销号")
        assert "已签约项目5个" in review.text
        assert "已签约项目3个" not in review.text
        await wang.edit(command, f"/closeout {task} 已签约项目6个，到位资金21亿元")
        await wang.wait_for_message("已更新办结佐证")
        amended = await t.lead.wait_for_message("申请人修改了办结佐证")
        assert "已签约项目6个" in amended.text
        (request,) = t.app.bot_data.services.store.closeouts.for_measure(task)
        assert request.evidence == "已签约项目6个，到位资金21亿元"


async def test_a_reply_about_another_task_is_not_evidence(sandbox: Sandbox) -> None:
    """While close-out evidence is gathered for one task, a reply to another task's message
    is about that task, and a reply to a list of tasks asks which one; the next plain message
    is evidence again."""
    async with team(sandbox) as t:
        await import_plan(t.lead, PLAN)
        first, second = (await _task_ids(t.lead))[:2]
        for task in (first, second):
            await t.lead.send(f"/assign {task} 张三")
            await t.lead.wait_for_message("已交办")
        zhang = t.officials["张三"]
        await zhang.wait_for_message(lambda m: first in m.text and "新任务" in m.text)
        other = await zhang.wait_for_message(lambda m: second in m.text and "新任务" in m.text)
        await zhang.send(f"/closeout {first}")
        await zhang.wait_for_message("请发送办结佐证")
        await zhang.send("本周完成选址", reply_to=other)
        await sandbox.wait_idle()
        await zhang.send("/mytasks")
        listing = await zhang.wait_for_message("您的任务")
        await zhang.send("资金已到位", reply_to=listing)
        await zhang.wait_for_message("哪一项任务")
        assert not any("已收到办结佐证" in m.text for m in zhang.bot_messages())
        await zhang.send("厂房已竣工")
        await zhang.wait_for_message("已收到办结佐证 1 项")
        store = t.app.bot_data.services.store
        assert [r.progress_text for r in store.reports.for_measure(second)] == ["本周完成选址"]


async def test_a_closeout_no_lead_could_be_told_of_is_said_so_and_waits_in_closeouts(
    sandbox: Sandbox,
) -> None:
    """The only lead blocked the bot: the request is filed, and the official hears plainly that
    no lead could be told of it yet and where the leads will see it (/closeouts, the digest's
    待销号); once back, the lead's /closeouts shows it with its evidence and buttons, and
    approving it there closes the task and tells the official."""
    async with team(sandbox) as t:
        task, zhang = await first_task_assigned(t, "张三"), t.officials["张三"]
        await t.lead_user.block()
        await sandbox.wait_idle()
        await zhang.send(f"/closeout {task} 厂房已竣工验收")
        gathered = await zhang.wait_for_message("已收到办结佐证 1 项")
        await zhang.press("📤 提交办结申请", message=gathered)
        await zhang.wait_for_edit(gathered, "已提交办结申请")
        told = await zhang.wait_for_message("无法通知到任何督办员")
        assert "/closeouts" in told.text
        assert "待销号" in told.text
        (filed,) = t.app.bot_data.services.store.closeouts.for_measure(task)
        assert filed.state.value == "pending"
        await t.lead_user.unblock()
        await sandbox.wait_idle()
        await t.lead.send("/closeouts")
        await t.lead.wait_for_message("待审核的办结申请共 1 项")
        review = await t.lead.wait_for_message("申请办结销号")
        assert "1. 张三" in review.text
        assert "厂房已竣工验收" in review.text
        await t.lead.press("✅ 同意销号", message=review)
        await zhang.wait_for_message("已销号")
        await t.lead.send("/closeouts")
        await t.lead.wait_for_message("目前没有待审核的办结申请")


async def test_a_closeout_a_lead_was_told_of_says_nothing_more(sandbox: Sandbox) -> None:
    """With a lead who gets the request, the official hears only that it is in (nothing about
    leads who could not be told)."""
    async with team(sandbox) as t:
        task, zhang = await first_task_assigned(t, "张三"), t.officials["张三"]
        await zhang.send(f"/closeout {task} 厂房已竣工验收")
        gathered = await zhang.wait_for_message("已收到办结佐证 1 项")
        await zhang.press("📤 提交办结申请", message=gathered)
        await zhang.wait_for_edit(gathered, "已提交办结申请")
        await t.lead.wait_for_message("申请办结销号")
        await sandbox.wait_idle()
        assert not any("无法通知" in m.text for m in zhang.bot_messages())
