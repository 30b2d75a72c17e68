"""Responsibility tables laid out as text: tab- or pipe-separated rows, or one cell per line.

A web page or a .txt copy of a 责任清单 loses the table but keeps its cells: tab-separated
rows, ``| 1 | 任务 | 县水务局 |`` rows, or every cell on a line of its own (``序号`` /
``民生实事`` / ``责任单位`` / ``完成时限``, then ``1`` / the task / one line per unit / the
deadline). Each table
found becomes a :class:`Grid` with the source span of every row, so a measure's body stays the
text as written.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from bot.importer.deadlines import parse_deadline
from bot.importer.outline import Line, SourceText
from bot.importer.parsers.columns import Column, classify, find_header
from bot.importer.parsers.tables import Grid, Span

_SEPARATED = re.compile(r"\t+|[ \u3000]*[|｜][ \u3000]*")
_RULE_CELL = re.compile(r"^:?[-—=]{2,}:?$")
_SEQ = re.compile(r"^(?:\d{1,5}|[（(]?[一二三四五六七八九十]{1,3}[）)、.．]?)$")
_UNIT_END = re.compile(
    r"(?:局|委|办|院|厅|部|室|联|协|中心|公司|政府|街道|镇|乡|村|社区|所|站|队|会|处|科|组|馆|团|行|司"
    r"|指挥部|管委会|领导小组|各部门|各单位|有关单位|有关部门)(?:等)?$"
)
_UNIT_MAX = 24
_SHORT_NAME_MAX = 10
_TIME_WORDS = re.compile(
    r"\d{4}|[一二三四五六七八九十\d]{1,2}月|年底|年内|季度|半年|长期|持续"
    r"|每[年月季周]|全年|常态"
)
_DEADLINE_MAX = 24
_UNDATED = re.compile(r"长期|持续|常态|每[年月季周]|全年")
_MIN_HEADER_CELLS = 3
_HEADER_CELL_MAX = 8
_MIN_ROWS = 2


@dataclass(frozen=True, slots=True)
class TextTable:
    """A table found in text: its grid, the source span of each row, and the lines it covers."""

    grid: Grid
    row_spans: tuple[tuple[int, int] | None, ...]
    lines: frozenset[int] = field(default_factory=frozenset)


def find_text_tables(source: SourceText) -> list[TextTable]:
    """Every responsibility table laid out as text in ``source``."""
    texts = source.line_texts()
    tables: list[TextTable] = []
    index = 0
    while index < len(texts):
        table = _separated(source, texts, index) or _cell_per_line(source, texts, index)
        if table is None:
            index += 1
            continue
        tables.append(table)
        index = max(table.lines) + 1
    return tables


def _cells(line: str) -> list[str]:
    return (
        [cell for cell in (c.strip() for c in _SEPARATED.split(line.strip("|｜ \t"))) if cell]
        if _SEPARATED.search(line)
        else []
    )


_ONE_SEPARATOR = re.compile(r"\t|[ \u3000]*[|｜][ \u3000]*")


def _row_cells(line: str, width: int) -> list[str]:
    """A data row's cells in their columns: an empty cell between two others (no 配合单位)
    keeps its place, so the deadline after it stays in the deadline column. Rows laid out
    with several tabs between cells (more pieces than columns) are read as :func:`_cells`."""
    if not _SEPARATED.search(line):
        return []
    pieces = [piece.strip() for piece in _ONE_SEPARATOR.split(line.strip("|｜ \t"))]
    if len(pieces) > width or sum(1 for piece in pieces if piece) < 2:
        return _cells(line)
    return pieces


def _separated(source: SourceText, texts: Sequence[str], start: int) -> TextTable | None:
    header = _cells(texts[start])
    found = find_header([tuple(header)]) if len(header) >= 2 else None
    if found is None:
        return None
    width = len(header)
    rows: list[tuple[str, ...]] = [tuple(header)]
    spans: list[tuple[int, int] | None] = [None]
    lines = {start}
    index = start + 1
    bordered = start > 0 and _GRID_BORDER.match(texts[start - 1]) is not None
    if bordered:
        lines.add(start - 1)
    row_open = False  # a bordered row goes on until the next border line
    while index < len(texts):
        if _GRID_BORDER.match(texts[index]):
            lines.add(index)
            row_open = False
            index += 1
            continue
        cells = _row_cells(texts[index], width)
        if cells and all(_RULE_CELL.match(cell) for cell in cells if cell):
            lines.add(index)
            index += 1
            continue
        if bordered and row_open and len(rows) > 1:
            rows[-1] = _joined(rows[-1], _positional_cells(texts[index], width))
            _extend_last(spans, source.lines[index])
            lines.add(index)
            index += 1
            continue
        if bordered and cells:
            cells = _positional_cells(texts[index], width)
            row_open = True
        if len(rows) > 1 and _continues(rows[-1], cells or [texts[index]], found.columns):
            rows[-1] = _continued(rows[-1], cells or [texts[index]], found.columns)
            _extend_last(spans, source.lines[index])
            lines.add(index)
            index += 1
            continue
        if len(cells) < 2 and not _category_line(texts, index):
            break
        if not cells:
            cells = [texts[index]]
        rows.append(tuple(cells[:width]) + ("",) * (width - len(cells[:width])))
        line = source.lines[index]
        spans.append((line.start, line.end))
        lines.add(index)
        index += 1
    if len(rows) - 1 < _MIN_ROWS:
        return None
    return TextTable(Grid(tuple(rows)), tuple(spans), frozenset(lines))


_GRID_BORDER = re.compile(r"^\+(?:[-=:]+\+)+$")
"""The border of a grid table (``+----+------+``, ``+====+``), as pandoc writes Word tables."""


def _extend_last(spans: list[tuple[int, int] | None], line: Line) -> None:
    """Make the last row's source span reach the end of ``line`` (a row continued on it)."""
    last = spans[-1]
    spans[-1] = (last[0] if last else line.start, line.end)


def _positional_cells(line: str, width: int) -> list[str]:
    """The cells of a bordered row in their columns, empty ones kept."""
    cells = [cell.strip(" \u3000") for cell in line.strip().strip("|｜").split("|")]
    return cells[:width] + [""] * (width - len(cells))


def _joined(row: Sequence[str], more: Sequence[str]) -> tuple[str, ...]:
    """A bordered row with the next line of its cells added, column by column."""
    return tuple(
        a + b for a, b in zip(row, list(more) + [""] * (len(row) - len(more)), strict=False)
    )


_OPEN_END = re.compile(r"[，,；;、：:（(“]$")
_TEXT_COLUMNS = (Column.TASK, Column.DETAIL)
_OWNER_COLUMNS = (Column.LEAD, Column.UNITS, Column.CO_UNITS)


def _open_text_column(row: Sequence[str], columns: dict[int, Column]) -> int | None:
    """The last text cell of ``row`` whose sentence is left open (ends in ，/；/、)."""
    open_cells = [
        index
        for index, column in columns.items()
        if column in _TEXT_COLUMNS and index < len(row) and _OPEN_END.search(row[index])
    ]
    return open_cells[-1] if open_cells else None


def _continues(row: Sequence[str], cells: Sequence[str], columns: dict[int, Column]) -> bool:
    """Whether a short line carries on the row above: a Word cell broken over several lines
    copies out as a line with the row's number and task left empty.

    It does when the row above leaves a text cell open (``制定学习计划；``), the line is
    not numbered and it has fewer cells than the row.
    """
    seq = [index for index, column in columns.items() if column is Column.SEQ]
    filled = sum(1 for cell in row if cell)
    return (
        _open_text_column(row, columns) is not None
        and len(cells) < filled
        and not (seq and _SEQ.match(cells[0]))
    )


def _continued(
    row: Sequence[str], cells: Sequence[str], columns: dict[int, Column]
) -> tuple[str, ...]:
    """``row`` with the cells of a continuation line added where they belong: a unit to the
    owner cell, a time limit to the deadline cell, text to the open text cell."""
    merged = list(row)
    text_at = _open_text_column(row, columns)
    owner_at = next((i for i, c in columns.items() if c in _OWNER_COLUMNS), None)
    deadline_at = next((i for i, c in columns.items() if c is Column.DEADLINE), None)
    for cell in cells:
        if owner_at is not None and _is_unit(cell):
            at, joiner = owner_at, "、"
        elif deadline_at is not None and _is_deadline(cell) and not merged[deadline_at]:
            at, joiner = deadline_at, ""
        else:
            at, joiner = (text_at if text_at is not None else len(merged) - 1), ""
        merged[at] = merged[at] + joiner + cell if merged[at] else cell
    return tuple(merged)


def _category_line(texts: Sequence[str], index: int) -> bool:
    """A single-cell line between rows (``一、产业发展``) heads the rows below it."""
    following = texts[index + 1] if index + 1 < len(texts) else ""
    return len(texts[index]) <= 30 and len(_cells(following)) >= 2


def _cell_per_line(source: SourceText, texts: Sequence[str], start: int) -> TextTable | None:
    columns: list[Column] = []
    index = start
    while (
        index < len(texts)
        and len(texts[index]) <= _HEADER_CELL_MAX
        and (column := classify(texts[index])) is not None
    ):
        if _SEPARATED.search(texts[index]) or column in columns:
            break
        columns.append(column)
        index += 1
    if len(columns) < _MIN_HEADER_CELLS or find_header([tuple(texts[start:index])]) is None:
        return None
    reader = _CellRows(columns)
    last = index - 1
    for position in range(index, len(texts)):
        line = source.lines[position]
        following = texts[position + 1] if position + 1 < len(texts) else ""
        if not reader.feed(texts[position], (line.start, line.end), following):
            break
        last = position
    if len(reader.rows) < _MIN_ROWS:
        return None
    return reader.table(texts[start:index], frozenset(range(start, last + 1)))


class _CellRows:
    """Rebuilds rows from one cell per line, using what each line looks like."""

    def __init__(self, columns: list[Column]) -> None:
        self.columns = columns
        self.task = next((c for c in (Column.TASK, Column.DETAIL) if c in columns), Column.TASK)
        owners = [
            c for c in (Column.LEAD, Column.UNITS, Column.CO_UNITS, Column.LEADER) if c in columns
        ]
        self.owners = owners
        self.rows: list[dict[Column, list[str]]] = []
        self.spans: list[list[int]] = []
        self.inherited: list[bool] = []

    def feed(self, text: str, span: tuple[int, int], following: str) -> bool:
        """Add one line to the rows; False when the line cannot belong to the table."""
        row = self.rows[-1] if self.rows else None
        if Column.SEQ in self.columns and _SEQ.match(text):
            self._new_row({Column.SEQ: [text]}, span)
            return True
        if row is None:
            return False
        if Column.DEADLINE in self.columns and _is_deadline(text) and row.get(self.task):
            if row.get(Column.DEADLINE):
                return False
            row[Column.DEADLINE] = [text]
        elif (
            self.owners
            and row.get(self.task)
            and (
                _is_unit(text)
                or (_is_short_name(text) and not any(row.get(c) for c in self.owners))
            )
        ):
            if row.get(Column.DEADLINE):
                return False
            filled = sum(len(row.get(c, [])) for c in self.owners)
            column = self.owners[0] if filled == 0 or len(self.owners) == 1 else self.owners[1]
            row.setdefault(column, []).append(text)
        elif not row.get(self.task):
            row[self.task] = [text]
        elif (row.get(Column.DEADLINE) or any(row.get(c) for c in self.owners)) and (
            _is_deadline(following) or _is_unit(following)
        ):
            seq = row.get(Column.SEQ, [])
            self._new_row({Column.SEQ: list(seq), self.task: [text]}, span, inherited=True)
            return True
        else:
            return False
        self.spans[-1][1] = span[1]
        return True

    def _new_row(
        self, row: dict[Column, list[str]], span: tuple[int, int], *, inherited: bool = False
    ) -> None:
        self.rows.append(row)
        self.spans.append([span[0], span[1]])
        self.inherited.append(inherited)

    def table(self, header: Sequence[str], lines: frozenset[int]) -> TextTable:
        """The rows as a grid; a task continuing a row shares its owner cell, as if merged."""
        rows: list[tuple[str, ...]] = [tuple(header)]
        merged: dict[tuple[int, int], Span] = {}
        anchor = 0
        for number, (row, inherited) in enumerate(
            zip(self.rows, self.inherited, strict=True), start=1
        ):
            if not inherited:
                anchor = number
            cells = []
            for col, column in enumerate(self.columns):
                values = row.get(column)
                if values is None and inherited and column in self.owners:
                    values = list(_cell_values(rows[anchor], col))
                    merged[(number, col)] = (anchor, col, number, col)
                    merged[(anchor, col)] = (anchor, col, number, col)
                cells.append("、".join(values or []))
            rows.append(tuple(cells))
        spans = (None, *((start, end) for start, end in self.spans))
        return TextTable(Grid(tuple(rows), merged), spans, lines)


def _cell_values(row: Sequence[str], col: int) -> tuple[str, ...]:
    return (row[col],) if col < len(row) and row[col] else ()


def _is_unit(text: str) -> bool:
    return (
        len(text) <= _UNIT_MAX
        and not any(ch in text for ch in "。，,；;：:")
        and _UNIT_END.search(text) is not None
    )


def _is_short_name(text: str) -> bool:
    return len(text) <= _SHORT_NAME_MAX and re.search(r"[\W\d]", text) is None


def _is_deadline(text: str) -> bool:
    if len(text) > _DEADLINE_MAX or "。" in text or _TIME_WORDS.search(text) is None:
        return False
    return parse_deadline(text, year=2000).date is not None or _UNDATED.search(text) is not None
