"""Responsibility tables (责任清单): rows of task, owners and deadline under a header row.

Shared by the .xlsx, .csv and .docx parsers. A :class:`Grid` is the table as text, with
merged cells already filled in and their extent recorded, so a section cell spanning
several rows, or a task spanning several measure rows, reads correctly.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from bot.importer.assemble import Draft, found_measure
from bot.importer.deadlines import find_deadline, parse_deadline
from bot.importer.markers import MarkerKind, match_marker
from bot.importer.model import Confidence, ParsedMeasure, PartKind
from bot.importer.owners import (
    extract_owners,
    finalise,
    first_listed_leads,
    split_units,
    units_and_people,
)
from bot.importer.parsers.columns import (
    Column,
    Header,
    classify,
    find_header,
    is_header_repeat,
)
from bot.importer.sentences import clean_title, strip_marker, title_of

Span = tuple[int, int, int, int]
"""A merged range as (first row, first column, last row, last column)."""
_SECTION_MARKERS = frozenset(
    {MarkerKind.CN_COMMA, MarkerKind.CN_PAREN, MarkerKind.CHAPTER, MarkerKind.SECTION}
)
_CN_SEQ = re.compile(r"^[（(]?[一二三四五六七八九十]{1,3}[）)、.．]?$")
_OWNER_COLUMNS = (
    Column.DETAIL,
    Column.LEADER,
    Column.LEAD,
    Column.UNITS,
    Column.CO_UNITS,
    Column.DEADLINE,
)
_OWNER_CELLS = (Column.LEADER, Column.LEAD, Column.UNITS, Column.CO_UNITS)
_NOTE_PREFIXES = ("注：", "注:", "备注", "说明：", "说明:", "合计", "小计", "填报说明")
_CANCELLED = re.compile(r"^[（(]?(?:已|予以|该项|此项|本项)?(?:取消|撤销|作废|停止实施|不再实施)")
"""A 备注 (or 完成情况) cell saying the task was called off: 取消, 已取消，并入…, 撤销."""


@dataclass(frozen=True, slots=True)
class Grid:
    """A table as text: ``rows[r][c]``; ``spans`` maps each merged cell to its range."""

    rows: tuple[tuple[str, ...], ...]
    spans: Mapping[tuple[int, int], Span] = field(default_factory=dict)
    name: str = ""

    @classmethod
    def merged(
        cls, rows: Sequence[Sequence[str]], cells: Iterable[Sequence[tuple[int, int]]]
    ) -> Grid:
        """The grid of ``rows`` (the short ones padded) whose merged cells cover the
        positions in ``cells`` (each cell's (row, column) positions; one position: not
        merged)."""
        width = max((len(row) for row in rows), default=0)
        spans: dict[tuple[int, int], Span] = {}
        for positions in cells:
            if len(positions) > 1:
                span = (
                    min(p[0] for p in positions),
                    min(p[1] for p in positions),
                    max(p[0] for p in positions),
                    max(p[1] for p in positions),
                )
                spans.update(dict.fromkeys(positions, span))
        return cls(tuple((*row, *[""] * (width - len(row))) for row in rows), spans)

    def text(self) -> str:
        """Every distinct non-empty cell, row by row, one per line."""
        lines: list[str] = []
        for row in self.rows:
            lines.extend(dict.fromkeys(cell for cell in row if cell))
        return "\n".join(lines)

    def title(self, before: int) -> str | None:
        """The first non-empty text above row ``before`` (a table's title row)."""
        for row in self.rows[:before]:
            cells = list(dict.fromkeys(cell for cell in row if cell))
            if cells:
                return clean_title("".join(cells), 80)
        return None


_FORM_NEEDS = (frozenset({Column.TASK}), frozenset({Column.LEAD, Column.UNITS}))


def form_as_table(grid: Grid) -> Grid | None:
    """A form (督办通知单, 交办单) as a one-row table, or None: a table whose rows are label,
    value pairs (``督办事项 | …``, ``承办单位 | … | 协办单位 | …``, ``办结时限 | …``), some
    label naming the task and some the owner. Its labels become the header row and its values
    the one measure's row."""
    labels: list[str] = []
    values: list[str] = []
    for r, row in enumerate(grid.rows):
        cells = [
            cell
            for c, cell in enumerate(row)
            if (r, c) not in grid.spans or grid.spans[(r, c)][1] == c
        ]
        while cells and not cells[-1]:
            cells.pop()  # empty cells after the last value (or after a label left blank)
        if len(cells) <= 1:
            continue  # a title row merged across the form, or an empty one
        cells += [""] * (len(cells) % 2)
        if any(not label or match_marker(label) for label in cells[::2]):
            return None
        labels.extend(cells[::2])
        values.extend(cells[1::2])
    kinds = {classify(label) for label in labels}
    if not labels or not all(kinds & need for need in _FORM_NEEDS):
        return None
    return Grid((tuple(labels), tuple(values)), name=grid.name)


@dataclass(frozen=True, slots=True)
class TableResult:
    """Measures read from one table, with its title."""

    title: str | None
    drafts: list[Draft]
    cancelled: tuple[str, ...] = ()  # the tasks of rows a 备注 cell calls off (not measures)


def read_table(
    grid: Grid, *, year: int | None, first_leads: bool = False, infer_merges: bool = False
) -> TableResult | None:
    """The measures of a responsibility table, or None when ``grid`` has no header row.

    With ``infer_merges`` (for CSV, which cannot store merged cells) a blank task cell
    next to a filled detail cell continues the task above, as a merged cell would.
    """
    header = find_header(grid.rows)
    if header is None:
        return None
    if infer_merges:
        grid = _fill_down_tasks(grid, header)
    reader = _RowReader(grid, header, year, first_leads or first_listed_leads(grid.text()))
    drafts = reader.drafts()
    return TableResult(grid.title(header.row), drafts, tuple(reader.cancelled))


_EXCEL_EPOCH = dt.date(1899, 12, 30)
_SERIAL = re.compile(r"\d{5}(?:\.0+)?")
_SERIAL_RANGE = range(36526, 73051)  # 2000-01-01 … 2099-12-31


def excel_serial_date(cell: str) -> str:
    """A deadline cell holding Excel's day number (``45657``, a date column formatted as
    General) as the date it shows when formatted (``2024年12月31日``); other cells as they are."""
    if not _SERIAL.fullmatch(cell) or int(float(cell)) not in _SERIAL_RANGE:
        return cell
    day = _EXCEL_EPOCH + dt.timedelta(days=int(float(cell)))
    return f"{day.year}年{day.month}月{day.day}日"


def normalise_cell(value: str) -> str:
    """Cell text with unified line breaks and trimmed white space on every line."""
    lines = value.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.strip(" \t\u3000\u00a0") for line in lines).strip("\n")


def _fill_down_tasks(grid: Grid, header: Header) -> Grid:
    task = next((c for c, kind in header.columns.items() if kind is Column.TASK), None)
    detail = next((c for c, kind in header.columns.items() if kind is Column.DETAIL), None)
    if task is None or detail is None:
        return grid
    rows = [list(row) for row in grid.rows]
    spans = dict(grid.spans)
    anchor: int | None = None
    for index in range(header.data_start, len(rows)):
        row = rows[index]
        if task < len(row) and row[task]:
            anchor = index
        elif anchor is not None and detail < len(row) and row[detail]:
            row[task] = rows[anchor][task]
            for member in range(anchor, index + 1):
                spans[(member, task)] = (anchor, task, index, task)
        else:
            anchor = None
    return Grid(tuple(tuple(row) for row in rows), spans, grid.name)


_STEP = re.compile(
    r"(?:^|(?<=[。；;！!\n]))[ \t\u3000]*(?:(\d{1,2})[.．、](?![\d.．])|[（(](\d{1,2})[）)])"
)
"""A numbered measure inside a cell: ``1.`` / ``2、`` / ``（3）`` at the start of the cell or
after the end of a sentence (so ``3.5万亩`` and ``第2、3项`` are no numbers)."""


_MEASURE_HEADER = re.compile(r"措施|举措")
_ITEM_HEADER = re.compile(r"问题|意见|项目|工程|名称|实事")
"""Task columns that name one tracked item (a problem, a project), whose numbered details are
its steps."""


def numbered_steps(cell: str) -> list[tuple[str, str]]:
    """The numbered measures of a 具体措施 cell (``1.…。2.…。``, inline or one per line), as
    (marker, text); empty unless the cell opens with ``1`` and counts up by one, twice or more."""
    found: list[re.Match[str]] = []
    for match in _STEP.finditer(cell):
        number = int(match.group(1) or match.group(2))
        if number == len(found) + 1 and (found or match.start() == 0):
            found.append(match)
    if len(found) < 2:
        return []
    ends = [match.start() for match in found[1:]] + [len(cell)]
    return [
        (match.group(0).strip(), cell[match.end() : end].strip())
        for match, end in zip(found, ends, strict=True)
    ]


class _RowReader:
    def __init__(self, grid: Grid, header: Header, year: int | None, first_leads: bool) -> None:
        self.grid, self.header, self.year, self.first_leads = grid, header, year, first_leads
        self.sections: dict[str, int] = {}
        self.cancelled: list[str] = []  # the task cells of rows called off, in order

    def drafts(self) -> list[Draft]:
        drafts: list[Draft] = []
        section: str | None = None
        for index in range(self.header.data_start, len(self.grid.rows)):
            row = self.grid.rows[index]
            if not any(row) or self._is_note(row) or is_header_repeat(row, self.header):
                continue
            if self._is_cancelled(row):
                task = self._cell(row, Column.TASK)
                self.cancelled.append(clean_title(strip_marker(task)) if task else "")
                continue
            heading = self._section_row(index, row)
            if heading is not None:
                section = heading
                continue
            named = self._cell(row, Column.SECTION)
            section = clean_title(strip_marker(named)) if named else section
            drafts.extend(self._drafts(index, row, section))
        return drafts

    def _cell(self, row: Sequence[str], column: Column) -> str:
        values = [
            row[index]
            for index, kind in self.header.columns.items()
            if kind is column and index < len(row) and row[index]
        ]
        return "\n".join(dict.fromkeys(values))

    def _units_and_people(self, row: Sequence[str], column: Column) -> tuple[list[str], list[str]]:
        """The units in ``column``'s cells, and the people a 责任单位及责任人 cell names."""
        units: list[str] = []
        people: list[str] = []
        for index, kind in self.header.columns.items():
            if kind is not column or index >= len(row) or not row[index]:
                continue
            if index in self.header.people:
                found, named = units_and_people(row[index])
                units.extend(found)
                people.extend(named)
            else:
                units.extend(split_units(row[index]))
        return list(dict.fromkeys(units)), list(dict.fromkeys(people))

    def _is_cancelled(self, row: Sequence[str]) -> bool:
        """Whether a 备注 or 完成情况 cell says the row's task was called off: a 督查室 does not
        follow it (a row marked 已完成 stays a measure)."""
        return any(
            _CANCELLED.match(row[index].strip())
            for index, kind in self.header.columns.items()
            if kind is Column.IGNORED and index < len(row)
        )

    def _is_note(self, row: Sequence[str]) -> bool:
        first = next(cell for cell in row if cell)
        return first.startswith(_NOTE_PREFIXES)

    def _section_row(self, index: int, row: Sequence[str]) -> str | None:
        seq, task = self._cell(row, Column.SEQ), self._cell(row, Column.TASK)
        if (
            _CN_SEQ.match(seq)
            and task
            and not any(self._cell(row, column) for column in _OWNER_COLUMNS)
        ):
            return clean_title(strip_marker(task))
        values = list(dict.fromkeys(cell for cell in row if cell))
        merged = self._merged_across(row)
        if merged is not None:
            return clean_title(strip_marker(merged))
        if len(values) != 1 or values[0].isdigit():
            return None
        value = values[0]
        column = row.index(value)
        marker = match_marker(value)
        kind = self.header.columns.get(column)
        spans_row = sum(1 for cell in row if cell) > 1
        if (
            spans_row
            or kind not in (Column.TASK, Column.DETAIL)
            or (marker is not None and marker.kind in _SECTION_MARKERS)
        ):
            return clean_title(strip_marker(value))
        return None

    def _merged_across(self, row: Sequence[str]) -> str | None:
        """A category row: one text filling every column but the number (a merged cell)."""
        seq = {i for i, kind in self.header.columns.items() if kind is Column.SEQ}
        cells = [cell for i, cell in enumerate(row) if i not in seq]
        values = set(cells) - {""}
        if len(values) == 1 and sum(1 for cell in cells if cell) >= max(2, len(cells) - 1):
            value = values.pop()
            return None if value.isdigit() else value
        return None

    def _task_spans_rows(self, index: int) -> bool:
        for column, kind in self.header.columns.items():
            if kind is Column.TASK:
                span = self.grid.spans.get((index, column))
                return span is not None and span[2] > span[0]
        return False

    def _drafts(self, index: int, row: Sequence[str], section: str | None) -> list[Draft]:
        task, detail = self._cell(row, Column.TASK), self._cell(row, Column.DETAIL)
        if not (task or detail):
            return []
        steps = numbered_steps(detail) if self._measures_in_detail() else []
        if steps:  # 具体措施 ``1.…2.…``: measures sharing the row's owners and deadline
            if task:
                section = title_of(strip_marker(task))
            key = self._section_key(section)
            return [
                Draft(
                    self._measure(index, row, title_of(step), step, section, marker),
                    key,
                    PartKind.PLAN,
                    row=index,
                )
                for marker, step in steps
            ]
        if task and detail and self._task_spans_rows(index):
            section, task = title_of(strip_marker(task)), ""
        title = title_of(strip_marker(task or detail))
        body = "\n".join(part for part in (task, detail) if part)
        seq = self._cell(row, Column.SEQ)
        return [
            Draft(
                self._measure(index, row, title, body, section, seq or None),
                self._section_key(section),
                PartKind.PLAN,
                row=index,
            )
        ]

    def _measures_in_detail(self) -> bool:
        """Whether numbered lines of the detail cells are measures of their own: the detail
        column names measures (具体措施, 工作举措), and the task column, if any, names tasks.
        Where the row tracks a problem or a project (问题 | 整改措施, 项目名称 | 建设内容), the
        numbers are steps of that one item."""
        names = self.grid.rows[self.header.row]
        detail = task = ""
        for column, kind in self.header.columns.items():
            name = names[column] if column < len(names) else ""
            if kind is Column.DETAIL:
                detail += name
            elif kind is Column.TASK:
                task += name
        return _MEASURE_HEADER.search(detail) is not None and _ITEM_HEADER.search(task) is None

    def _section_key(self, section: str | None) -> int | None:
        return None if section is None else self.sections.setdefault(section, len(self.sections))

    def _measure(
        self,
        index: int,
        row: Sequence[str],
        title: str,
        body: str,
        section: str | None,
        marker: str | None,
    ) -> ParsedMeasure:
        leaders = split_units(self._cell(row, Column.LEADER))
        named: dict[Column, list[str]] = {}
        for column in (Column.LEAD, Column.UNITS, Column.CO_UNITS):
            units, people = self._units_and_people(row, column)
            named[column] = units
            leaders.extend(people)
        owners = finalise(
            leaders=leaders,
            leads=named[Column.LEAD],
            units=named[Column.UNITS],
            co_units=named[Column.CO_UNITS],
            first_leads=self.first_leads,
        )
        owner_confidence = self._confidence(index, _OWNER_CELLS)
        if owners.is_empty():
            owners = extract_owners(body, first_leads=self.first_leads)
            owner_confidence = Confidence.NONE if owners.is_empty() else Confidence.STATED
        cell = excel_serial_date(self._cell(row, Column.DEADLINE))
        deadline = (
            parse_deadline(cell, year=self.year) if cell else find_deadline(body, year=self.year)
        )
        deadline_confidence = (
            self._confidence(index, (Column.DEADLINE,))
            if cell
            else Confidence.STATED
            if deadline.raw
            else Confidence.NONE
        )
        return found_measure(
            part=None,
            section=section,
            marker=marker,
            title=title,
            body=body,
            owners=owners,
            owner_confidence=owner_confidence,
            deadline=deadline,
            deadline_confidence=deadline_confidence,
        )

    def _confidence(self, index: int, kinds: tuple[Column, ...]) -> Confidence:
        """Stated in the row's own cell, or inferred from a cell merged down from above."""
        for column, kind in self.header.columns.items():
            if (
                kind in kinds
                and column < len(self.grid.rows[index])
                and (self.grid.rows[index][column])
            ):
                span = self.grid.spans.get((index, column))
                if span is None or span[0] == index:
                    return Confidence.STATED
        return Confidence.INFERRED
