"""A parsed plan as an Excel workbook: one sheet of measures, one of targets."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from bot.importer.model import Indicator, ParsedMeasure, ParsedPlan
from bot.text.cells import safe_row

_MEASURE_COLUMNS: tuple[tuple[str, int], ...] = (
    ("编号", 9),
    ("部分", 18),
    ("章节", 22),
    ("序号", 6),
    ("标题", 30),
    ("牵头领导", 12),
    ("牵头单位", 20),
    ("责任单位", 24),
    ("配合单位", 20),
    ("完成时限", 18),
    ("截止日期", 12),
    ("指标", 30),
    ("内容", 80),
)
_TARGET_COLUMNS: tuple[tuple[str, int], ...] = (
    ("名称", 40),
    ("数值", 10),
    ("单位", 10),
    ("待填", 8),
)
_WRAPPED = frozenset({"标题", "指标", "内容"})


def plan_to_xlsx(plan: ParsedPlan) -> bytes:
    """The workbook bytes: bold frozen headers, column widths suited to Chinese text."""
    workbook = Workbook()
    measures = workbook.active
    assert measures is not None
    measures.title = "措施"
    _header(measures, _MEASURE_COLUMNS)
    for measure in plan.measures:
        measures.append(safe_row(_measure_row(measure)))  # plan text never becomes a formula
    _format(measures, _MEASURE_COLUMNS)
    targets = workbook.create_sheet("目标")
    _header(targets, _TARGET_COLUMNS)
    for target in plan.targets:
        flag = "是" if target.placeholder else ""
        targets.append(safe_row([target.name, target.value, target.unit, flag]))
    _format(targets, _TARGET_COLUMNS)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def indicator_text(indicator: Indicator) -> str:
    """An indicator as one short phrase, e.g. ``培育优质种苗 XXX 万株``."""
    value = (
        "XXX"
        if indicator.placeholder
        else ("" if indicator.value is None else f"{indicator.value:g}")
    )
    return " ".join(part for part in (indicator.name, value, indicator.unit or "") if part)


def _measure_row(measure: ParsedMeasure) -> list[object]:
    return [
        measure.id,
        measure.part or "",
        measure.section or "",
        measure.marker or "",
        measure.title,
        measure.lead_leader or "",
        "、".join(measure.lead_units),
        "、".join(measure.units),
        "、".join(measure.co_units),
        measure.deadline.raw or "",
        measure.deadline.date,
        "；".join(indicator_text(i) for i in measure.indicators),
        measure.body,
    ]


def _header(sheet: Worksheet, columns: tuple[tuple[str, int], ...]) -> None:
    sheet.append([name for name, _ in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"


def _format(sheet: Worksheet, columns: tuple[tuple[str, int], ...]) -> None:
    for index, (name, width) in enumerate(columns, start=1):
        letter = sheet.cell(row=1, column=index).column_letter
        sheet.column_dimensions[letter].width = width
        for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
            if name in _WRAPPED:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            if name == "截止日期" and cell.value is not None:
                cell.number_format = "yyyy-mm-dd"
