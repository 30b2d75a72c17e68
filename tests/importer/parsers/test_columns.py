"""Recognising responsibility-table header rows and columns."""

from __future__ import annotations

import pytest

from bot.importer.parsers.columns import Column, classify, find_header


@pytest.mark.parametrize(
    ("cell", "column"),
    [
        ("序号", Column.SEQ),
        ("工作任务", Column.TASK),
        ("重点任务", Column.TASK),
        ("改革举措", Column.TASK),
        ("任务名称", Column.TASK),
        ("具体措施", Column.DETAIL),
        ("主要内容", Column.DETAIL),
        ("工作目标", Column.DETAIL),
        ("工作措施", Column.DETAIL),
        ("牵头领导", Column.LEADER),
        ("责任领导", Column.LEADER),
        ("分管领导", Column.LEADER),
        ("牵头单位", Column.LEAD),
        ("主责单位", Column.LEAD),
        ("责任单位", Column.UNITS),
        ("配合单位", Column.CO_UNITS),
        ("协办单位", Column.CO_UNITS),
        ("完成时限", Column.DEADLINE),
        ("时间节点", Column.DEADLINE),
        ("完成\n时间", Column.DEADLINE),
        ("类别", Column.SECTION),
        ("存在问题", Column.TASK),
        ("反馈意见", Column.TASK),
        ("整改措施", Column.DETAIL),
        ("问题类别", Column.SECTION),
        ("责任股室", Column.UNITS),
        ("任务来源", Column.IGNORED),
        ("交办时间", Column.IGNORED),
        ("开工时间", Column.IGNORED),
        ("办理时限", Column.DEADLINE),
        ("竣工时间", Column.DEADLINE),
        ("政策依据", Column.IGNORED),
        ("责任单位及责任人", Column.UNITS),
        ("牵头单位（责任领导）", Column.LEAD),
        ("责任人", Column.LEADER),
        ("责任站所", Column.UNITS),
        ("备注", Column.IGNORED),
        ("主体责任", Column.UNITS),
        ("落实主体责任单位", Column.UNITS),
        ("第一责任人", Column.LEADER),
        ("主体责任内容", Column.DETAIL),
        ("主要责任", Column.LEAD),
        ("直接责任", Column.UNITS),
        ("直接责任人", Column.LEADER),
        ("一季度", Column.IGNORED),
        ("第四季度", Column.IGNORED),
        ("上半年", Column.IGNORED),
        ("1月", Column.IGNORED),
        ("12月份", Column.IGNORED),
        ("1-3月", Column.IGNORED),
        ("十二月", Column.IGNORED),
        ("XX县2024年重点工作任务责任清单", None),
        ("张三", None),
    ],
)
def test_classify(cell: str, column: Column | None) -> None:
    """Common header names map to their column; long titles and data do not."""
    assert classify(cell) is column


def test_header_below_title_rows() -> None:
    """The header row is found under title rows and a two-row header is merged."""
    rows = [
        ("XX县2024年重点工作责任清单", "", "", ""),
        ("序号", "工作任务", "责任主体", ""),
        ("", "", "牵头单位", "责任单位"),
        ("1", "建设项目", "县发改局", "县财政局"),
    ]
    header = find_header(rows)
    assert header is not None
    assert (header.row, header.data_start) == (1, 3)
    assert header.columns == {0: Column.SEQ, 1: Column.TASK, 2: Column.LEAD, 3: Column.UNITS}


def test_no_header() -> None:
    """Rows without a task column have no header."""
    assert find_header([("姓名", "电话"), ("张三", "123")]) is None


def test_several_detail_columns_are_kept() -> None:
    """A table with both 工作目标 and 具体措施 columns keeps both as detail."""
    header = find_header([("序号", "重点任务", "工作目标", "具体措施", "责任单位")])
    assert header is not None
    assert header.columns == {
        0: Column.SEQ,
        1: Column.TASK,
        2: Column.DETAIL,
        3: Column.DETAIL,
        4: Column.UNITS,
    }


def test_a_column_of_units_and_their_people_is_marked() -> None:
    """``责任单位及责任人`` is a unit column whose cells also name people."""
    header = find_header([("序号", "工作任务", "责任单位及责任人", "完成时间")])
    assert header is not None
    assert header.columns[2] is Column.UNITS
    assert header.people == frozenset({2})


def test_the_source_of_a_task_is_not_its_title() -> None:
    """In 序号/任务来源/督办事项 the title column is 督办事项, not the source before it."""
    header = find_header([("序号", "任务来源", "督办事项", "责任单位", "完成时限")])
    assert header is not None
    assert header.columns[2] is Column.TASK
    assert header.columns.get(1) is Column.IGNORED


def test_quarter_targets_under_a_time_header_leave_the_deadline_column() -> None:
    """时间节点 split into 一季度…四季度 targets is not the deadline; 完成时限 beside it is."""
    rows = [
        ("序号", "重点任务", "责任单位", "时间节点", "", "完成时限"),
        ("", "", "", "一季度", "二季度", ""),
        ("1", "建设养老服务中心", "县民政局", "完成立项", "主体开工", "2025年12月底前"),
    ]
    header = find_header(rows)
    assert header is not None
    assert header.data_start == 2
    assert header.columns == {
        0: Column.SEQ,
        1: Column.TASK,
        2: Column.UNITS,
        3: Column.IGNORED,
        4: Column.IGNORED,
        5: Column.DEADLINE,
    }


def test_month_columns_merged_under_one_header_make_a_second_header_row() -> None:
    """月度推进计划 split into 1月…12月 under a header merged down is a second header row (not
    a measure); its month columns are targets, and 完成时限 stays the deadline column."""
    rows = [
        ("序号", "项目名称", "责任单位", "完成时限", "月度推进计划", "月度推进计划"),
        ("序号", "项目名称", "责任单位", "完成时限", "1月", "2月"),
        ("1", "污水处理厂提标改造", "县住建局", "2025年10月底前", "完成设计", "招标"),
    ]
    header = find_header(rows)
    assert header is not None
    assert header.data_start == 2
    assert header.columns[3] is Column.DEADLINE
    assert {header.columns[4], header.columns[5]} == {Column.IGNORED}
