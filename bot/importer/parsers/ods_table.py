"""OpenDocument spreadsheets (.ods, as WPS and LibreOffice save them), read by the one table
reader (``bot.text.tables``): every shown sheet with its spanned cells filled, hidden rows and
columns left out, then parsed like an .xlsx table."""

from __future__ import annotations

from pathlib import PurePath

from bot.importer.model import ParsedPlan
from bot.importer.outline import SourceText
from bot.importer.parsers.base import ParseOptions
from bot.importer.parsers.tables import Grid
from bot.importer.parsers.tabular import plan_from_document
from bot.importer.parsers.xlsx_table import grids_of, unreadable
from bot.text.tables import TableError, read_spreadsheet

_MIME = b"application/vnd.oasis.opendocument.spreadsheet"


class OdsParser:
    """Reads OpenDocument spreadsheets with the standard library's XML parser."""

    name = "ods"

    def detect(self, data: bytes, filename: str) -> bool:
        """A zip named .ods, or one whose ``mimetype`` says OpenDocument spreadsheet."""
        if not data.startswith(b"PK\x03\x04"):
            return False
        if PurePath(filename).suffix.lower() == ".ods":
            return True
        return data[30:38] == b"mimetype" and _MIME in data[38:120]

    def parse(self, data: bytes, options: ParseOptions) -> ParsedPlan:
        """Read every shown sheet as a grid and parse the responsibility table in it."""
        grids = load_ods_grids(data)
        source = SourceText.build((grid.text(), None, 0) for grid in grids)
        return plan_from_document(source, grids, options, text_beside_tables=False)


def load_ods_grids(data: bytes) -> list[Grid]:
    """Every shown sheet as a grid of cell text, spanned cells filled from their anchor."""
    try:
        return grids_of(read_spreadsheet(data))
    except TableError as error:
        raise unreadable(error, "OpenDocument") from error
