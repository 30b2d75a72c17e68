"""What people do in their private chat that Telegram delivers in its own way, played through
the real Application over HTTP: albums (one message per photo), edited captions, edits before
"which task?" is answered, blocking and unblocking the bot (noticed or not), text with
bidirectional overrides (in messages and the ledger), a document Telegram does not hand over."""

from __future__ import annotations

from io import BytesIO

import pytest
from openpyxl import load_workbook

from sandbox import FaultConfig, Sandbox
from sandbox.actors import ScriptedUser
from sandbox.conversation import UserChat
from sandbox.views import MessageView
from tests.e2e.harness import (
    PLAN,
    Team,
    accept_suggestions,
    dispatch,
    import_plan,
    plan_assigned,
    team,
)
from tests.e2e.test_journey import PNG
from tests.factories.files import png

#: A report whose right-to-left override would make 进度 80% read as 进度 %08.
SNEAKY = "完成\u202e%08 度进\u202c，下周验收"


def has_bidi(text: str) -> bool:
    """Whether ``text`` holds a bidirectional embedding, override or isolate."""
    return any(0x202A <= ord(c) <= 0x202E or 0x2066 <= ord(c) <= 0x2069 for c in text)


def photos_filed(t: Team) -> list[int]:
    """How many photos each report of the team holds, oldest report first."""
    reports = t.app.bot_data.services.store.reports.all()
    return [len(r.attachments) for r in sorted(reports, key=lambda r: r.created_at)]


async def test_an_album_about_no_task_is_asked_about_once_and_filed_whole(
    sandbox: Sandbox,
) -> None:
    """Three photos sent as one album get one "which task?" question, and the one answer files
    all three, with the caption, as one report."""
    async with team(sandbox) as t:
        await plan_assigned(t.lead)
        zhang = t.officials["张三"]
        await sandbox.wait_idle()
        asked = len(zhang.bot_messages())
        await zhang.send_album([png(1), png(2), png(3)], caption="厂房主体已封顶")
        question = await zhang.wait_for_message("哪一项任务")
        await sandbox.wait_idle()
        assert len(zhang.bot_messages()) == asked + 1
        await zhang.press(question.buttons[0][0].text, message=question)
        await sandbox.wait_idle()
        assert photos_filed(t) == [3]
        (report,) = t.app.bot_data.services.store.reports.all()
        assert report.progress_text == "厂房主体已封顶"


async def test_an_album_replying_to_a_task_is_one_report_with_one_confirmation(
    sandbox: Sandbox,
) -> None:
    """An album sent as a reply to the bot's message about a task is one report: one
    confirmation, edited as the photos arrive until it counts them all."""
    async with team(sandbox) as t:
        await plan_assigned(t.lead)
        zhang = t.officials["张三"]
        await zhang.send("/mytasks")
        tasks = await zhang.wait_for_message("您的任务")
        await zhang.send_album([png(1), png(2), png(3)], caption="现场照片", reply_to=tasks)
        await sandbox.wait_idle()
        (confirmation,) = [m for m in zhang.bot_messages() if "反馈：\n📌" in m.text]
        assert confirmation.text.startswith("✅ 已记录反馈")
        assert "3 张图片" in confirmation.text
        assert photos_filed(t) == [3]


async def test_editing_a_photos_caption_edits_the_report_it_made(sandbox: Sandbox) -> None:
    """A photo filed with a caption, its caption then edited: the report's text and progress
    follow the edit (as for an edited text), the photo stays, and the sender is told."""
    async with team(sandbox) as t:
        await plan_assigned(t.lead)
        zhang = t.officials["张三"]
        await zhang.send("/mytasks")
        tasks = await zhang.wait_for_message("您的任务")
        photo = await zhang.send_photo(PNG, caption="主体施工\n进度 30%", reply_to=tasks)
        await zhang.wait_for_message("已记录")
        await zhang.edit(photo, "主体已封顶\n进度 60%")
        edited = await zhang.wait_for_message("已更新")
        assert "60%" in edited.text
        (report,) = t.app.bot_data.services.store.reports.all()
        assert (report.progress, report.progress_text) == (60, "主体已封顶")
        assert len(report.attachments) == 1


async def test_an_official_who_unblocks_the_bot_is_prompted_again(sandbox: Sandbox) -> None:
    """An official who blocked the bot is marked unreachable (and skipped by the rhythm); once
    they unblock it (``my_chat_member``: member again), the mark is cleared, the roster stops
    flagging them and the next weekly prompt reaches them."""
    async with team(sandbox) as t:
        zhang, user = await blocked_official(sandbox, t)
        await user.unblock()
        await sandbox.wait_idle()
        await assert_reachable_again(t, zhang)


async def test_an_official_unblocking_unnoticed_is_reachable_once_they_write(
    sandbox: Sandbox,
) -> None:
    """An official marked unreachable who unblocked the bot while it was down (the update is
    lost) stays marked until they next write in private: their next message clears the mark,
    the roster stops flagging them and the next weekly prompt reaches them."""
    async with team(sandbox) as t:
        zhang, user = await blocked_official(sandbox, t)
        await user.unblock(announce=False)
        await sandbox.wait_idle()
        assert flagged(t, "张三")  # nothing told the bot yet
        await zhang.send("/mytasks")
        await zhang.wait_for_message("您的任务")
        assert not flagged(t, "张三")
        await assert_reachable_again(t, zhang)


async def blocked_official(sandbox: Sandbox, t: Team) -> tuple[UserChat, ScriptedUser]:
    """张三 of the plan, who blocked the bot before the assignment notice (the lead is told)."""
    await import_plan(t.lead, PLAN)
    zhang = t.officials["张三"]
    user = sandbox.driver.user(zhang.user.id)
    await user.block()
    await accept_suggestions(t.lead)
    await t.lead.wait_for_message("无法给 张三 发消息")
    return zhang, user


async def assert_reachable_again(t: Team, zhang: UserChat) -> None:
    """The roster no longer flags 张三 and the next weekly prompt reaches them."""
    await t.lead.send("/roster")
    roster = (await t.lead.wait_for_message("人员名单")).text
    assert not any("张三" in line and "⚠️" in line for line in roster.splitlines())
    await t.lead.send("/dispatch")
    assert "张三" in (await zhang.wait_for_message("本周调度")).text


def flagged(t: Team, name: str) -> bool:
    """Whether the person named ``name`` is marked unreachable in the store."""
    people = t.app.bot_data.services.store.people.all()
    return any(p.name == name and p.unreachable_since is not None for p in people)


async def test_a_stranger_blocking_and_unblocking_the_bot_hears_nothing(sandbox: Sandbox) -> None:
    """A stranger who blocks and unblocks the bot gets no message, and no error reaches the
    admins (nothing of theirs is marked)."""
    async with team(sandbox) as t:
        stranger = sandbox.create_user("路人", language_code="zh-hans")
        chat = await stranger.start()
        await chat.wait_for_message("没有登记")
        alerts = len(t.admin.bot_messages())
        await stranger.block()
        await stranger.unblock()
        await sandbox.wait_idle()
        assert len(chat.bot_messages()) == 1
        assert len(t.admin.bot_messages()) == alerts


async def sneaky_report(t: Team) -> MessageView:
    """张三 reports ``SNEAKY`` (a right-to-left override inside) on a task of the plan; the
    bot's confirmation."""
    await plan_assigned(t.lead)
    zhang = t.officials["张三"]
    await zhang.send("/mytasks")
    tasks = await zhang.wait_for_message("您的任务")
    await zhang.send(SNEAKY, reply_to=tasks)
    return await zhang.wait_for_message("已记录")


async def test_a_report_cannot_reorder_the_messages_that_show_it(sandbox: Sandbox) -> None:
    """A report whose text carries a right-to-left override is kept as sent, but the bot's
    messages showing it (the confirmation, the lead's /task) carry no bidi control, so the
    text cannot reorder what a reader sees after it."""
    async with team(sandbox) as t:
        confirmation = await sneaky_report(t)
        (report,) = t.app.bot_data.services.store.reports.all()
        assert report.progress_text == SNEAKY
        await t.lead.send(f"/task {report.measure_id}")
        shown = await t.lead.wait_for_message("%08 度进")
        for text in (confirmation.text, shown.text):
            assert "完成%08 度进，下周验收" in text
            assert not has_bidi(text)


async def test_a_message_edited_before_which_task_is_answered_files_the_edit(
    sandbox: Sandbox,
) -> None:
    """A text about no task in view is asked about ("which task?"); edited before the answer,
    the edit, not the first wording, is what the answer files."""
    async with team(sandbox) as t:
        await plan_assigned(t.lead)
        zhang = t.officials["张三"]
        sent = await zhang.send("厂房主体施工\n进度 30%")
        question = await zhang.wait_for_message("哪一项任务")
        await zhang.edit(sent, "厂房主体已封顶\n进度 60%")
        await sandbox.wait_idle()
        await zhang.press(question.buttons[0][0].text, message=question)
        await zhang.wait_for_edit(question, "已记录")
        (report,) = t.app.bot_data.services.store.reports.all()
        assert (report.progress, report.progress_text) == (60, "厂房主体已封顶")


async def test_the_ledger_cannot_reorder_a_report_either(sandbox: Sandbox) -> None:
    """The report with a right-to-left override, exported by /export and read back: every
    cell of the workbook is free of bidi controls and shows the report's words in order."""
    async with team(sandbox) as t:
        await sneaky_report(t)
        await t.lead.send("/export")
        sheet = await t.lead.wait_for_message(lambda m: m.document is not None, timeout=15)
        assert sheet.document is not None
        stored = t.sb.world.files.get(sheet.document["file_id"])
        assert stored is not None
        book = load_workbook(BytesIO(stored.data))
        cells = [
            str(cell.value)
            for page in book.worksheets
            for row in page.iter_rows()
            for cell in row
            if cell.value is not None
        ]
        assert any("完成%08 度进，下周验收" in text for text in cells)
        assert not any(has_bidi(text) for text in cells)


@pytest.mark.parametrize("fault", ["internal_error", "drop_before"])
async def test_a_document_telegram_does_not_hand_over_is_asked_for_again(
    sandbox: Sandbox, fault: str
) -> None:
    """A plan whose getFile fails (Telegram answers 500, or the connection drops) gets a polite
    answer saying the file was not fetched and to send it again, no admin alert and no generic
    apology; sent again, it is read."""
    async with team(sandbox) as t:
        alerts = len(t.admin.bot_messages())
        sandbox.set_faults(FaultConfig(methods=frozenset({"getFile"}), **{fault: 1.0}))
        await t.lead.send_document(PLAN.encode(), "plan.txt")
        answer = await t.lead.wait_for_message("未能从 Telegram 取得", timeout=15)
        assert "重新发送" in answer.text
        sandbox.set_faults(None)
        await t.lead.send_document(PLAN.encode(), "plan.txt")
        await t.lead.wait_for_message("确认导入吗")
        await sandbox.wait_idle()
        assert len(t.admin.bot_messages()) == alerts
        assert not any("已通知管理员" in m.text for m in t.lead.bot_messages())


async def test_a_reminder_the_official_never_got_is_not_called_sent(sandbox: Sandbox) -> None:
    """/remind to an official who blocked the bot after the prompt: the lead's answer counts
    and names only those reminded, and says who was not reached and why."""
    async with team(sandbox) as t:
        await plan_assigned(t.lead)
        await dispatch(t.lead)
        await sandbox.driver.user(t.officials["张三"].user.id).block()
        await t.lead.send("/remind 张三")
        answer = (await t.lead.wait_for_message("已催办")).text
        first, *rest = answer.splitlines()
        assert first == "📣 已催办 0 人。"
        assert rest[:2] == ["未送达：", "· 张三：无法送达（已屏蔽本机器人）"]


async def test_an_assignment_notice_never_delivered_is_not_counted_as_told(
    sandbox: Sandbox,
) -> None:
    """Suggestions accepted while an official has blocked the bot: the lead hears the notice
    could not reach them, and the count of people told leaves them out."""
    async with team(sandbox) as t:
        await import_plan(t.lead, PLAN)
        await sandbox.driver.user(t.officials["张三"].user.id).block()
        await accept_suggestions(t.lead)
        await t.lead.wait_for_message("无法给 张三 发消息")
        applied = await t.lead.wait_for_message("已交办")
        assert "通知了 3 人" in applied.text
