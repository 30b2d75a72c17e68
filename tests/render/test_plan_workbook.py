"""Writing a parsed plan as an Excel workbook."""

from __future__ import annotations

import dataclasses
import datetime
import io

from openpyxl import load_workbook

from bot.importer import load_sample_plan, parse_plan
from bot.importer.model import Indicator
from bot.render.plan_table import plan_table
from bot.render.plan_workbook import indicator_text, plan_to_xlsx


def test_workbook_has_measures_and_targets() -> None:
    """The workbook lists every measure and target under a bold, frozen header."""
    plan = parse_plan(load_sample_plan(), "plan.txt")
    workbook = load_workbook(io.BytesIO(plan_to_xlsx(plan)))
    measures, targets = workbook["措施"], workbook["目标"]
    assert measures.max_row == 17
    assert targets.max_row == 9
    assert measures["A1"].value == "编号"
    assert measures["A1"].font.bold
    assert measures.freeze_panes == "A2"
    assert measures["E2"].value == "一产转型升级"
    assert measures.column_dimensions["M"].width >= 60


def test_indicator_text() -> None:
    """Indicators read as name, value and unit; placeholders show XXX."""
    assert indicator_text(Indicator("投资", None, "亿元", True)) == "投资 XXX 亿元"
    assert indicator_text(Indicator("新增", 3.0, "个")) == "新增 3 个"


def test_plan_text_never_becomes_a_formula_in_the_export() -> None:
    """A measure or target whose text starts like a formula is written as neutralised text."""
    plan = parse_plan(load_sample_plan(), "plan.txt")
    first = dataclasses.replace(plan.measures[0], title='=HYPERLINK("http://x.invalid","看")')
    target = dataclasses.replace(plan.targets[0], name="@SUM(A1)")
    plan = dataclasses.replace(
        plan, measures=(first, *plan.measures[1:]), targets=(target, *plan.targets[1:])
    )
    workbook = load_workbook(io.BytesIO(plan_to_xlsx(plan)))
    measures, targets = workbook["措施"], workbook["目标"]
    assert measures["E2"].data_type == "s"
    assert measures["E2"].value == '\'=HYPERLINK("http://x.invalid","看")'
    assert targets["A2"].value == "'@SUM(A1)"


def test_the_workbook_is_headed_in_the_catalog_words_of_its_language() -> None:
    """Sheet names and headers come from the catalog: 措施/编号 in Chinese, Measures/Id in
    English, one header per column in both, and the deadline column keeps its date format."""
    plan = parse_plan(load_sample_plan(), "plan.txt")
    first = plan.measures[0]
    dated_first = dataclasses.replace(
        first, deadline=dataclasses.replace(first.deadline, date=datetime.date(2027, 6, 30))
    )
    plan = dataclasses.replace(plan, measures=(dated_first, *plan.measures[1:]))
    english = load_workbook(io.BytesIO(plan_to_xlsx(plan, "en")))
    measures, targets = english["Measures"], english["Targets"]
    assert [c.value for c in measures[1]][:5] == ["Id", "Part", "Section", "No.", "Title"]
    assert [c.value for c in targets[1]] == ["Name", "Value", "Unit", "To fill in"]
    chinese = load_workbook(io.BytesIO(plan_to_xlsx(plan)))["措施"]
    assert chinese.max_column == measures.max_column == 13
    assert chinese["K1"].value == "截止日期"
    dated = [c for (c,) in chinese.iter_rows(min_row=2, min_col=11, max_col=11) if c.value]
    assert dated
    assert all(c.number_format == "yyyy-mm-dd" for c in dated)


def test_the_parsed_plan_names_marked_tasks_with_their_marks() -> None:
    """``duban plan parse``'s table and workbook name a ★ task as every view does (★ 抓好…)."""
    text = (
        "XX县2025年工作要点\n一、投资\n★1.抓好项目储备。（县发改局负责）\n"
        "2.编制规划。（县工信局负责）\n注：标★的为县政府重点督办事项。\n"
    )
    plan = parse_plan(text.encode(), "plan.txt")
    sheet = load_workbook(io.BytesIO(plan_to_xlsx(plan, "zh"))).worksheets[0]
    titles = [row[4] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert titles == ["★ 抓好项目储备", "编制规划"]
    assert "★ 抓好项目储备" in plan_table(plan)
