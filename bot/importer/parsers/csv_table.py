"""CSV responsibility tables in UTF-8 (with or without BOM) or GBK."""

from __future__ import annotations

from pathlib import PurePath

from bot.importer.decoding import decode_text, looks_binary
from bot.importer.errors import FailureReason, PlanImportError
from bot.importer.model import ParsedPlan
from bot.importer.outline import SourceText
from bot.importer.parsers.base import ParseOptions
from bot.importer.parsers.tables import Grid, normalise_cell
from bot.importer.parsers.tabular import plan_from_document
from bot.text.tables import TableError, read_delimited


class CsvParser:
    """Reads comma-, tab- or semicolon-separated tables."""

    name = "csv"

    def detect(self, data: bytes, filename: str) -> bool:
        """Files named .csv or .tsv that are text."""
        return PurePath(filename).suffix.lower() in (".csv", ".tsv") and not looks_binary(data)

    def parse(self, data: bytes, options: ParseOptions) -> ParsedPlan:
        """Decode, split into cells and parse the table.

        Blank task cells continue the task above, as merged cells did before export.
        """
        grid = read_grid(decode_text(data))
        source = SourceText.build([(grid.text(), None, 0)])
        return plan_from_document(
            source, [grid], options, infer_merges=True, text_beside_tables=False
        )


def read_grid(text: str) -> Grid:
    """The cells of a CSV text, with the delimiter sniffed from its first lines."""
    try:
        sheet = read_delimited(text)
    except TableError as error:
        raise PlanImportError(
            FailureReason.CORRUPT, "importer.csv_malformed", error=error.params.get("reason", "")
        ) from error
    return Grid(tuple(tuple(normalise_cell(cell) for cell in row) for row in sheet.rows))
