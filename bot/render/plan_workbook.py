"""A parsed plan as an Excel workbook: one sheet of measures, one of targets (``duban plan
parse --format xlsx``), headed in the catalog's words."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from bot.domain.plan import named
from bot.i18n import t
from bot.importer.model import Indicator, ParsedMeasure, ParsedPlan
from bot.text.cells import safe_row

#: Column widths, in the order of the catalog's headers (``plan.workbook.*_header``).
_MEASURE_WIDTHS = (9, 18, 22, 6, 30, 12, 20, 24, 20, 18, 12, 30, 80)
_TARGET_WIDTHS = (40, 10, 10, 8)
_WRAPPED = frozenset({4, 11, 12})  # 标题, 指标, 内容: long text wraps
_DATE = 10  # 截止日期


def plan_to_xlsx(plan: ParsedPlan, lang: str = "zh") -> bytes:
    """The workbook bytes: bold frozen headers, column widths suited to Chinese text."""
    workbook = Workbook()
    measures = workbook.active
    assert measures is not None
    measures.title = t("plan.workbook.sheet_measures", lang)
    _header(measures, t("plan.workbook.measures_header", lang).split("|"))
    for measure in plan.measures:
        measures.append(safe_row(_measure_row(measure)))  # plan text never becomes a formula
    _format(measures, _MEASURE_WIDTHS)
    targets = workbook.create_sheet(t("plan.workbook.sheet_targets", lang))
    _header(targets, t("plan.workbook.targets_header", lang).split("|"))
    yes = t("plan.workbook.yes", lang)
    for target in plan.targets:
        flag = yes if target.placeholder else ""
        targets.append(safe_row([target.name, target.value, target.unit, flag]))
    _format(targets, _TARGET_WIDTHS)
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
        named(measure.title, measure.marks),
        measure.lead_leader or "",
        "、".join(measure.lead_units),
        "、".join(measure.units),
        "、".join(measure.co_units),
        measure.deadline.raw or "",
        measure.deadline.date,
        "；".join(indicator_text(i) for i in measure.indicators),
        measure.body,
    ]


def _header(sheet: Worksheet, names: list[str]) -> None:
    sheet.append(names)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"


def _format(sheet: Worksheet, widths: tuple[int, ...]) -> None:
    for index, width in enumerate(widths):
        letter = sheet.cell(row=1, column=index + 1).column_letter
        sheet.column_dimensions[letter].width = width
        for (cell,) in sheet.iter_rows(min_row=2, min_col=index + 1, max_col=index + 1):
            if index in _WRAPPED:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            if index == _DATE and cell.value is not None:
                cell.number_format = "yyyy-mm-dd"
