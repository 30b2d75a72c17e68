"""Rich text (.rtf, as Word, WPS and older systems export it): the text and tables, read by a
small reader of the RTF syntax.

Control words are dropped; ``\\par``, ``\\line`` and ``\\sect`` end lines; ``\\uN`` gives its
character and its fallback is skipped; ``\\'hh`` bytes are decoded in the document's code page
(``\\ansicpg936`` is GBK) or their font's character set; destinations that are no text (font,
colour and style tables, document info, pictures, objects, headers and footers, notes, field
instructions, anything under ``\\*``) are skipped, and so are hidden text (``\\v``) and tracked
deletions (``\\deleted``); ``\\cell`` … ``\\row`` make table rows, their merged cells filled
from their anchor. Work is linear in the input: groups nested deeper than
:data:`MAX_DEPTH` are skipped and ``\\bin`` data is jumped over.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field, replace
from pathlib import PurePath

from bot.importer.errors import FailureReason, PlanImportError
from bot.importer.model import ParsedPlan
from bot.importer.outline import SourceText
from bot.importer.parsers.base import ParseOptions
from bot.importer.parsers.columns import find_header
from bot.importer.parsers.tables import Grid, normalise_cell
from bot.importer.parsers.tabular import typed_tables

MAX_DEPTH = 256
"""Groups nested deeper are skipped whole (no writer nests text this deep)."""

_TOKEN = re.compile(
    rb"\\([a-zA-Z]{1,32})(-?[0-9]{1,10})? ?"  # control word, its parameter, one space eaten
    rb"|\\'([0-9a-fA-F]{2})"  # a byte in the code page
    rb"|\\([^a-zA-Z'])"  # control symbol
    rb"|(\{+|\}+)"  # a run of braces: one token however long
    rb"|[\r\n]+"
    rb"|([^\\{}\r\n]+)"
)
_SKIPPED = frozenset(
    {
        "fonttbl", "colortbl", "stylesheet", "info", "pict", "object", "header", "headerl",
        "headerr", "headerf", "footer", "footerl", "footerr", "footerf", "footnote",
        "annotation", "fldinst", "themedata", "colorschememapping", "latentstyles", "datastore",
        "xmlnstbl", "listtable", "listoverridetable", "rsidtbl", "generator", "pgdsctbl",
        "revtbl", "filetbl", "shpinst", "nonshppict", "txe", "xe", "tc", "bkmkstart",
        "bkmkend", "atnid", "atnauthor", "atndate", "atnref", "userprops", "docvar",
    }
)  # fmt: skip
_SYMBOLS = {
    "par": "\n", "line": "\n", "sect": "\n", "page": "\n", "tab": "\t", "emdash": "—",
    "endash": "–", "lquote": "‘", "rquote": "’", "ldblquote": "“", "rdblquote": "”",
    "bullet": "•", "emspace": " ", "enspace": " ", "qmspace": " ",
}  # fmt: skip
_ESCAPED = {"~": " ", "_": "-", "-": "", "\\": "\\", "{": "{", "}": "}", "\t": "\t"}
_CHARSETS = {
    128: "cp932", 129: "cp949", 134: "gb18030", 136: "cp950", 161: "cp1253", 162: "cp1254",
    163: "cp1258", 177: "cp1255", 178: "cp1256", 186: "cp1257", 204: "cp1251", 222: "cp874",
    238: "cp1250",
}  # fmt: skip


def _codec(page: int) -> str:
    """The Python codec of a Windows code page (936 and its kin read as GB18030)."""
    if page in (936, 54936, 20936):
        return "gb18030"
    try:
        return codecs.lookup(f"cp{page}").name
    except LookupError:
        return "cp1252"


class RtfParser:
    """Reads rich text with :func:`read_rtf`."""

    name = "rtf"

    def detect(self, data: bytes, filename: str) -> bool:
        """Bytes opening with ``{\\rtf``, or a file named .rtf that is no zip."""
        head = data[:16].lstrip(b"\xef\xbb\xbf \t\r\n")
        if head.startswith(b"{\\rtf"):
            return True
        return PurePath(filename).suffix.lower() == ".rtf" and not data.startswith(b"PK")

    def parse(self, data: bytes, options: ParseOptions) -> ParsedPlan:
        """Read the paragraphs and tables in order and parse them."""
        if not data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{\\rtf"):
            raise PlanImportError(FailureReason.CORRUPT, "importer.corrupt", what="RTF")
        document = read_rtf(data)
        entries: list[tuple[str, int | None, int]] = []
        for block in document.blocks:
            if isinstance(block, Grid):
                if find_header(block.rows) is None:
                    entries.extend((line, None, 0) for line in block.text().split("\n"))
            else:
                entries.append((block, None, 0))
        return typed_tables(SourceText.build(entries), document.grids, options)


@dataclass(frozen=True, slots=True)
class _State:
    """What a group inherits: whether its text is skipped, the current font's codec and the
    number of fallback characters after ``\\uN``."""

    skip: bool = False
    codec: str = "cp1252"
    uc: int = 1
    font_table: bool = False
    hidden: bool = False
    """Hidden text (``\\v``) or a tracked deletion (``\\deleted``): not read."""


@dataclass(slots=True)
class RtfDocument:
    """Paragraphs (strings) and tables (grids) in document order."""

    blocks: list[str | Grid] = field(default_factory=list)

    @property
    def grids(self) -> list[Grid]:
        """The tables."""
        return [block for block in self.blocks if isinstance(block, Grid)]


class _Reader:
    """One pass over the tokens (see :func:`read_rtf`)."""

    def __init__(self) -> None:
        self.document = RtfDocument()
        self.state = _State()
        self.stack: list[_State] = []
        self.overflow = 0  # groups opened beyond MAX_DEPTH, skipped whole
        self.default_codec = "cp1252"
        self.fonts: dict[int, str] = {}
        self.font: int | None = None  # the font being declared in the font table
        self.pending = bytearray()  # \'hh bytes awaiting decoding
        self.units: list[str] = []  # text of the paragraph (or cell) being read
        self.fallback = 0  # characters still to skip after \uN
        self.group_start = False
        self.in_table = False
        self.cells: list[str] = []
        self.merges: list[str] = []  # per cell definition: "", "first", "down", "across"
        self.cell_defs: list[str] = []
        self.merge_flag = ""
        self.rows: list[tuple[list[str], list[str]]] = []

    # -- text
    def flush_bytes(self) -> None:
        if self.pending:
            self.units.append(bytes(self.pending).decode(self.state.codec, "replace"))
            self.pending.clear()

    def emit(self, text: str) -> None:
        if self.state.skip or self.state.font_table or self.state.hidden:
            return
        self.flush_bytes()
        self.units.append(text)

    def take_text(self) -> str:
        self.flush_bytes()
        text = "".join(self.units)
        self.units.clear()
        return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")

    def paragraph(self) -> None:
        if self.in_table:
            self.emit("\n")
            return
        self.close_table()
        self.document.blocks.append(self.take_text())

    # -- tables
    def cell(self) -> None:
        self.cells.append(normalise_cell(self.take_text().strip("\n")))

    def row(self) -> None:
        self.take_text()
        if self.cells:
            self.rows.append((self.cells, self.cell_defs))
        self.cells, self.cell_defs = [], []
        self.in_table = False

    def close_table(self) -> None:
        if self.cells:
            self.row()
        if self.rows:
            self.document.blocks.append(_grid(self.rows))
            self.rows = []

    # -- groups
    def braces(self, opening: bool, count: int) -> None:
        """A run of ``count`` braces: groups past MAX_DEPTH are only counted."""
        if opening:
            room = 0 if self.overflow else max(MAX_DEPTH - len(self.stack), 0)
            for _ in range(min(count, room)):
                self.open_group()
            self.overflow += count - min(count, room)
            return
        closed = min(count, self.overflow)
        self.overflow -= closed
        for _ in range(min(count - closed, len(self.stack) + 1)):
            self.close_group()

    def open_group(self) -> None:
        self.flush_bytes()
        self.stack.append(self.state)
        self.group_start = True

    def close_group(self) -> None:
        self.flush_bytes()
        if self.stack:
            self.state = self.stack.pop()
        self.fallback = 0

    def word(self, name: str, param: int | None) -> None:
        starts, self.group_start = self.group_start, False
        state = self.state
        if state.skip:
            return
        if state.font_table:
            self.font_word(name, param)
        elif starts and name in _SKIPPED and name != "fonttbl":
            self.state = replace(state, skip=True)
        elif name == "fonttbl":
            self.state = replace(state, font_table=True)
        elif name in ("par", "sect", "page"):
            self.paragraph()
        elif name in _SYMBOLS:
            self.emit(_SYMBOLS[name])
        elif name == "u" and param is not None:
            self.emit(chr(param + 65536 if param < 0 else param))
            self.fallback = state.uc
        elif name == "uc" and param is not None:
            self.state = replace(state, uc=max(param, 0))
        elif name == "ansicpg" and param is not None:
            self.default_codec = _codec(param)
            self.state = replace(state, codec=self.default_codec)
        elif name == "f" and param is not None:
            self.flush_bytes()
            self.state = replace(state, codec=self.fonts.get(param, self.default_codec))
        elif name in ("v", "deleted"):
            self.flush_bytes()
            self.state = replace(state, hidden=param != 0)
        elif name == "plain" and state.hidden:  # character formatting reset
            self.flush_bytes()
            self.state = replace(state, hidden=False)
        elif name == "intbl":
            self.in_table = True
        elif name == "pard":
            self.in_table = False
        elif name in ("cell", "nestcell"):
            if not state.skip:
                self.cell() if name == "cell" else self.emit("\n")
        elif name == "row":
            if not state.skip:
                self.row()
        elif name == "trowd":
            self.cell_defs, self.merge_flag = [], ""
        elif name in ("clvmgf", "clmgf"):
            self.merge_flag = "first"
        elif name == "clvmrg":
            self.merge_flag = "down"
        elif name == "clmrg":
            self.merge_flag = "across"
        elif name == "cellx":
            self.cell_defs.append(self.merge_flag)
            self.merge_flag = ""

    def font_word(self, name: str, param: int | None) -> None:
        """A word of the font table: which font, and the code page of its character set."""
        if param is None:
            return
        if name == "f":
            self.font = param
        elif name == "fcharset" and self.font is not None and param in _CHARSETS:
            self.fonts[self.font] = _CHARSETS[param]
        elif name == "cpg" and self.font is not None:
            self.fonts[self.font] = _codec(param)

    def symbol(self, char: str) -> None:
        starts, self.group_start = self.group_start, False
        if char == "*" and starts:
            self.state = replace(self.state, skip=True)
        elif char in _ESCAPED:
            self.text(_ESCAPED[char])

    def text(self, text: str) -> None:
        self.group_start = False
        if self.fallback:
            skipped = min(self.fallback, len(text))
            self.fallback -= skipped
            text = text[skipped:]
        if text:
            self.emit(text)

    def text_bytes(self, run: bytes) -> None:
        """Literal text: ASCII, or bytes a careless writer left unescaped (in the code page)."""
        self.text(
            run.decode("latin-1") if run.isascii() else run.decode(self.state.codec, "replace")
        )

    def byte(self, value: int) -> None:
        self.group_start = False
        if self.fallback:
            self.fallback -= 1
        elif not (self.state.skip or self.state.font_table or self.state.hidden):
            self.pending.append(value)


def read_rtf(data: bytes) -> RtfDocument:
    """The paragraphs and tables of rich text, in order (see the module's description)."""
    reader = _Reader()
    position, end = 0, len(data)
    while position < end:
        match = _TOKEN.match(data, position)
        if match is None:  # a lone backslash at the end
            break
        position = match.end()
        word, param, hexa, symbol, brace, run = match.groups()
        if word is not None:
            name = word.decode("ascii")
            value = int(param) if param is not None else None
            if name == "bin":
                position += max(value or 0, 0)  # binary data: jumped over
                continue
            if reader.overflow:
                continue
            if reader.fallback and name not in ("u",):
                reader.fallback -= 1
                continue
            reader.word(name, value)
        elif hexa is not None:
            if not reader.overflow:
                reader.byte(int(hexa, 16))
        elif symbol is not None:
            if not reader.overflow:
                reader.symbol(symbol.decode("latin-1"))
        elif brace is not None:
            reader.braces(brace[:1] == b"{", len(brace))
        elif run is not None and not reader.overflow:
            reader.text_bytes(run)
    reader.close_table()
    text = reader.take_text()
    if text.strip():
        reader.document.blocks.append(text)
    return reader.document


def _grid(rows: list[tuple[list[str], list[str]]]) -> Grid:
    """Table rows as a grid: a cell merged into the one above (``\\clvmrg``) or to its left
    (``\\clmrg``) takes that cell's text, and the range is recorded."""
    width = max(len(cells) for cells, _ in rows)
    grid = [cells + [""] * (width - len(cells)) for cells, _ in rows]
    anchors: dict[tuple[int, int], tuple[int, int]] = {}
    for r, (_, defs) in enumerate(rows):
        for c in range(width):
            kind = defs[c] if c < len(defs) else ""
            if kind == "down" and r > 0:
                anchors[(r, c)] = anchors.get((r - 1, c), (r - 1, c))
            elif kind == "across" and c > 0:
                anchors[(r, c)] = anchors.get((r, c - 1), (r, c - 1))
    for (r, c), (top, left) in anchors.items():
        grid[r][c] = grid[top][left]
    ranges: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for at, anchor in anchors.items():
        ranges.setdefault(anchor, [anchor]).append(at)
    return Grid.merged(grid, ranges.values())
