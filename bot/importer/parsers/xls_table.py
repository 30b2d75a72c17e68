"""Old Excel workbooks (.xls, Excel 97–2003), read by the one table reader (``bot.text.tables``,
with xlrd): every shown sheet with its merged cells filled, hidden rows and columns left out,
then parsed like an .xlsx table. Old Word (.doc) and WPS files share the compound-file signature;
their parser comes first and takes every file with a Word stream.
"""

from __future__ import annotations

from pathlib import PurePath

from bot.importer.decoding import LEGACY_OFFICE
from bot.importer.model import ParsedPlan
from bot.importer.outline import SourceText
from bot.importer.parsers.base import ParseOptions
from bot.importer.parsers.tables import Grid
from bot.importer.parsers.tabular import plan_from_document
from bot.importer.parsers.xlsx_table import corrupt, grids_of
from bot.text.tables import TableError, read_old_workbook

_WORKBOOK_STREAM = "Workbook".encode("utf-16-le")
"""The name of the BIFF8 stream in the compound file's directory (``Book`` in Excel 5)."""


class XlsParser:
    """Reads .xls workbooks (BIFF5/BIFF8) with xlrd."""

    name = "xls"

    def detect(self, data: bytes, filename: str) -> bool:
        """A compound file named .xls, or one holding a workbook stream whatever its name (a
        Word document with an Excel table pasted in, which holds one too, is taken by the Word
        reader before)."""
        if not data.startswith(LEGACY_OFFICE):
            return False
        return PurePath(filename).suffix.lower() == ".xls" or _WORKBOOK_STREAM in data

    def parse(self, data: bytes, options: ParseOptions) -> ParsedPlan:
        """Read every sheet as a grid and parse the responsibility table in it."""
        grids = load_xls_grids(data)
        source = SourceText.build((grid.text(), None, 0) for grid in grids)
        return plan_from_document(source, grids, options, text_beside_tables=False)


def load_xls_grids(data: bytes) -> list[Grid]:
    """Every worksheet as a grid of cell text, merged ranges filled from their anchor."""
    try:
        return grids_of(read_old_workbook(data))
    except TableError as error:
        raise corrupt("Excel") from error
