"""OpenDocument spreadsheets (.ods): a LibreOffice save of an openpyxl workbook (corpus x43)."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.importer import FailureReason, PlanImportError, parse_plan
from bot.importer.parsers.registry import pick_parser
from bot.render.importer import render_import_error
from tests.importer.scoring import CORPUS

ODS = CORPUS / "x43_ods_duty_list.ods"
ODT = CORPUS / "x40_odt_work_points.odt"


def test_an_ods_duty_list_reads_rows_categories_and_dates_without_hidden_parts() -> None:
    """Category rows become sections, date cells are dates; the hidden row and sheet are not
    measures."""
    plan = parse_plan(ODS.read_bytes(), "责任清单.ods")
    assert plan.title == "XX县2025年优化营商环境重点任务责任清单"
    assert [m.section for m in plan.measures] == ["政务服务"] * 2 + ["要素保障"] * 3
    titles = [m.title for m in plan.measures]
    assert "（已取消）开展证明事项清理" not in titles
    assert "编制营商环境评价报告" not in titles
    first = plan.measures[0]
    assert first.lead_units == ("县行政审批局",)
    assert first.deadline is not None
    assert first.deadline.date == dt.date(2025, 6, 30)


def test_an_ods_is_recognised_by_its_mimetype_whatever_its_name() -> None:
    """An .ods uploaded without its extension is still read as a spreadsheet, and an .odt is
    still read as text."""
    assert pick_parser(ODS.read_bytes(), "upload").name == "ods"
    assert pick_parser(ODT.read_bytes(), "upload").name == "odt"


def test_a_damaged_ods_is_refused_as_corrupt() -> None:
    """A file named .ods that is no zip says the OpenDocument file cannot be opened."""
    with pytest.raises(PlanImportError) as caught:
        parse_plan(b"PK\x03\x04" + bytes(600), "台账.ods")
    assert caught.value.reason is FailureReason.CORRUPT
    assert "OpenDocument" in render_import_error(caught.value, "en")
