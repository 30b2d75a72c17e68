"""The one reader of uploaded tables: .xlsx/.xlsm and old .xls (Excel 97–2003) workbooks,
OpenDocument spreadsheets (.ods, as WPS and LibreOffice save them), and .csv/.tsv/.txt delimited
text.

Rosters and plan tables are read here, into rows of cell text, under the same guards:

- **size**: the upload's bytes, then rows and columns kept (rows past the limit are not read);
- **workbooks**: before openpyxl (imported only when a workbook arrives) reads anything, the
  zip's declared sizes are checked: the members' total unpacked size, their number and the
  compression ratio of the large ones, so a zip bomb is refused unopened (``zipfile`` never
  unpacks more than a member declares). Formula cells give the value Excel last computed, a
  merged range gives its anchor's text to every cell it covers, and hidden sheets, rows and
  columns (an old draft, a cancelled task, a superseded 责任单位) are left out, as in every
  workbook format below; each row kept carries its row number in the file (as Excel and WPS
  show it), so a message naming a row names the one the office sees;
- **text**: decoded as UTF-16 (with its BOM), UTF-8 (with or without BOM), GB18030 (which
  covers GBK and GB2312), or else charset-normalizer's guess; the delimiter (comma, tab,
  semicolon, full-width comma) is sniffed from the first lines;
- **old workbooks** (.xls): read with xlrd (imported only when one arrives), merged ranges filled
  as for .xlsx, date cells as dates;
- **OpenDocument spreadsheets** (.ods): ``content.xml`` streamed with the standard library's XML
  parser after the zip checks; spanned cells filled from their anchor, repeated rows and cells
  expanded only up to the limits and only when something follows them (a sheet of 1,048,576
  repeated empty rows costs one element), hidden sheets, rows and columns left out, dates and
  numbers as for .xlsx.

A problem raises :class:`TableError`, whose :class:`TableProblem` each caller turns into its own
message.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import logging
import re
import zipfile
import zlib
from collections.abc import Iterable, Iterator, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from enum import StrEnum
from itertools import islice
from typing import Any

Span = tuple[int, int, int, int]
"""A merged range as (first row, first column, last row, last column), 0-based."""

WORKBOOK_SUFFIXES = ("xlsx", "xlsm")
OLD_WORKBOOK_SUFFIXES = ("xls",)
OPEN_DOCUMENT_SUFFIXES = ("ods",)
TEXT_SUFFIXES = ("csv", "tsv", "txt")
TABLE_SUFFIXES = (
    *WORKBOOK_SUFFIXES,
    *OLD_WORKBOOK_SUFFIXES,
    *OPEN_DOCUMENT_SUFFIXES,
    *TEXT_SUFFIXES,
)
_ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError)
# what a zip raises that is there but cannot be unpacked: a member of a zip version or method
# zipfile cannot read (NotImplementedError), a garbled compressed stream (zlib.error); telling
# the kind of a file (zip_names) lets them through, so the importer calls it damaged, not unknown
_UNPACK_ERRORS = (*_ZIP_ERRORS, NotImplementedError, zlib.error)
_SNIFF_LINES = 20
_MERGE_CELL = re.compile(rb'<(?:\w+:)?mergeCell\s[^>]*?ref="([A-Z]+[0-9]+(?::[A-Z]+[0-9]+)?)"')
_HIDDEN_ROW = re.compile(
    rb'<(?:\w+:)?row\s(?=(?:[^>]*?\s)?hidden="(?:1|true)")[^>]*?\br="([0-9]+)"'
)
_HIDDEN_COLUMNS = re.compile(  # a <col> hiding columns min to max (1-based)
    rb'<(?:\w+:)?col\s(?=(?:[^>]*?\s)?hidden="(?:1|true)")'
    rb'(?=[^>]*?\bmin="([0-9]+)")[^>]*?\bmax="([0-9]+)"'
)
_MERGE_OVERLAP = 512  # a <mergeCell> element is far shorter: none is missed between chunks
_SNIFF_CHARS = 64 * 1024

logger = logging.getLogger(__name__)


class TableProblem(StrEnum):
    """Why a table could not be read."""

    TOO_LARGE = "too_large"
    """More bytes than the limit."""
    BOMB = "bomb"
    """A zip that unpacks too large, into too many members or at an implausible ratio."""
    CORRUPT = "corrupt"
    """Not a readable workbook, or malformed delimited text."""
    ENCODING = "encoding"
    """Text in no encoding tried."""
    FILE_TYPE = "file_type"
    """A file name that names no table format."""


class TableError(ValueError):
    """A table that cannot be read; ``params`` carry the figures a message may show."""

    def __init__(self, problem: TableProblem, **params: object) -> None:
        super().__init__(f"{problem}: {params}" if params else str(problem))
        self.problem = problem
        self.params = params


@dataclass(frozen=True, slots=True)
class Limits:
    """How much of an upload is read. Rows and columns beyond the limits are left unread."""

    max_bytes: int = 10 * 1024 * 1024
    max_rows: int = 5000
    max_columns: int = 60
    max_unpacked: int = 200 * 1024 * 1024
    """Total declared size of a workbook's members."""
    max_members: int = 10_000
    max_ratio: int = 200
    """Largest unpacked / packed ratio of a member above :attr:`ratio_from` bytes."""
    ratio_from: int = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Sheet:
    """One table as text: ``rows[r][c]``; ``spans`` maps each merged cell to its range;
    ``numbers[r]`` is row ``r``'s number in the file (1-based, as Excel shows it; a delimited
    text's record number), ``r + 1`` when not given."""

    rows: tuple[tuple[str, ...], ...]
    spans: Mapping[tuple[int, int], Span] = field(default_factory=dict)
    title: str = ""
    numbers: tuple[int, ...] = ()

    def number(self, row: int) -> int:
        """Row ``row``'s number in the file, as the office sees it in Excel or WPS."""
        return self.numbers[row] if row < len(self.numbers) else row + 1


def suffix(filename: str) -> str:
    """The file name's extension, lower case, without the dot ("" when there is none)."""
    return filename.rsplit(".", 1)[-1].casefold() if "." in filename else ""


def is_table_file(filename: str) -> bool:
    """Whether the file name names a table format this module reads."""
    return suffix(filename) in TABLE_SUFFIXES


def read_tables(
    data: bytes, filename: str, limits: Limits = Limits(), *, first_sheet_only: bool = False
) -> list[Sheet]:
    """The tables of an upload, chosen by its file name: every worksheet of a workbook (or only
    the first), or the one table of a delimited text."""
    kind = suffix(filename)
    if kind not in TABLE_SUFFIXES:
        raise TableError(TableProblem.FILE_TYPE, filename=filename)
    check_size(data, limits)
    if kind in WORKBOOK_SUFFIXES:
        return read_workbook(data, limits, first_sheet_only=first_sheet_only)
    if kind in OLD_WORKBOOK_SUFFIXES:
        return read_old_workbook(data, limits, first_sheet_only=first_sheet_only)
    if kind in OPEN_DOCUMENT_SUFFIXES:
        return read_spreadsheet(data, limits, first_sheet_only=first_sheet_only)
    return [read_delimited(decode(data), limits)]


def check_size(data: bytes, limits: Limits = Limits()) -> None:
    """Refuse an upload of more than ``limits.max_bytes``."""
    if len(data) > limits.max_bytes:
        raise TableError(TableProblem.TOO_LARGE, size=len(data), limit=limits.max_bytes)


def zip_names(data: bytes) -> set[str]:
    """Member names of a zip upload, or an empty set when it is not a readable zip."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return set(archive.namelist())
    except _ZIP_ERRORS:
        return set()


def check_zip(data: bytes, limits: Limits = Limits()) -> None:
    """Refuse a zip (a workbook, a Word document) whose declared sizes make it a zip bomb, or
    that is no zip at all (:attr:`TableProblem.CORRUPT`). Reads the central directory only."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except _UNPACK_ERRORS as error:
        raise TableError(TableProblem.CORRUPT, reason=type(error).__name__) from error
    total = sum(info.file_size for info in members)
    if len(members) > limits.max_members or total > limits.max_unpacked:
        raise TableError(TableProblem.BOMB, unpacked=total, members=len(members))
    for info in members:
        if info.file_size > limits.ratio_from and (
            info.file_size > limits.max_ratio * max(info.compress_size, 1)
        ):
            raise TableError(TableProblem.BOMB, unpacked=total, members=len(members))


def read_workbook(
    data: bytes, limits: Limits = Limits(), *, first_sheet_only: bool = False
) -> list[Sheet]:
    """Every worksheet Excel shows (chart sheets have no cells) as text, merged ranges filled.

    openpyxl reads in its streaming mode and stops at ``limits.max_rows``; the merged ranges,
    which follow the cells in a sheet's XML, are found by scanning that part of the zip.
    """
    check_zip(data, limits)
    from openpyxl import load_workbook  # heavy: imported only when a workbook arrives

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            sheets = _shown(book.worksheets)[: 1 if first_sheet_only else None]
            return [_sheet(sheet, _sheet_marks(data, sheet, limits), limits) for sheet in sheets]
        finally:
            book.close()
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise TableError(TableProblem.CORRUPT, reason=type(error).__name__) from error


def _shown(sheets: list[Any]) -> list[Any]:
    """The sheets Excel shows: hidden ones (an old draft, lists behind drop-downs) are left
    out, unless every sheet is hidden."""
    return [sheet for sheet in sheets if sheet.sheet_state == "visible"] or sheets


def _sheet(sheet: Any, marks: _Marks, limits: Limits) -> Sheet:
    from openpyxl.utils.cell import range_boundaries

    sheet.reset_dimensions()  # a sheet's stated size may be wrong: read what is there
    rows = [
        [cell_text(value) for value in row]
        for row in sheet.iter_rows(
            max_row=limits.max_rows, max_col=limits.max_columns, values_only=True
        )
    ]
    width = max((i + 1 for row in rows for i, text in enumerate(row) if text), default=0)
    rows = [row[:width] for row in rows]
    ranges = [_from_corners(*(n - 1 for n in range_boundaries(ref))) for ref in marks.merged]
    spans = fill_merged(rows, ranges, width)
    return _without_hidden(
        Sheet(tuple(tuple(row) for row in rows), spans, str(sheet.title)),
        marks.rows,
        marks.columns,
    )


@dataclass(frozen=True, slots=True)
class _Marks:
    """What a streamed .xlsx sheet's XML says beside its cells: merged ranges (``A2:A5``),
    hidden rows and hidden columns (0-based)."""

    merged: list[str]
    rows: set[int]
    columns: set[int]


def _sheet_marks(data: bytes, sheet: Any, limits: Limits) -> _Marks:
    """The merged ranges, hidden rows and hidden columns of a streamed sheet, read from its XML
    part (a ``<col>`` hides columns ``min`` to ``max``, counted only up to the column limit)."""
    path = getattr(sheet, "_worksheet_path", None)
    if not isinstance(path, str):
        return _Marks([], set(), set())
    refs: dict[bytes, None] = {}
    rows: set[int] = set()
    columns: set[int] = set()
    with zipfile.ZipFile(io.BytesIO(data)) as archive, archive.open(path) as stream:
        tail = b""
        while chunk := stream.read(1024 * 1024):
            window = tail + chunk
            refs.update(dict.fromkeys(_MERGE_CELL.findall(window)))
            rows.update(int(row) - 1 for row in _HIDDEN_ROW.findall(window))
            for first, last in _HIDDEN_COLUMNS.findall(window):
                columns.update(range(int(first) - 1, min(int(last), limits.max_columns)))
            tail = window[-_MERGE_OVERLAP:]
    return _Marks([ref.decode("ascii") for ref in refs], rows, columns)


def _without_hidden(sheet: Sheet, rows: AbstractSet[int], columns: AbstractSet[int]) -> Sheet:
    """The sheet as the office sees it: hidden rows and columns left out, spans renumbered, each
    row kept with its number in the file."""
    numbers = tuple(sheet.number(r) for r in range(len(sheet.rows)))
    width = max((len(row) for row in sheet.rows), default=0)
    if not rows & set(range(len(sheet.rows))) and not columns & set(range(width)):
        return Sheet(sheet.rows, sheet.spans, sheet.title, numbers)
    kept_rows = [r for r in range(len(sheet.rows)) if r not in rows]
    kept_columns = [c for c in range(width) if c not in columns]
    row_at = {r: i for i, r in enumerate(kept_rows)}
    column_at = {c: i for i, c in enumerate(kept_columns)}
    spans: dict[tuple[int, int], Span] = {}
    for (r, c), (top, left, bottom, right) in sheet.spans.items():
        if r in row_at and c in column_at:
            down = [row_at[k] for k in range(top, bottom + 1) if k in row_at]
            across = [column_at[k] for k in range(left, right + 1) if k in column_at]
            spans[(row_at[r], column_at[c])] = (min(down), min(across), max(down), max(across))
    return Sheet(
        tuple(_kept(sheet.rows[r], kept_columns) for r in kept_rows),
        spans,
        sheet.title,
        tuple(numbers[r] for r in kept_rows),
    )


def _kept(row: tuple[str, ...], columns: list[int]) -> tuple[str, ...]:
    return tuple(row[c] for c in columns if c < len(row))


def read_old_workbook(
    data: bytes, limits: Limits = Limits(), *, first_sheet_only: bool = False
) -> list[Sheet]:
    """Every worksheet Excel shows of an .xls workbook (BIFF5/BIFF8) as text, merged ranges
    filled from their anchor, date cells as dates (:func:`cell_text`)."""
    import xlrd  # imported only when an old workbook arrives

    try:
        book = xlrd.open_workbook(
            file_contents=data, formatting_info=True, on_demand=True, logfile=_Quiet()
        )
    except Exception as error:  # xlrd raises many kinds for a damaged or non-Excel file
        logger.info("unreadable .xls: %s", error)
        raise TableError(TableProblem.CORRUPT, reason=type(error).__name__) from error
    try:
        sheets = [book.sheet_by_index(i) for i in range(book.nsheets)]
        shown = [sheet for sheet in sheets if sheet.visibility == 0] or sheets  # not hidden
        return [
            _old_sheet(book, sheet, limits) for sheet in shown[: 1 if first_sheet_only else None]
        ]
    except Exception as error:
        logger.info("unreadable .xls sheet: %s", error)
        raise TableError(TableProblem.CORRUPT, reason=type(error).__name__) from error
    finally:
        book.release_resources()


class _Quiet:
    """A log file for xlrd that keeps its warnings out of the output."""

    def write(self, text: str) -> int:
        return len(text)


def _old_sheet(book: Any, sheet: Any, limits: Limits) -> Sheet:
    height, width = min(sheet.nrows, limits.max_rows), min(sheet.ncols, limits.max_columns)
    rows = [[_old_cell(book, sheet.cell(r, c)) for c in range(width)] for r in range(height)]
    ranges = [  # xlrd's bottom and right are exclusive
        (top, left, bottom - 1, right - 1) for top, bottom, left, right in sheet.merged_cells
    ]
    spans = fill_merged(rows, ranges, width)
    hidden = {r for r, info in sheet.rowinfo_map.items() if getattr(info, "hidden", 0)}
    columns = {c for c, info in sheet.colinfo_map.items() if getattr(info, "hidden", 0)}
    return _without_hidden(
        Sheet(tuple(tuple(row) for row in rows), spans, str(sheet.name)), hidden, columns
    )


def _old_cell(book: Any, cell: Any) -> str:
    import xlrd

    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            return cell_text(xlrd.xldate.xldate_as_datetime(cell.value, book.datemode))
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            return cell_text(cell.value)
    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
        return ""
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return "是" if cell.value else "否"
    return cell_text(cell.value)


ODF_NAMESPACES = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
}


def odf_name(name: str) -> str:
    """An OpenDocument name (``table:table-cell``) as ElementTree spells it."""
    prefix, local = name.split(":")
    return f"{{{ODF_NAMESPACES[prefix]}}}{local}"


_OD_TABLE, _OD_ROW = odf_name("table:table"), odf_name("table:table-row")
_OD_COLUMN = odf_name("table:table-column")
_OD_CELL, _OD_COVERED = odf_name("table:table-cell"), odf_name("table:covered-table-cell")
_OD_STYLE, _OD_TABLE_PROPERTIES = odf_name("style:style"), odf_name("style:table-properties")
_OD_SKIPPED = frozenset({odf_name("office:annotation"), odf_name("text:note")})
_OD_P = odf_name("text:p")


def read_spreadsheet(
    data: bytes, limits: Limits = Limits(), *, first_sheet_only: bool = False
) -> list[Sheet]:
    """Every sheet an OpenDocument spreadsheet shows, as text, spanned cells filled.

    ``content.xml`` is streamed: each row is read when it ends, then dropped; rows past
    ``limits.max_rows`` and cells past ``limits.max_columns`` are not kept, and repeated empty
    rows are only counted (they become rows when a row with text follows them).
    """
    check_zip(data, limits)
    from xml.etree.ElementTree import ParseError, iterparse

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive, archive.open("content.xml") as stream:
            reader = _SpreadsheetReader(limits)
            for event, element in iterparse(stream, events=("start", "end")):
                reader.feed(event, element)
    except (KeyError, ParseError, *_UNPACK_ERRORS) as error:
        raise TableError(TableProblem.CORRUPT, reason=type(error).__name__) from error
    shown = [sheet for sheet, hidden in reader.sheets if not hidden]
    sheets = shown or [sheet for sheet, _ in reader.sheets]
    return sheets[: 1 if first_sheet_only else None]


class _SpreadsheetReader:
    """Collects the sheets of a streamed ``content.xml`` (see :func:`read_spreadsheet`)."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.hidden_styles: set[str] = set()
        self.sheets: list[tuple[Sheet, bool]] = []
        self.parents: list[Any] = []
        self._start_sheet()

    def _start_sheet(self) -> None:
        self.rows: list[list[str]] = []
        self.merges: list[Span] = []
        self.pending = 0  # empty rows seen since the last row kept
        self.row_hidden: list[bool] = []
        self.column_hidden: list[bool] = []  # up to the column limit

    def feed(self, event: str, element: Any) -> None:
        if event == "start":
            self.parents.append(element)
            return
        self.parents.pop()
        if element.tag == _OD_ROW:
            self._row(element)
            if self.parents:
                self.parents[-1].remove(element)  # read: the row's memory is freed
        elif element.tag == _OD_COLUMN:
            self._column(element)
        elif element.tag == _OD_TABLE:
            self._sheet(element)
            if self.parents:
                self.parents[-1].remove(element)
        elif element.tag == _OD_STYLE:
            properties = element.find(_OD_TABLE_PROPERTIES)
            if properties is not None and properties.get(odf_name("table:display")) == "false":
                self.hidden_styles.add(element.get(odf_name("style:name"), ""))

    def _column(self, column: Any) -> None:
        """A column description (``number-columns-repeated`` of them): hidden when collapsed or
        filtered out."""
        repeat = _count(column.get(odf_name("table:number-columns-repeated")))
        hidden = column.get(odf_name("table:visibility"), "visible") != "visible"
        room = self.limits.max_columns - len(self.column_hidden)
        self.column_hidden.extend([hidden] * max(min(repeat, room), 0))

    def _row(self, row: Any) -> None:
        room = self.limits.max_rows - len(self.rows)
        if room <= 0:
            return
        cells: list[str] = []
        anchors: list[tuple[int, int, int]] = []  # (column, rows down, columns across)
        covered = False
        for cell in row:
            if cell.tag not in (_OD_CELL, _OD_COVERED):
                continue
            repeat = _count(cell.get(odf_name("table:number-columns-repeated")))
            text = _od_cell_text(cell) if cell.tag == _OD_CELL else ""
            covered = covered or cell.tag == _OD_COVERED
            down = _count(cell.get(odf_name("table:number-rows-spanned")))
            across = _count(cell.get(odf_name("table:number-columns-spanned")))
            for _ in range(min(repeat, self.limits.max_columns - len(cells))):
                if down > 1 or across > 1:
                    anchors.append((len(cells), down, across))
                cells.append(text)
            if len(cells) >= self.limits.max_columns:
                break
        repeat = _count(row.get(odf_name("table:number-rows-repeated")))
        if not covered and not anchors and not any(cells):
            self.pending += repeat  # only counted: kept if a row with text follows
            return
        hidden = row.get(odf_name("table:visibility"), "visible") != "visible"
        filler = min(self.pending, room)
        self.rows.extend([] for _ in range(filler))
        self.row_hidden.extend([False] * filler)
        self.pending = 0
        for _ in range(min(repeat, self.limits.max_rows - len(self.rows))):
            top = len(self.rows)
            self.merges.extend((top, c, top + d - 1, c + a - 1) for c, d, a in anchors)
            self.rows.append(list(cells))
            self.row_hidden.append(hidden)

    def _sheet(self, table: Any) -> None:
        rows = self.rows
        width = max((i + 1 for row in rows for i, text in enumerate(row) if text), default=0)
        for row in rows:
            row[:] = (row + [""] * width)[:width]
        spans = fill_merged(rows, self.merges, width)
        hidden = {r for r, flag in enumerate(self.row_hidden) if flag}
        columns = {c for c, flag in enumerate(self.column_hidden) if flag}
        sheet = _without_hidden(
            Sheet(tuple(tuple(row) for row in rows), spans, table.get(odf_name("table:name"), "")),
            hidden,
            columns,
        )
        self.sheets.append((sheet, table.get(odf_name("table:style-name")) in self.hidden_styles))
        self._start_sheet()


def _count(value: str | None) -> int:
    """A repeat or span count (1 when absent or malformed)."""
    try:
        return max(int(value or "1"), 1)
    except ValueError:
        return 1


def _od_cell_text(cell: Any) -> str:
    """An .ods cell as text: dates and numbers from their values (as :func:`cell_text` writes
    those of a workbook), other cells from their paragraphs."""
    kind = cell.get(odf_name("office:value-type"))
    if kind == "date":
        value = cell.get(odf_name("office:date-value"), "")
        try:
            return cell_text(dt.date.fromisoformat(value[:10]))
        except ValueError:
            pass
    elif kind in ("float", "percentage", "currency"):
        try:
            return cell_text(float(cell.get(odf_name("office:value"), "")))
        except ValueError:
            pass
    elif kind == "boolean":
        return "是" if cell.get(odf_name("office:boolean-value")) == "true" else "否"
    return "\n".join(_od_inline(p) for p in cell if p.tag == _OD_P)


def _od_inline(element: Any) -> str:
    """A paragraph's text: spans and links read, ``text:s`` spaces, tabs and line breaks kept,
    comments and notes left out."""
    parts = [element.text or ""]
    for child in element:
        if child.tag == odf_name("text:s"):
            parts.append(" " * min(_count(child.get(odf_name("text:c"))), 64))
        elif child.tag == odf_name("text:tab"):
            parts.append("\t")
        elif child.tag == odf_name("text:line-break"):
            parts.append("\n")
        elif child.tag not in _OD_SKIPPED:
            parts.append(_od_inline(child))
        parts.append(child.tail or "")
    return "".join(parts)


def fill_merged(
    rows: list[list[str]], ranges: Iterable[Span], width: int
) -> dict[tuple[int, int], Span]:
    """Give every cell of each merged range (first row, first column, last row, last column,
    inclusive) its anchor's text, within ``rows`` and ``width``; each covered cell's range."""
    spans: dict[tuple[int, int], Span] = {}
    for top, left, bottom, right in ranges:
        if top >= len(rows) or left >= width:
            continue
        value = rows[top][left]
        for r in range(top, min(bottom + 1, len(rows))):
            for c in range(left, min(right + 1, width)):
                rows[r][c] = value
                spans[(r, c)] = (top, left, bottom, right)
    return spans


def _from_corners(left: int, top: int, right: int, bottom: int) -> Span:
    """openpyxl's (min column, min row, max column, max row) as a :data:`Span`."""
    return top, left, bottom, right


def cell_text(value: object) -> str:
    """A workbook cell as text: dates as 2024年6月30日, whole numbers without ``.0``."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date):
        return f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def decode(data: bytes) -> str:
    """Text bytes as a string: UTF-16 with a BOM, UTF-8 (BOM or not), GB18030, then
    charset-normalizer's guess."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    from charset_normalizer import from_bytes  # rarely needed: most files are UTF-8 or GBK

    best = from_bytes(data).best()
    if best is not None:
        return str(best)
    raise TableError(TableProblem.ENCODING)


def read_delimited(text: str, limits: Limits = Limits()) -> Sheet:
    """The cells of a delimited text (quoted cells may span lines), up to ``limits.max_rows``."""
    return Sheet(tuple(_rows(csv.reader(io.StringIO(text), _dialect(text)), limits)))


def _dialect(text: str) -> type[csv.Dialect] | csv.Dialect:
    end = -1
    for _ in range(_SNIFF_LINES):
        end = text.find("\n", end + 1, _SNIFF_CHARS)
        if end < 0:
            end = _SNIFF_CHARS
            break
    sample = "\n".join(text[:end].splitlines()[:_SNIFF_LINES])
    try:
        return csv.Sniffer().sniff(sample, delimiters=",\t;，")
    except csv.Error:
        return csv.excel


def _rows(reader: Iterable[list[str]], limits: Limits) -> Iterator[tuple[str, ...]]:
    try:
        for row in islice(reader, limits.max_rows):
            yield tuple(row[: limits.max_columns])
    except csv.Error as error:
        raise TableError(TableProblem.CORRUPT, reason=str(error)) from error
