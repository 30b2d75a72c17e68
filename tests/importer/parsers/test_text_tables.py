"""Responsibility tables laid out as text: tab rows, pipe rows, one cell per line."""

from __future__ import annotations

import pytest

from bot.importer import Confidence, parse_plan
from bot.importer.normalise import normalise_text
from bot.importer.outline import SourceText
from bot.importer.parsers.text_tables import find_text_tables

TABS = (
    "XX县2024年重点任务清单\n序号\t重点任务\t牵头单位\t完成时限\n一、产业发展\n"
    "1\t建设产业园区。\t县发改局\t2024年6月底前\n"
    "2\t招引重点项目。\t县商务局\t年底前\n"
)
PIPES = (
    "XX县2024年重点任务清单\n| 序号 | 重点任务 | 牵头单位 | 完成时限 |\n"
    "| --- | --- | --- | --- |\n"
    "| 1 | 建设产业园区 | 县发改局 | 2024年6月底前 |\n"
    "| 2 | 招引重点项目 | 县商务局 | 年底前 |\n"
)
CELLS = (
    "XX县2024年民生实事\n序号\n民生实事\n责任单位\n完成时限\n"
    "1\n建设产业园区。\n县发改局\n县财政局\n2024年6月底前\n"
    "2\n招引重点项目。\n县商务局\n年底前\n"
)


@pytest.mark.parametrize("text", [TABS, PIPES, CELLS], ids=["tabs", "pipes", "cells"])
def test_text_tables_give_one_measure_per_row(text: str) -> None:
    """Each layout gives the rows' tasks, owners and deadlines as stated."""
    measures = parse_plan(text.encode(), "list.txt").measures
    assert [m.title for m in measures] == ["建设产业园区", "招引重点项目"]
    assert [(m.lead_units + m.units)[0] for m in measures] == ["县发改局", "县商务局"]
    assert [m.deadline.raw for m in measures] == ["2024年6月底前", "年底前"]
    assert all(m.owner_confidence is Confidence.STATED for m in measures)


@pytest.mark.parametrize("text", [TABS, PIPES, CELLS], ids=["tabs", "pipes", "cells"])
def test_text_table_bodies_are_the_rows_as_written(text: str) -> None:
    """A row's measure keeps the row's text verbatim (a substring of the input)."""
    normalised = normalise_text(text)
    for measure in parse_plan(text.encode(), "list.txt").measures:
        assert measure.body in normalised
        assert measure.title in measure.body


def test_category_line_between_tab_rows_is_a_section() -> None:
    """A single-cell line between rows (一、产业发展) names the section of the rows below."""
    measures = parse_plan(TABS.encode(), "list.txt").measures
    assert {m.section for m in measures} == {"产业发展"}


def test_several_unit_lines_make_one_owner_cell() -> None:
    """Consecutive unit lines after a task are one 责任单位 cell."""
    first = parse_plan(CELLS.encode(), "list.txt").measures[0]
    assert (first.lead_units, first.units) == ((), ("县发改局", "县财政局"))


def test_prose_with_a_stray_tab_is_no_table() -> None:
    """Lines that merely contain tabs, without a header row, are not a table."""
    source = SourceText.plain("一、工作安排\n做好\t春耕\t生产\n抓好\t防汛\t工作")
    assert find_text_tables(source) == []


def test_a_table_beside_numbered_text_keeps_both() -> None:
    """Numbered measures before the table and the table's rows are all measures."""
    text = (
        "XX县2024年工作要点\n一、重点工作\n（一）抓好春耕生产。（县农业农村局负责）\n"
        "二、任务清单\n" + TABS.split("\n", 1)[1]
    )
    titles = [m.title for m in parse_plan(text.encode(), "plan.txt").measures]
    assert titles == ["抓好春耕生产", "建设产业园区", "招引重点项目"]


WRAPPED = (
    "整改问题清单\n序号\t存在问题\t整改措施\t责任单位\t整改时限\n"
    "1\t理论学习流于形式。\t制定学习计划；\t局办公室\t2024年6月底前\n"
    "\t\t建立学习通报制度。\t\t\n"
    "2\t聚餐备案率偏低。\t开展专项整治；\t食品安全监管股\t2024年9月底前\n"
    "\t\t对监管所人员开展轮训，\t各市场监管所\t\n"
    "\t\t建立月通报机制。\t\t\n"
)


def test_a_cell_broken_over_lines_continues_its_row() -> None:
    """Lines with the number and problem left empty extend the row above, not new measures."""
    measures = parse_plan(WRAPPED.encode(), "list.txt").measures
    assert [m.title for m in measures] == ["理论学习流于形式", "聚餐备案率偏低"]
    assert "建立学习通报制度" in measures[0].body
    assert "建立月通报机制" in measures[1].body
    assert "各市场监管所" in measures[1].lead_units + measures[1].units
    assert [m.deadline.raw for m in measures] == ["2024年6月底前", "2024年9月底前"]


def test_a_closed_row_is_not_continued_by_a_category_line() -> None:
    """A category line after a row whose text ends in 。 still heads the rows below it."""
    measures = parse_plan(TABS.replace("建设产业园区。", "建设产业园区，").encode(), "l.txt")
    assert [m.title for m in measures.measures] == ["建设产业园区", "招引重点项目"]


@pytest.mark.parametrize(
    "text",
    [
        "清单\n序号\t重点任务\t牵头单位\t配合单位\t完成时限\n1\t建设产业园区。\t县发改局\t县财政局\t"
        "2024年6月底前\n2\t招引重点项目。\t县商务局\t\t年底前\n3\t建设人才公寓。\t\t\t2024年9月底前\n",
        "清单\n| 序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限 |\n|---|---|---|---|---|\n"
        "| 1 | 建设产业园区 | 县发改局 | 县财政局 | 2024年6月底前 |\n"
        "| 2 | 招引重点项目 | 县商务局 |  | 年底前 |\n"
        "| 3 | 建设人才公寓 |  |  | 2024年9月底前 |\n",
    ],
    ids=["tabs", "pipes"],
)
def test_an_empty_cell_keeps_the_cells_after_it_in_their_columns(text: str) -> None:
    """A row with no 配合单位 keeps its deadline in the deadline column, not among co-units."""
    measures = parse_plan(text.encode(), "list.txt").measures
    assert [m.co_units for m in measures] == [("县财政局",), (), ()]
    assert [m.lead_units for m in measures] == [("县发改局",), ("县商务局",), ()]
    assert [m.deadline.raw for m in measures] == ["2024年6月底前", "年底前", "2024年9月底前"]
