"""The monthly review (月研判): trends per section and unit, colour changes, and its text."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.rhythm.calendar import CalendarNotice
from bot.rhythm.events import Event, EventKind
from bot.rhythm.lights import Light
from bot.rhythm.render_review import (
    change_text,
    render_calendar_notice,
    render_missed,
    render_review,
)
from bot.rhythm.review import MonthlyReview, build_monthly_review, monthly_review
from bot.rhythm.snapshot import TeamSnapshot
from bot.text.split import utf16_len

from .factories import TEAM, local, report, store_with
from .world import cycle_world

REVIEW_TIME = local(2024, 10, 31, 16)


def _review(snap: TeamSnapshot | None = None) -> MonthlyReview:
    snap = snap or cycle_world()
    extra = (
        report("m1", "p1", local(2024, 9, 20, 10), progress=50),
        report("m1", "p1", local(2024, 10, 20, 10), progress=85),
        report("m2", "p3", local(2024, 10, 10, 15), progress=40),
    )
    return monthly_review(replace(snap, reports=(*snap.reports, *extra)), REVIEW_TIME)


def test_overview_counts() -> None:
    """Lights, the month's reports and its response rate."""
    review = _review()
    assert (review.year, review.month, review.tasks) == (2024, 10, 8)
    assert dict(review.lights) == {Light.RED: 4, Light.YELLOW: 0, Light.GREEN: 3, Light.CLOSED: 1}
    assert (review.reports, review.prompted, review.responded) == (6, 2, 1)


def test_section_trends() -> None:
    """Per section: tasks, reports this month, progress now and at the start of the month."""
    sections = {t.name: t for t in _review().sections}
    industry = sections["一、产业"]
    assert (industry.tasks, industry.reports, industry.progress, industry.previous) == (
        5,
        4,
        72,
        60,
    )
    assert industry.change == 12
    finance = sections["二、财政"]
    assert (finance.progress, finance.previous, finance.change) == (40, None, None)
    assert sections["三、民生"].reports == 1


def test_unit_trends() -> None:
    """Per unit: its tasks (by unit or member assignment), reports and response rate."""
    units = {t.name: t for t in _review().units}
    ndrc, finance = units["县发改委"], units["县财政局"]
    assert (ndrc.tasks, ndrc.reports, ndrc.progress, ndrc.previous) == (6, 5, 72, 60)
    assert (ndrc.prompted, ndrc.responded, ndrc.rate) == (1, 1, 1.0)
    assert (finance.tasks, finance.reports, finance.progress) == (2, 1, 40)
    assert (finance.prompted, finance.responded, finance.rate) == (1, 0, 0.0)


def test_colour_changes_since_last_month() -> None:
    """Tasks whose light changed since the month began, in plan order."""
    changes = [(c.measure_id, c.before, c.after) for c in _review().changes]
    assert changes == [("m2", Light.GREEN, Light.RED), ("m9", Light.YELLOW, Light.RED)]


def test_a_task_first_assigned_this_month_has_no_colour_change() -> None:
    """Regression: in a plan's first month a task had no light before, so no change is shown."""
    snap = cycle_world()
    october = local(2024, 10, 2, 9)
    late = tuple(
        replace(a, assigned_at=october) if a.measure_id == "m2" else a for a in snap.assignments
    )
    review = _review(replace(snap, assignments=late))
    assert [c.measure_id for c in review.changes] == ["m9"]


def test_render_review_zh_and_en() -> None:
    """The review renders its overview, sections, units, changes and red tasks."""
    zh = "\n".join(render_review(_review(), "zh"))
    assert "2024年10月工作研判｜县督查室" in zh
    assert "共 8 项任务：🔴 4" in zh
    assert "一、产业：进度 72%（较上月 +12）" in zh
    assert "盘活存量资金：🟢绿灯 → 🔴红灯" in zh
    assert "🔴 <b>新建污水管网</b>（县发改委）受阻" in zh
    en = "\n".join(render_review(_review(), "en"))
    assert "Monthly review 2024-10 · 县督查室" in en
    assert "response rate 50%" in en
    assert all(utf16_len(chunk) <= 4096 for chunk in render_review(_review(), "en"))


@pytest.mark.parametrize(
    ("change", "zh"),
    [(5, "+5"), (-3, "−3"), (0, "—"), (None, "—")],
)
def test_change_text(change: int | None, zh: str) -> None:
    """Progress changes are signed, and a dash when there is nothing to compare."""
    assert change_text(change, "zh") == zh


def test_review_without_changes_says_so() -> None:
    """A month with no colour change says it in words."""
    review = replace(_review(), changes=())
    assert "本月无灯色变化" in "".join(render_review(review, "zh"))


def test_build_monthly_review_from_store() -> None:
    """The wiring's entry point reads the store."""
    snap = cycle_world()
    assert build_monthly_review(store_with(snap), TEAM, REVIEW_TIME) == monthly_review(
        snap, REVIEW_TIME
    )


def test_notices() -> None:
    """The calendar fallback and missed-event notices read well in both languages."""
    notice = render_calendar_notice(CalendarNotice(2027, 0), "zh")
    assert "2027 年" in notice
    assert "假日文件" in notice
    assert "2027" in render_calendar_notice(CalendarNotice(2027, 12), "en")
    missed = Event(EventKind.DIGEST, "t1.w20241007", local(2024, 10, 14, 8, 30), True, True)
    assert (
        render_missed([missed], "zh")
        == "⚠️ 机器人停机期间错过了 周调度通报（原定 2024年10月14日 08:30），已跳过。"
    )
    assert "weekly digest" in render_missed([missed], "en")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_long_outage_is_told_in_one_notice(lang: str) -> None:
    """Several missed events make one message listing each, oldest first."""
    events = [
        Event(EventKind.PROMPT, "t1.w20241021", local(2024, 10, 24, 9), True, True),
        Event(EventKind.PROMPT, "t1.w20241014", local(2024, 10, 17, 9), True, True),
        Event(EventKind.REVIEW, "t1.m202409", local(2024, 9, 30, 16), True, True),
    ]
    lines = render_missed(events, lang).splitlines()
    assert len(lines) == 4
    assert "3" in lines[0]
    assert [line.startswith("•") for line in lines[1:]] == [True, True, True]
    assert "16:00" in lines[1]  # the September review (09-30 16:00) first

