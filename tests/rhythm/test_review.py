"""The monthly review (月研判): trends per section and unit, colour changes, and its text."""

from __future__ import annotations

import os
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.domain.plan import SourceKind
from bot.render.rhythm.review import change_text, render_monthly_review
from bot.rhythm.figures import Tally
from bot.rhythm.lights import Light
from bot.rhythm.review import ColourChange, MonthlyReview, build_monthly_review, monthly_review
from bot.rhythm.snapshot import TeamSnapshot
from bot.rhythm.tasks import task_lines, task_verdicts
from bot.text.split import utf16_len
from tests.factories.office import cycle_world
from tests.factories.snapshots import TEAM, local, report, store_with
from tests.rhythm.histories import MONDAYS, REVIEW_AT, digest_time, month

EXAMPLES = 100 if os.environ.get("DUBAN_STRESS") == "1" else 10

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
    """Lights, the month's answers owed and given, and the average progress with its base."""
    review = _review()
    assert (review.year, review.month, review.tasks) == (2024, 10, 8)
    assert dict(review.lights) == {
        Light.RED: 4,
        Light.YELLOW: 0,
        Light.GREEN: 3,
        Light.UNASSIGNED: 0,
        Light.CLOSED: 1,
    }
    assert (review.cycles, review.responses) == (1, Tally(on_time=4, missing=1, on_leave=1))
    assert (review.progress, review.with_progress) == (64, 4)


def test_section_trends() -> None:
    """Per section: tasks, items owed and answered, progress now and at the month's start."""
    sections = {t.name: t for t in _review().sections}
    industry = sections["一、产业"]
    assert (industry.tasks, industry.with_progress, industry.progress, industry.previous) == (
        5,
        3,
        72,
        60,
    )
    assert industry.change == 12
    assert industry.responses == Tally(on_time=2, on_leave=1)
    finance = sections["二、财政"]
    assert (finance.progress, finance.previous, finance.change) == (40, None, None)
    assert sections["三、民生"].responses == Tally(on_time=1)


def test_section_and_unit_rows_add_up_to_the_totals() -> None:
    """Section rows and unit rows each partition the month's items."""
    review = _review()
    assert sum((t.responses for t in review.sections), Tally()) == review.responses
    assert sum((t.responses for t in review.units), Tally()) == review.responses
    assert sum(t.tasks for t in review.sections) == review.tasks


def test_unit_trends() -> None:
    """Per unit: the tasks it leads (by unit or member assignment), items and response rate."""
    units = {t.name: t for t in _review().units}
    ndrc, finance = units["县发改委"], units["县财政局"]
    assert (ndrc.tasks, ndrc.progress, ndrc.previous) == (6, 72, 60)
    assert (ndrc.responses, ndrc.responses.rate) == (Tally(on_time=3, on_leave=1), 1.0)
    assert (finance.tasks, finance.progress) == (2, 40)
    assert (finance.responses, finance.responses.rate) == (Tally(on_time=1, missing=1), 0.5)


def test_a_unit_with_nothing_owed_has_no_rate() -> None:
    """A unit that owed nothing this month shows "—", never 0 % or 100 %."""
    snap = cycle_world(cycles=(), prompts=())
    review = monthly_review(snap, REVIEW_TIME)
    assert all(t.responses.rate is None for t in review.units)
    assert "反馈率 —" in "\n".join(render_monthly_review(review, "zh"))


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
    assert (review.new_tasks, _review().new_tasks) == (1, 0)
    text = "".join(render_monthly_review(review, "zh"))
    assert "另有 1 项任务月初尚未交办，无月初灯色，不作比较。" in text


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("zh", "本月各项任务均为月内交办（8 项），无月初灯色，不作比较。"),
        ("en", "assigned during"),
    ],
)
def test_a_plans_first_month_says_no_task_had_a_colour_to_compare_with(
    lang: str, words: str
) -> None:
    """In the month a plan was imported no task had a colour at the month's start: the review
    says so, not that no colour changed (a red task imported this month is no change)."""
    snap = cycle_world()
    october = local(2024, 10, 2, 9)
    late = tuple(replace(a, assigned_at=october) for a in snap.assignments)
    review = _review(replace(snap, assignments=late))
    assert (review.changes, review.new_tasks) == ((), review.tasks)
    text = "".join(render_monthly_review(review, lang))
    assert words in text
    assert "本月无灯色变化" not in text
    assert "No colour changed" not in text


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("zh", "月初尚无任务交办（8 项），无月初灯色，不作比较。"),
        ("en", "No task was assigned yet when the month began (8)"),
    ],
)
def test_a_first_month_with_a_task_still_unassigned_does_not_say_all_were_assigned(
    lang: str, words: str
) -> None:
    """Regression: in a plan's first month with a task nobody holds yet, the review does not
    say every task was assigned during the month (the unassigned one never was)."""
    snap = cycle_world()
    october = local(2024, 10, 2, 9)
    late = tuple(replace(a, assigned_at=october) for a in snap.assignments if a.measure_id != "m2")
    review = _review(replace(snap, assignments=late))
    assert (review.new_tasks, review.new_unassigned) == (review.tasks, 1)
    text = "".join(render_monthly_review(review, lang))
    assert words in text
    assert "月内交办" not in text
    assert "assigned during" not in text


def test_render_review_zh_and_en() -> None:
    """The review renders its overview, sections, units, changes and red tasks."""
    zh = "\n".join(render_monthly_review(_review(), "zh"))
    assert "📊 <b>2024年10月工作研判</b>\n县督查室　2024年10月31日" in zh
    assert "共 8 项任务：🔴红灯 4 项，🟢绿灯 3 项，✅已销号 1 项。" in zh
    assert "应报 5 项：按时报送 4 项，逾时报送 0 项，未报 1 项；反馈率 80%。" in zh
    assert "平均进度 64%（8 项中 4 项已报进度）" in zh
    assert "一、产业（5 项）：平均进度 72%（3 项已报进度，较月初 +12）" in zh
    assert "县财政局：牵头 2 项、配合 0 项；应报 2 项，已报 1 项，反馈率 50%" in zh
    assert "盘活存量资金：🟢绿灯 → 🔴红灯" in zh
    assert "🔴红灯｜<b>新建污水管网</b>（牵头：县发改委 张三）受阻" in zh
    en = "\n".join(render_monthly_review(_review(), "en"))
    assert "Monthly review 2024-10</b>\n县督查室 · 2024-10-31" in en
    assert "response rate 80%" in en
    assert all(utf16_len(chunk) <= 4096 for chunk in render_monthly_review(_review(), "en"))


@pytest.mark.parametrize(
    ("change", "zh"),
    [(5, "+5"), (-3, "−3"), (0, "—"), (None, "—")],
)
def test_change_text(change: int | None, zh: str) -> None:
    """Progress changes are signed, and a dash when there is nothing to compare."""
    assert change_text(change, "zh") == zh


def test_a_meeting_task_is_named_with_its_mark_in_the_colour_changes() -> None:
    """A 会议决定事项 task changing colour is listed as 【会议】…, as its other lines name it."""
    change = ColourChange("m1", "举措一", Light.GREEN, Light.RED, SourceKind.MEETING)
    review = replace(_review(), changes=(change,))
    assert "【会议】举措一" in "".join(render_monthly_review(review, "zh"))


def test_review_without_changes_says_so() -> None:
    """A month with no colour change says it in words."""
    review = replace(_review(), changes=())
    assert "本月无灯色变化" in "".join(render_monthly_review(review, "zh"))


def test_build_monthly_review_from_store() -> None:
    """The wiring's entry point reads the store."""
    snap = cycle_world()
    assert build_monthly_review(store_with(snap), TEAM, REVIEW_TIME) == monthly_review(
        snap, REVIEW_TIME
    )


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(min_value=0, max_value=2**32 - 1))
def test_verdicts_at_the_month_start_are_the_task_lines_lights_and_progress(seed: int) -> None:
    """The lights and progress the review compares with are those of the task lines then."""
    snap = month(seed)
    for moment in (REVIEW_AT.replace(day=1, hour=0), *map(digest_time, MONDAYS), REVIEW_AT):
        lines = task_lines(replace(snap), moment)
        verdicts = task_verdicts(replace(snap), moment)
        assert list(verdicts) == [line.measure_id for line in lines]
        assert [(v.light, v.progress) for v in verdicts.values()] == [
            (line.light, line.progress) for line in lines
        ]
