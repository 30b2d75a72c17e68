"""Plain-text plans (.txt and anything else that decodes as text)."""

from __future__ import annotations

from pathlib import PurePath

from bot.importer.decoding import decode_text, looks_binary
from bot.importer.errors import FailureReason, PlanImportError
from bot.importer.model import ParsedPlan
from bot.importer.normalise import normalise_text
from bot.importer.outline import SourceText
from bot.importer.parsers.base import ParseOptions
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
        """Decode, normalise and parse the numbered structure."""
        text = normalise_text(decode_text(data))
        if not text:
            raise PlanImportError(FailureReason.EMPTY, "importer.no_text")
        source = SourceText.plain(text)
        return plan_from_document(source, [], options, text_tables=find_text_tables(source))
