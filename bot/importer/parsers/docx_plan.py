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
from bot.importer.parsers.tables import Grid, normalise_cell
from bot.importer.parsers.tabular import typed_tables
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
            _read_block(block, numbering, entries, grids)
        return typed_tables(SourceText.build(entries), grids, options)


def _read_block(
    block: Paragraph | Table, numbering: Numbering, entries: list[_Entry], grids: list[Grid]
) -> None:
    """Read one body paragraph (and the tables in its text boxes) or table."""
    from docx.text.paragraph import Paragraph  # python-docx is loaded by parse

    if isinstance(block, Paragraph):
        entries.append(_entry(block, numbering))
        for box in _table_boxes(block._p):
            for inner in _children(box, block._parent):
                _read_block(inner, numbering, entries, grids)
        return
    grid = _grid(block)
    if _is_layout(block):
        entries.extend(_layout_entries(block, numbering))
        return
    grids.append(grid)
    if find_header(grid.rows) is None:
        entries.extend((line, None, 0) for line in grid.text().split("\n"))


def _table_boxes(p: Any) -> Iterator[Any]:
    """The text boxes anchored in a paragraph that hold a table, each once (not again as the
    VML fallback of its shape): read after the paragraph as the document's own text. A text
    box without a table (a 联系人 note) stays unread."""
    for box in p.iter(_TXBX):
        if box.find(f".//{_TBL}") is None:
            continue
        if any(parent.tag in _HIDDEN for parent in box.iterancestors()):
            continue  # the fallback copy, or a deleted box
        yield box


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
_P, _T, _TAB, _BR, _CR, _R = (f"{_W}{name}" for name in ("p", "t", "tab", "br", "cr", "r"))
_NO_BREAK_HYPHEN = f"{_W}noBreakHyphen"
_TXBX, _TBL = f"{_W}txbxContent", f"{_W}tbl"
_HIDDEN = frozenset(f"{_W}{name}" for name in ("moveFrom", "del")) | {
    "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
}  # an mc:AlternateContent's fallback repeats its choice for older readers
_VANISH = f"{_W}rPr/{_W}vanish"
_OFF = frozenset({"0", "false", "off"})


def _hidden_run(run: Any) -> bool:
    """A run formatted as hidden text (Word's 隐藏文字: notes left for the drafters)."""
    vanish = run.find(_VANISH)
    return vanish is not None and vanish.get(f"{_W}val", "true") not in _OFF


def paragraph_text(p: Any) -> str:
    """A paragraph's text as Word shows it: every run's text, including runs inside tracked
    insertions, smart tags and fields (python-docx's ``text`` skips those), and none of the
    deleted or moved-away text, nor hidden text. Paragraphs nested inside it (text boxes) are
    left to their own reading."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        for child in node:
            tag = child.tag
            if tag in _HIDDEN or tag == _P or (isinstance(tag, str) and tag.endswith("Pr")):
                continue  # deleted text, nested paragraphs, properties (pPr holds tab stops)
            if tag == _R and _hidden_run(child):
                continue
            if tag == _T:
                parts.append(child.text or "")
            elif tag == _TAB:
                parts.append("\t")
            elif tag in (_BR, _CR):
                parts.append("\n")
            elif tag == _NO_BREAK_HYPHEN:  # typed in year ranges: 2025‑2027年
                parts.append("-")
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
    label, linked = numbering.number(paragraph)
    text = paragraph_text(paragraph._p)
    if label and text.strip():
        text = label + text.lstrip()
    level = _heading_level(paragraph)
    if level is None and linked is not None:  # numbered by a list level linked to a heading
        level = _style_level(_linked_style(paragraph, linked))
    return text, level, 0


def _linked_style(paragraph: Paragraph, style_id: str) -> str:
    from docx.enum.style import WD_STYLE_TYPE  # python-docx is loaded by parse

    try:
        style = paragraph.part.get_style(style_id, WD_STYLE_TYPE.PARAGRAPH)
    except Exception:  # a link to a style the document lacks
        return ""
    return (style.name or "").strip()


def _style_level(name: str) -> int | None:
    if name.lower() in _TITLE_STYLES:
        return 0
    match = _HEADING_STYLE.match(name)
    return int(match.group(1)) if match else None


def _heading_level(paragraph: Paragraph) -> int | None:
    from docx.oxml.ns import qn  # python-docx is loaded by parse

    name = (paragraph.style.name or "").strip() if paragraph.style is not None else ""
    level = _style_level(name)
    if level is not None:
        return level
    ppr = paragraph._p.pPr
    outline = ppr.find(qn("w:outlineLvl")) if ppr is not None else None
    if outline is not None:
        level = int(outline.get(qn("w:val"), "9"))
        return level + 1 if level < 9 else None
    return None


_TR, _TC = f"{_W}tr", f"{_W}tc"
_WRAPPERS = frozenset(f"{_W}{name}" for name in ("sdt", "customXml", "sdtContent"))


def _wrapped(element: Any, tag: str) -> Iterator[Any]:
    """The ``tag`` children of ``element``, also those wrapped in content controls."""
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _wrapped(child, tag)


def _property(element: Any, path: str) -> str | None:
    """The ``w:val`` of a property (``"continue"`` when present without one), or None."""
    node = element.find(path)
    return None if node is None else str(node.get(f"{_W}val", "continue"))


def _grid(table: Table) -> Grid:
    """The table as a grid laid out as Word draws it, read from its XML: rows that start
    late (``w:gridBefore``), cells spanning columns (``w:gridSpan``, WPS's ``w:hMerge``) or
    rows (``w:vMerge``), rows and cells wrapped in content controls."""
    rows: list[list[str]] = []
    owners: dict[Any, list[tuple[int, int]]] = {}  # keyed by the owning w:tc element
    texts: dict[Any, str] = {}
    below: dict[int, Any] = {}  # grid column -> owner of the cell above
    for r, tr in enumerate(_wrapped(table._tbl, _TR)):
        column = int(_property(tr, f"{_W}trPr/{_W}gridBefore") or 0)
        cells: list[str] = [""] * column
        above, below = below, {}
        for tc in _wrapped(tr, _TC):
            wide = max(1, int(_property(tc, f"{_W}tcPr/{_W}gridSpan") or 1))
            owner = tc
            if _property(tc, f"{_W}tcPr/{_W}vMerge") == "continue" and column in above:
                owner = above[column]
            elif _property(tc, f"{_W}tcPr/{_W}hMerge") == "continue" and column:
                owner = below.get(column - 1, owner)
            if owner not in texts:
                texts[owner] = normalise_cell("\n".join(paragraph_text(p) for p in tc.iter(_P)))
            for c in range(column, column + wide):
                cells.append(texts[owner])
                owners.setdefault(owner, []).append((r, c))
                below[c] = owner
            column += wide
        rows.append(cells)
    return Grid.merged(rows, owners.values())
