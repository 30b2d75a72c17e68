"""Parsing people from typed lines and roster files."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

import pytest

from bot.domain.people import Role
from bot.services.common.errors import InvalidInput
from bot.services.people.roster import (
    looks_like_roster,
    parse_person_line,
    parse_role,
    parse_roster,
    valid_phone,
)
from tests.factories.files import workbook
from tests.services.fixtures.make_roster_xls import (
    HIDDEN_ROSTER_ODS,
    HIDDEN_ROSTER_XLS,
    ROSTER_ODS,
    ROSTER_XLS,
    hidden_roster,
)


@pytest.mark.parametrize(
    ("line", "name", "unit", "role", "phone", "principal"),
    [
        (
            "张三 县发改委 official 13800000000",
            "张三",
            "县发改委",
            Role.OFFICIAL,
            "13800000000",
            None,
        ),
        ("张三 县发改委 责任人", "张三", "县发改委", Role.OFFICIAL, None, None),
        ("王五 领导", "王五", None, Role.LEADER, None, None),
        ("李四 县政府办 联络员 for 王五", "李四", "县政府办", Role.LIAISON, None, "王五"),
        ("李四，县政府办，联络员，代理：王五", "李四", "县政府办", Role.LIAISON, None, "王五"),
        ("赵六 县财政局", "赵六", "县财政局", Role.OFFICIAL, None, None),
        (
            "钱七 督查室 督办员 +86-138-0000-0000",
            "钱七",
            "督查室",
            Role.LEAD,
            "+86-138-0000-0000",
            None,
        ),
        ("Ann Finance leader 021-5555-0101", "Ann", "Finance", Role.LEADER, "021-5555-0101", None),
    ],
)
def test_parse_person_line(
    line: str, name: str, unit: str | None, role: Role, phone: str | None, principal: str | None
) -> None:
    """A typed line gives name, unit, role (default official), phone and principal."""
    row = parse_person_line(line)
    assert (row.name, row.unit, row.role, row.phone, row.on_behalf_of) == (
        name,
        unit,
        role,
        phone,
        principal,
    )


@pytest.mark.parametrize("line", ["", "   ", "张三 领导 责任人"])
def test_parse_person_line_refuses_unreadable(line: str) -> None:
    """Empty lines and lines with two roles are refused with err.line_unparsed."""
    with pytest.raises(InvalidInput) as caught:
        parse_person_line(line)
    assert caught.value.code == "err.line_unparsed"


@pytest.mark.parametrize(
    ("word", "role"),
    [
        ("责任人", Role.OFFICIAL),
        ("领导", Role.LEADER),
        ("联络员", Role.LIAISON),
        ("督办员", Role.LEAD),
        ("Official", Role.OFFICIAL),
        ("admin", None),
        ("xyz", None),
    ],
)
def test_parse_role(word: str, role: Role | None) -> None:
    """Role words in Chinese and English map to roles; admin is never a stored role."""
    assert parse_role(word) is role


@pytest.mark.parametrize(
    ("phone", "ok"),
    [("13800000000", True), ("+86 138-0000-0000", True), ("1234", False), ("abc12345", False)],
)
def test_valid_phone(phone: str, ok: bool) -> None:
    """Phones are digits with optional +, spaces and dashes."""
    assert valid_phone(phone) is ok


def test_xlsx_roster_with_title_rows_and_numeric_phone() -> None:
    """An .xlsx roster whose header is not the first row is read; numeric phones stay whole."""
    data = workbook(
        [
            ["XX县督办人员名单"],
            [],
            ["序号", "姓名", "单位", "角色", "联系电话"],
            [1, "张三", "县发改委", "责任人", 13800000000],
            [2, "王五", None, "领导", None],
        ]
    )
    rows, errors = parse_roster(data, "名单.xlsx")
    assert errors == []
    assert [(r.row, r.name, r.unit, r.role, r.phone) for r in rows] == [
        (4, "张三", "县发改委", Role.OFFICIAL, "13800000000"),
        (5, "王五", None, Role.LEADER, None),
    ]


def test_old_excel_roster_reads_its_first_sheet() -> None:
    """An .xls roster (Excel 97–2003) under a merged title is read from its first sheet only:
    numeric phones stay whole, a row without a name is reported with its row number."""
    rows, errors = parse_roster(ROSTER_XLS.read_bytes(), "名单.xls")
    assert [(r.row, r.name, r.unit, r.role, r.phone) for r in rows] == [
        (4, "钱七", "县发改委", Role.OFFICIAL, "13800000000"),
        (5, "孙八", "县财政局", Role.LIAISON, None),
        (6, "周九", None, Role.LEADER, None),
    ]
    assert [(e.row, e.code) for e in errors] == [(7, "err.name_required")]


def test_an_opendocument_roster_reads_its_first_sheet() -> None:
    """An .ods roster (WPS, LibreOffice) reads as the same roster as Excel: merged title skipped,
    numeric phones whole, the second sheet unread, a row without a name reported."""
    rows, errors = parse_roster(ROSTER_ODS.read_bytes(), "名单.ods")
    assert [(r.row, r.name, r.unit, r.role, r.phone) for r in rows] == [
        (4, "钱七", "县发改委", Role.OFFICIAL, "13800000000"),
        (5, "孙八", "县财政局", Role.LIAISON, None),
        (6, "周九", None, Role.LEADER, None),
    ]
    assert [(e.row, e.code) for e in errors] == [(7, "err.name_required")]
    assert looks_like_roster(ROSTER_ODS.read_bytes(), "名单.ods")


def _hidden_roster_xlsx() -> bytes:
    out = io.BytesIO()
    hidden_roster().save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("read", "filename"),
    [
        (_hidden_roster_xlsx, "名单.xlsx"),
        (HIDDEN_ROSTER_XLS.read_bytes, "名单.xls"),
        (HIDDEN_ROSTER_ODS.read_bytes, "名单.ods"),
    ],
)
def test_rows_keep_their_numbers_in_the_file_past_hidden_rows_and_columns(
    read: Callable[[], bytes], filename: str
) -> None:
    """Below a hidden row 5, people and bad rows keep the row numbers Excel and WPS show (6, 7,
    8), and a hidden 原单位 column left of 单位 is not read as the unit."""
    rows, errors = parse_roster(read(), filename)
    assert [(r.row, r.name, r.unit) for r in rows] == [
        (4, "钱七", "县发改委"),
        (6, "孙八", "县财政局"),
    ]
    assert [(e.row, e.code) for e in errors] == [(7, "err.name_required"), (8, "err.role_unknown")]


def test_a_csv_row_number_is_its_record_number() -> None:
    """A quoted cell spanning two lines makes one record: the bad row after it is named by its
    record number (as Excel shows the file), not its line number."""
    text = '姓名,单位,角色\n张三,"县发改委\n规划科",责任人\n,县财政局,责任人\n'
    rows, errors = parse_roster(text.encode(), "roster.csv")
    assert [(r.row, r.unit) for r in rows] == [(2, "县发改委\n规划科")]
    assert [(e.row, e.code) for e in errors] == [(3, "err.name_required")]


def test_a_damaged_old_excel_roster_is_refused_as_unreadable() -> None:
    """A file named .xls that is no workbook says the roster could not be read."""
    with pytest.raises(InvalidInput) as caught:
        parse_roster(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "名单.xls")
    assert caught.value.code == "err.roster_unreadable"


def test_gbk_csv_roster_with_bad_rows() -> None:
    """A GBK-encoded .csv is decoded; bad rows are reported with their row number."""
    text = (
        "姓名,单位,角色,电话,代理\n张三,县发改委,责任人,13800000000,\n,县财政局,责任人,,\n"
        "李四,县政府办,厨师,,\n赵六,县政府办,联络员,,张三\n"
    )
    rows, errors = parse_roster(text.encode("gbk"), "roster.csv")
    assert [r.name for r in rows] == ["张三", "赵六"]
    assert rows[1].on_behalf_of == "张三"
    assert [(e.row, e.code) for e in errors] == [(3, "err.name_required"), (4, "err.role_unknown")]


def test_english_headers_and_tab_separated() -> None:
    """English headers and tab separation are understood."""
    text = "Name\tUnit\tRole\nAnn\tFinance\tleader\n"
    rows, _ = parse_roster(text.encode(), "people.tsv")
    assert (rows[0].name, rows[0].unit, rows[0].role) == ("Ann", "Finance", Role.LEADER)


@pytest.mark.parametrize(
    ("data", "filename", "code"),
    [
        (b"a,b\n1,2\n", "r.csv", "err.roster_no_header"),
        (b"anything", "r.pdf", "err.file_type"),
        (b"not a zip", "r.xlsx", "err.roster_unreadable"),
        (b"x" * (2 * 1024 * 1024 + 1), "r.csv", "err.file_too_large"),
    ],
)
def test_unusable_roster_files(data: bytes, filename: str, code: str) -> None:
    """Whole-file problems are refused with a distinct code."""
    with pytest.raises(InvalidInput) as caught:
        parse_roster(data, filename)
    assert caught.value.code == code


def test_utf16_roster_is_read() -> None:
    """A roster saved as UTF-16 text (Excel's “Unicode text”) reads like UTF-8."""
    text = "姓名\t单位\t角色\n张三\t县发改委\t责任人\n"
    rows, errors = parse_roster(text.encode("utf-16"), "名单.txt")
    assert errors == []
    assert [(r.name, r.unit, r.role) for r in rows] == [("张三", "县发改委", Role.OFFICIAL)]


def test_merged_unit_cells_give_each_person_the_unit() -> None:
    """A unit cell merged over several people's rows is every one of those people's unit."""
    data = workbook([["姓名", "单位"], ["张三", "县发改委"], ["李四", None]], merged=["B2:B3"])
    rows, _ = parse_roster(data, "名单.xlsx")
    assert [(r.name, r.unit) for r in rows] == [("张三", "县发改委"), ("李四", "县发改委")]


def test_zip_bomb_roster_is_refused_unread() -> None:
    """A roster workbook carrying a member packed a thousandfold is refused as unreadable."""
    out = io.BytesIO(workbook([["姓名", "单位"], ["张三", "县发改委"]]))
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/blank.bin", bytes(16 * 1024 * 1024))
    with pytest.raises(InvalidInput) as caught:
        parse_roster(out.getvalue(), "名单.xlsx")
    assert caught.value.code == "err.roster_unreadable"
    assert caught.value.params["reason"] == "bomb"
