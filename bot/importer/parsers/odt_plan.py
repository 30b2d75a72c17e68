"""OpenDocument text (.odt, saved by WPS or LibreOffice): a zip whose ``content.xml`` holds the
document. Headings keep their outline level, list items get the numbers the editor draws
(``style:num-format`` with its prefix and suffix), tables become grids with their merged
cells filled; comments, footnotes and tracked deletions are not read, nor text frames unless
they hold a table (a task table put in a frame is the plan's, a framed note is not).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePath
from xml.etree import ElementTree as ET

from bot.importer.model import ParsedPlan
from bot.importer.numerals import int_to_cn
from bot.importer.outline import SourceText
from bot.importer.parsers.base import ParseOptions
from bot.importer.parsers.columns import find_header
from bot.importer.parsers.tables import Grid, Span, normalise_cell
from bot.importer.parsers.tabular import typed_tables
from bot.importer.parsers.xlsx_table import check_unpacked_size, corrupt
from bot.text.tables import odf_name, zip_names

_MIME = b"application/vnd.oasis.opendocument.text"
_SKIPPED = frozenset(
    odf_name(name)
    for name in (
        "office:annotation",
        "text:note",
        "text:tracked-changes",
        "text:deletion",
        "text:bookmark-ref",
        "text:sequence-decls",
        "office:forms",
    )
) | {"{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}frame"}
_P, _H, _LIST, _TABLE = (odf_name(n) for n in ("text:p", "text:h", "text:list", "table:table"))
_ITEMS = frozenset({odf_name("text:list-item"), odf_name("text:list-header")})
_ROWS = frozenset(odf_name(n) for n in ("table:table-header-rows", "table:table-rows"))
_ROW_GROUPS = _ROWS | {odf_name("table:table-row-group")}
_CELL, _COVERED = odf_name("table:table-cell"), odf_name("table:covered-table-cell")
_FRAME_BOX = "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}text-box"
_MAX_REPEAT = 64
_OUTLINE = "\x00outline"
"""The key of the outline style (chapter numbering of headings) among the list styles."""
_Entry = tuple[str, int | None, int]
_DAMAGED = (zipfile.BadZipFile, ET.ParseError, EOFError, ValueError)
"""What reading a damaged zip member raises here: a bad header or offset (a broken deflate
stream is the registry's to refuse)."""


class OdtParser:
    """Reads OpenDocument text with the standard library's XML parser."""

    name = "odt"

    def detect(self, data: bytes, filename: str) -> bool:
        """A zip named .odt, or one whose ``mimetype`` says OpenDocument text."""
        if not data.startswith(b"PK\x03\x04"):
            return False
        if PurePath(filename).suffix.lower() == ".odt":
            return True
        return data[30:38] == b"mimetype" and _MIME in data[38:120]

    def parse(self, data: bytes, options: ParseOptions) -> ParsedPlan:
        """Read headings, paragraphs, lists and tables in document order and parse them."""
        check_unpacked_size(data, "OpenDocument")
        names = zip_names(data)
        if "content.xml" not in names:
            raise corrupt("OpenDocument")
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                root = ET.fromstring(archive.read("content.xml"))
                shared = (
                    ET.fromstring(archive.read("styles.xml")) if "styles.xml" in names else None
                )
        except _DAMAGED as error:
            raise corrupt("OpenDocument") from error
        parts = [part for part in (shared, root) if part is not None]
        reader = _Reader(
            {name: levels for part in parts for name, levels in _list_styles(part).items()},
            frozenset(name for part in parts for name in _hidden_styles(part)),
        )
        body = root.find(f"{odf_name('office:body')}/{odf_name('office:text')}")
        if body is not None:
            reader.read(body)
        return typed_tables(SourceText.build(reader.entries), reader.grids, options)


@dataclass(frozen=True, slots=True)
class _Level:
    fmt: str
    prefix: str
    suffix: str
    start: int
    bullet: bool


def _list_styles(root: ET.Element) -> dict[str, dict[int, _Level]]:
    """Every list style of a part (``content.xml`` holds the automatic ones, ``styles.xml``
    the named ones): level -> how its numbers look."""
    styles: dict[str, dict[int, _Level]] = {}
    for style in [
        *root.iter(odf_name("text:list-style")),
        *root.iter(odf_name("text:outline-style")),
    ]:
        levels: dict[int, _Level] = {}
        for level in style:
            index = int(level.get(odf_name("text:level"), "1"))
            levels[index] = _Level(
                fmt=level.get(odf_name("style:num-format"), ""),
                prefix=level.get(odf_name("style:num-prefix"), ""),
                suffix=level.get(odf_name("style:num-suffix"), ""),
                start=int(level.get(odf_name("text:start-value"), "1")),
                bullet=level.tag == odf_name("text:list-level-style-bullet"),
            )
        outline = style.tag == odf_name("text:outline-style")
        styles[_OUTLINE if outline else style.get(odf_name("style:name"), "")] = levels
    return styles


def _hidden_styles(root: ET.Element) -> Iterator[str]:
    """Text styles that hide their text (hidden text: notes left for the drafters)."""
    for style in root.iter(odf_name("style:style")):
        properties = style.find(odf_name("style:text-properties"))
        if properties is not None and properties.get(odf_name("text:display")) == "none":
            yield style.get(odf_name("style:name"), "")


class _Reader:
    """Walks ``office:text`` in order, collecting text entries and table grids."""

    def __init__(self, styles: dict[str, dict[int, _Level]], hidden: frozenset[str]) -> None:
        self.styles = styles
        self.hidden = hidden
        self.entries: list[_Entry] = []
        self.grids: list[Grid] = []
        self.counters: dict[str, list[int]] = {}
        self.heading_depth = 0
        """The deepest level of a heading numbered so far (0: none)."""

    def text(self, element: ET.Element) -> str:
        return inline_text(element, self.hidden)

    def read(self, element: ET.Element) -> None:
        for child in element:
            if child.tag in _SKIPPED:
                continue
            if child.tag == _H:
                level = int(child.get(odf_name("text:outline-level"), "1"))
                self.entries.append(
                    (self._heading_label(child, level) + self.text(child), level, 0)
                )
            elif child.tag == _P:
                self.entries.append((self.text(child), None, 0))
                for box in _table_frames(child):
                    self.read(box)
            elif child.tag == _LIST:
                self._list(child, child.get(odf_name("text:style-name"), ""), 1)
            elif child.tag == _TABLE and _is_layout(child):
                for row in _rows(child):  # a one-column table framing the text
                    self.read(row)
            elif child.tag == _TABLE:
                grid = table_grid(child, self.hidden)
                self.grids.append(grid)
                if find_header(grid.rows) is None:
                    self.entries.extend((line, None, 0) for line in grid.text().split("\n"))
            else:  # sections, index bodies and other wrappers
                self.read(child)

    def _heading_label(self, heading: ET.Element, depth: int) -> str:
        """The chapter number the editor draws before a heading (the outline style's)."""
        level = self.styles.get(_OUTLINE, {}).get(depth)
        if level is None or heading.get(odf_name("text:is-list-header")) == "true":
            return ""
        if heading.find(odf_name("text:number")) is not None:
            return ""  # the number is written out in the heading
        counters = self.counters.setdefault(_OUTLINE, [0] * 11)
        self.heading_depth = max(self.heading_depth, depth)
        counters[depth] = (counters[depth] or level.start - 1) + 1
        counters[depth + 1 :] = [0] * (10 - depth)
        return _label(level, counters[depth])

    def _list(
        self, element: ET.Element, style: str, depth: int, linked: bool | None = None
    ) -> None:
        own = element.get(odf_name("text:style-name"))
        style = own or style
        if linked is None or own:
            linked = depth == 1 and self._continues_outline(style)
        counters = self.counters.setdefault(_OUTLINE if linked else style, [0] * 11)
        continues = element.get(odf_name("text:continue-numbering")) == "true" or element.get(
            odf_name("text:continue-list")
        )
        if depth == 1 and not continues and not linked:
            counters[:] = [0] * 11
        level = self.styles.get(style, {}).get(depth)
        heading = None
        if linked and depth <= self.heading_depth and self._draws_as_outline(style, depth):
            heading = depth  # drawn as a heading of this level: read as one
        for item in element:
            if item.tag not in _ITEMS:
                continue
            label = ""
            if item.tag == odf_name("text:list-item") and level is not None:
                start = item.get(odf_name("text:start-value"))
                counters[depth] = int(start) if start else (counters[depth] or level.start - 1) + 1
                counters[depth + 1 :] = [0] * (10 - depth)
                label = _label(level, counters[depth])
            for child in item:
                if child.tag == _LIST:
                    self._list(child, style, depth + 1, linked)
                elif child.tag in (_P, _H):
                    text = self.text(child)
                    self.entries.append((label + text.lstrip() if label else text, heading, 0))
                    label = ""

    def _continues_outline(self, style: str) -> bool:
        """Whether a list carries on the chapter numbering of the headings before it: its first
        level draws its numbers as the outline style's first level does, and numbered headings
        came before (LibreOffice's save of a Word list linked to Heading 1/2, whose later
        items are plain list paragraphs: Word numbers them on from the headings)."""
        return self.heading_depth > 0 and self._draws_as_outline(style, 1)

    def _draws_as_outline(self, style: str, depth: int) -> bool:
        """Whether a list level draws its numbers as the outline style's level does."""
        outline = self.styles.get(_OUTLINE, {}).get(depth)
        own = self.styles.get(style, {}).get(depth)
        if outline is None or own is None or own.bullet or not own.fmt:
            return False
        return all(_label(own, n) == _label(outline, n) for n in (1, 2, 11))


def _label(level: _Level, value: int) -> str:
    if level.bullet:
        return "●"
    return f"{level.prefix}{_format(value, level.fmt)}{level.suffix}" if level.fmt else ""


def _format(value: int, fmt: str) -> str:
    if fmt.startswith("一"):
        return int_to_cn(value) if 0 < value < 100 else str(value)
    if fmt in ("a", "A") and 0 < value <= 26:
        letter = chr(ord("a") + value - 1)
        return letter.upper() if fmt == "A" else letter
    if fmt.startswith("①") and 0 < value <= 20:
        return chr(0x2460 + value - 1)
    return str(value)


_SPACE = re.compile(r"\s+")


def inline_text(element: ET.Element, hidden: frozenset[str] = frozenset()) -> str:
    """A paragraph's text as the editor shows it: spans, links and fields read, ``text:s``
    spaces and tabs kept, comments, notes, frames and tracked deletions left out."""
    parts: list[str] = [_SPACE.sub(" ", element.text or "")]
    for child in element:
        if child.tag not in _SKIPPED:
            if child.get(odf_name("text:style-name")) in hidden:
                pass  # hidden text
            elif child.tag == odf_name("text:s"):
                parts.append(" " * int(child.get(odf_name("text:c"), "1")))
            elif child.tag == odf_name("text:tab"):
                parts.append("\t")
            elif child.tag == odf_name("text:line-break"):
                parts.append("\n")
            else:
                parts.append(inline_text(child, hidden))
        parts.append(_SPACE.sub(" ", child.tail or ""))
    return "".join(parts)


def _table_frames(paragraph: ET.Element) -> Iterator[ET.Element]:
    """The text boxes of the frames anchored in a paragraph that hold a table: read after it
    as the document's own text (a framed note without a table stays unread)."""
    for box in paragraph.iter(_FRAME_BOX):
        if box.find(f".//{_TABLE}") is not None:
            yield box


def _rows(table: ET.Element) -> Iterator[ET.Element]:
    for child in table:
        if child.tag == odf_name("table:table-row"):
            yield child
        elif child.tag in _ROW_GROUPS:
            yield from _rows(child)


def _is_layout(table: ET.Element) -> bool:
    """A table of one column: it frames text (a plan exported whole into one cell)."""
    rows = list(_rows(table))
    return bool(rows) and all(_one_cell(row) for row in rows)


def _one_cell(row: ET.Element) -> bool:
    cells = [cell for cell in row if cell.tag in (_CELL, _COVERED)]
    repeated = cells[0].get(odf_name("table:number-columns-repeated"), "1") if cells else ""
    return len(cells) == 1 and cells[0].tag == _CELL and repeated == "1"


def table_grid(table: ET.Element, hidden: frozenset[str] = frozenset()) -> Grid:
    """A table as a grid: spanned cells fill what they cover, repeated cells repeat."""
    cells: dict[tuple[int, int], str] = {}
    spans: dict[tuple[int, int], Span] = {}
    height = width = 0
    for r, row in enumerate(_rows(table)):
        c = 0
        for cell in row:
            if cell.tag not in (_CELL, _COVERED):
                continue
            repeat = min(
                int(cell.get(odf_name("table:number-columns-repeated"), "1")), _MAX_REPEAT
            )
            for _ in range(repeat):
                if cell.tag == _CELL:  # a covered cell holds its place: its owner filled it
                    _place(cell, (r, c), cells, spans, hidden)
                c += 1
        height, width = r + 1, max(width, c)
    rows = tuple(tuple(cells.get((r, c), "") for c in range(width)) for r in range(height))
    return Grid(rows, spans)


def _place(
    cell: ET.Element,
    at: tuple[int, int],
    cells: dict[tuple[int, int], str],
    spans: dict[tuple[int, int], Span],
    hidden: frozenset[str],
) -> None:
    r, c = at
    text = normalise_cell("\n".join(inline_text(p, hidden) for p in cell.iter(_P)))
    down = int(cell.get(odf_name("table:number-rows-spanned"), "1"))
    across = int(cell.get(odf_name("table:number-columns-spanned"), "1"))
    span = (r, c, r + down - 1, c + across - 1)
    for rr in range(r, r + down):
        for cc in range(c, c + across):
            cells[(rr, cc)] = text
            if down > 1 or across > 1:
                spans[(rr, cc)] = span
