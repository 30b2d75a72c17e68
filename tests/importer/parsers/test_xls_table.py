"""Old Excel workbooks (.xls): a LibreOffice save of an openpyxl workbook (corpus x32)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from bot.importer import FailureReason, PlanImportError, parse_plan
from bot.importer.parsers.registry import pick_parser
from bot.render.importer import render_import_error
from tests.importer.scoring import CORPUS

XLS = CORPUS / "x32_duty_list_xls.xls"
COMPOUND = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def test_an_xls_duty_list_reads_rows_categories_leaders_and_dates() -> None:
    """Category rows become sections, the merged leader fills both rows, date cells are dates."""
    plan = parse_plan(XLS.read_bytes(), "责任清单.xls")
    assert plan.title == "XX县2025年安全生产“大排查大整治”责任清单"
    assert [m.section for m in plan.measures] == ["重点行业领域"] * 3 + ["人员密集场所"] * 2
    first, second, third, fourth, fifth = plan.measures
    assert first.title == "开展危险化学品企业安全风险隐患排查"
    assert first.lead_units == ("县应急管理局",)
    assert (first.lead_leader, second.lead_leader) == ("陈XX", "陈XX")
    assert fifth.lead_leader == "周XX"
    assert first.deadline is not None
    assert first.deadline.date == dt.date(2025, 6, 30)
    assert third.deadline is not None
    assert third.deadline.raw == "2025年10月底前"
    assert fourth.deadline is None or fourth.deadline.date is None


def test_an_xls_is_recognised_by_its_workbook_stream_whatever_its_name() -> None:
    """An .xls uploaded without its extension, or named as a Word document, is read as a
    workbook (it holds no Word stream)."""
    assert pick_parser(XLS.read_bytes(), "upload").name == "xls"
    assert pick_parser(XLS.read_bytes(), "计划.doc").name == "xls"


@pytest.mark.parametrize("name", ["计划.doc", "计划.wps", "计划.et"])
def test_old_word_and_wps_files_are_still_told_to_save_again(name: str) -> None:
    """A compound file with neither a Word document nor a workbook in it is refused with the
    way to save it as .docx."""
    with pytest.raises(PlanImportError) as caught:
        parse_plan(COMPOUND + bytes(600), name)
    assert caught.value.reason is FailureReason.UNSUPPORTED
    assert "另存为" in render_import_error(caught.value, "zh")


def test_a_damaged_xls_is_refused_as_corrupt() -> None:
    """A file named .xls that xlrd cannot open says the Excel file cannot be opened."""
    with pytest.raises(PlanImportError) as caught:
        parse_plan(COMPOUND + bytes(600), "台账.xls")
    assert caught.value.reason is FailureReason.CORRUPT
    assert "Excel" in render_import_error(caught.value, "en")


def test_a_hidden_sheet_of_an_old_workbook_is_not_read(
    read_fixture: Callable[[str], bytes],
) -> None:
    """A hidden sheet of an .xls (an old draft kept behind the list) gives no measures."""
    measures = parse_plan(read_fixture("hidden_sheet.xls"), "清单.xls").measures
    assert [m.title for m in measures] == [
        "培育壮大特色产业",
        "推进园区扩容提质",
        "加快数字经济发展",
        "稳定和扩大就业",
        "提升养老服务能力",
    ]


def test_a_hidden_row_of_an_old_workbook_is_not_read(
    read_fixture: Callable[[str], bytes],
) -> None:
    """A hidden row of an .xls (a cancelled task left in the list) gives no measure."""
    measures = parse_plan(read_fixture("hidden_row.xls"), "清单.xls").measures
    assert [m.marker for m in measures] == ["1", "2", "4", "5", "6"]
    assert "（已取消）开展证明事项清理" not in [m.title for m in measures]
