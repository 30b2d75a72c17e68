"""Old Excel workbooks (.xls, Excel 97–2003), read with xlrd: every sheet with its merged cells
filled, then parsed like an .xlsx table. Old Word (.doc) and WPS files share the compound-file
signature but hold no ``Workbook`` stream; they are still refused with the request to save
them as .docx/.xlsx.
"""

from __future__ import annotations

import logging
from pathlib import PurePath
from typing import Any

from bot.importer.decoding import LEGACY_OFFICE
from bot.importer.model import ParsedPlan
from bot.importer.outline import SourceText
from bot.importer.parsers.base import ParseOptions
from bot.importer.parsers.tables import Grid, Span, normalise_cell
from bot.importer.parsers.tabular import plan_from_document
from bot.importer.parsers.xlsx_table import corrupt
from bot.text.tables import Limits, cell_text

_WORKBOOK_STREAM = "Workbook".encode("utf-16-le")
"""The name of the BIFF8 stream in the compound file's directory (``Book`` in Excel 5)."""

_WORD_SUFFIXES = frozenset({".doc", ".dot", ".wps", ".wpt"})

logger = logging.getLogger(__name__)


class XlsParser:
    """Reads .xls workbooks (BIFF5/BIFF8) with xlrd."""

    name = "xls"

    def detect(self, data: bytes, filename: str) -> bool:
        """A compound file named .xls, or one holding a workbook stream not named as a Word or
        WPS document (a .doc with an Excel table pasted in holds one too)."""
        if not data.startswith(LEGACY_OFFICE):
            return False
        suffix = PurePath(filename).suffix.lower()
        return suffix == ".xls" or (suffix not in _WORD_SUFFIXES and _WORKBOOK_STREAM in data)

    def parse(self, data: bytes, options: ParseOptions) -> ParsedPlan:
        """Read every sheet as a grid and parse the responsibility table in it."""
        grids = load_xls_grids(data)
        source = SourceText.build((grid.text(), None, 0) for grid in grids)
        return plan_from_document(source, grids, options, text_beside_tables=False)


_LIMITS = Limits()


def load_xls_grids(data: bytes, limits: Limits = _LIMITS) -> list[Grid]:
    """Every worksheet Excel shows (hidden ones left out) as a grid of cell text, merged
    ranges filled from their anchor."""
    import xlrd

    try:
        book = xlrd.open_workbook(
            file_contents=data, formatting_info=True, on_demand=True, logfile=_Quiet()
        )
    except Exception as error:  # xlrd raises many kinds for a damaged or non-Excel file
        logger.info("unreadable .xls: %s", error)
        raise corrupt("Excel") from error
    try:
        sheets = [book.sheet_by_index(i) for i in range(book.nsheets)]
        shown = [sheet for sheet in sheets if sheet.visibility == 0] or sheets  # not hidden
        return [_grid(book, sheet, limits) for sheet in shown]
    except Exception as error:
        logger.info("unreadable .xls sheet: %s", error)
        raise corrupt("Excel") from error
    finally:
        book.release_resources()


class _Quiet:
    """A log file for xlrd that keeps its warnings out of the output."""

    def write(self, text: str) -> int:
        return len(text)


def _grid(book: Any, sheet: Any, limits: Limits) -> Grid:
    height, width = min(sheet.nrows, limits.max_rows), min(sheet.ncols, limits.max_columns)
    rows = [[_cell(book, sheet.cell(r, c)) for c in range(width)] for r in range(height)]
    spans: dict[tuple[int, int], Span] = {}
    for top, bottom, left, right in sheet.merged_cells:  # bottom and right are exclusive
        if top >= height or left >= width:
            continue
        value = rows[top][left]
        for r in range(top, min(bottom, height)):
            for c in range(left, min(right, width)):
                rows[r][c] = value
                spans[(r, c)] = (top, left, bottom - 1, right - 1)
    cells = tuple(tuple(normalise_cell(text) for text in row) for row in rows)
    return Grid(cells, spans, str(sheet.name))


def _cell(book: Any, cell: Any) -> str:
    import xlrd

    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            return cell_text(xlrd.xldate.xldate_as_datetime(cell.value, book.datemode))
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            return cell_text(cell.value)
    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
        return ""
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return "是" if cell.value else "否"
    return cell_text(cell.value)
