"""A small county office in October 2024, shared by the dispatch, follow-up and digest tests.

Units: 县发改委 (u1), 县财政局 (u2). People:
- p1 张三, official of u1; deputy of p3 during p3's leave;
- p2 李四, official of u1, on leave on 10-10 without a deputy;
- p3 王五, official of u2, on leave 10-09..10-11 (deputy p1);
- p4 赵局长, leader of u2, reported for by p5 小刘 (liaison);
- p6 钱七, official of u2, never joined (unreachable);
- p7 孙八, inactive official of u1.
Measures (plan year 2024): m1 deadline 10-15 (p1); m2 (unit u2 → p3, p6); m3 (p4 → p5);
m4 closed by 销号 (p1); m5 blocked (p1); m6 removed from the plan (p1); m7 (p2); m8 (p7),
m9 overdue since 10-01 (p1).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from bot.domain.people import Role
from bot.domain.work import CloseoutState, Cycle, PromptState, ReportStatus
from bot.rhythm.calendar import WorkCalendar
from bot.rhythm.schedule import CycleWindow, window_of
from bot.rhythm.snapshot import TeamSnapshot
from tests.factories.snapshots import (
    TEAM,
    TZ,
    assign,
    closeout,
    cycle,
    leave,
    local,
    measure,
    person,
    prompt,
    report,
    snapshot,
    unit,
)

WEEK = date(2024, 10, 7)


def window() -> CycleWindow:
    """The cycle of the week of 2024-10-07: prompt Thu 10-10 09:00, cutoff Fri 10-11 17:00; the
    National Day week (from 09-30) is merged into it."""
    from bot.domain.settings import TeamSettings

    return window_of(TeamSettings(TEAM), WorkCalendar(), WEEK, TZ)


def opened_cycle(**kw: object) -> Cycle:
    """The cycle as the store records it once opened."""
    w = window()
    return cycle(WEEK, w.prompt_at, w.cutoff_at, **kw)  # type: ignore[arg-type]


def world(**overrides: object) -> TeamSnapshot:
    """The office's snapshot; keyword arguments replace whole fields."""
    base = snapshot(
        units=[unit("u1", "县发改委"), unit("u2", "县财政局")],
        people=[
            person("p1", "张三", unit_id="u1"),
            person("p2", "李四", unit_id="u1"),
            person("p3", "王五", unit_id="u2"),
            person("p4", "赵局长", Role.LEADER, unit_id="u2"),
            person("p5", "小刘", Role.LIAISON, unit_id="u2", on_behalf_of="p4"),
            person("p6", "钱七", unit_id="u2", telegram_id=None),
            person("p7", "孙八", unit_id="u1", active=False),
        ],
        measures=[
            measure(
                "m1",
                "建成智慧园区一期",
                section="一、产业",
                deadline=date(2024, 10, 15),
                lead_units=("县发改委",),
            ),
            measure("m2", "盘活存量资金", section="二、财政", lead_units=("县财政局",)),
            measure("m3", "化解债务风险", section="二、财政", lead_units=("县财政局",)),
            measure("m4", "完成招商签约", section="一、产业", lead_units=("县发改委",)),
            measure("m5", "新建污水管网", section="一、产业", lead_units=("县发改委",)),
            measure(
                "m6", "已删除事项", section="一、产业", removed_at=datetime(2024, 5, 1, tzinfo=TZ)
            ),
            measure("m7", "编制十五五规划", section="一、产业", lead_units=("县发改委",)),
            measure("m8", "无人负责事项", section="一、产业"),
            measure(
                "m9",
                "整治背街小巷",
                section="三、民生",
                deadline=date(2024, 10, 1),
                lead_units=("县发改委",),
            ),
        ],
        assignments=[
            assign("m1", "p1"),
            assign("m2", unit_id="u2"),
            assign("m3", "p4"),
            assign("m4", "p1"),
            assign("m5", "p1"),
            assign("m6", "p1"),
            assign("m7", "p2"),
            assign("m8", "p7"),
            assign("m9", "p1"),
        ],
        leaves=[
            leave("p2", date(2024, 10, 10), date(2024, 10, 10)),
            leave("p3", date(2024, 10, 9), date(2024, 10, 11), deputy_id="p1"),
        ],
        reports=[
            report("m1", "p1", local(2024, 10, 3, 10), progress=70, progress_text="主体完工"),
            report(
                "m5",
                "p1",
                local(2024, 9, 20, 10),
                ReportStatus.BLOCKED,
                progress=30,
                problems="征地未完成",
            ),
            report("m4", "p1", local(2024, 9, 1, 10), ReportStatus.DONE, progress=100),
        ],
        closeouts=[closeout("m4", CloseoutState.APPROVED, local(2024, 9, 2, 10))],
    )
    return replace(base, **overrides)  # type: ignore[arg-type]


def cycle_world(**overrides: object) -> TeamSnapshot:
    """The office with the cycle opened: p1 answered m9, m1, m5 (not m2); p5 nothing yet."""
    cycle_ = opened_cycle()
    prompts = (
        prompt(cycle_, "p1", ("m9", "m1", "m5", "m2")),
        prompt(cycle_, "p5", ("m3",)),
        prompt(cycle_, "p6", ("m2",), PromptState.UNREACHABLE),
        prompt(cycle_, "p2", ("m7",), PromptState.SKIPPED),
    )
    base = world()
    reports = (
        *base.reports,
        report("m1", "p1", local(2024, 10, 10, 11), cycle_id=cycle_.id, progress=80),
        report("m5", "p1", local(2024, 10, 10, 12), ReportStatus.BLOCKED),  # no cycle id
        report("m9", "p1", local(2024, 10, 11, 9), cycle_id=cycle_.id),
    )
    fields: dict[str, object] = {"cycles": (cycle_,), "prompts": prompts, "reports": reports}
    fields.update(overrides)
    return replace(base, **fields)  # type: ignore[arg-type]
