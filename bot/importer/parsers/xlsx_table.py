"""Excel responsibility tables (.xlsx): every sheet with a header row, merged cells filled."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import PurePath
from typing import Any

from bot.importer.errors import FailureReason, PlanImportError
from bot.importer.model import ParsedPlan
from bot.importer.outline import SourceText
from bot.importer.parsers.base import ParseOptions
from bot.importer.parsers.tables import Grid, Span, normalise_cell
from bot.importer.parsers.tabular import plan_from_document

MAX_ROWS = 5000
MAX_COLUMNS = 60
MAX_UNPACKED = 200 * 1024 * 1024


class XlsxParser:
    """Reads .xlsx workbooks with openpyxl."""

    name = "xlsx"

    def detect(self, data: bytes, filename: str) -> bool:
        """A zip whose extension is .xlsx/.xlsm or which contains a workbook part."""
        if not data.startswith(b"PK\x03\x04"):
            return False
        if PurePath(filename).suffix.lower() in (".xlsx", ".xlsm"):
            return True
        return "xl/workbook.xml" in zip_names(data)

    def parse(self, data: bytes, options: ParseOptions) -> ParsedPlan:
        """Read every sheet as a grid and parse the responsibility table in it."""
        grids = load_grids(data)
        source = SourceText.build((grid.text(), None, 0) for grid in grids)
        return plan_from_document(source, grids, options, text_beside_tables=False)


def zip_names(data: bytes) -> set[str]:
    """Member names of a zip upload, or an empty set when it is not a readable zip."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return set()


def check_unpacked_size(data: bytes, what: str) -> None:
    """Refuse zips that unpack to more than :data:`MAX_UNPACKED` bytes (zip bombs)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            total = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise corrupt(what) from error
    if total > MAX_UNPACKED:
        raise PlanImportError(
            FailureReason.TOO_LARGE,
            f"{what}解压后过大（{total // 1024 // 1024} MB）。请只保留计划内容后重试。",
            f"The {what} unpacks to {total // 1024 // 1024} MB, which is too large.",
        )


def corrupt(what: str) -> PlanImportError:
    """The error for a document that its library cannot open."""
    return PlanImportError(
        FailureReason.CORRUPT,
        f"无法打开此{what}文件，文件可能已损坏或并非真正的{what}。"
        "请用 Office/WPS 打开后另存再试。",
        f"Could not open this {what} file; it may be damaged or not really a {what}. "
        "Open it in Office/WPS, save it again and retry.",
    )


def load_grids(data: bytes) -> list[Grid]:
    """Every worksheet as a grid of cell text, with merged ranges filled from their anchor."""
    from openpyxl import load_workbook  # only when a workbook is parsed

    check_unpacked_size(data, "Excel")
    try:
        workbook = load_workbook(io.BytesIO(data), data_only=True)
    except Exception as error:  # openpyxl raises many types for damaged files
        raise corrupt("Excel") from error
    return [_grid(sheet) for sheet in workbook.worksheets if hasattr(sheet, "merged_cells")]


def _grid(sheet: Any) -> Grid:
    rows = [[_text(value) for value in row[:MAX_COLUMNS]]
            for row in sheet.iter_rows(max_row=MAX_ROWS, values_only=True)]
    spans: dict[tuple[int, int], Span] = {}
    for merged in sheet.merged_cells.ranges:
        top, left = merged.min_row - 1, merged.min_col - 1
        span = (top, left, merged.max_row - 1, merged.max_col - 1)
        if top >= len(rows) or left >= MAX_COLUMNS:
            continue
        value = rows[top][left] if left < len(rows[top]) else ""
        for r in range(top, min(span[2] + 1, len(rows))):
            for c in range(left, min(span[3] + 1, len(rows[r]))):
                rows[r][c] = value
                spans[(r, c)] = span
    return Grid(tuple(tuple(row) for row in rows), spans, str(sheet.title))


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date):
        return f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return normalise_cell(str(value))
