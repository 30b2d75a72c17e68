"""Responsibility-table rows: numbered measures inside a 具体措施 cell."""

from __future__ import annotations

import pytest

from bot.i18n import t
from bot.importer import parse_plan
from bot.importer.errors import Notice
from bot.importer.parsers.tables import Grid, form_as_table, numbered_steps


@pytest.mark.parametrize(
    ("cell", "steps"),
    [
        (
            "1.开展隐患排查，建立台账。2.完成报警系统建设。",
            [("1.", "开展隐患排查，建立台账。"), ("2.", "完成报警系统建设。")],
        ),
        (
            "1、整治超速行为。\n2、治理危险路段。",
            [("1、", "整治超速行为。"), ("2、", "治理危险路段。")],
        ),
        ("（1）建设厂房；（2）配套仓储", [("（1）", "建设厂房；"), ("（2）", "配套仓储")]),
    ],
)
def test_a_cell_of_numbered_measures_splits_at_each_number(
    cell: str, steps: list[tuple[str, str]]
) -> None:
    """``1.…2.…`` in one paragraph, one per line, or ``（1）…（2）…`` give one step each."""
    assert numbered_steps(cell) == steps


@pytest.mark.parametrize(
    "cell",
    [
        "新建高标准农田3.5万亩，改造2.3公里道路。",
        "1.开展隐患排查。",
        "完成第1、2项工作。3.配齐人员。",
        "2.完成报警系统建设。3.配齐人员。",
        "1.开展排查，涉及3.完成改造",
    ],
)
def test_decimals_single_numbers_and_sequences_not_from_one_are_no_steps(cell: str) -> None:
    """Decimals, a lone ``1.``, numbers inside a sentence or a count not from 1 split nothing."""
    assert numbered_steps(cell) == []


def test_numbered_measures_in_a_cell_share_the_rows_owner_and_deadline() -> None:
    """Each numbered measure of a 具体措施 cell is a measure under its row's 重点任务, with the
    row's 责任单位 and 完成时限; a row of one unnumbered measure stays one measure."""
    text = (
        "序号,重点任务,具体措施,责任单位,完成时限\n"
        "1,提升校园安全水平,1.开展校园安全隐患排查。2.完成“一键报警”系统建设。"
        ",县教育体育局,2025年6月底前\n"
        "2,加强燃气安全管理,推广安装燃气泄漏报警装置。,县住房城乡建设局,2025年9月底前\n"
    )
    measures = parse_plan(text.encode(), "list.csv").measures
    assert [(m.section, m.title) for m in measures] == [
        ("提升校园安全水平", "开展校园安全隐患排查"),
        ("提升校园安全水平", "完成“一键报警”系统建设"),
        (None, "加强燃气安全管理"),
    ]
    assert [(m.lead_units, m.deadline.raw) for m in measures[:2]] == [
        (("县教育体育局",), "2025年6月底前"),
        (("县教育体育局",), "2025年6月底前"),
    ]


@pytest.mark.parametrize(
    "header",
    ["序号,存在问题,整改措施,责任单位,完成时限", "序号,项目名称,建设内容,责任单位,完成时限"],
)
def test_numbered_steps_of_a_problem_or_a_project_stay_one_measure(header: str) -> None:
    """Under 存在问题 | 整改措施 or 项目名称 | 建设内容 the row is the tracked item: its
    numbered details are steps, not measures of their own."""
    row = "1,村级财务公开不及时,1.建立公开台账。2.按月公开收支。,XX镇人民政府,2025年6月底前"
    measures = parse_plan(f"{header}\n{row}\n".encode(), "list.csv").measures
    assert [(m.title, m.lead_units) for m in measures] == [
        ("村级财务公开不及时", ("XX镇人民政府",))
    ]


def test_rows_whose_note_says_cancelled_are_not_measures() -> None:
    """A row whose 备注 says 取消 (or 已取消，并入…) is a task called off and is left out, and
    the plan's warnings name it so the lead sees it was not lost; a row marked 已完成 stays a
    measure."""
    text = "\n".join(
        "\t".join(row)
        for row in (
            ("序号", "工作任务", "责任单位", "完成时限", "备注"),
            ("1", "完成文物普查实地调查", "县文旅局", "2025年6月底前", "已完成"),
            ("2", "举办乡村文化旅游节", "县文旅局", "2025年9月底前", "取消"),
            ("3", "创建全域旅游示范区", "县文旅局", "年底前", "已取消，并入市级创建"),
            ("4", "完成体育馆改造提升", "县教体局", "2025年8月底前", ""),
        )
    )
    plan = parse_plan(text.encode(), "清单.csv")
    assert [m.title for m in plan.measures] == ["完成文物普查实地调查", "完成体育馆改造提升"]
    (warning,) = plan.warnings  # the lead is told which rows were left out, and why
    assert warning == Notice.of(
        "importer.warning.cancelled", number=2, tasks="举办乡村文化旅游节、创建全域旅游示范区"
    )
    assert t(warning.key, "en", **dict(warning.params)).startswith(
        "2 rows marked cancelled in a remarks column are not tasks: 举办乡村文化旅游节"
    )


def test_a_form_of_labelled_rows_is_one_measure() -> None:
    """A 督办通知单 (label, value rows: 督办事项, 承办单位 | 协办单位, 办结时限) is read as one
    measure with its task, owner and deadline; its 交办日期 is not the deadline."""
    text = "\n".join(
        (
            "督办通知单,,,",
            "督办编号,县督〔2025〕15号,交办日期,2025年3月5日",
            "督办事项,加快推进棚户区改造征收扫尾工作。,,",
            "承办单位,县住建局,协办单位,城关镇人民政府",
            "办结时限,2025年4月30日前,,",
        )
    )
    (measure,) = parse_plan(text.encode(), "督办单.csv").measures
    assert measure.title == "加快推进棚户区改造征收扫尾工作"
    assert (measure.lead_units or measure.units, measure.co_units) == (
        ("县住建局",),
        ("城关镇人民政府",),
    )
    assert measure.deadline is not None
    assert measure.deadline.raw == "2025年4月30日前"


def test_a_two_column_table_without_a_task_label_is_no_form() -> None:
    """Label, value rows naming no task (a 联系人 box) give no measure of their own."""
    grid = Grid((("联系人", "张XX"), ("联系电话", "0000-1234567"), ("责任单位", "县商务局")))
    assert form_as_table(grid) is None
