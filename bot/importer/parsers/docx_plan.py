"""Word plans (.docx): paragraphs with heading styles and numbering, plus tables.

python-docx is imported when a Word file is parsed, not when the registry is loaded, so reading
a plain-text plan (and ``duban plan parse``) does not pay for it.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

from bot.importer.model import ParsedPlan
from bot.importer.outline import SourceText
from bot.importer.parsers.base import ParseOptions
from bot.importer.parsers.columns import find_header
from bot.importer.parsers.tables import Grid, Span, normalise_cell
from bot.importer.parsers.tabular import plan_from_document
from bot.importer.parsers.xlsx_table import check_unpacked_size, corrupt
from bot.text.tables import zip_names

if TYPE_CHECKING:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    from bot.importer.parsers.docx_numbering import Numbering

_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)
_TITLE_STYLES = frozenset({"title", "标题"})
_Entry = tuple[str, int | None, int]


class DocxParser:
    """Reads .docx files with python-docx."""

    name = "docx"

    def detect(self, data: bytes, filename: str) -> bool:
        """A zip named .docx or containing a Word document part."""
        if not data.startswith(b"PK\x03\x04"):
            return False
        if PurePath(filename).suffix.lower() == ".docx":
            return True
        return "word/document.xml" in zip_names(data)

    def parse(self, data: bytes, options: ParseOptions) -> ParsedPlan:
        """Read paragraphs and tables in document order and parse them."""
        import docx  # only when a Word file is parsed
        from docx.text.paragraph import Paragraph

        from bot.importer.parsers.docx_numbering import Numbering

        check_unpacked_size(data, "Word")
        try:
            document = docx.Document(io.BytesIO(data))
        except Exception as error:  # python-docx raises many types for damaged files
            raise corrupt("Word") from error
        entries: list[_Entry] = []
        grids: list[Grid] = []
        numbering = Numbering(document)
        for block in _blocks(document):
            if isinstance(block, Paragraph):
                entries.append(_entry(block, numbering))
            else:
                grid = _grid(block)
                if _is_layout(block):
                    entries.extend(_layout_entries(block, numbering))
                    continue
                grids.append(grid)
                if find_header(grid.rows) is None:
                    entries.extend((line, None, 0) for line in grid.text().split("\n"))
        return plan_from_document(SourceText.build(entries), grids, options)


def _blocks(document: Any) -> Iterator[Paragraph | Table]:
    yield from _children(document.element.body, document)


def _children(element: Any, parent: Any) -> Iterator[Paragraph | Table]:
    from docx.oxml.ns import qn  # python-docx is loaded by parse
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in element.iterchildren():
        if child.tag == qn("w:p"):
            yield Paragraph(child, parent)
        elif child.tag == qn("w:tbl"):
            yield Table(child, parent)
        elif child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _children(content, parent)


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _T, _TAB, _BR, _CR = (f"{_W}{name}" for name in ("p", "t", "tab", "br", "cr"))
_HIDDEN = frozenset(f"{_W}{name}" for name in ("moveFrom", "del"))


def paragraph_text(p: Any) -> str:
    """A paragraph's text as Word shows it: every run's text, including runs inside tracked
    insertions, smart tags and fields (python-docx's ``text`` skips those), and none of the
    deleted or moved-away text. Paragraphs nested inside it (text boxes) are left to their
    own reading."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        for child in node:
            tag = child.tag
            if tag in _HIDDEN or tag == _P or (isinstance(tag, str) and tag.endswith("Pr")):
                continue  # deleted text, nested paragraphs, properties (pPr holds tab stops)
            if tag == _T:
                parts.append(child.text or "")
            elif tag == _TAB:
                parts.append("\t")
            elif tag in (_BR, _CR):
                parts.append("\n")
            else:
                walk(child)

    walk(p)
    return "".join(parts)


def _is_layout(table: Table) -> bool:
    """A one-column table that only frames text (documents exported from an office system
    put the whole plan in one): its paragraphs are read as the document's own."""
    return all(len({cell._tc for cell in row.cells}) == 1 for row in table.rows)


def _layout_entries(table: Table, numbering: Numbering) -> Iterator[_Entry]:
    """The paragraphs of a layout table in order, with their numbering and heading levels,
    and those of the tables inside it."""
    from docx.table import Table  # python-docx is loaded by parse

    seen: set[int] = set()
    for row in table.rows:
        cell = row.cells[0]
        if id(cell._tc) in seen:
            continue
        seen.add(id(cell._tc))
        for block in _children(cell._tc, cell):
            if isinstance(block, Table):
                if _is_layout(block):
                    yield from _layout_entries(block, numbering)
                else:
                    yield from ((line, None, 0) for line in _grid(block).text().split("\n"))
            else:
                yield _entry(block, numbering)


def _entry(paragraph: Paragraph, numbering: Numbering) -> _Entry:
    label = numbering.label(paragraph)
    text = paragraph_text(paragraph._p)
    if label and text.strip():
        text = label + text.lstrip()
    return text, _heading_level(paragraph), 0


def _heading_level(paragraph: Paragraph) -> int | None:
    from docx.oxml.ns import qn  # python-docx is loaded by parse

    name = (paragraph.style.name or "").strip() if paragraph.style is not None else ""
    if name.lower() in _TITLE_STYLES:
        return 0
    match = _HEADING_STYLE.match(name)
    if match:
        return int(match.group(1))
    ppr = paragraph._p.pPr
    outline = ppr.find(qn("w:outlineLvl")) if ppr is not None else None
    if outline is not None:
        level = int(outline.get(qn("w:val"), "9"))
        return level + 1 if level < 9 else None
    return None


def _grid(table: Table) -> Grid:
    rows: list[list[str]] = []
    owners: dict[Any, list[tuple[int, int]]] = {}
    for r, row in enumerate(table.rows):
        cells = []
        for c, cell in enumerate(row.cells):
            cells.append(normalise_cell("\n".join(paragraph_text(p) for p in cell._tc.iter(_P))))
            owners.setdefault(cell._tc, []).append((r, c))
        rows.append(cells)
    width = max((len(row) for row in rows), default=0)
    spans: dict[tuple[int, int], Span] = {}
    for positions in owners.values():
        if len(positions) > 1:
            span = (
                min(p[0] for p in positions),
                min(p[1] for p in positions),
                max(p[0] for p in positions),
                max(p[1] for p in positions),
            )
            spans.update(dict.fromkeys(positions, span))
    return Grid(tuple(tuple(row + [""] * (width - len(row))) for row in rows), spans)
