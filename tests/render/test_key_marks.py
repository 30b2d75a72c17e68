"""Key marks in what people read: the task's name, the plan preview's 标注 block."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest

from bot.domain.plan import KeyMark, marks_meaning
from bot.render.common import measure_header, measure_line
from bot.render.plans import render_preview
from bot.render.rhythm.words import task_title
from bot.rhythm.tasks import task_lines
from bot.services.plans.imports import ImportPreview
from tests.factories import entities as f
from tests.factories.office import cycle_world
from tests.factories.snapshots import local

LEGEND = (KeyMark("★", "县政府重点督办事项"), KeyMark("▲", "纳入<年度>考核事项"))


def _preview() -> ImportPreview:
    measures = (
        f.measure(id="M1", title="推进园区建设", marks="★"),
        f.measure(id="M2", title="招商引资攻坚", marks="★◎"),
        f.measure(id="M3", title="提升养老服务", marks=""),
    )
    return ImportPreview(
        token="v1", team_id="t1", plan_title="2025年工作要点", sections=(), measure_count=3,
        targets=(), warnings=(), owned_measures=3, matched_measures=3, diff=None,
        expires_at=datetime(2025, 1, 1, 10), measures=measures, legend=LEGEND,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("lang", "lines"),
    [
        ("zh", ["★ 县政府重点督办事项：2 项", "◎ （计划未说明）：1 项"]),
        ("en", ["★ 县政府重点督办事项: 2 tasks", "◎ (not explained in the plan): 1 task"]),
    ],
)
def test_the_preview_lists_each_mark_with_its_meaning_and_count(
    lang: str, lines: list[str]
) -> None:
    """The lead sees the marked tasks named with their signs, and a 标注 block: each sign
    used, what the legend says it means (or that it says nothing), on how many tasks."""
    text = render_preview(_preview(), lang).text
    assert "1. ★ 推进园区建设 #M1" in text
    assert "2. ★◎ 招商引资攻坚 #M2" in text
    assert "3. 提升养老服务 #M3" in text
    for line in lines:
        assert line in text
    assert "▲" not in text  # explained but used on no task


def test_a_measure_is_named_with_its_marks_escaped_as_any_title() -> None:
    """Lists and headers name a measure ``★ title``; the title is escaped as before."""
    measure = f.measure(id="M9", title="推进<园区>建设", marks="★")
    assert measure_line(measure, 1) == "1. ★ 推进&lt;园区&gt;建设 #M9"
    assert "<b>★ 推进&lt;园区&gt;建设</b>" in measure_header(measure, "zh")


def test_the_task_line_is_named_with_its_marks_after_its_source_mark() -> None:
    """The digest's and the review's task line reads ``★ title`` (after 【批示】 when it has
    one), from the measure as worded at the moment."""
    snap = cycle_world()
    marked = tuple(replace(m, marks="★") if m.id == "m1" else m for m in snap.measures)
    lines = task_lines(replace(snap, measures=marked), local(2024, 10, 14, 9))
    assert task_title(lines[0], "zh") == "★ 建成智慧园区一期"
    assert task_title(lines[1], "zh") == "盘活存量资金"


def test_the_meaning_of_marks_follows_the_legend() -> None:
    """标注 joins each sign with its meaning, in the task's order; an unexplained sign stands
    alone, and no marks mean nothing."""
    assert marks_meaning("▲★◎", LEGEND) == "▲ 纳入<年度>考核事项；★ 县政府重点督办事项；◎"
    assert marks_meaning("", LEGEND) == ""
