"""The parser registry: picks the first parser whose ``detect`` accepts the upload."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import PurePath

from bot.importer.decoding import check_size, reject_known_binary
from bot.importer.errors import FailureReason, PlanImportError
from bot.importer.model import ParsedPlan
from bot.importer.parsers.base import ParseOptions, PlanParser
from bot.importer.parsers.csv_table import CsvParser
from bot.importer.parsers.docx_plan import DocxParser
from bot.importer.parsers.markdown import MarkdownParser
from bot.importer.parsers.text import TextParser
from bot.importer.parsers.xlsx_table import XlsxParser

DEFAULT_PARSERS: tuple[PlanParser, ...] = (
    DocxParser(), XlsxParser(), CsvParser(), MarkdownParser(), TextParser(),
)


def pick_parser(data: bytes, filename: str,
                parsers: Sequence[PlanParser] = DEFAULT_PARSERS) -> PlanParser:
    """The first parser that detects ``data``; a :class:`PlanImportError` says why none does."""
    for parser in parsers:
        if parser.detect(data, filename):
            return parser
    reject_known_binary(data)
    suffix = PurePath(filename).suffix.lower() or "（无扩展名）"
    raise PlanImportError(
        FailureReason.UNSUPPORTED if data.startswith(b"PK") else FailureReason.BINARY,
        f"无法识别文件格式（{suffix}）。"
        "请上传 .txt、.md、.docx、.xlsx 或 .csv 格式的工作计划或责任清单。",
        f"Unrecognised file format ({suffix}). Expected a work plan or responsibility table "
        "as .txt, .md, .docx, .xlsx or .csv.",
    )


def parse_with(data: bytes, options: ParseOptions,
               parsers: Sequence[PlanParser] = DEFAULT_PARSERS) -> ParsedPlan:
    """Check the upload, pick a parser and parse."""
    check_size(data)
    return pick_parser(data, options.filename, parsers).parse(data, options)
