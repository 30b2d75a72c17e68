"""Long sheets written fast: rows as worksheet XML, spliced into a workbook openpyxl saved.

openpyxl spends tens of microseconds on each cell it writes (a cell object, its style looked up,
an XML element), write-only mode included: a county's ledger (about a million cells) took a
minute. A :class:`RowStream` writes the same cells, with the same style ids openpyxl would give
them, as text: strings inline (as openpyxl writes them), numbers as they are, dates and times as
Excel serial numbers with their number format. The sheet itself (header row, widths, frozen
pane, print setup) is still openpyxl's; :func:`save_with_rows` saves the workbook and puts the
rows after the sheet's header row. Cells are given as they are, so pass user text through
:func:`bot.text.cells.safe_row` first (the formula-injection guard), as for any sheet.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from io import BytesIO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.worksheet.worksheet import Worksheet

#: Characters XML 1.0 cannot hold (openpyxl refuses them); dropped from text.
_ILLEGAL = re.compile(r"[\000-\010\013\014\016-\037]")
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_DIMENSION = re.compile(rb'<dimension ref="[^"]*"\s*/>')
Cell = str | int | float | date | datetime | None


@dataclass(frozen=True, slots=True)
class Styles:
    """The style ids of a stream's cells: plain, date, date and time, wrapped text."""

    plain: int
    date: int
    datetime: int
    wrapped: int


def styles_for(
    sheet: Worksheet, border: Border, date_format: str, datetime_format: str, wrap: Alignment
) -> Styles:
    """Register the cell styles a stream uses in the sheet's workbook (as setting them on a cell
    would) and return their ids."""

    def style(number_format: str | None = None, alignment: Alignment | None = None) -> int:
        cell = WriteOnlyCell(sheet)
        cell.border = border
        if number_format is not None:
            cell.number_format = number_format
        if alignment is not None:
            cell.alignment = alignment
        return int(cell.style_id)

    return Styles(style(), style(date_format), style(datetime_format), style(alignment=wrap))


@dataclass
class RowStream:
    """Rows for one sheet, after its header row, as worksheet XML; it keeps each column's
    widest value (``width_of`` a text, counted once per distinct text) for the sheet's widths."""

    styles: Styles
    width_of: Callable[[str], int]
    wrap_width: int  # text wider than this, or on several lines, wraps
    parts: list[str] = field(default_factory=list)
    rows: int = 0
    widths: list[int] = field(default_factory=list)
    _seen: dict[str, int] = field(default_factory=dict)

    def add(self, values: Sequence[Cell], shown: Sequence[Cell] | None = None) -> None:
        """Append one row; ``shown``: the values the column widths are measured on, when they
        differ from the cells' (text before the formula guard's apostrophe)."""
        number = self.rows + 2  # row 1 is the header
        self.rows += 1
        if len(values) > len(self.widths):
            self.widths.extend([0] * (len(values) - len(self.widths)))
        cells = []
        for index, value in enumerate(values):
            width = self._width(value)
            seen = width if shown is None else self._width(shown[index])
            if seen > self.widths[index]:
                self.widths[index] = seen
            cells.append(self._cell(f"{_letter(index)}{number}", value, width))
        self.parts.append(f'<row r="{number}">{"".join(cells)}</row>')

    def _width(self, value: Cell) -> int:
        if isinstance(value, str):
            found = self._seen.get(value)
            if found is None:
                found = self._seen[value] = self.width_of(value)
            return found
        if isinstance(value, datetime):
            return len("2024-01-01 00:00")
        if isinstance(value, date):
            return len("2024-01-01")
        return 0 if value is None else len(str(value))

    def _cell(self, ref: str, value: Cell, width: int) -> str:
        styles = self.styles
        if value is None or value == "":  # openpyxl writes empty text as an empty cell
            return f'<c r="{ref}" s="{styles.plain}"/>'
        if isinstance(value, str):
            text = _ILLEGAL.sub("", value).translate(_ESCAPES)
            wraps = "\n" in value or width > self.wrap_width
            style = styles.wrapped if wraps else styles.plain
            return (
                f'<c r="{ref}" s="{style}" t="inlineStr"><is>'
                f'<t xml:space="preserve">{text}</t></is></c>'
            )
        if isinstance(value, datetime):
            serial = to_excel(value)
            return f'<c r="{ref}" s="{styles.datetime}" t="n"><v>{serial!r}</v></c>'
        if isinstance(value, date):
            serial = to_excel(value)
            return f'<c r="{ref}" s="{styles.date}" t="n"><v>{serial!r}</v></c>'
        if isinstance(value, bool):
            return f'<c r="{ref}" s="{styles.plain}" t="b"><v>{int(value)}</v></c>'
        return f'<c r="{ref}" s="{styles.plain}" t="n"><v>{value!r}</v></c>'

    def xml(self) -> bytes:
        """The rows as the inside of ``<sheetData>``."""
        return "".join(self.parts).encode("utf-8")


_LETTERS: list[str] = []


def _letter(index: int) -> str:
    """The column letter of the 0-based ``index``, cached."""
    while len(_LETTERS) <= index:
        _LETTERS.append(get_column_letter(len(_LETTERS) + 1))
    return _LETTERS[index]


def save_with_rows(book: Workbook, streams: dict[str, RowStream]) -> bytes:
    """Save ``book`` with each named sheet's stream spliced in after its header row."""
    buffer = BytesIO()
    book.save(buffer)
    parts = {
        f"xl/worksheets/sheet{index}.xml": streams[sheet.title]
        for index, sheet in enumerate(book.worksheets, start=1)
        if sheet.title in streams
    }
    source = zipfile.ZipFile(BytesIO(buffer.getvalue()))
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            stream = parts.get(info.filename)
            if stream is not None and stream.rows:
                data = _spliced(data, stream)
                target.writestr(info, data, compresslevel=1)  # large: fast deflate
            else:
                target.writestr(info, data)
    return out.getvalue()


def _spliced(sheet_xml: bytes, stream: RowStream) -> bytes:
    """The sheet's XML with the stream's rows after the header row and its dimension widened."""
    last = f"{_letter(max(len(stream.widths), 1) - 1)}{stream.rows + 1}"
    sheet_xml = _DIMENSION.sub(f'<dimension ref="A1:{last}"/>'.encode(), sheet_xml, count=1)
    head, found, tail = sheet_xml.rpartition(b"</sheetData>")
    if not found:
        raise ValueError("the sheet has no rows to follow")
    return head + stream.xml() + found + tail
