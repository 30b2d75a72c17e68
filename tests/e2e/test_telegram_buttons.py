"""Old and awkward button presses on the weekly prompt, played through the real Application over
HTTP: the prompt deleted or too old to edit, a press answered too late (after a restart), a
button pressed twice at once, and a prompt whose task was since reassigned, closed out or
removed from the plan."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.domain.clock import ManualClock
from bot.domain.work import Report
from sandbox import Sandbox
from sandbox.conversation import UserChat
from sandbox.views import MessageView
from tests.e2e.harness import (
    PLAN,
    Team,
    dispatch,
    import_plan,
    plan_assigned,
    team,
)

#: The weekly prompt's first task, on track.
FIRST_ON_TRACK = "1 🟢正常"


async def prompted(t: Team, name: str = "王五") -> tuple[UserChat, MessageView]:
    """The plan imported and assigned, this week's prompt sent: ``name``'s chat and prompt."""
    await plan_assigned(t.lead)
    await dispatch(t.lead)
    chat = t.officials[name]
    return chat, await chat.wait_for_message("本周调度")


def reports(t: Team) -> list[Report]:
    """Every report filed, as stored."""
    return t.app.bot_data.services.store.reports.all()


def no_apology(t: Team, chat: UserChat) -> None:
    """Nobody was told of an error: no apology to the sender, no alert to the admin."""
    assert not any("出错" in m.text or "抱歉" in m.text for m in chat.bot_messages())
    assert not any("错误" in m.text for m in t.admin.bot_messages())


@pytest.mark.parametrize("how", ["deleted", "too_old"])
async def test_a_press_on_a_prompt_that_cannot_be_edited_is_filed_and_answered(
    sandbox: Sandbox, how: str
) -> None:
    """A status pressed on a prompt Telegram will not edit (the official deleted it, or it is
    older than 48 h): the report is filed once, the prompt as it now stands is sent anew, the
    confirmation follows, and nobody hears of an error."""
    async with team(sandbox) as t:
        wang, prompt = await prompted(t)
        if how == "too_old":
            wang.age(prompt, hours=49)
        query = await wang.press_nowait(FIRST_ON_TRACK, message=prompt)
        if how == "deleted":
            wang.delete(prompt)
        await wang.wait_for_message("已记录")
        await sandbox.wait_idle()
        assert sandbox.world.callbacks.answer_of(query) is not None
        assert len(reports(t)) == 1
        anew = [m for m in wang.bot_messages() if "本周调度" in m.text]
        assert anew[-1].message_id != prompt.message_id
        assert "本周已反馈" in anew[-1].text
        no_apology(t, wang)


async def test_a_press_answered_too_late_is_filed_all_the_same(sandbox: Sandbox) -> None:
    """A press the bot gets to after Telegram stopped taking its answer (query is too old):
    the report is filed once, the prompt ticks in place, the confirmation arrives, and nobody
    hears of an error."""
    async with team(sandbox) as t:
        wang, prompt = await prompted(t)
        query = await wang.press_nowait(FIRST_ON_TRACK, message=prompt)
        wang.expire(query)
        await wang.wait_for_message("已记录")
        await wang.wait_for_edit(prompt, "本周已反馈")
        await sandbox.wait_idle()
        assert len(reports(t)) == 1
        no_apology(t, wang)


async def test_a_button_pressed_twice_at_once_files_one_report(sandbox: Sandbox) -> None:
    """The same status pressed twice before the bot answers the first (a double tap): one
    report, one confirmation, and both presses answered."""
    async with team(sandbox) as t:
        wang, prompt = await prompted(t)
        first = await wang.press_nowait(FIRST_ON_TRACK, message=prompt)
        second = await wang.press_nowait(FIRST_ON_TRACK, message=prompt)
        await wang.wait_for_message("已记录")
        await sandbox.wait_idle()
        assert len(reports(t)) == 1
        assert sum(m.text.startswith("✅ 已记录") for m in wang.bot_messages()) == 1
        board = sandbox.world.callbacks
        assert board.answer_of(first) is not None
        assert board.answer_of(second) is not None
        no_apology(t, wang)


def task_of(prompt: MessageView) -> str:
    """The id of the prompt's first task (``#M…``)."""
    return prompt.text.split("#", 1)[1].split()[0]


async def closed_out(t: Team, wang: UserChat, task: str) -> None:
    """王五 asks to close ``task`` out with evidence and the lead approves (销号)."""
    await wang.send(f"/closeout {task} 已签约项目3个")
    gathered = await wang.wait_for_message("已收到办结佐证")
    await wang.press("📤 提交办结申请", message=gathered)
    review = await t.lead.wait_for_message("申请办结销号")
    await t.lead.press("✅ 同意销号", message=review)
    await wang.wait_for_message("已销号")


#: The plan without 王五's task.
PLAN_WITHOUT_WANG = PLAN.replace(
    "（二）强化招商引资。完成招商引资到位资金20亿元。（县商务局负责）\n", ""
)


@pytest.mark.parametrize(
    ("change", "why"),
    [
        ("reassigned", "不再由您承办"),
        ("closed_out", "已经销号"),
        ("removed", "已从计划中删除"),
    ],
)
async def test_an_old_prompt_pressed_after_its_task_changed_is_answered_politely(
    sandbox: Sandbox, change: str, why: str
) -> None:
    """A status pressed on last week's prompt after its task was reassigned to another unit,
    closed out (销号) or removed from the plan by a new import: no report is filed for it, the
    press is answered with a polite alert saying why, and nobody hears of an error."""
    async with team(sandbox) as t:
        wang, prompt = await prompted(t)
        task = task_of(prompt)
        if change == "reassigned":
            await t.lead.send(f"/assign {task} 县财政局")
            await t.lead.wait_for_message("已交办")
            await t.lead.send(f"/unassign {task} 县商务局")
            await t.lead.wait_for_message("已结束 1 项交办")
        elif change == "closed_out":
            await closed_out(t, wang, task)
        else:
            await import_plan(t.lead, PLAN_WITHOUT_WANG)
        await sandbox.wait_idle()
        filed = len(reports(t))
        answer = await wang.press(FIRST_ON_TRACK, message=prompt)
        await sandbox.wait_idle()
        assert len(reports(t)) == filed
        assert answer.show_alert
        assert why in (answer.text or "")
        assert task in (answer.text or "")
        no_apology(t, wang)


async def test_a_prompt_from_weeks_ago_files_into_this_weeks_cycle(sandbox: Sandbox) -> None:
    """A status pressed on a prompt three weeks old (this week's prompt sent since) is filed
    once, in this week's cycle, and this week's prompt (not the old one) ticks the task, so
    it does not still ask for it; nobody hears of an error."""
    async with team(sandbox) as t:
        wang, old = await prompted(t)
        clock = t.app.bot_data.clock
        assert isinstance(clock, ManualClock)
        clock.set(clock.now() + timedelta(weeks=3))
        await dispatch(t.lead)
        current = await wang.wait_for_message("本周调度")
        await wang.press(FIRST_ON_TRACK, message=old)
        await wang.wait_for_message("已记录")
        await sandbox.wait_idle()
        (report,) = reports(t)
        cycles = t.app.bot_data.services.store.cycles.all()
        latest = max(cycles, key=lambda c: c.opened_at)
        assert report.cycle_id == latest.id
        assert "本周已反馈" in wang.message(current.message_id).text  # this week's ticks
        assert len([m for m in wang.bot_messages() if "本周调度" in m.text]) == 2  # none new
        no_apology(t, wang)


async def test_a_status_double_tapped_under_report_files_one_report(sandbox: Sandbox) -> None:
    """/report's status buttons pressed twice before the first is answered: one report, and
    the message still says it was recorded (not "updated")."""
    async with team(sandbox) as t:
        wang, prompt = await prompted(t)
        await wang.send(f"/report {task_of(prompt)}")
        question = await wang.wait_for_message("本周进展如何")
        label = question.buttons[0][0].text
        await wang.press_nowait(label, message=question)
        await wang.press_nowait(label, message=question)
        await sandbox.wait_idle()
        assert len(reports(t)) == 1
        assert wang.message(question.message_id).text.startswith("✅ 已记录反馈")
        no_apology(t, wang)
