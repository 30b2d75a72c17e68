"""Excel responsibility tables (.xlsx): every sheet with a header row, merged cells filled."""

from __future__ import annotations

from pathlib import PurePath

from bot.importer.errors import FailureReason, PlanImportError
from bot.importer.model import ParsedPlan
from bot.importer.outline import SourceText
from bot.importer.parsers.base import ParseOptions
from bot.importer.parsers.tables import Grid, normalise_cell
from bot.importer.parsers.tabular import plan_from_document
from bot.text.tables import (
    Sheet,
    TableError,
    TableProblem,
    check_zip,
    read_workbook,
    zip_names,
)


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


def check_unpacked_size(data: bytes, what: str) -> None:
    """Refuse zips whose declared sizes make them zip bombs, and zips that do not open."""
    try:
        check_zip(data)
    except TableError as error:
        raise unreadable(error, what) from error


def unreadable(error: TableError, what: str) -> PlanImportError:
    """The importer's error for a zip document the table reader refused."""
    if error.problem is TableProblem.BOMB:
        unpacked = error.params.get("unpacked")
        mib = unpacked // 1024 // 1024 if isinstance(unpacked, int) else 0
        return PlanImportError(
            FailureReason.TOO_LARGE, "importer.unpacked_too_large", what=what, mib=mib
        )
    return corrupt(what)


def corrupt(what: str) -> PlanImportError:
    """The error for a document that its library cannot open."""
    return PlanImportError(FailureReason.CORRUPT, "importer.corrupt", what=what)


def load_grids(data: bytes) -> list[Grid]:
    """Every worksheet as a grid of cell text, with merged ranges filled from their anchor."""
    try:
        sheets = read_workbook(data)
    except TableError as error:
        raise unreadable(error, "Excel") from error
    return grids_of(sheets)


def grids_of(sheets: list[Sheet]) -> list[Grid]:
    """Worksheets read by ``bot.text.tables`` as the importer's grids (cells normalised)."""
    return [
        Grid(tuple(tuple(normalise_cell(c) for c in row) for row in s.rows), s.spans, s.title)
        for s in sheets
    ]
