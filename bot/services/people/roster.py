"""Pure parsing of people: one typed line, or a roster file (read by ``bot.text.tables``)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from bot.domain.people import Role
from bot.services.common.errors import InvalidInput
from bot.text.tables import Limits, TableError, TableProblem, is_table_file, read_tables

MAX_ROSTER_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000
HEADER_SCAN_ROWS = 20

_ROLE_WORDS: dict[str, Role] = {
    **dict.fromkeys(("official", "责任人", "负责人", "经办人", "官员"), Role.OFFICIAL),
    **dict.fromkeys(("leader", "领导", "县领导", "分管领导"), Role.LEADER),
    **dict.fromkeys(("liaison", "联络员", "联络人"), Role.LIAISON),
    **dict.fromkeys(("lead", "督办员", "督办", "督查员", "督查"), Role.LEAD),
}
_FOR_WORDS = ("for", "代理", "代", "代表", "替")
_HEADERS: dict[str, tuple[str, ...]] = {
    "on_behalf_of": (
        "代理",
        "代理人",
        "代表",
        "代谁",
        "为谁",
        "代报对象",
        "联络对象",
        "onbehalfof",
        "for",
        "principal",
    ),
    "name": ("姓名", "名字", "人员", "人员姓名", "name", "fullname"),
    "unit": ("单位", "部门", "单位名称", "所在单位", "工作单位", "unit", "department", "dept"),
    "role": ("角色", "身份", "类别", "类型", "role", "type"),
    "phone": (
        "电话",
        "手机",
        "手机号",
        "手机号码",
        "联系电话",
        "联系方式",
        "phone",
        "mobile",
        "tel",
    ),
}
_SEPARATORS = re.compile(r"[\s,，、;；]+")
_PHONE = re.compile(r"^\+?[\d\- ]{5,24}$")


@dataclass(frozen=True, slots=True)
class RosterRow:
    """One person as written (``row`` is the row's number in the file as Excel or WPS shows it,
    0 for a typed line)."""

    row: int
    name: str
    unit: str | None
    role: Role
    phone: str | None = None
    on_behalf_of: str | None = None

    @classmethod
    def typed(
        cls,
        name: str,
        unit: str | None,
        role: Role,
        *,
        phone: str | None = None,
        on_behalf_of: str | None = None,
    ) -> RosterRow:
        """A person given one by one (not a sheet row)."""
        return cls(0, name, unit, role, phone, on_behalf_of)


@dataclass(frozen=True, slots=True)
class RosterError:
    """A row that could not be read."""

    row: int
    code: str
    params: dict[str, object] = field(default_factory=dict)


def parse_role(word: str) -> Role | None:
    """A role from English or Chinese words (责任人/领导/联络员/督办员), else None."""
    return _ROLE_WORDS.get(word.strip().casefold())


def valid_phone(phone: str) -> bool:
    """A plausible phone number: digits with optional +, spaces and dashes, 5..20 digits."""
    digits = sum(c.isdigit() for c in phone)
    return bool(_PHONE.match(phone.strip())) and 5 <= digits <= 20


def parse_person_line(line: str) -> RosterRow:
    """``张三 县发改委 official 13800000000`` or ``李四 县政府办 联络员 for 王五``.

    The role may be omitted (official); a leader may have no unit (``王五 领导``).
    """
    words = [w for w in _SEPARATORS.split(line.strip()) if w]
    principal, words = _take_principal(words)
    phones = [w for w in words[1:] if valid_phone(w)]
    words = [w for w in words if w not in phones[:1]]
    roles = [(i, parse_role(w)) for i, w in enumerate(words) if i > 0 and parse_role(w)]
    if not words or len(roles) > 1:
        raise InvalidInput("err.line_unparsed", line=line.strip())
    role = roles[0][1] if roles else Role.OFFICIAL
    rest = [w for i, w in enumerate(words) if not roles or i != roles[0][0]]
    unit = " ".join(rest[1:]) or None
    assert role is not None
    return RosterRow(0, rest[0], unit, role, phones[0] if phones else None, principal)


def _take_principal(words: list[str]) -> tuple[str | None, list[str]]:
    for i, word in enumerate(words):
        key = word.casefold().rstrip(":：")
        if key in _FOR_WORDS and i + 1 < len(words) and i > 0:
            return words[i + 1], words[:i] + words[i + 2 :]
        for prefix in _FOR_WORDS:
            for colon in (":", "："):
                if key.startswith(prefix + colon) and len(word) > len(prefix) + 1:
                    return word[len(prefix) + 1 :], words[:i] + words[i + 1 :]
    return None, words


def parse_roster(data: bytes, filename: str) -> tuple[list[RosterRow], list[RosterError]]:
    """Every person row of a roster, and the rows that could not be read.

    Raises ``InvalidInput`` when the whole file is unusable (type, size, no header row).
    """
    table, numbers = _read_table(data, filename, MAX_ROWS + HEADER_SCAN_ROWS)
    header_at, columns = _find_header(table)
    rows: list[RosterRow] = []
    errors: list[RosterError] = []
    for index in range(header_at + 1, len(table)):
        cells = table[index]
        if not any(cells):
            continue
        try:
            rows.append(_row(numbers[index], cells, columns))
        except InvalidInput as err:
            errors.append(RosterError(numbers[index], err.code, err.params))
    return rows, errors


def table_file(filename: str) -> bool:
    """Whether the file type can hold a roster table (.xlsx, .xlsm, .xls, .ods, .csv, .tsv,
    .txt)."""
    return is_table_file(filename)


def looks_like_roster(data: bytes, filename: str) -> bool:
    """Whether one of the first rows is a roster header: a cell that is exactly a name header
    (姓名, name…) and another exactly a unit header (单位, unit…). Plan tables name a
    责任单位 but no person column, so they are not taken for rosters."""
    if len(data) > MAX_ROSTER_BYTES or not table_file(filename):
        return False
    try:
        rows, _ = _read_table(data, filename, HEADER_SCAN_ROWS)
    except InvalidInput:
        return False
    for cells in rows:
        keys = {re.sub(r"[\s:：()（）*_]", "", cell).casefold() for cell in cells}
        if keys & set(_HEADERS["name"]) and keys & set(_HEADERS["unit"]):
            return True
    return False


def _read_table(data: bytes, filename: str, max_rows: int) -> tuple[list[list[str]], list[int]]:
    """The first sheet's (or the text's) rows, cells stripped, through the one table reader,
    and each row's number in the file (as Excel or WPS shows it, hidden rows counted)."""
    limits = Limits(max_bytes=MAX_ROSTER_BYTES, max_rows=max_rows)
    try:
        sheets = read_tables(data, filename, limits, first_sheet_only=True)
    except TableError as error:
        raise _refusal(error, filename) from error
    if not sheets:
        return [], []
    sheet = sheets[0]
    rows = [[cell.strip() for cell in row] for row in sheet.rows]
    return rows, [sheet.number(r) for r in range(len(rows))]


def _refusal(error: TableError, filename: str) -> InvalidInput:
    if error.problem is TableProblem.FILE_TYPE:
        return InvalidInput("err.file_type", filename=filename)
    if error.problem is TableProblem.TOO_LARGE:
        return InvalidInput("err.file_too_large", max_kb=MAX_ROSTER_BYTES // 1024)
    reason = error.params.get("reason", str(error.problem))
    return InvalidInput("err.roster_unreadable", reason=reason)


def _find_header(table: Sequence[list[str]]) -> tuple[int, dict[str, int]]:
    for index, cells in enumerate(table[:HEADER_SCAN_ROWS]):
        columns: dict[str, int] = {}
        for position, cell in enumerate(cells):
            kind = _header_kind(cell)
            if kind is not None and kind not in columns:
                columns[kind] = position
        if "name" in columns and len(columns) >= 2:
            return index, columns
    raise InvalidInput("err.roster_no_header")


def _header_kind(cell: str) -> str | None:
    key = re.sub(r"[\s:：()（）*_]", "", cell).casefold()
    if not key:
        return None
    for kind, words in _HEADERS.items():
        if key in words:
            return kind
    for kind, words in _HEADERS.items():
        if any(len(w) >= 2 and not w.isascii() and w in key for w in words):
            return kind
    return None


def _row(number: int, cells: list[str], columns: dict[str, int]) -> RosterRow:
    def get(kind: str) -> str:
        position = columns.get(kind)
        return cells[position].strip() if position is not None and position < len(cells) else ""

    name = get("name")
    if not name:
        raise InvalidInput("err.name_required")
    role_word = get("role")
    role = parse_role(role_word) if role_word else Role.OFFICIAL
    if role is None:
        raise InvalidInput("err.role_unknown", role=role_word)
    return RosterRow(
        number, name, get("unit") or None, role, get("phone") or None, get("on_behalf_of") or None
    )
