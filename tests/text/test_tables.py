"""The one table reader: workbooks and delimited text, their encodings, limits and guards."""

from __future__ import annotations

import codecs
import datetime as dt
import io
import struct
import zipfile
from collections.abc import Callable

import pytest
from openpyxl import Workbook

from bot.text.tables import (
    Limits,
    TableError,
    TableProblem,
    check_zip,
    decode,
    read_delimited,
    read_tables,
    read_workbook,
)
from tests.factories.files import workbook

ROWS = [["姓名", "单位", "电话"], ["张三", "县发改委", "13800000000"], ["李四", "县财政局", ""]]
TEXT = "".join(",".join(row) + "\r\n" for row in ROWS)


def _with_member(data: bytes, name: str, content: bytes) -> bytes:
    """The zip ``data`` with one more member, deflated."""
    out = io.BytesIO(data)
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, content)
    return out.getvalue()


def _declaring(data: bytes, name: str, size: int) -> bytes:
    """The zip ``data`` whose central directory says member ``name`` unpacks to ``size``."""
    raw = bytearray(data)
    at = raw.find(b"PK\x01\x02")
    while at >= 0:
        name_length = struct.unpack_from("<H", raw, at + 28)[0]
        if raw[at + 46 : at + 46 + name_length] == name.encode():
            struct.pack_into("<I", raw, at + 24, size)
            return bytes(raw)
        at = raw.find(b"PK\x01\x02", at + 1)
    raise AssertionError(f"no member {name}")


def test_a_workbook_reads_as_rows_of_text() -> None:
    """Cells come back as text: numbers whole, dates as 年月日, blanks empty, per sheet title."""
    data = workbook(
        [
            ["姓名", "电话", "日期", "比例"],
            ["张三", 13800000000, dt.date(2024, 6, 30), 0.5],
            ["李四", None, dt.datetime(2024, 1, 2, 9, 0), 12.0],
        ]
    )
    [sheet] = read_tables(data, "名单.xlsx")
    assert sheet.rows == (
        ("姓名", "电话", "日期", "比例"),
        ("张三", "13800000000", "2024年6月30日", "0.5"),
        ("李四", "", "2024年1月2日", "12"),
    )
    assert sheet.title == "Sheet"


def test_merged_cells_give_every_cell_their_anchor_text() -> None:
    """A merged range fills each cell it covers with its anchor's text and records its extent."""
    data = workbook([["类别", "任务"], ["产业发展", "甲"], [None, "乙"]], merged=["A2:A3"])
    [sheet] = read_workbook(data)
    assert [row[0] for row in sheet.rows] == ["类别", "产业发展", "产业发展"]
    assert sheet.spans[(2, 0)] == (1, 0, 2, 0)


def test_formula_cells_read_as_their_computed_value() -> None:
    """A formula cell gives the value the spreadsheet last computed, not the formula."""
    data = workbook([["合计", "=1+1"]])
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    sheet_xml = members["xl/worksheets/sheet1.xml"]
    assert b"<f>1+1</f><v></v>" in sheet_xml
    members["xl/worksheets/sheet1.xml"] = sheet_xml.replace(b"<v></v>", b"<v>2</v>")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    [sheet] = read_workbook(out.getvalue())
    assert sheet.rows == (("合计", "2"),)


def test_hidden_rows_are_left_out_and_merged_ranges_renumbered() -> None:
    """A hidden row of a workbook is not read; a range merged over it spans the rows left."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in (["任务", "单位"], ["甲", "县财政局"], ["已取消", ""], ["乙", ""]):
        sheet.append(row)
    sheet.merge_cells("B2:B4")
    sheet.row_dimensions[3].hidden = True
    out = io.BytesIO()
    book.save(out)
    (read,) = read_workbook(out.getvalue())
    assert read.rows == (("任务", "单位"), ("甲", "县财政局"), ("乙", "县财政局"))
    assert read.spans[(2, 1)] == (1, 1, 2, 1)


def test_hidden_columns_are_left_out_and_rows_keep_their_numbers_in_the_file() -> None:
    """Hidden columns (one ``<col>`` hiding C:D) are not read, a range merged across them spans
    the columns left, and each row kept has the number Excel shows beside it."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in (
        ["标题"],
        ["任务", "单位", "旧", "旧备注", "时限"],
        ["甲", "县财政局", "x", "y", "年底"],
    ):
        sheet.append(row)
    sheet.append(["已取消"])
    sheet.append(["乙", "县商务局", "x", "y", "6月"])
    sheet.merge_cells("A1:E1")
    sheet.column_dimensions.group("C", "D", hidden=True)
    sheet.row_dimensions[4].hidden = True
    out = io.BytesIO()
    book.save(out)
    (read,) = read_workbook(out.getvalue())
    assert read.rows == (
        ("标题", "标题", "标题"),
        ("任务", "单位", "时限"),
        ("甲", "县财政局", "年底"),
        ("乙", "县商务局", "6月"),
    )
    assert read.spans[(0, 2)] == (0, 0, 0, 2)
    assert [read.number(r) for r in range(len(read.rows))] == [1, 2, 3, 5]


def test_a_delimited_row_number_is_its_record_number() -> None:
    """A quoted cell spanning lines keeps one record: rows are numbered by record."""
    sheet = read_delimited('任务,单位\n"甲\n乙",县财政局\n丙,县商务局\n')
    assert sheet.rows[1] == ("甲\n乙", "县财政局")
    assert [sheet.number(r) for r in range(len(sheet.rows))] == [1, 2, 3]


def test_only_the_first_sheet_when_asked() -> None:
    """``first_sheet_only`` reads the first worksheet and leaves the others."""
    book = Workbook()
    first = book.active
    assert first is not None
    first.append(["一"])
    book.create_sheet("第二").append(["二"])
    out = io.BytesIO()
    book.save(out)
    assert [s.rows for s in read_workbook(out.getvalue())] == [(("一",),), (("二",),)]
    assert [s.rows for s in read_workbook(out.getvalue(), first_sheet_only=True)] == [(("一",),)]


def test_a_declared_zip_bomb_is_refused_before_it_is_opened() -> None:
    """A workbook whose sheet declares 300 MiB unpacked is refused as a bomb, unopened (opening
    it would have failed as a damaged file instead)."""
    data = _declaring(workbook(ROWS), "xl/worksheets/sheet1.xml", 300 * 1024 * 1024)
    with pytest.raises(TableError) as caught:
        read_workbook(data)
    assert caught.value.problem is TableProblem.BOMB
    assert caught.value.params["unpacked"] > 300 * 1024 * 1024


def test_a_member_packed_at_an_implausible_ratio_is_a_bomb() -> None:
    """A real member of 16 MiB of zeros (packed about a thousandfold) is refused."""
    data = _with_member(workbook(ROWS), "xl/media/blank.bin", bytes(16 * 1024 * 1024))
    assert len(data) < 100 * 1024
    with pytest.raises(TableError) as caught:
        check_zip(data)
    assert caught.value.problem is TableProblem.BOMB
    check_zip(workbook(ROWS))


def test_too_many_members_are_a_bomb() -> None:
    """A zip of more members than the limit is refused, whatever their size."""
    data = workbook(ROWS)
    for index in range(5):
        data = _with_member(data, f"x/{index}.xml", b"<x/>")
    with pytest.raises(TableError) as caught:
        check_zip(data, Limits(max_members=10))
    assert caught.value.problem is TableProblem.BOMB
    check_zip(data, Limits(max_members=14))


def _needing_zip_version(data: bytes, version: int) -> bytes:
    """The workbook with each member saying it needs a later zip version to extract."""
    out, at = bytearray(data), 0
    while (at := out.find(b"PK\x01\x02", at)) >= 0:
        out[at + 6 : at + 8] = version.to_bytes(2, "little")
        at += 4
    return bytes(out)


def _with_broken_deflate(data: bytes) -> bytes:
    """The workbook with the compressed bytes of its sheet garbled (its CRC checks nothing
    until the stream ends: the inflater fails first)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    out = bytearray(data)
    out[start : start + 8] = b"\xff" * 8
    return bytes(out)


@pytest.mark.parametrize("damage", [_needing_zip_version, _with_broken_deflate])
def test_a_workbook_zip_cannot_unpack_is_corrupt(damage: Callable[..., bytes]) -> None:
    """A member of an unknown zip version or a garbled compressed stream (NotImplementedError
    and zlib.error inside zipfile) is a damaged file too, not a crash."""
    data = workbook(ROWS)
    damaged = damage(data, 254) if damage is _needing_zip_version else damage(data)
    with pytest.raises(TableError) as caught:
        read_tables(damaged, "名单.xlsx")
    assert caught.value.problem is TableProblem.CORRUPT


@pytest.mark.parametrize("data", [b"PK\x03\x04broken", b"not a zip at all"])
def test_a_damaged_workbook_is_corrupt(data: bytes) -> None:
    """Bytes that are no workbook raise CORRUPT, not a zipfile or openpyxl error."""
    with pytest.raises(TableError) as caught:
        read_tables(data, "名单.xlsx")
    assert caught.value.problem is TableProblem.CORRUPT


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        TEXT.encode("gbk"),
        TEXT.encode("gb18030"),
        TEXT.encode("utf-16"),
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
    ],
    ids=["utf-8", "utf-8-bom", "gbk", "gb18030", "utf-16-le-bom", "utf-16-be-bom"],
)
def test_delimited_text_in_every_encoding_reads_alike(data: bytes) -> None:
    """UTF-8 with or without BOM, GBK, GB18030 and UTF-16 with its BOM give the same rows."""
    [sheet] = read_tables(data, "名单.csv")
    assert sheet.rows == tuple(tuple(row) for row in ROWS)


def test_a_bom_does_not_stick_to_the_first_cell() -> None:
    """The UTF-8 byte order mark is not part of the first header cell."""
    assert decode(codecs.BOM_UTF8 + "姓名".encode()) == "姓名"


@pytest.mark.parametrize(("text", "delimiter"), [("a\tb\n1\t2\n", "\t"), ("a;b\n1;2\n", ";")])
def test_the_delimiter_is_sniffed(text: str, delimiter: str) -> None:
    """Tabs and semicolons separate cells as commas do."""
    assert read_delimited(text).rows == (("a", "b"), ("1", "2")), delimiter


def test_quoted_cells_may_span_lines() -> None:
    """A quoted cell keeps its line break and stays one cell."""
    assert read_delimited('a,b\n"1\n2",3\n').rows == (("a", "b"), ("1\n2", "3"))


def test_a_huge_csv_is_refused_by_size() -> None:
    """More bytes than the limit are refused before decoding."""
    data = TEXT.encode() * (10 * 1024 * 1024 // len(TEXT.encode()) + 1)
    with pytest.raises(TableError) as caught:
        read_tables(data, "名单.csv")
    assert caught.value.problem is TableProblem.TOO_LARGE
    assert caught.value.params["limit"] == 10 * 1024 * 1024


def test_rows_and_columns_past_the_limits_are_not_read() -> None:
    """A long, wide CSV keeps the first ``max_rows`` rows and ``max_columns`` columns."""
    text = "".join(",".join(str(r * 100 + c) for c in range(80)) + "\n" for r in range(2000))
    [sheet] = read_tables(text.encode(), "wide.csv", Limits(max_rows=300))
    assert len(sheet.rows) == 300
    assert {len(row) for row in sheet.rows} == {60}
    assert sheet.rows[-1][:2] == ("29900", "29901")


def test_a_workbook_keeps_rows_and_columns_within_the_limits() -> None:
    """A workbook is read up to ``max_rows`` rows and ``max_columns`` columns too."""
    data = workbook([[r * 10 + c for c in range(8)] for r in range(30)])
    [sheet] = read_workbook(data, Limits(max_rows=5, max_columns=3))
    assert sheet.rows == tuple(tuple(str(r * 10 + c) for c in range(3)) for r in range(5))


def test_a_malformed_csv_is_corrupt() -> None:
    """A cell beyond the csv module's field limit raises CORRUPT with the reason."""
    with pytest.raises(TableError) as caught:
        read_delimited('a,"' + "x" * 200_000 + '"\n')
    assert caught.value.problem is TableProblem.CORRUPT
    assert "field" in str(caught.value.params["reason"])


def test_undecodable_text_is_an_encoding_problem() -> None:
    """Bytes no encoding reads raise ENCODING."""
    with pytest.raises(TableError) as caught:
        decode(bytes(range(0x80, 0x100)) * 40 + b"\xff\xfe\xfd" * 50)
    assert caught.value.problem is TableProblem.ENCODING


@pytest.mark.parametrize("filename", ["名单.pdf", "名单", "名单.docx"])
def test_other_file_types_are_refused(filename: str) -> None:
    """A name that names no table format is refused as FILE_TYPE."""
    with pytest.raises(TableError) as caught:
        read_tables(TEXT.encode(), filename)
    assert caught.value.problem is TableProblem.FILE_TYPE


def test_merged_ranges_are_found_after_a_long_sheet() -> None:
    """A sheet whose XML spans several read chunks still has every merged range filled, and a
    ``max_rows`` limit keeps only the first rows, merged cells included."""
    rows: list[list[object]] = [["类别", *(f"列{c}" for c in range(12))]]
    rows += [[f"类{i // 2}" if i % 2 == 0 else None, *range(i, i + 12)] for i in range(4000)]
    merged = [f"A{r}:A{r + 1}" for r in range(2, 4002, 20)]
    data = workbook(rows, merged=merged)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.getinfo("xl/worksheets/sheet1.xml").file_size > 1024 * 1024  # a chunk
    [sheet] = read_workbook(data, Limits(max_rows=5000))
    assert len(sheet.rows) == 4001
    assert len(sheet.spans) == 2 * len(merged)
    assert [sheet.rows[r][0] for r in (3981, 3982)] == ["类1990", "类1990"]
    [head] = read_workbook(data, Limits(max_rows=5))
    assert [row[0] for row in head.rows] == ["类别", "类0", "类0", "类1", ""]
