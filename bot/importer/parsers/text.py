"""Plain-text plans (.txt and anything else that decodes as text)."""

from __future__ import annotations

import re
from pathlib import PurePath

from bot.importer.decoding import decode_text, looks_binary
from bot.importer.errors import FailureReason, PlanImportError
from bot.importer.model import ParsedPlan
from bot.importer.normalise import normalise_text
from bot.importer.outline import SourceText
from bot.importer.parsers.base import ParseOptions
from bot.importer.parsers.csv_table import read_grid
from bot.importer.parsers.tabular import plan_from_document
from bot.importer.parsers.text_tables import find_text_tables

_OTHER_FORMATS = frozenset(
    {
        ".docx",
        ".xlsx",
        ".xlsm",
        ".csv",
        ".tsv",
        ".md",
        ".markdown",
        ".doc",
        ".xls",
        ".pdf",
        ".wps",
        ".et",
    }
)


class TextParser:
    """Reads plain text in UTF-8 or GBK/GB18030."""

    name = "text"

    def detect(self, data: bytes, filename: str) -> bool:
        """Any text file whose extension no other parser claims."""
        suffix = PurePath(filename).suffix.lower()
        return (
            suffix not in _OTHER_FORMATS
            and not data.startswith(b"PK\x03\x04")
            and (not looks_binary(data))
        )

    def parse(self, data: bytes, options: ParseOptions) -> ParsedPlan:
        """Decode, normalise and parse the numbered structure; a spreadsheet saved as text
        (Excel's "Unicode text") is read as the table it is."""
        decoded = decode_text(data)
        if is_spreadsheet_export(decoded):
            grid = read_grid(decoded)
            source = SourceText.build([(grid.text(), None, 0)])
            return plan_from_document(
                source, [grid], options, infer_merges=True, text_beside_tables=False
            )
        text = normalise_text(decoded)
        if not text:
            raise PlanImportError(FailureReason.EMPTY, "importer.no_text")
        source = SourceText.plain(text)
        return plan_from_document(source, [], options, text_tables=find_text_tables(source))


_QUOTED_BREAK = re.compile(r'(?:^|\t)"(?:[^"\t\n]|"")*\n', re.MULTILINE)
"""A quoted cell that goes on past its line: a spreadsheet cell with a line break in it."""


def is_spreadsheet_export(text: str) -> bool:
    """Whether a text file is a spreadsheet saved as tab-separated text, with quoted cells
    running over several lines (which only a delimited-table reader puts back together)."""
    lines = [line for line in text.splitlines() if line.strip()]
    tabbed = sum(1 for line in lines if "\t" in line)
    return (
        bool(lines)
        and "\t" in lines[0]
        and tabbed * 2 >= len(lines)
        and _QUOTED_BREAK.search(text) is not None
    )
