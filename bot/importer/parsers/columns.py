"""Responsibility-table headers: which column holds the task, the owners, the deadline."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from bot.importer.markers import match_marker
from bot.importer.traditional import simplified

_HEADER_SCAN_ROWS = 20
_HEADER_CELL_MAX = 16


class Column(StrEnum):
    """What a column of a responsibility table holds."""

    SEQ = "seq"
    SECTION = "section"
    TASK = "task"
    DETAIL = "detail"
    LEADER = "leader"
    LEAD = "lead"
    UNITS = "units"
    CO_UNITS = "co_units"
    DEADLINE = "deadline"
    IGNORED = "ignored"


_RULES: tuple[tuple[Column, re.Pattern[str]], ...] = (
    (Column.SEQ, re.compile(r"^(?:序号|编号|序|号|no\.?|№)$", re.IGNORECASE)),
    (
        Column.IGNORED,
        re.compile(
            r"备注|完成情况|进展情况|推进情况|落实情况|说明|评分|分值|来源|依据|出处"
            r"|(?:交办|签收|发文|印发|填报|更新|录入|开工|开始|起始|报送)(?:时间|日期)"
            r"|^第?[一二三四1-4]季度(?:目标)?$|^[上下]半年(?:目标)?$"
            r"|^(?:1[0-2]|[1-9]|[一二三四五六七八九十]|十[一二])"
            r"(?:月?[-－—~～至](?:1[0-2]|[1-9]|[一二三四五六七八九十]|十[一二]))?月份?(?:目标|计划)?$"
        ),
    ),
    (Column.LEADER, re.compile(r"领导|责任人|负责人|联系人")),
    (Column.CO_UNITS, re.compile(r"配合|协办|参与单位|协同|协助")),
    (Column.LEAD, re.compile(r"牵头|主责|主办|指导(?:单位|部门|处室)|^主要责任(?:单位|部门)?$")),
    (
        Column.UNITS,
        re.compile(
            r"(?:责任|实施|承办|落实|负责)(?:单位|部门|处室|科室|股室|站所|机构)|责任主体"
            r"|^(?:落实)?主体责任(?:单位|部门)?$|^直接责任$"
            r"|^(?:单位|部门)$"
        ),
    ),
    (Column.DEADLINE, re.compile(r"时限|时间|节点|期限|进度|截止")),
    (Column.SECTION, re.compile(r"类别|领域|板块|分类|方面|专项|类型|篇章|序列")),
    (Column.DETAIL, re.compile(r"措施|内容|目标|要求|具体|标准|指标")),
    (Column.TASK, re.compile(r"任务|事项|举措|工作|项目|名称|实事|问题|反馈意见")),
)


_REPEATABLE = frozenset({Column.IGNORED, Column.DETAIL})
"""Columns a table may have several of; several detail columns are read together."""


@dataclass(frozen=True, slots=True)
class Header:
    """Where the header sits and what each column holds."""

    row: int
    data_start: int
    columns: dict[int, Column]
    people: frozenset[int] = frozenset()
    """Unit columns whose header names the person too (``责任单位及责任人``)."""

    def has(self, column: Column) -> bool:
        """Whether some column holds ``column``."""
        return column in self.columns.values()


_UNIT_WORD = re.compile(r"单位|部门|处室|科室|股室|站所|主体")
_PERSON_WORD = re.compile(r"责任人|负责人|领导|联系人")


def _header_text(cell: str) -> str:
    return re.sub(r"[\s*＊:：]", "", simplified(cell))


def names_unit_and_person(cell: str) -> bool:
    """Whether a header names the unit and its person in one column (``责任单位及责任人``)."""
    text = _header_text(cell)
    return bool(_UNIT_WORD.search(text) and _PERSON_WORD.search(text))


def classify(cell: str) -> Column | None:
    """What a header cell names, or None for an unknown or over-long cell. A column of units
    and their people together is a unit column (the people are read out of its cells)."""
    text = _header_text(cell)
    if not text or len(text) > _HEADER_CELL_MAX:
        return None
    if names_unit_and_person(cell):
        return Column.LEAD if re.search(r"牵头|主责|主办", text) else Column.UNITS
    return next((column for column, rule in _RULES if rule.search(text)), None)


def find_header(rows: Sequence[Sequence[str]]) -> Header | None:
    """The header row among the first rows (title rows may sit above it), or None."""
    best: tuple[int, int] | None = None
    for index, row in enumerate(rows[:_HEADER_SCAN_ROWS]):
        fields = _fields(row)
        if (
            not ({Column.TASK, Column.DETAIL} & set(fields.values()))
            or len(set(fields.values()) - {Column.IGNORED}) < 2
        ):
            continue
        score = len(set(fields.values()))
        if best is None or score > best[1]:
            best = (index, score)
    if best is None:
        return None
    index = best[0]
    names = list(rows[index])
    data_start = index + 1
    if data_start < len(rows) and _is_sub_header(rows[data_start]):
        names = _under(names, rows[data_start])
        data_start += 1
    columns = _fields(names)
    people = {i for i, cell in enumerate(names) if i in columns and names_unit_and_person(cell)}
    return Header(index, data_start, columns, frozenset(people))


def _under(header: Sequence[str], sub: Sequence[str]) -> list[str]:
    """Each column's name in a two-row header: the sub-header's where it names one. Read
    together, so a 完成时限 beside 时间节点 split into 一季度…四季度 is the deadline column."""
    names = list(header) + [""] * max(0, len(sub) - len(header))
    for i, cell in enumerate(sub):
        if classify(cell) is not None:
            names[i] = cell
    return names


def _fields(row: Sequence[str]) -> dict[int, Column]:
    fields: dict[int, Column] = {}
    for index, cell in enumerate(row):
        column = classify(cell)
        if column is not None and (column in _REPEATABLE or column not in fields.values()):
            fields[index] = column
    return fields


def _is_sub_header(row: Sequence[str]) -> bool:
    """A second header row (``牵头单位 | 配合单位`` under ``责任单位``), not a category row.

    A category row (``一、重点工作`` merged across the table) has one distinct value, or
    starts with a number; a sub-header names at least two columns.
    """
    cells = list(dict.fromkeys(cell for cell in row if cell.strip()))
    if len(cells) < 2 or any(match_marker(cell) is not None for cell in cells):
        return False
    return all(classify(cell) is not None for cell in cells)


def is_header_repeat(row: Sequence[str], header: Header) -> bool:
    """Whether a data row repeats the header (as a table split over pages does)."""
    named = [index for index, cell in enumerate(row) if cell.strip()]
    if len(named) < 2:
        return False
    return sum(
        1
        for index in named
        if index in header.columns and classify(row[index]) is header.columns[index]
    ) >= max(2, len(named) - 1)
