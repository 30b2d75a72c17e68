"""The parser registry: picks the first parser whose ``detect`` accepts the upload."""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from pathlib import PurePath

from bot.importer.decoding import check_size, reject_known_binary
from bot.importer.errors import FailureReason, PlanImportError, Term
from bot.importer.model import ParsedPlan
from bot.importer.parsers.base import ParseOptions, PlanParser
from bot.importer.parsers.csv_table import CsvParser
from bot.importer.parsers.doc_plan import DocParser
from bot.importer.parsers.docx_plan import DocxParser
from bot.importer.parsers.html_page import HtmlParser
from bot.importer.parsers.markdown import MarkdownParser
from bot.importer.parsers.ods_table import OdsParser
from bot.importer.parsers.odt_plan import OdtParser
from bot.importer.parsers.pdf_plan import PdfParser
from bot.importer.parsers.rtf_plan import RtfParser
from bot.importer.parsers.text import TextParser
from bot.importer.parsers.xls_table import XlsParser
from bot.importer.parsers.xlsx_table import XlsxParser, corrupt

DEFAULT_PARSERS: tuple[PlanParser, ...] = (
    DocxParser(),
    XlsxParser(),
    DocParser(),
    XlsParser(),
    OdsParser(),
    OdtParser(),
    RtfParser(),
    CsvParser(),
    MarkdownParser(),
    HtmlParser(),
    PdfParser(),
    TextParser(),
)


def pick_parser(
    data: bytes, filename: str, parsers: Sequence[PlanParser] = DEFAULT_PARSERS
) -> PlanParser:
    """The first parser that detects ``data``; a :class:`PlanImportError` says why none does."""
    for parser in parsers:
        if parser.detect(data, filename):
            return parser
    reject_known_binary(data)
    raise PlanImportError(
        FailureReason.UNSUPPORTED if data.startswith(b"PK") else FailureReason.BINARY,
        "importer.unrecognised",
        suffix=PurePath(filename).suffix.lower() or Term("importer.no_suffix"),
    )


_DAMAGED_ZIP = (NotImplementedError, zlib.error)
"""What :mod:`zipfile` raises for a damaged zip past the zip errors the table reader expects:
a header asking for a zip version it cannot read, a broken deflate stream."""
_ZIP_KINDS = {"docx": "Word", "xlsx": "Excel", "ods": "OpenDocument", "odt": "OpenDocument"}


def parse_with(
    data: bytes, options: ParseOptions, parsers: Sequence[PlanParser] = DEFAULT_PARSERS
) -> ParsedPlan:
    """Check the upload, pick a parser and parse; a damaged zip is refused as damaged."""
    check_size(data)
    what = "zip"
    try:
        parser = pick_parser(data, options.filename, parsers)
        what = _ZIP_KINDS.get(parser.name, what)
        return parser.parse(data, options)
    except _DAMAGED_ZIP as error:
        raise corrupt(what) from error
