"""Long sheets written fast: rows as worksheet XML, spliced into a workbook openpyxl saved.

openpyxl spends tens of microseconds on each cell it writes (a cell object, its style looked up,
an XML element), write-only mode included: a county's ledger (about a million cells) took a
minute. A :class:`RowStream` writes the same cells, with the same style ids openpyxl would give
them, as text: strings in one shared string table (each distinct text once, as Excel writes
them), numbers as they are, dates and times as Excel serial numbers with their number format,
and a :class:`Styled` value with a style of its own (a fill). Rows whose cells repeat together
can be put together from runs of cells made once (:meth:`RowStream.run`). The sheet itself
(header row, widths, frozen pane, print setup) is still openpyxl's; :func:`save_with_rows`
saves the workbook, puts the rows after the sheet's header row and adds the string table.
Every cell passes the formula-injection guard (:func:`bot.text.cells.safe_cell`), as in any
sheet.
"""

from __future__ import annotations

import math
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from io import BytesIO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border
from openpyxl.styles.fills import Fill
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.worksheet.worksheet import Worksheet

from bot.text.cells import safe_cell

#: Characters XML 1.0 cannot hold (openpyxl refuses them); dropped from text.
_ILLEGAL = re.compile(r"[\000-\010\013\014\016-\037]")
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_DIMENSION = re.compile(rb'<dimension ref="[^"]*"\s*/>')
Plain = str | int | float | date | datetime | None


@dataclass(frozen=True, slots=True)
class Styled:
    """A cell's value with a style of its own instead of the one its kind gets (a fill: the
    ledger's lights), by its id (:func:`style_id`)."""

    value: Plain
    style: int


Cell = Plain | Styled


@dataclass(frozen=True, slots=True)
class Styles:
    """The style ids of a stream's cells: plain, date, date and time, wrapped text."""

    plain: int
    date: int
    datetime: int
    wrapped: int


def styles_for(
    sheet: Worksheet,
    border: Border,
    date_format: str,
    datetime_format: str,
    wrap: Alignment,
    line: Alignment | None = None,
) -> Styles:
    """Register the cell styles a stream uses in the sheet's workbook (as setting them on a cell
    would) and return their ids: ``wrap`` aligns wrapped text, ``line`` every other cell."""
    return Styles(
        style_id(sheet, border, alignment=line),
        style_id(sheet, border, number_format=date_format, alignment=line),
        style_id(sheet, border, number_format=datetime_format, alignment=line),
        style_id(sheet, border, alignment=wrap),
    )


def style_id(
    sheet: Worksheet,
    border: Border,
    *,
    number_format: str | None = None,
    alignment: Alignment | None = None,
    fill: Fill | None = None,
) -> int:
    """Register a cell style in the sheet's workbook (as setting it on a cell would) and return
    its id."""
    cell = WriteOnlyCell(sheet)
    cell.border = border
    if number_format is not None:
        cell.number_format = number_format
    if alignment is not None:
        cell.alignment = alignment
    if fill is not None:
        cell.fill = fill
    return int(cell.style_id)


_SST_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
_SST_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


@dataclass
class SharedStrings:
    """The workbook's shared string table (``xl/sharedStrings.xml``): each distinct text of the
    streamed sheets once, cells pointing at it by number, as Excel itself writes text (a
    county's sheets repeat a few thousand titles and names tens of thousands of times)."""

    index: dict[str, int] = field(default_factory=dict)  # escaped text -> its number

    def number(self, escaped: str) -> int:
        """The number of ``escaped`` (XML-escaped text) in the table, added if new."""
        found = self.index.get(escaped)
        if found is None:
            found = self.index[escaped] = len(self.index)
        return found

    def xml(self) -> bytes:
        """The table's part."""
        items = "".join(f'<si><t xml:space="preserve">{text}</t></si>' for text in self.index)
        count = len(self.index)
        return (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<sst xmlns="{_MAIN}" uniqueCount="{count}">{items}</sst>'
        ).encode()


@dataclass
class RowStream:
    """Rows for one sheet, after its header row, as worksheet XML. Each cell goes through
    :func:`~bot.text.cells.safe_cell` (the formula guard). Cells carry no reference (they are
    in order, as the format allows), so a value's XML is worked out once per column and reused:
    a county's ledger repeats the same titles, names and states tens of thousands of times. It
    keeps each column's widest value (``width_of`` a text; dates as their format shows them).
    Text goes to ``strings``, the table the workbook's streams share. A row with wrapped text is
    given the height of its tallest cell's lines (``line_height`` points each): neither
    LibreOffice nor every Excel fits a row's height to wrapped text on opening, so the lines
    past the first would be cut off on screen and on paper."""

    styles: Styles
    width_of: Callable[[str], int]
    wrap_width: int  # text wider than this, or on several lines, wraps
    strings: SharedStrings = field(default_factory=SharedStrings)
    line_height: float = 16.0  # points: an 11 pt line of Chinese text
    parts: list[str] = field(default_factory=list)
    rows: int = 0
    widths: list[int] = field(default_factory=list)
    _cells: list[dict[object, str]] = field(default_factory=list)
    _tall: dict[int, dict[object, int]] = field(default_factory=dict)  # column -> key -> lines
    _run_lines: dict[str, int] = field(default_factory=dict)  # a run's XML -> its lines

    def run(self, column: int, values: Sequence[Cell]) -> str:
        """The XML of ``values`` as the cells from ``column`` (0-based) on, counted in their
        columns' widths, for rows put together by :meth:`add_made` (a caller whose rows repeat
        the same cells together makes each such run once: a county's answers owed repeat a
        cycle's two cells, a task's and party's four and a state tens of thousands of times)."""
        xml = "".join(self._column_cell(column + n, value) for n, value in enumerate(values))
        lines = self._lines(column, values)
        if lines > 1:
            self._run_lines[xml] = lines
        return xml

    def add_made(self, *runs: str) -> None:
        """Append one row made of :meth:`run` results, in column order (the same as ``add`` of
        their values one after the other); a row costs a string join."""
        self.rows += 1
        lines = max((self._run_lines.get(run, 1) for run in runs), default=1)
        self.parts.append(f'<row r="{self.rows + 1}"{self._height(lines)}>{"".join(runs)}</row>')

    def _column_cell(self, index: int, value: Cell) -> str:
        """The cell's XML in column ``index``, made once per distinct value of the column."""
        while len(self._cells) <= index:
            self._cells.append({})
            self.widths.append(0)
        known = self._cells[index]
        key = value if value.__class__ is str else (value.__class__, value)
        xml = known.get(key)
        if xml is None:
            xml = known[key] = self._cell(index, value)
            lines = self._text_lines(value.value if isinstance(value, Styled) else value)
            if lines > 1:
                self._tall.setdefault(index, {})[key] = lines
        return xml

    def _text_lines(self, value: Plain) -> int:
        """How many lines ``value`` takes in a column as wide as text may be before it wraps
        (a little narrower: a cell's margins, and a line broken at a word or before a mark
        that may not start a line)."""
        if not isinstance(value, str) or (
            "\n" not in value and self._width(value) <= self.wrap_width
        ):
            return 1
        usable = max(self.wrap_width - 2, 1)
        return sum(max(1, math.ceil(self.width_of(part) / usable)) for part in value.split("\n"))

    def _lines(self, column: int, values: Sequence[Cell]) -> int:
        """The lines of the tallest of ``values`` (cells from ``column`` on), already made."""
        lines = 1
        for index, tall in self._tall.items():
            if column <= index < column + len(values):
                value = values[index - column]
                key = value if value.__class__ is str else (value.__class__, value)
                lines = max(lines, tall.get(key, 1))
        return lines

    def _height(self, lines: int) -> str:
        """The row's height attributes for ``lines`` lines (none for one: the default)."""
        return f' ht="{lines * self.line_height:g}" customHeight="1"' if lines > 1 else ""

    def add(self, values: Sequence[Cell]) -> None:
        """Append one row (its values as they are: the formula guard is applied here)."""
        self.rows += 1
        columns = self._cells
        while len(columns) < len(values):
            columns.append({})
            self.widths.append(0)
        # text (most cells) is its own key; other values with their type (1, 1.0, True); a
        # cell's XML is never empty, so a miss is made (and kept) by _column_cell (a row may
        # be shorter than an earlier one)
        cells = [
            known.get(value if value.__class__ is str else (value.__class__, value))
            or self._column_cell(index, value)
            for index, (known, value) in enumerate(zip(columns, values, strict=False))
        ]
        height = self._height(self._lines(0, values)) if self._tall else ""
        self.parts.append(f'<row r="{self.rows + 1}"{height}>{"".join(cells)}</row>')

    def _cell(self, index: int, value: Cell) -> str:
        """The cell's XML, and its width counted in its column."""
        own: int | None = None
        if isinstance(value, Styled):
            own, value = value.style, value.value
        self.widths[index] = max(self.widths[index], self._width(value))
        styles = self.styles
        value = safe_cell(value)
        if value is None or value == "":  # openpyxl writes empty text as an empty cell
            return f'<c s="{_either(own, styles.plain)}"/>'
        if isinstance(value, str):
            text = _ILLEGAL.sub("", value).translate(_ESCAPES)
            wraps = "\n" in value or self._width(value) > self.wrap_width
            style = _either(own, styles.wrapped if wraps else styles.plain)
            return f'<c s="{style}" t="s"><v>{self.strings.number(text)}</v></c>'
        if isinstance(value, datetime):
            return f'<c s="{_either(own, styles.datetime)}" t="n"><v>{to_excel(value)!r}</v></c>'
        if isinstance(value, date):
            return f'<c s="{_either(own, styles.date)}" t="n"><v>{to_excel(value)!r}</v></c>'
        if isinstance(value, bool):
            return f'<c s="{_either(own, styles.plain)}" t="b"><v>{int(value)}</v></c>'
        return f'<c s="{_either(own, styles.plain)}" t="n"><v>{value!r}</v></c>'

    def _width(self, value: Plain) -> int:
        if isinstance(value, str):
            return self.width_of(value)
        if isinstance(value, datetime):
            return len("2024-01-01 00:00")
        if isinstance(value, date):
            return len("2024-01-01")
        return 0 if value is None else len(str(value))

    def xml(self) -> bytes:
        """The rows as the inside of ``<sheetData>``."""
        return b"".join(self.chunks())

    def chunks(self, rows: int = 4096) -> Iterator[bytes]:
        """The rows as the inside of ``<sheetData>``, ``rows`` rows at a time (to write
        without one large copy)."""
        parts = self.parts
        for start in range(0, len(parts), rows):
            yield "".join(parts[start : start + rows]).encode("utf-8")


def _either(own: int | None, kind: int) -> int:
    """A cell's own style if it has one, else its kind's."""
    return kind if own is None else own


_LETTERS: list[str] = []


def _letter(index: int) -> str:
    """The column letter of the 0-based ``index``, cached."""
    while len(_LETTERS) <= index:
        _LETTERS.append(get_column_letter(len(_LETTERS) + 1))
    return _LETTERS[index]


def save_with_rows(book: Workbook, streams: dict[str, RowStream]) -> bytes:
    """Save ``book`` with each named sheet's stream spliced in after its header row, and their
    shared strings (one table: the streams must share it)."""
    tables = {id(stream.strings): stream.strings for stream in streams.values()}
    if len(tables) > 1:
        raise ValueError("the streams of one workbook share one string table")
    buffer = BytesIO()
    book.save(buffer)
    parts = {
        f"xl/worksheets/sheet{index}.xml": streams[sheet.title]
        for index, sheet in enumerate(book.worksheets, start=1)
        if sheet.title in streams
    }
    strings = next(iter(tables.values()), SharedStrings())
    source = zipfile.ZipFile(BytesIO(buffer.getvalue()))
    out = BytesIO()
    # deflated fast: level 3 takes level 1's time for a county's ledger, a sixth smaller
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=3) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            stream = parts.get(info.filename)
            if stream is not None and stream.rows:
                head, tail = _around_rows(data, stream)
                with target.open(info.filename, "w", force_zip64=True) as sheet:
                    sheet.write(head)
                    for chunk in stream.chunks():
                        sheet.write(chunk)
                    sheet.write(tail)
            else:
                target.writestr(info, _with_strings(info.filename, data, strings))
        if strings.index:
            target.writestr("xl/sharedStrings.xml", strings.xml())
    return out.getvalue()


def _with_strings(name: str, data: bytes, strings: SharedStrings) -> bytes:
    """The package's content types and the workbook's relationships, with the shared strings'
    part declared when there is one (openpyxl writes text inline and declares none)."""
    if not strings.index:
        return data
    if name == "[Content_Types].xml":
        part = f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_SST_TYPE}"/>'
        return data.replace(b"</Types>", f"{part}</Types>".encode(), 1)
    if name == "xl/_rels/workbook.xml.rels":
        rel = f'<Relationship Id="rIdSharedStrings" Type="{_SST_REL}" Target="sharedStrings.xml"/>'
        return data.replace(b"</Relationships>", f"{rel}</Relationships>".encode(), 1)
    return data


def _around_rows(sheet_xml: bytes, stream: RowStream) -> tuple[bytes, bytes]:
    """The sheet's XML before and after where the stream's rows go (after the header row),
    its dimension widened to them."""
    last = f"{_letter(max(len(stream.widths), 1) - 1)}{stream.rows + 1}"
    sheet_xml = _DIMENSION.sub(f'<dimension ref="A1:{last}"/>'.encode(), sheet_xml, count=1)
    head, found, tail = sheet_xml.rpartition(b"</sheetData>")
    if not found:
        raise ValueError("the sheet has no rows to follow")
    return head, found + tail


def display_width(text: str) -> int:
    """Columns ``text`` takes in a sheet: wide (CJK) characters count two; the longest line."""
    return max(
        (
            sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)
            for line in text.splitlines() or [""]
        ),
        default=0,
    )
