"""Text PDFs (.pdf), read with pypdf: the page text laid out as printed, page furniture removed,
tables put back into rows, then read as a plain-text plan.

pypdf's layout extraction places every glyph at its column on the page, so a table's cells keep
their columns (a cell wrapped over three lines is three pieces under one header cell) and a
paragraph's first-line indent survives. From that text:

* running headers and footers (the same line at the top or bottom of most pages, page numbers
  aside) and page-number lines are dropped;
* a table, found by its header row (序号 / 工作任务 / 责任单位 / 完成时限 …), becomes one
  tab-separated line per row: a line whose first column holds a number starts a row, the lines
  under it add to its cells column by column (also over a page break, where the header row
  printed again is skipped); in a table without a 序号 column the horizontal rules the page
  draws (:mod:`bot.importer.parsers.pdf_rules`) open the rows instead, and in one drawn with
  no rules either a vertical gap (a blank laid-out line) or a new time limit starting in the
  deadline column under a whole one does; a lone 一、… line is a category row merged across
  the table;
* the spaces layout puts around digits and Latin letters inside Chinese text are removed;
* the rest is the plain-text pipeline's (lines broken at the page width joined back).

A PDF with no text layer (a scan), or whose text is not characters (a font embedded without
its character map), is refused with the request for the Word original or a text version: there
is no OCR.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from io import BytesIO
from typing import Any

from bot.importer.decoding import text_share
from bot.importer.errors import FailureReason, PlanImportError
from bot.importer.markers import MarkerKind, match_marker
from bot.importer.model import ParsedPlan
from bot.importer.normalise import is_artifact_line
from bot.importer.parsers.base import ParseOptions
from bot.importer.parsers.columns import Column, classify, find_header
from bot.importer.parsers.pdf_rules import ROW_RULE, with_row_rules
from bot.importer.parsers.text import TextParser

_MAX_PAGES = 300
"""Pages read at most; a plan is rarely over 50 (its annexed tables included)."""
_MIN_CHARS_PER_PAGE = 20
"""Fewer text characters than this per page on average: a scan, not a text PDF."""
_READABLE_SHARE = 0.8
"""Least share of CJK, ASCII and punctuation in a readable text layer."""
_SAMPLE = 20_000
_CELL_GAP = re.compile(r"\S(?:\s?\S)*")
"""A run of text with at most single spaces in it: one cell piece of a laid-out table line."""
_SEQ_CELL = re.compile(r"^\d{1,4}$")
_WIDE = r"[^\x00-\x7f]"
_SPACE_BETWEEN = re.compile(rf"(?<={_WIDE})[ \u3000]+(?=[^\s])|(?<=[^\s])[ \u3000]+(?={_WIDE})")
_DIGITS = re.compile(r"\d+")
_CATEGORY_KINDS = frozenset(
    {MarkerKind.CN_COMMA, MarkerKind.CN_PAREN, MarkerKind.CHAPTER, MarkerKind.SECTION}
)
_LIMIT_START = re.compile(
    r"\d{4}|\d{1,2}月|年底|年内|年中|长期|持续|常态|每|[上下]半年|第?[一二三四]季度"
)
_LIMIT_END = re.compile(r"(?:前|底|末|日|号|止|内|坚持|推进|开展|季度|半年)$")
_HEADER_SLACK = 2
"""Columns a cell piece may start left of its header cell and still belong to it."""

logger = logging.getLogger(__name__)


class PdfParser:
    """Reads PDFs that carry a text layer."""

    name = "pdf"

    def detect(self, data: bytes, filename: str) -> bool:
        """A PDF file (its ``%PDF`` signature, whatever the name)."""
        return data.startswith(b"%PDF")

    def parse(self, data: bytes, options: ParseOptions) -> ParsedPlan:
        """Extract the laid-out text of every page, clean it and parse it as a text plan."""
        text = pdf_text(data)  # a damaged font map may give lone surrogates: replaced
        return TextParser().parse(text.encode("utf-8", errors="replace"), options)


def pdf_text(data: bytes) -> str:
    """The text of a PDF as a plain-text plan: furniture dropped, tables as tab rows."""
    pages = _page_texts(data)
    check_text_layer([page.replace(ROW_RULE, "") for page in pages])
    lines = _without_furniture([page.splitlines() for page in pages])
    return "\n".join(tables_as_rows(lines))


def check_text_layer(pages: Sequence[str]) -> None:
    """Refuse a PDF whose pages hold (almost) no text, a scan, or whose text is not characters
    a plan is written in (a font embedded without its character map)."""
    glyphs = "".join(re.sub(r"\s", "", page) for page in pages)
    if len(glyphs) < _MIN_CHARS_PER_PAGE * len(pages):
        raise PlanImportError(FailureReason.UNSUPPORTED, "importer.pdf_scanned")
    if text_share(glyphs[:_SAMPLE]) < _READABLE_SHARE:
        raise PlanImportError(FailureReason.UNSUPPORTED, "importer.pdf_garbled")


def _page_texts(data: bytes) -> list[str]:
    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # font warnings are not the user's
    try:
        reader = PdfReader(BytesIO(data))
        encrypted = reader.is_encrypted and not reader.decrypt("")
    except Exception as error:  # pypdf raises many kinds for a damaged file
        logger.info("unreadable PDF: %s", error)
        raise PlanImportError(FailureReason.CORRUPT, "importer.corrupt", what="PDF") from error
    if encrypted:
        raise PlanImportError(FailureReason.UNSUPPORTED, "importer.pdf_encrypted")
    try:
        return [_page_text(page) for page in reader.pages[:_MAX_PAGES]]
    except Exception as error:
        logger.info("unreadable PDF page: %s", error)
        raise PlanImportError(FailureReason.CORRUPT, "importer.corrupt", what="PDF") from error


def _page_text(page: Any) -> str:
    """A page's text laid out as printed, or in reading order where layout fails."""
    try:
        text = str(page.extract_text(extraction_mode="layout"))
    except Exception as error:  # layout mode is the less travelled path through odd fonts
        logger.info("PDF page read without layout: %s", error)
        return str(page.extract_text())
    if any(_unnumbered_header(line) for line in text.splitlines()):
        return with_row_rules(page, text)  # only such a table needs its rules (twice the work)
    return text


def _unnumbered_header(line: str) -> bool:
    table = _table_header(line) if line.strip() else None
    return table is not None and not table.numbered


def _shape(line: str) -> str:
    """A line with its numbers blanked, so "— 2 —" and "— 3 —" are the same furniture."""
    return _DIGITS.sub("#", re.sub(r"\s+", "", line))


def _without_furniture(pages: Sequence[list[str]]) -> list[str]:
    """The lines of all pages in order, without page numbers and without the running header and
    footer lines (a first or last line that repeats on most pages)."""
    edges: Counter[str] = Counter()
    for lines in pages:
        text = [line for line in lines if line.strip() and line != ROW_RULE]
        edges.update(
            {_shape(line) for line in text[:2] + text[-2:] if _table_header(line) is None}
        )
    running = {
        shape for shape, count in edges.items() if len(pages) >= 2 and count * 2 > len(pages)
    }
    out: list[str] = []
    for lines in pages:
        for line in lines:
            stripped = line.strip()
            if line == ROW_RULE:
                out.append(line)
                continue
            if not stripped or _shape(line) in running or is_artifact_line(stripped):
                if not stripped:
                    out.append("")
                continue
            out.append(line.rstrip())
    return out


@dataclass(slots=True)
class _Table:
    """A table being read: its header cells' columns and texts, and the rows so far."""

    starts: list[int]
    header: list[str]
    numbered: bool = True
    """Whether a 序号 column starts the rows; else the drawn rules between rows do."""
    rows: list[list[str]] = field(default_factory=list)
    widths: list[int] = field(default_factory=list)
    ruled: bool = False
    rule_above: bool = False
    gap_above: bool = False
    """A blank line (a vertical gap) was laid out above the next line."""

    def __post_init__(self) -> None:
        self.widths = [len(text) for text in self.header]

    def column_of(self, position: int) -> int:
        """The index of the column a piece starting at ``position`` falls in."""
        index = 0
        for i, start in enumerate(self.starts):
            if position + _HEADER_SLACK >= start:
                index = i
        return index

    def add(self, pieces: list[tuple[int, str]]) -> bool:
        """Add one laid-out line to the table; False when it is no part of it."""
        cells = [(self.column_of(position), text) for position, text in pieces]
        if [text for _, text in pieces] == self.header:
            self.starts = [position for position, _ in pieces]  # printed again on a new page,
            return True  # where the columns may sit a little differently
        if len(pieces) == 1 and _is_category(pieces[0][1]):
            self.rows.append([_tighten(pieces[0][1])] + [""] * (len(self.starts) - 1))
            self.rule_above = False
            return True  # a row merged across the table: 一、重点行业领域
        if not self.numbered and self.ruled:
            if not self._starts_ruled_row(cells, pieces):
                return False
        elif not self.numbered:
            if not self._starts_spaced_row(cells, pieces):
                return False
        elif cells[0][0] == 0 and _SEQ_CELL.match(cells[0][1]):
            self.rows.append([""] * len(self.starts))
        elif not self.rows or cells[0][0] == 0 or not self._fits(pieces):
            return False
        self.gap_above = False
        row = self.rows[-1]
        for (position, text), (column, _) in zip(pieces, cells, strict=True):
            row[column] += _tighten(text)
            self.widths[column] = max(
                self.widths[column], position + len(text) - self.starts[column]
            )
        return True

    def rule(self) -> None:
        """A horizontal rule is drawn under the last line: a row ends there."""
        self.ruled = self.rule_above = True

    def _starts_ruled_row(
        self, cells: list[tuple[int, str]], pieces: list[tuple[int, str]]
    ) -> bool:
        """In a table without numbers, whether a line belongs to it: below a rule a line with a
        first-column cell opens a row, other lines go on the row above."""
        if not self._fits(pieces):
            return False
        if self.rule_above:
            if cells[0][0] != 0:
                return False  # under the closing rule: text after the table
            self.rows.append([""] * len(self.starts))
            self.rule_above = False
        return bool(self.rows)

    def gap(self) -> None:
        """A blank line is laid out under the last line: rows drawn without rules end there."""
        self.gap_above = True

    def _starts_spaced_row(
        self, cells: list[tuple[int, str]], pieces: list[tuple[int, str]]
    ) -> bool:
        """In a table with neither numbers nor rules, whether a line belongs to it: after a
        vertical gap (or as the first row) a line with a first-column cell opens a row, other
        lines go on the row above."""
        if not self._fits(pieces):
            return False
        if self.gap_above or not self.rows or self._new_deadline(cells):
            if cells[0][0] != 0:
                return False
            self.rows.append([""] * len(self.starts))
        return True

    def _new_deadline(self, cells: list[tuple[int, str]]) -> bool:
        """Whether a line starts a new time limit (``2025年10月``, ``年底前``) in the deadline
        column while the row above already holds a whole one (``2025年11月底前``): rows set
        close, with no gap between them, part there."""
        column = next(
            (i for i, text in enumerate(self.header) if classify(text) is Column.DEADLINE), None
        )
        piece = next((text for index, text in cells if index == column), None)
        if column is None or piece is None or not self.rows:
            return False
        return bool(_LIMIT_END.search(self.rows[-1][column]) and _LIMIT_START.match(piece))

    def _fits(self, pieces: list[tuple[int, str]]) -> bool:
        """Whether every piece of a line under a row stays inside its column, and a lone piece
        no wider than its column's text so far (a closing signature or date line is neither)."""
        for position, text in pieces:
            column = self.column_of(position)
            end = position + len(text)
            if column + 1 < len(self.starts) and end > self.starts[column + 1] + _HEADER_SLACK:
                return False
            lone = len(pieces) == 1
            if lone and end - self.starts[column] > self.widths[column] + _HEADER_SLACK:
                return False
        return True

    def lines(self) -> list[str]:
        """The header and every row as tab-separated lines."""
        return ["\t".join(self.header)] + ["\t".join(row) for row in self.rows]


def _is_category(text: str) -> bool:
    """Whether a lone piece of text under a table's header is a category row (一、… （一）…)."""
    marker = match_marker(text.strip())
    return marker is not None and marker.kind in _CATEGORY_KINDS and marker.content < len(text)


def _pieces(line: str) -> list[tuple[int, str]]:
    """The (position, text) pieces of a laid-out line, split at runs of two or more spaces
    (layout text gives every character one position, Chinese or not)."""
    return [(match.start(), match.group()) for match in _CELL_GAP.finditer(line)]


def _table_header(line: str) -> _Table | None:
    pieces = _pieces(line)
    header = find_header([[text for _, text in pieces]]) if len(pieces) >= 3 else None
    if header is None:
        return None
    numbered = header.has(Column.SEQ)
    return _Table([position for position, _ in pieces], [text for _, text in pieces], numbered)


def tables_as_rows(lines: Sequence[str]) -> list[str]:
    """Lines with every laid-out table replaced by tab rows and spacing inside text removed."""
    out: list[str] = []
    table: _Table | None = None
    for line in lines:
        if line == ROW_RULE:
            if table is not None:
                table.rule()
            continue
        if table is not None:
            if not line.strip():
                table.gap()
                continue
            if table.add(_pieces(line)):
                continue
            out.extend(table.lines())
            table = None
        table = _table_header(line) if line.strip() else None
        if table is None:
            out.append(_tighten(line))
    if table is not None:
        out.extend(table.lines())
    return out


def _tighten(line: str) -> str:
    """A laid-out line without the spaces set around digits and Latin text inside Chinese,
    keeping its indent (a paragraph's first line)."""
    body = line.lstrip(" ")
    return line[: len(line) - len(body)] + _SPACE_BETWEEN.sub("", body)
