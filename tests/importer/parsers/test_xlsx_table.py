"""Excel responsibility tables."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable

import pytest

from bot.importer import Deadline, FailureReason, Indicator, PlanImportError, parse_plan
from bot.render.importer import render_import_error
from tests.factories.files import workbook
from tests.importer.corpus.make_hidden_columns import (
    HIDDEN_COLUMN_ODS,
    HIDDEN_COLUMN_XLS,
    hidden_column_book,
)


def test_county_responsibility_table(responsibility_xlsx: bytes) -> None:
    """Title rows, merged section rows, a merged task, multi-line and date cells are read."""
    plan = parse_plan(responsibility_xlsx, "责任清单.xlsx")
    assert plan.title == "XX县2024年重点工作任务责任清单"
    assert plan.year == 2024
    assert [(m.marker, m.section, m.title) for m in plan.measures] == [
        ("1", "加快重点项目建设", "推动XX产业园一期竣工投产，完成投资XX亿元"),
        ("2", "加快重点项目建设", "开工建设XX物流园，年内完成投资2.5亿元"),
        ("3", "经济发展", "优化营商环境"),
        ("4", "社会民生", "办好教育实事"),
    ]
    one, two, three, four = plan.measures
    assert one.lead_leader == "张XX"
    assert two.lead_leader == "张XX"
    assert one.lead_units == ("县发改局",)
    assert one.units == ("县财政局", "县自然资源局")
    assert one.deadline == Deadline("2024年6月底前", dt.date(2024, 6, 30))
    assert one.indicators == (Indicator("完成投资", None, "亿元", True),)
    assert two.deadline == Deadline("年底前", dt.date(2024, 12, 31))
    assert (three.lead_units, three.units) == (("县政务服务中心",), ("县市场监管局",))
    assert three.deadline == Deadline("长期坚持", None)
    assert three.body == "优化营商环境\n深化“放管服”改革，推行“一件事一次办”。"
    assert four.deadline == Deadline("2024年8月31日", dt.date(2024, 8, 31))
    assert [s.title for s in plan.sections] == ["加快重点项目建设", "经济发展", "社会民生"]


def test_sheet_without_header_falls_back_to_numbered_text() -> None:
    """A sheet holding a numbered plan in one column is parsed as text."""
    data = workbook([["XX村2024年工作计划"], ["1.修缮村道。年底前完成。"], ["2.建设文化广场。"]])
    plan = parse_plan(data, "计划.xlsx")
    assert [m.title for m in plan.measures] == ["修缮村道", "建设文化广场"]


def test_sheet_without_header_or_numbers_is_refused() -> None:
    """A workbook with neither a header row nor numbered items raises NO_HEADER."""
    data = workbook([["姓名", "电话"], ["张三", "123"]])
    with pytest.raises(PlanImportError) as caught:
        parse_plan(data, "通讯录.xlsx")
    assert caught.value.reason is FailureReason.NO_HEADER
    assert "工作任务" in render_import_error(caught.value, "zh")


def test_damaged_workbook_is_reported() -> None:
    """A broken .xlsx raises CORRUPT rather than an openpyxl error."""
    with pytest.raises(PlanImportError) as caught:
        parse_plan(b"PK\x03\x04broken", "清单.xlsx")
    assert caught.value.reason is FailureReason.CORRUPT


def test_a_zip_bomb_workbook_is_refused_as_too_large() -> None:
    """A workbook one of whose parts packs 16 MiB of zeros is refused TOO_LARGE, with the
    unpacked size in both languages, before openpyxl opens it."""
    out = io.BytesIO(workbook([["序号", "工作任务", "责任单位"], [1, "修缮村道", "县交通局"]]))
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/blank.bin", bytes(16 * 1024 * 1024))
    with pytest.raises(PlanImportError) as caught:
        parse_plan(out.getvalue(), "清单.xlsx")
    assert caught.value.reason is FailureReason.TOO_LARGE
    assert "Excel解压后过大（16 MB）" in render_import_error(caught.value, "zh")
    assert "unpacks to 16 MB" in render_import_error(caught.value, "en")


def test_a_date_kept_as_excel_s_day_number_reads_as_that_date() -> None:
    """A 完成时限 cell holding 45657 (a date column formatted as General) is 2024-12-31."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in (
        ("序号", "工作任务", "牵头单位", "完成时限"),
        (1, "建设产业园区", "县发改局", 45657),
    ):
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    (measure,) = parse_plan(out.getvalue(), "清单.xlsx").measures
    assert measure.deadline == Deadline("2024年12月31日", dt.date(2024, 12, 31))


def _with_sheets(*sheets: tuple[str, list[tuple[object, ...]], str]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.worksheets[0])
    for title, rows, state in sheets:
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(list(row))
        sheet.sheet_state = state
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


_HEADER = ("序号", "重点任务", "牵头单位", "完成时限")


def test_a_hidden_sheet_is_not_read() -> None:
    """A hidden sheet (an old draft kept behind the list) gives no measures; the shown do."""
    data = _with_sheets(
        ("封面", [("XX县2025年重点任务清单",)], "visible"),
        (
            "任务清单",
            [_HEADER, (1, "培育特色产业", "县农业农村局", dt.datetime(2025, 10, 31))],
            "visible",
        ),
        ("旧稿", [_HEADER, (1, "建设物流园区", "县商务局", dt.datetime(2025, 6, 30))], "hidden"),
    )
    measures = parse_plan(data, "清单.xlsx").measures
    assert [(m.title, m.lead_units, m.deadline.raw) for m in measures] == [
        ("培育特色产业", ("县农业农村局",), "2025年10月31日")
    ]


def _hidden_column_xlsx() -> bytes:
    out = io.BytesIO()
    hidden_column_book().save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("read", "filename"),
    [
        (_hidden_column_xlsx, "清单.xlsx"),
        (HIDDEN_COLUMN_XLS.read_bytes, "清单.xls"),
        (HIDDEN_COLUMN_ODS.read_bytes, "清单.ods"),
    ],
)
def test_hidden_columns_are_not_read_as_owners(read: Callable[[], bytes], filename: str) -> None:
    """A hidden 原责任单位 column left of 责任单位 and a hidden 备注 column are not read: each
    measure's owner is the unit the office sees, and the title merged across them is kept."""
    plan = parse_plan(read(), filename)
    assert plan.title == "XX县2025年优化营商环境重点任务责任清单"
    assert [(m.title, m.lead_units, m.units, m.deadline.raw) for m in plan.measures] == [
        ("推行企业开办“一网通办”", ("县行政审批局",), (), "2025年6月30日"),
        ("开展涉企收费专项检查", ("县市场监管局",), (), "2025年9月底前"),
        ("落实中小企业融资风险补偿", ("县财政局",), (), "长期坚持"),
    ]
    assert not any("并入" in m.body for m in plan.measures)
