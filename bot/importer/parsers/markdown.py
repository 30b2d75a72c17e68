"""Markdown plans: ``#`` headings, ``-``/``1.`` lists (nested by indent), pipe tables and
grid tables (``+---+`` borders, a row's cells running over several lines)."""

from __future__ import annotations

import re
from pathlib import PurePath

from bot.importer.decoding import decode_text, looks_binary
from bot.importer.model import ParsedPlan
from bot.importer.normalise import split_lines
from bot.importer.outline import SourceText
from bot.importer.parsers.base import ParseOptions
from bot.importer.parsers.tables import Grid
from bot.importer.parsers.tabular import plan_from_document
from bot.importer.parsers.text_tables import find_text_tables

_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$")
_FENCE = re.compile(r"^(```|~~~)")
_RULE = re.compile(r"^(?:-{3,}|\*{3,}|_{3,}|={3,})$")
_TABLE_SEPARATOR = re.compile(r"^\|?[ \t]*:?-{2,}:?[ \t]*(?:\|[ \t]*:?-{2,}:?[ \t]*)*\|?$")
_GRID_BORDER = re.compile(r"^\+(?:[-=:]+\+)+$")
"""A grid table's border (``+----+------+``), as pandoc writes tables with long cells."""
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"\*\*|__|`")
_BREAK = re.compile(r"[ \t]*<br[ \t]*/?>[ \t]*", re.IGNORECASE)
"""``<br>`` in a pipe-table cell: the only way Markdown writes a line break inside a cell."""
_INDENT_STEP = 2
_Entry = tuple[str, int | None, int]


class MarkdownParser:
    """Reads .md files; headings give levels, list indentation nests list items."""

    name = "markdown"

    def detect(self, data: bytes, filename: str) -> bool:
        """Files named .md or .markdown that are text."""
        suffix = PurePath(filename).suffix.lower()
        return suffix in (".md", ".markdown", ".mdown") and not looks_binary(data)

    def parse(self, data: bytes, options: ParseOptions) -> ParsedPlan:
        """Turn the Markdown into lines and tables, then parse them."""
        entries, grids = read_markdown(decode_text(data))
        source = SourceText.build(entries)
        return plan_from_document(source, grids, options, text_tables=find_text_tables(source))


def read_markdown(text: str) -> tuple[list[_Entry], list[Grid]]:
    """Lines as (text, heading level, indent) and pipe tables as grids.

    Emphasis (``**``, ``__``, backticks) and link targets are dropped; the first line,
    when it is a level-1 heading, is the document title (heading level 0).
    """
    entries: list[_Entry] = []
    grids: list[Grid] = []
    table: list[tuple[str, ...]] = []
    fenced = False
    bordered = row_open = False  # a grid table (+---+) row runs until the next border
    for raw in split_lines(text):
        stripped = raw.strip()
        if _FENCE.match(stripped):
            fenced = not fenced
            continue
        if fenced or _RULE.match(stripped):
            continue
        if _GRID_BORDER.match(stripped):
            bordered, row_open = True, False
            continue
        if not stripped:
            if table:
                grids.append(Grid(tuple(table)))
                table = []
            bordered = row_open = False
            continue
        if stripped.startswith("|"):
            if not _TABLE_SEPARATOR.match(stripped):
                cells = tuple(_cell(cell) for cell in stripped.strip("|").split("|"))
                if bordered and row_open and table and len(cells) == len(table[-1]):
                    table[-1] = tuple(a + b for a, b in zip(table[-1], cells, strict=True))
                else:
                    table.append(cells)
                row_open = bordered
            continue
        if table:
            grids.append(Grid(tuple(table)))
            table = []
        bordered = row_open = False
        entries.append(_entry(raw, stripped, first=not entries))
    if table:
        grids.append(Grid(tuple(table)))
    return entries, grids


def _entry(raw: str, stripped: str, *, first: bool) -> _Entry:
    heading = _HEADING.match(stripped)
    if heading:
        level = len(heading.group(1))
        return _clean(heading.group(2)), 0 if first and level == 1 else level, 0
    expanded = raw.replace("\t", "    ")
    indent = (len(expanded) - len(expanded.lstrip(" "))) // _INDENT_STEP
    return _clean(stripped.lstrip(">").strip()), None, indent


def _cell(text: str) -> str:
    """A pipe-table cell: its ``<br>`` line breaks kept as lines, emphasis dropped."""
    return "\n".join(_clean(part) for part in _BREAK.split(text.strip()))


def _clean(text: str) -> str:
    return _EMPHASIS.sub("", _LINK.sub(r"\1", text))
