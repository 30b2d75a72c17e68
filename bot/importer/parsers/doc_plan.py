"""Word 97–2003 documents (.doc) and WPS Office documents (.wps, 2005 and later): the binary
Word format ([MS-DOC]), read in pure Python from the compound file (xlrd's reader).

What is read: the File Information Block (``wIdent`` 0xA5EC, which table stream, whether the
file is encrypted, ``ccpText``), the piece table of the CLX (8-bit cp1252 pieces and UTF-16
pieces, where Chinese text is), and only the main document's ``ccpText`` characters, so
footnotes, headers, comments and text boxes, which follow them, are left out. Field codes
(``\\x13`` … ``\\x14``) are dropped and their results kept; ``\\x0b`` is a line break,
``\\x0c`` a page or section break; pictures and objects are dropped. Each paragraph's properties
come from its paragraph mark (PlcBtePapx → PapxFkp → grpprl): whether it is in a table and how
deep (``sprmPFInTable``, ``sprmPItap``), whether its mark ends a row (``sprmPFTtp``, inner
``sprmPFInnerTtp``), its style (Heading 1–9) and outline level. A row's cell edges and merges
come from its row-end mark (``sprmTDefTable``, ``sprmTVertMerge``), so the table is laid out on
the grid Word draws, empty cells stay empty and a cell merged down takes its owner's text, as
the .docx reader does; then the same machinery reads the tables and the numbered text.

Word's automatic list numbering (numbers Word draws that are not in the text) is replayed from
the list tables (LSTF and their LVLs, LFO and their overrides) as the .docx reader replays
``numbering.xml``: counters belong to a list, a paragraph names its list entry (``sprmPIlfo``)
and level (``sprmPIlvl``), its own or its style's (a list linked to the heading styles). Hidden
text and tracked deletions (``sprmCFVanish``, ``sprmCFRMarkDel`` in the character properties)
are left out.
"""

from __future__ import annotations

import io
import struct
from bisect import bisect_right
from collections.abc import Iterator
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import PurePath

from bot.importer.decoding import LEGACY_OFFICE
from bot.importer.errors import FailureReason, PlanImportError
from bot.importer.model import ParsedPlan
from bot.importer.outline import SourceText
from bot.importer.parsers.base import ParseOptions
from bot.importer.parsers.columns import find_header
from bot.importer.parsers.tables import Grid, normalise_cell
from bot.importer.parsers.tabular import typed_tables
from bot.importer.parsers.xlsx_table import corrupt

WORD_STREAM = "WordDocument".encode("utf-16-le")
"""The name of the Word text stream in the compound file's directory (Word and WPS alike)."""
_WORKBOOK_STREAMS = ("Workbook", "Book")
_WORKBOOK_STREAM = "Workbook".encode("utf-16-le")
_WORD_IDENT = 0xA5EC
_MIN_FIB = 0xC1
"""Word 97's ``nFib``: older files (Word 6/95) have another layout and are refused."""
_F_ENCRYPTED, _F_TABLE_1 = 0x0100, 0x0200
_PAGE = 512
_MAX_CHARS = 5_000_000
"""More characters than a 10 MiB file can hold: a larger ``ccpText`` is damage."""

_SPRM_IN_TABLE, _SPRM_TTP, _SPRM_ITAP = 0x2416, 0x2417, 0x6649
_SPRM_INNER_CELL, _SPRM_INNER_TTP = 0x244B, 0x244C
_SPRM_OUTLINE = 0x2640
_SPRM_DEF_TABLE, _SPRM_VERT_MERGE = 0xD608, 0xD62B
_SPRM_CHANGE_TABS = 0xC615
_SPRM_LIST, _SPRM_LIST_LEVEL = 0x460B, 0x260A
_SPRM_DELETED, _SPRM_VANISH = 0x0800, 0x083C
_OPERAND_SIZE = {0: 1, 1: 1, 2: 2, 3: 4, 4: 2, 5: 2, 7: 3}
"""Operand size by the sprm's ``spra`` (6: variable, its size stored first)."""

_DROPPED = frozenset(chr(c) for c in range(0x20)) - {"\t", "\n"}
"""Control characters that stand for no text: pictures (1), note and comment marks (2, 5),
separators (3, 4), drawn objects (8) and the rest."""
_REPLACED = {"\x0b": "\n", "\x0c": "\n", "\x1e": "-", "\x1f": ""}


class DocParser:
    """Reads Word 97–2003 and WPS documents with :func:`read_doc`."""

    name = "doc"

    def detect(self, data: bytes, filename: str) -> bool:
        """A compound file with a Word text stream, whatever its name (a workbook named .xls
        that holds a Word object is left to the workbook reader)."""
        if not data.startswith(LEGACY_OFFICE) or WORD_STREAM not in data:
            return False
        return PurePath(filename).suffix.lower() != ".xls" or _WORKBOOK_STREAM not in data

    def parse(self, data: bytes, options: ParseOptions) -> ParsedPlan:
        """Read the paragraphs and tables in order and parse them."""
        document = read_doc(data)
        if document is None:  # no Word stream at the top: a workbook holding a Word object
            from bot.importer.parsers.xls_table import XlsParser

            return XlsParser().parse(data, options)
        entries: list[tuple[str, int | None, int]] = []
        for block in document.blocks:
            if isinstance(block, Grid):
                if find_header(block.rows) is None:
                    entries.extend((line, None, 0) for line in block.text().split("\n"))
            else:
                entries.append(block)
        return typed_tables(SourceText.build(entries), document.grids, options)


@dataclass(slots=True)
class DocDocument:
    """Paragraphs (text, heading level, indent) and tables (grids) in document order."""

    blocks: list[tuple[str, int | None, int] | Grid] = field(default_factory=list)

    @property
    def grids(self) -> list[Grid]:
        """The tables."""
        return [block for block in self.blocks if isinstance(block, Grid)]


def _streams(data: bytes) -> tuple[bytes | None, bytes | None, bytes | None, bool]:
    """The Word stream, both table streams and whether a workbook stream is at the top."""
    from xlrd.compdoc import CompDoc  # imported only when a compound file arrives

    try:
        compound = CompDoc(data, logfile=io.StringIO())  # its warnings kept out of the output
        word = compound.get_named_stream("WordDocument")
        tables = (compound.get_named_stream("0Table"), compound.get_named_stream("1Table"))
        workbook = any(compound.get_named_stream(name) for name in _WORKBOOK_STREAMS)
    except Exception as error:  # xlrd raises many kinds for a damaged compound file
        raise corrupt("Word") from error
    return word, tables[0], tables[1], workbook


def read_doc(data: bytes) -> DocDocument | None:
    """The paragraphs and tables of a Word binary document (see the module's description), or
    None when the compound file has no Word stream but a workbook."""
    word, table0, table1, workbook = _streams(data)
    if word is None:
        if workbook:
            return None
        raise corrupt("Word")
    try:
        return _Reader(word, table0, table1).read()
    except PlanImportError:
        raise
    except (struct.error, IndexError, ValueError, KeyError, OverflowError) as error:
        raise corrupt("Word") from error


def _u16(data: bytes, at: int) -> int:
    return int(struct.unpack_from("<H", data, at)[0])


def _u32(data: bytes, at: int) -> int:
    return int(struct.unpack_from("<I", data, at)[0])


def _i16(data: bytes, at: int) -> int:
    return int(struct.unpack_from("<h", data, at)[0])


@dataclass(frozen=True, slots=True)
class _Props:
    """What the importer needs of a paragraph's properties."""

    depth: int = 0  # table depth: 0 outside tables, 1 in a table, 2 in a table in a cell …
    row_end: bool = False  # the mark ends a row at this depth
    inner_cell: bool = False  # the mark ends a cell of a nested table
    level: int | None = None  # heading level (Heading 1–9 or an outline level)
    row: tuple[tuple[int, ...], tuple[int, ...]] | None = None  # cell edges, merge flags
    list_entry: int = 0  # 1-based index of the paragraph's LFO (0: not numbered)
    list_level: int = 0


_NO_PROPS = _Props()


@dataclass(frozen=True, slots=True)
class _Paragraph:
    text: str
    mark: str
    props: _Props


class _Reader:
    """One document: the FIB, the piece table, the paragraph properties (see :func:`read_doc`)."""

    def __init__(self, word: bytes, table0: bytes | None, table1: bytes | None) -> None:
        self.word = word
        if len(word) < 0x40 or _u16(word, 0) != _WORD_IDENT:
            raise corrupt("Word")
        if _u16(word, 2) < _MIN_FIB:
            raise PlanImportError(FailureReason.UNSUPPORTED, "importer.word95")
        flags = _u16(word, 0x0A)
        if flags & _F_ENCRYPTED:
            raise PlanImportError(FailureReason.UNSUPPORTED, "importer.office_encrypted")
        table = table1 if flags & _F_TABLE_1 else table0
        if table is None:
            raise corrupt("Word")
        self.table = table
        at = 0x20
        csw = _u16(word, at)
        at += 2 + 2 * csw
        cslw = _u16(word, at)
        lw = at + 2
        self.ccp_text = _u32(word, lw + 12)
        at = lw + 4 * cslw
        count = _u16(word, at)
        self.pairs = at + 2
        self.pair_count = count
        self.styles = self._styles()
        self.numbering = self._numbering()
        self.pages: dict[int, tuple[list[int], bytes]] = {}
        self.bte = self._bte(13)  # PlcBtePapx
        self.bte_chpx = self._bte(12)  # PlcBteChpx

    def _pair(self, index: int) -> tuple[int, int]:
        """The (fc, lcb) pair ``index`` of the FIB's FibRgFcLcb."""
        if index >= self.pair_count:
            return 0, 0
        at = self.pairs + 8 * index
        return _u32(self.word, at), _u32(self.word, at + 4)

    def _slice(self, index: int) -> bytes:
        fc, lcb = self._pair(index)
        return self.table[fc : fc + lcb] if lcb and fc + lcb <= len(self.table) else b""

    # -- styles: the built-in style (sti), base style and paragraph properties of each
    def _styles(self) -> list[_Style]:
        data = self._slice(1)  # STSH
        if len(data) < 4:
            return []
        size = _u16(data, 0)
        count = _u16(data, 2)
        base_size = _u16(data, 4) if size >= 4 else 10
        at = 2 + size
        styles: list[_Style] = []
        for _ in range(count):
            if at + 2 > len(data):
                break
            length = _u16(data, at)
            styles.append(_style(data[at + 2 : at + 2 + length], base_size))
            at += 2 + length
        return styles

    def _style_grpprls(self, istd: int) -> list[bytes]:
        """The paragraph properties of style ``istd`` and of the styles it is based on, the
        furthest base first."""
        chain: list[bytes] = []
        seen: set[int] = set()
        while istd < len(self.styles) and istd not in seen:
            seen.add(istd)
            chain.append(self.styles[istd].grpprl)
            istd = self.styles[istd].base
        return chain[::-1]

    def _numbering(self) -> _Numbering:
        fc, lcb = self._pair(73)  # PlfLst; the LVLs follow it
        lists = self._slice(73)
        return _Numbering(lists, self.table[fc + lcb :] if lists else b"", self._slice(74))

    # -- paragraph properties
    def _bte(self, index: int) -> tuple[list[int], list[int]]:
        """The file offsets and FKP page numbers of a PlcBtePapx or PlcBteChpx."""
        data = self._slice(index)
        n = (len(data) - 4) // 8 if len(data) >= 4 else 0
        fcs = [_u32(data, 4 * i) for i in range(n + 1)] if n else []
        pns = [_u32(data, 4 * (n + 1) + 4 * i) & 0x3FFFFF for i in range(n)]
        return fcs, pns

    def _page(self, pn: int) -> tuple[list[int], bytes]:
        """The run boundaries of FKP page ``pn`` and the page."""
        if pn not in self.pages:
            page = self.word[pn * _PAGE : (pn + 1) * _PAGE]
            crun = page[511] if len(page) == _PAGE else 0
            if not crun or 4 * (crun + 1) + crun > 511:
                self.pages[pn] = ([], b"")
            else:
                self.pages[pn] = ([_u32(page, 4 * i) for i in range(crun + 1)], page)
        return self.pages[pn]

    def _run(self, bte: tuple[list[int], list[int]], fc: int) -> tuple[list[int], bytes, int]:
        """The FKP page holding file offset ``fc`` and the index of its run there (-1: none)."""
        fcs, pns = bte
        i = bisect_right(fcs, fc) - 1
        if i < 0 or i >= len(pns):
            return [], b"", -1
        rgfc, page = self._page(pns[i])
        j = bisect_right(rgfc, fc) - 1
        return rgfc, page, j if 0 <= j < len(rgfc) - 1 else -1

    def removed(self, fc: int) -> tuple[bool, int]:
        """Whether the character at ``fc`` is hidden text or a tracked deletion (its character
        properties: ``sprmCFVanish``, ``sprmCFRMarkDel``), and where its run ends."""
        rgfc, page, j = self._run(self.bte_chpx, fc)
        if j < 0:
            return False, fc + 1
        end = rgfc[j + 1]
        offset = 2 * page[4 * len(rgfc) + j]
        if not offset or offset >= 511:
            return False, end
        chpx = page[offset + 1 : min(offset + 1 + page[offset], 511)]
        gone = any(
            sprm in (_SPRM_VANISH, _SPRM_DELETED) and operand[0] in (1, 0x81)
            for sprm, operand in _sprms(chpx)
        )
        return gone, end

    def props(self, fc: int) -> _Props:
        """The properties of the paragraph whose mark is at file offset ``fc``."""
        rgfc, page, j = self._run(self.bte, fc)
        if j < 0 or 4 * len(rgfc) + 13 * j >= 511:
            return _NO_PROPS
        offset = 2 * page[4 * len(rgfc) + 13 * j]
        if not offset or offset >= 511:
            return _NO_PROPS
        cb = page[offset]
        if cb:
            start, length = offset + 1, 2 * cb - 1
        else:
            start, length = offset + 2, 2 * page[offset + 1]
        papx = page[start : min(start + length, 511)]
        if len(papx) < 2:
            return _NO_PROPS
        return self._read_props(_u16(papx, 0), papx[2:])

    def _read_props(self, istd: int, grpprl: bytes) -> _Props:
        in_table = row_end = inner_cell = inner_ttp = False
        depth: int | None = None
        outline: int | None = None
        row: tuple[tuple[int, ...], tuple[int, ...]] | None = None
        merges: dict[int, int] = {}
        list_entry = list_level = 0
        sprms = [s for g in [*self._style_grpprls(istd), grpprl] for s in _sprms(g)]
        for sprm, operand in sprms:
            if sprm == _SPRM_IN_TABLE:
                in_table = operand[0] != 0
            elif sprm == _SPRM_TTP:
                row_end = operand[0] != 0
            elif sprm == _SPRM_ITAP:
                depth = max(0, min(_u32(operand, 0), 64))
            elif sprm == _SPRM_INNER_CELL:
                inner_cell = operand[0] != 0
            elif sprm == _SPRM_INNER_TTP:
                inner_ttp = operand[0] != 0
            elif sprm == _SPRM_OUTLINE:
                outline = operand[0]
            elif sprm == _SPRM_DEF_TABLE:
                row = _def_table(operand)
            elif sprm == _SPRM_VERT_MERGE and len(operand) >= 2:
                merges[operand[0]] = operand[1]
            elif sprm == _SPRM_LIST:
                list_entry = _u16(operand, 0)
            elif sprm == _SPRM_LIST_LEVEL:
                list_level = min(operand[0], _MAX_LEVELS - 1)
        if depth is None:
            depth = 1 if in_table else 0
        if row is not None and merges:
            flags = list(row[1])
            for itc, merge in merges.items():
                if itc < len(flags):
                    flags[itc] = (flags[itc] & ~0x60) | ((merge & 3) << 5)
            row = (row[0], tuple(flags))
        sti = self.styles[istd].sti if istd < len(self.styles) else 0x0FFF
        level = sti if 1 <= sti <= 9 else (0 if sti == 62 else None)
        if level is None and outline is not None and outline < 9:
            level = outline + 1
        if depth >= 2:
            return _Props(depth, inner_ttp, inner_cell, level, row, list_entry, list_level)
        return _Props(depth, row_end and depth == 1, False, level, row, list_entry, list_level)

    # -- text
    def pieces(self) -> Iterator[tuple[int, int, int, bool]]:
        """(first cp, last cp, fc, compressed) of each piece of the main document's text."""
        clx = self._slice(33)
        at = 0
        while at < len(clx) and clx[at] == 1:  # Prc: formatting of complex files, skipped
            at += 3 + _u16(clx, at + 1)
        if at >= len(clx) or clx[at] != 2:
            raise corrupt("Word")
        size = _u32(clx, at + 1)
        plc = clx[at + 5 : at + 5 + size]
        n = (len(plc) - 4) // 12
        if n <= 0:
            raise corrupt("Word")
        cps = [_u32(plc, 4 * i) for i in range(n + 1)]
        for i in range(n):
            first, last = cps[i], min(cps[i + 1], self.ccp_text)
            if first >= self.ccp_text:
                break
            if last <= first:
                continue
            fc = _u32(plc, 4 * (n + 1) + 8 * i + 2)
            compressed = bool(fc & 0x40000000)
            fc &= 0x3FFFFFFF
            yield first, last, fc // 2 if compressed else fc, compressed

    def paragraphs(self) -> Iterator[_Paragraph]:
        """The main document's paragraphs with the character that ends each and its
        properties; field codes, pictures and objects dropped."""
        if self.ccp_text > _MAX_CHARS:
            raise corrupt("Word")
        units: list[str] = []
        fields: list[bool] = []  # per open field: whether its result has begun
        for first, last, fc, compressed in self.pieces():
            width = 1 if compressed else 2
            raw = self.word[fc : fc + (last - first) * width]
            if len(raw) < (last - first) * width:
                raise corrupt("Word")
            text = raw.decode("cp1252" if compressed else "utf-16-le", "replace")
            gone, run_end = False, fc
            for index, char in enumerate(text):
                at = fc + index * width
                if at >= run_end:
                    gone, run_end = self.removed(at)
                if gone and char != "\x07":
                    continue  # hidden or deleted (a deleted mark joins its paragraph to the next)
                if char == "\x13":
                    fields.append(False)
                elif char == "\x14":
                    if fields:
                        fields[-1] = True
                elif char == "\x15":
                    if fields:
                        fields.pop()
                elif char in "\r\x07":
                    paragraph = "".join(units)
                    units.clear()
                    yield _Paragraph(paragraph, char, self.props(at))
                elif fields and not all(fields):
                    continue
                elif char in _REPLACED:
                    units.append(_REPLACED[char])
                elif char not in _DROPPED and not "\ue000" <= char <= "\uf8ff":
                    units.append(char)  # (a symbol font's private characters are no text)
        if units:
            yield _Paragraph("".join(units), "", _NO_PROPS)

    def read(self) -> DocDocument:
        document = DocDocument()
        rows: list[tuple[list[str], tuple[tuple[int, ...], tuple[int, ...]] | None]] = []
        cells: list[str] = []
        parts: list[str] = []

        def close_table() -> None:
            nonlocal cells, parts
            if parts or cells:
                rows.append((cells + ([normalise_cell("\n".join(parts))] if parts else []), None))
                cells, parts = [], []
            if rows:
                _add_table(document, rows)
                rows.clear()

        for paragraph in self.paragraphs():
            props = paragraph.props
            if props.depth == 0:
                close_table()
                text = paragraph.text
                label = self.numbering.label(props.list_entry, props.list_level)
                if label and text.strip():
                    text = label + text.lstrip()
                document.blocks.append((text, props.level, 0))
            elif props.depth == 1 and props.row_end:
                if parts:
                    cells.append(normalise_cell("\n".join(parts)))
                    parts = []
                rows.append((cells, props.row))
                cells = []
            elif props.depth >= 2:
                if not props.row_end:  # cells of a table in a cell: lines of that cell
                    parts.append(paragraph.text)
            else:
                parts.append(paragraph.text)
                if paragraph.mark == "\x07":
                    cells.append(normalise_cell("\n".join(parts)))
                    parts = []
        close_table()
        return document


def _sprms(grpprl: bytes) -> Iterator[tuple[int, bytes]]:
    """The (sprm, operand) pairs of a grpprl; a truncated last one is dropped."""
    at, end = 0, len(grpprl)
    while at + 2 <= end:
        sprm = _u16(grpprl, at)
        at += 2
        spra = sprm >> 13
        if spra == 6:
            if sprm == _SPRM_DEF_TABLE:
                if at + 2 > end:
                    return
                size = _u16(grpprl, at) - 1
                at += 2
            elif sprm == _SPRM_CHANGE_TABS and at < end and grpprl[at] == 255:
                return  # a rare long form: nothing after it is needed
            else:
                if at >= end:
                    return
                size = grpprl[at]
                at += 1
        else:
            size = _OPERAND_SIZE[spra]
        if size < 0 or at + size > end:
            return
        yield sprm, grpprl[at : at + size]
        at += size


def _def_table(operand: bytes) -> tuple[tuple[int, ...], tuple[int, ...]] | None:
    """A row's cell edges (twips) and each cell's merge flags from ``sprmTDefTable``."""
    if not operand:
        return None
    count = operand[0]
    if len(operand) < 1 + 2 * (count + 1):
        return None
    edges = tuple(_i16(operand, 1 + 2 * i) for i in range(count + 1))
    at = 1 + 2 * (count + 1)
    flags = tuple(
        _u16(operand, at + 20 * i) if at + 20 * i + 2 <= len(operand) else 0 for i in range(count)
    )
    return edges, flags


@dataclass(frozen=True, slots=True)
class _Style:
    """A style: its built-in identifier (``sti``; 1–9 are Heading 1–9, 62 Title), the style it
    is based on, and its paragraph properties (paragraph styles only)."""

    sti: int = 0x0FFF
    base: int = 0x0FFF
    grpprl: bytes = b""


def _style(std: bytes, base_size: int) -> _Style:
    """A style from its STD: the fixed part, its name, then its UPX of paragraph properties."""
    try:
        sti = _u16(std, 0) & 0x0FFF
        kind, base = _u16(std, 2) & 0x0F, _u16(std, 2) >> 4
        properties = _u16(std, 4) & 0x0F
        at = base_size + 2 + 2 * _u16(std, base_size) + 2  # past the name and its terminator
        grpprl = b""
        if kind == 1 and properties and at + 2 <= len(std):
            grpprl = std[at + 4 : at + 2 + _u16(std, at)]  # past the UPX's size and istd
        return _Style(sti, base, grpprl)
    except struct.error:
        return _Style(_u16(std, 0) & 0x0FFF if len(std) >= 2 else 0x0FFF)


_Row = tuple[list[str], tuple[tuple[int, ...], tuple[int, ...]] | None]
_EDGE_SLACK = 20
"""Cell edges this close (in twips, 1/1440 inch) are one grid line."""


def _add_table(document: DocDocument, rows: list[_Row]) -> None:
    """A table's rows as a grid; a one-column table that only frames text (an office system's
    layout table) gives its lines as paragraphs instead."""
    grid = _grid(rows)
    if all(len(set(row)) <= 1 for row in grid.rows):
        for row in grid.rows:
            if row and row[0]:
                document.blocks.extend((line, None, 0) for line in row[0].split("\n"))
        return
    document.blocks.append(grid)


def _grid(rows: list[_Row]) -> Grid:
    """Rows laid out on the table's grid lines: a cell as wide as several columns fills them,
    a cell merged into the one above (vertical merge) or to its left takes that cell's text."""
    lines: list[int] = []
    for _, row in rows:
        for edge in row[0] if row else ():
            if not any(abs(edge - line) <= _EDGE_SLACK for line in lines):
                lines.append(edge)
    lines.sort()

    def column(edge: int) -> int:  # the nearest grid line
        i = bisect_right(lines, edge)
        return i - 1 if i == len(lines) or (i and edge - lines[i - 1] <= lines[i] - edge) else i

    texts: dict[tuple[int, int], str] = {}
    owners: dict[tuple[int, int], list[tuple[int, int]]] = {}
    out: list[list[str]] = []
    below: dict[int, tuple[int, int]] = {}
    for r, (cells, row) in enumerate(rows):
        above, below = below, {}
        line: list[str] = []
        edges, flags = row if row and len(row[0]) == len(cells) + 1 else ((), ())
        start = column(edges[0]) if edges else 0
        line.extend([""] * start)
        c = start
        for i, text in enumerate(cells):
            wide = max(1, column(edges[i + 1]) - column(edges[i])) if edges else 1
            flag = flags[i] if i < len(flags) else 0
            owner = (r, c)
            if (flag >> 5) & 3 in (1, 2) and c in above:  # merged into the cell above
                owner = above[c]
            elif flag & 3 in (2, 3) and c and (c - 1) in below:  # merged into the one left
                owner = below[c - 1]
            texts.setdefault(owner, text)
            for k in range(c, c + wide):
                line.append(texts[owner])
                owners.setdefault(owner, []).append((r, k))
                below[k] = owner
            c += wide
        out.append(line)
    return Grid.merged(out, owners.values())


_MAX_LEVELS = 9
_CHINESE_NFC = frozenset({10, 11, 30, 33, 34, 35, 36, 37, 38, 39})
"""Number formats (``nfc``) drawn as Chinese numerals: 一, 二 …"""
_NFC_FORMATS = {0: "decimal", 3: "upperLetter", 4: "lowerLetter", 18: "decimalEnclosedCircle"}
_NFC_BULLET, _NFC_NONE = 23, 255


@dataclass(frozen=True, slots=True)
class _Level:
    """One level of a list: first value, number format, legal numbering, label template
    (characters 0–8 stand for the counters of levels 1–9)."""

    start: int = 1
    nfc: int = 0
    legal: bool = False
    template: str = ""


class _Numbering:
    """The lists of a document and their counters; renders the label Word draws."""

    def __init__(self, lists: bytes, levels: bytes, entries: bytes) -> None:
        self.lists: dict[int, list[_Level]] = {}
        self.counters: dict[int, list[int | None]] = {}
        self.entries: list[tuple[int, dict[int, int]]] = []  # per LFO: list id, restarts
        self.started: set[int] = set()
        # damaged list tables: what was read before the damage numbers, the rest does not
        with suppress(struct.error, IndexError, UnicodeDecodeError):
            self._read(lists, levels, entries)

    def _read(self, lists: bytes, levels: bytes, entries: bytes) -> None:
        if len(lists) < 2:
            return
        count = max(0, struct.unpack_from("<h", lists, 0)[0])
        heads = [
            (struct.unpack_from("<i", lists, 2 + 28 * i)[0], lists[2 + 28 * i + 26] & 1)
            for i in range(count)
        ]
        at = 0
        for lsid, simple in heads:
            read: list[_Level] = []
            for _ in range(1 if simple else _MAX_LEVELS):
                level, at = _lvl(levels, at)
                read.append(level)
            self.lists[lsid] = read
            self.counters[lsid] = [None] * _MAX_LEVELS
        if len(entries) < 4:
            return
        count = max(0, struct.unpack_from("<i", entries, 0)[0])
        heads = [
            (struct.unpack_from("<i", entries, 4 + 16 * i)[0], entries[4 + 16 * i + 12])
            for i in range(count)
        ]
        at = 4 + 16 * count
        for lsid, overrides in heads:
            starts: dict[int, int] = {}
            self.entries.append((lsid, starts))
            at += 4  # the LFOData's cp
            for _ in range(overrides):
                start, flags = struct.unpack_from("<iI", entries, at)
                at += 8
                if flags & 0x10:  # fStartAt
                    starts[min(flags & 0x0F, _MAX_LEVELS - 1)] = start
                if flags & 0x20:  # fFormatting: a whole LVL follows
                    _, at = _lvl(entries, at)

    def label(self, entry: int, level: int) -> str | None:
        """The label before a paragraph of list entry ``entry`` (1-based) at ``level``, or None
        when it is not numbered; advances the counters."""
        if not 0 < entry <= len(self.entries):
            return None
        lsid, starts = self.entries[entry - 1]
        levels = self.lists.get(lsid)
        if not levels:
            return None
        counters = self.counters[lsid]
        if entry not in self.started:
            self.started.add(entry)
            for index, start in starts.items():
                counters[index] = start - 1
        level = min(level, len(levels) - 1)
        current = counters[level]
        counters[level] = (current if current is not None else levels[level].start - 1) + 1
        for deeper in range(level + 1, _MAX_LEVELS):
            counters[deeper] = None
        return _render(levels, counters, level)


def _render(levels: list[_Level], counters: list[int | None], level: int) -> str | None:
    from bot.importer.parsers.docx_numbering import _format, _with_separator

    definition = levels[level]
    if definition.nfc == _NFC_BULLET:
        return "●"
    if definition.nfc == _NFC_NONE:
        return definition.template or None
    parts: list[str] = []
    for char in definition.template:
        index = ord(char)
        if index >= _MAX_LEVELS:
            parts.append(char)
            continue
        if index >= len(levels):
            continue
        value = counters[index]
        shown = value if value is not None else levels[index].start
        nfc = 0 if definition.legal else levels[index].nfc
        fmt = "chineseCounting" if nfc in _CHINESE_NFC else _NFC_FORMATS.get(nfc, "decimal")
        parts.append(_format(shown, fmt))
    return _with_separator("".join(parts))


def _lvl(data: bytes, at: int) -> tuple[_Level, int]:
    """The LVL at ``at`` and the offset after it."""
    start, nfc, flags = struct.unpack_from("<iBB", data, at)
    chpx, papx = data[at + 24], data[at + 25]
    at += 28 + chpx + papx
    length = struct.unpack_from("<H", data, at)[0]
    template = data[at + 2 : at + 2 + 2 * length].decode("utf-16-le")
    return _Level(start, nfc, bool(flags & 0x04), template), at + 2 + 2 * length
