"""The rhythm in the task renderers, in both languages: the light and 序时进度 in /task, the
marker per task in /mytasks, the history's order and details, a deputy's prompt buttons and
the deadline check in /settings."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.callbacks import Page, PageKind, PromptAnswer, decode
from bot.domain.audit import Action
from bot.domain.people import Person, Role
from bot.domain.plan import Measure, Plan
from bot.domain.settings import TeamSettings
from bot.domain.work import (
    AssigneeRole,
    Cycle,
    CycleKind,
    Prompt,
    PromptState,
    Report,
    ReportStatus,
)
from bot.render.prompt import render_prompt
from bot.render.settings import render_picker, render_settings
from bot.render.tasks import render_my_tasks, render_task
from bot.rhythm.lights import Light, Reason, Verdict
from bot.services.rhythm.prompts import PromptTask, PromptView
from bot.services.tasks.history import HistoryItem
from bot.services.tasks.views import TaskSummary, TaskView

NOW = datetime(2024, 5, 1, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
ZHANG = Person("p1", "t1", "张三", Role.OFFICIAL, telegram_id=5)
LI = Person("p2", "t1", "李四", Role.OFFICIAL, telegram_id=6)
LEAD = Person("p3", "t1", "王督办", Role.LEAD, telegram_id=7)
MEASURE = Measure("M1", "P1", "加快园区建设", "正文", position=1, deadline=date(2024, 6, 30))
RED = Verdict(Light.RED, (Reason.FAR_BEHIND,), expected=49, progress=20)
REPORT = Report("r1", "t1", "M1", "p1", ReportStatus.BEHIND, NOW, progress=20, late=True)


def summary(verdict: Verdict | None, measure: Measure = MEASURE, **kw: object) -> TaskSummary:
    """A task summary with a light."""
    return TaskSummary(measure, (), None, NOW, None, False, False, verdict=verdict, **kw)  # type: ignore[arg-type]


def view(history: tuple[HistoryItem, ...] = (), verdict: Verdict | None = RED) -> TaskView:
    """/task's view of the measure."""
    return TaskView(summary(verdict), Plan("P1", "t1", "计划", NOW), (), (), (), (), history, ())


LIGHT_LINES = {
    "zh": ("🔴 <b>红灯</b>：严重滞后于序时进度", "序时进度 49%，已报进度 20%，落后 29 个百分点"),
    "en": (
        "🔴 <b>red</b>: far behind schedule",
        "Expected by now 49%, reported 20%, 29 points behind",
    ),
}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_task_shows_the_light_and_expected_against_reported(lang: str) -> None:
    """/task: the light with its reasons, then 序时进度 against the reported progress."""
    lines = render_task(view(), 0, lang, actions=False).text.splitlines()
    light, expected = LIGHT_LINES[lang]
    assert lines.index(expected) == lines.index(light) + 1


def test_green_ahead_and_closed_lights_read_plainly() -> None:
    """No reasons: just the light; ahead of 序时进度 is said; a closed task shows ✅ only."""
    ahead = Verdict(Light.GREEN, (), expected=40, progress=55)
    text = render_task(view(verdict=ahead), 0, "zh", actions=False).text
    assert "🟢 <b>绿灯</b>\n序时进度 40%，已报进度 55%，超前 15 个百分点" in text
    blank = render_task(view(verdict=replace(ahead, progress=None)), 0, "zh", actions=False)
    assert "已报进度 未填" in blank.text
    closed = Verdict(Light.CLOSED, (Reason.CLOSED,), 100, 100)
    assert "✅ <b>已销号</b>\n" in render_task(view(verdict=closed), 0, "zh", actions=False).text


def test_my_tasks_carry_a_light_marker_and_who_a_deputy_covers() -> None:
    """/mytasks: 🔴🟡🟢 before each task; a covered task names the colleague on leave."""
    second = replace(MEASURE, id="M2", title="强化招商", position=2)
    tasks = [
        summary(RED),
        summary(Verdict(Light.YELLOW, (Reason.DUE_SOON,), 50, None), second, covering_for=LI),
    ]
    lines = render_my_tasks(tasks, 0, "zh").text.splitlines()
    assert lines[1].startswith("🔴 1. ")
    assert lines[2].startswith("🟡 2. ")
    assert "代 李四 反馈（请假中）" in lines[3]
    assert "for 李四 (on leave)" in render_my_tasks(tasks, 0, "en").text


def history() -> tuple[HistoryItem, ...]:
    """Ten steps, ten minutes apart: 交办, 签收, reports (one by a deputy), 催办s, 销号."""
    steps = [
        (Action.ASSIGNED, LEAD, {"person": "p1", "role": AssigneeRole.LEAD.value}, None, "张三"),
        (Action.ACKNOWLEDGED, ZHANG, {}, None, None),
        (Action.REPORTED, ZHANG, {"report": "r1"}, REPORT, None),
        (Action.REMINDED, LEAD, {"person": "p1", "kind": "manual"}, None, "张三"),
        (Action.REMINDED, None, {"kind": "auto", "delivered": False}, None, "张三"),
        (Action.REPORTED, LI, {"on_behalf_of": "p1", "as_deputy": True}, REPORT, None),
        (Action.CLOSEOUT_REQUESTED, ZHANG, {}, None, None),
        (Action.CLOSEOUT_RETURNED, LEAD, {"reason": "缺少<材料>"}, None, None),
        (Action.CLOSEOUT_REQUESTED, ZHANG, {}, None, None),
        (Action.CLOSEOUT_APPROVED, LEAD, {}, None, None),
    ]
    return tuple(
        HistoryItem(
            NOW + timedelta(minutes=10 * n),
            action,
            actor,
            detail,  # type: ignore[arg-type]
            report,
            target=target,
            for_person=ZHANG if "on_behalf_of" in detail else None,
        )
        for n, (action, actor, detail, report, target) in enumerate(steps)
    )


def test_history_is_chronological_with_the_newest_page_first() -> None:
    """Page 0 holds the newest steps, oldest first; « goes back in time to the first page."""
    newest = render_task(view(history()), 0, "zh", actions=False)
    lines = newest.text.split("<b>记录（10 条）：</b>\n")[1].splitlines()
    assert [line[:11] for line in lines] == [
        (NOW + timedelta(minutes=10 * n)).strftime("%m-%d %H:%M") for n in range(2, 10)
    ]
    assert newest.keyboard is not None
    nav = newest.keyboard.inline_keyboard[0]
    assert [b.text for b in nav] == ["«", "2/2"]
    assert decode(nav[0].callback_data) == Page(PageKind.HISTORY, 1, "M1")  # type: ignore[arg-type]
    oldest = render_task(view(history()), 1, "zh", actions=False)
    assert (
        oldest.text.split("：</b>\n")[-1]
        .splitlines()[0]
        .startswith(NOW.strftime("%m-%d %H:%M") + " 王督办：交办 → 张三（牵头）")
    )
    assert [b.text for b in oldest.keyboard.inline_keyboard[0]] == ["1/2", "»"]  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("lang", "parts"),
    [
        (
            "zh",
            [
                "王督办：催办 → 张三",
                "系统：催办（自动） → 张三（未送达）",
                "李四（代请假的 张三）：反馈 🟡 滞后 20% ⏱ 逾时",
                "王督办：退回（缺少&lt;材料&gt;）",
                "王督办：销号",
            ],
        ),
        ("en", ["reminded (automatic) → 张三 (not delivered)", "李四 (for 张三, on leave)"]),
    ],
)
def test_history_lines_say_who_for_whom_and_how(lang: str, parts: list[str]) -> None:
    """History lines name the actor and for whom, whom it concerned, the kind and the report."""
    text = render_task(view(history()), 0, lang, actions=False).text
    for part in parts:
        assert part in text


def test_a_deputys_prompt_has_buttons_for_the_colleagues_task() -> None:
    """The covered task is answered from the deputy's own prompt, with status buttons."""
    cycle = Cycle("t1.w20241007", "t1", CycleKind.WEEKLY, date(2024, 10, 7), NOW, NOW)
    prompt = Prompt("t1.w20241007:p2", cycle.id, "p2", PromptState.SENT, NOW, ("M1",))
    covered = PromptTask(MEASURE, Light.RED, 49, 20, None, None, covered_for=ZHANG)
    message = render_prompt(PromptView(prompt, LI, cycle, "督查室", (covered,)), "zh")
    assert "张三 请假中，由您代为反馈" in message.text
    assert message.keyboard is not None
    pressed = [decode(b.callback_data) for row in message.keyboard.inline_keyboard for b in row]  # type: ignore[arg-type]
    assert PromptAnswer(cycle.id, "M1", ReportStatus.ON_TRACK) in pressed


@pytest.mark.parametrize(
    ("lang", "line", "button"),
    [
        ("zh", "时限预警：每个工作日 08:15 检查，到期前 3 天提醒，逾期即告", "时限检查时间"),
        ("en", "Deadline notices: checked each workday at 08:15, 3 days ahead", "Deadline check"),
    ],
)
def test_settings_show_the_deadline_check_time(lang: str, line: str, button: str) -> None:
    """/settings lists the team's deadline check time with a button to change it."""
    from datetime import time

    message = render_settings(TeamSettings("t1", deadline_check_time=time(8, 15)), lang)
    assert line in message.text
    assert message.keyboard is not None
    assert button in [b.text for row in message.keyboard.inline_keyboard for b in row]
    picker = render_picker("deadlines_time", lang)
    assert picker.keyboard is not None
    assert "09:00" in [b.text for row in picker.keyboard.inline_keyboard for b in row]


@pytest.mark.parametrize(
    ("item", "days"),
    [
        ("prompt_day", ["周一", "周二", "周三", "周四", "周五"]),
        ("cutoff_day", ["周一", "周二", "周三", "周四", "周五", "周六", "周日"]),
    ],
)
def test_the_prompt_day_picker_offers_weekdays_only(item: str, days: list[str]) -> None:
    """The weekly prompt can only be set on a weekday, so its picker offers no weekend day;
    other days may be any."""
    picker = render_picker(item, "zh")
    assert picker.keyboard is not None
    rows = picker.keyboard.inline_keyboard
    assert [b.text for row in rows[:-1] for b in row] == days  # the last row leads back
