"""CSV responsibility tables in UTF-8 (with or without BOM) or GBK."""

from __future__ import annotations

import csv
import io
from pathlib import PurePath

from bot.importer.decoding import decode_text, looks_binary
from bot.importer.errors import FailureReason, PlanImportError
from bot.importer.model import ParsedPlan
from bot.importer.outline import SourceText
from bot.importer.parsers.base import ParseOptions
from bot.importer.parsers.tables import Grid, normalise_cell
from bot.importer.parsers.tabular import plan_from_document

_MAX_ROWS = 5000


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
        return plan_from_document(source, [grid], options, infer_merges=True,
                                  text_beside_tables=False)


def read_grid(text: str) -> Grid:
    """The cells of a CSV text, with the delimiter sniffed from its first lines."""
    sample = "\n".join(text.splitlines()[:20])
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",\t;，")
    except csv.Error:
        dialect = csv.excel
    try:
        rows = [tuple(normalise_cell(cell) for cell in row)
                for _, row in zip(range(_MAX_ROWS), csv.reader(io.StringIO(text), dialect),
                                  strict=False)]
    except csv.Error as error:
        raise PlanImportError(
            FailureReason.CORRUPT,
            f"CSV 文件格式有误（{error}）。请用 Excel/WPS 另存为 CSV 后重试。",
            f"The CSV file is malformed ({error}). Save it again as CSV from Excel/WPS.",
        ) from error
    return Grid(tuple(rows))
