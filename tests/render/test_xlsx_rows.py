"""Rows streamed as worksheet XML read back as openpyxl would have written them."""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from io import BytesIO

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, PatternFill, Side

from bot.render.xlsx_rows import (
    RowStream,
    SharedStrings,
    Styled,
    display_width,
    save_with_rows,
    style_id,
    styles_for,
)

_THIN = Side(style="thin")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def _book(rows: list[list[object]]) -> Workbook:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "反馈记录"
    sheet.append(["时间", "内容", "进度", "日期"])
    styles = styles_for(
        sheet, _BORDER, "yyyy-mm-dd", "yyyy-mm-dd hh:mm", Alignment(wrap_text=True)
    )
    stream = RowStream(styles, display_width, 20)
    for row in rows:
        stream.add(row)  # type: ignore[arg-type]
    return load_workbook(BytesIO(save_with_rows(book, {sheet.title: stream})))


def test_values_dates_and_styles_read_back() -> None:
    """Text, numbers, dates and times come back as written, under the header, bordered, with
    their number formats; long or multi-line text wraps; empty text is an empty cell."""
    rows = [
        [datetime(2024, 10, 10, 9, 30), "按计划推进", 60, date(2024, 12, 31)],
        [datetime(2024, 10, 11, 9, 0), "第一行\n第二行", 2.5, None],
        [datetime(2024, 10, 11, 9, 0), "很长的文字" * 5, None, ""],
    ]
    sheet = _book(rows).worksheets[0]
    assert [c.value for c in sheet[1]] == ["时间", "内容", "进度", "日期"]
    read = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert read == [
        [datetime(2024, 10, 10, 9, 30), "按计划推进", 60, datetime(2024, 12, 31)],
        [datetime(2024, 10, 11, 9, 0), "第一行\n第二行", 2.5, None],
        [datetime(2024, 10, 11, 9, 0), "很长的文字" * 5, None, None],
    ]
    assert sheet["A2"].number_format == "yyyy-mm-dd hh:mm"
    assert sheet["D2"].number_format == "yyyy-mm-dd"
    assert all(
        cell.border.left.style == "thin" for row in sheet.iter_rows(min_row=2) for cell in row
    )
    assert [sheet["B2"].alignment.wrap_text, sheet["B3"].alignment.wrap_text] == [None, True]
    assert sheet["B4"].alignment.wrap_text is True  # wider than the stream's 20 columns
    assert (sheet.max_row, sheet.dimensions) == (4, "A1:D4")


def test_formulas_markup_and_control_characters_stay_text() -> None:
    """User text starting like a formula gets the apostrophe, markup characters are escaped,
    and characters XML cannot hold are dropped instead of breaking the workbook."""
    rows = [['=HYPERLINK("http://x","点我")', "<b>a & b</b>", "-1", "响铃\x07与\x1b退格"]]
    sheet = _book(rows).worksheets[0]
    assert [c.value for c in sheet[2]] == [
        '\'=HYPERLINK("http://x","点我")',
        "<b>a & b</b>",
        "'-1",
        "响铃与退格",
    ]
    assert all(cell.data_type == "s" for cell in sheet[2])


def test_texts_are_shared_once_across_the_streams_of_a_workbook() -> None:
    """Two streamed sheets share one string table: a text repeated in both is stored once,
    and each cell reads back as its own text."""
    book = Workbook()
    first = book.active
    assert first is not None
    second = book.create_sheet("应报事项")
    strings = SharedStrings()
    streams = {}
    for sheet in (first, second):
        sheet.append(["任务", "情况"])
        styles = styles_for(sheet, _BORDER, "yyyy-mm-dd", "yyyy-mm-dd hh:mm", Alignment())
        streams[sheet.title] = stream = RowStream(styles, display_width, 60, strings=strings)
        for state in ("按时报送", "未报", "按时报送"):
            stream.add(["推进重点任务 ", state])
    data = save_with_rows(book, streams)
    with zipfile.ZipFile(BytesIO(data)) as archive:
        table = archive.read("xl/sharedStrings.xml").decode()
    assert (table.count("推进重点任务 "), table.count("按时报送"), table.count("<si>")) == (
        1,
        1,
        3,
    )
    read = load_workbook(BytesIO(data))
    for sheet in read.worksheets:
        rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
        assert rows == [["推进重点任务 ", s] for s in ("按时报送", "未报", "按时报送")]


def test_streams_with_separate_tables_are_refused() -> None:
    """Streams of one workbook must share one string table (their cells number its texts)."""
    book = Workbook()
    sheets = [book.active, book.create_sheet("二")]
    streams = {}
    for sheet in sheets:
        assert sheet is not None
        styles = styles_for(sheet, _BORDER, "yyyy-mm-dd", "yyyy-mm-dd hh:mm", Alignment())
        streams[sheet.title] = RowStream(styles, display_width, 60)  # a table each
        streams[sheet.title].add(["文字"])
    with pytest.raises(ValueError, match="share one string table"):
        save_with_rows(book, streams)


def test_rows_made_of_runs_are_the_rows_added_cell_by_cell() -> None:
    """A row put together from runs of cells (each made once) is written as the same row added
    value by value, and counts in the same column widths."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    styles = styles_for(
        sheet, _BORDER, "yyyy-mm-dd", "yyyy-mm-dd hh:mm", Alignment(wrap_text=True)
    )
    rows = [
        (date(2024, 1, 1), 1, "推进重点任务", "县工信局", "=未报"),
        (date(2024, 1, 8), 2, "推进重点任务", "县工信局", "按时报送"),
        (date(2024, 1, 8), 2, "很长的任务名称" * 6, "县发改委", "=未报"),
    ]
    added, made = (RowStream(styles, display_width, 20) for _ in range(2))
    for row in rows:
        added.add(row)
        made.add_made(made.run(0, row[:2]), made.run(2, row[2:4]), made.run(4, row[4:]))
    assert (made.xml(), made.widths, made.rows) == (added.xml(), added.widths, added.rows)
    assert made.strings.index == added.strings.index
    assert "'=未报" in made.strings.index  # the formula guard still applies


def test_a_styled_cell_reads_back_with_its_own_style() -> None:
    """A cell given a style of its own (a fill) reads back with that fill and the stream's
    border, its value as written and guarded; the cells beside it keep their kind's style."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["灯色", "任务"])
    styles = styles_for(sheet, _BORDER, "yyyy-mm-dd", "yyyy-mm-dd hh:mm", Alignment())
    red = style_id(sheet, _BORDER, fill=PatternFill("solid", fgColor="F4B6B6"))
    stream = RowStream(styles, display_width, 20)
    stream.add([Styled("🔴红灯", red), "任务一"])
    stream.add([Styled("=红灯", red), Styled(None, red)])
    read = load_workbook(BytesIO(save_with_rows(book, {sheet.title: stream}))).worksheets[0]
    assert [[c.value for c in row] for row in read.iter_rows(min_row=2)] == [
        ["🔴红灯", "任务一"],
        ["'=红灯", None],
    ]
    assert [read[ref].fill.fgColor.rgb[-6:] for ref in ("A2", "A3", "B3")] == ["F4B6B6"] * 3
    assert read["B2"].fill.fill_type is None
    assert all(read[ref].border.left.style == "thin" for ref in ("A2", "B2", "A3", "B3"))
    assert stream.widths == [display_width("🔴红灯"), display_width("任务一")]


def test_a_row_with_wrapped_text_is_as_tall_as_its_lines() -> None:
    """A row whose text wraps gets the height of its tallest cell's lines (explicit lines, and
    lines wrapped at the stream's width), so no program cuts the text off; a row of short text
    keeps the default height; rows made of runs get the same heights."""
    rows = [
        [datetime(2024, 10, 10, 9, 30), "按计划推进", 60, None],
        [datetime(2024, 10, 11, 9, 0), "第一行\n第二行\n第三行", None, None],
        [datetime(2024, 10, 11, 9, 0), "很长的文字" * 5, None, None],  # 50 wide: 3 lines of 18
    ]
    sheet = _book(rows).worksheets[0]
    heights = [sheet.row_dimensions[row].height for row in (2, 3, 4)]
    assert heights == [None, 48, 48]  # 16 points a line
    blank = Workbook().active
    assert blank is not None
    styles = styles_for(blank, _BORDER, "yyyy-mm-dd", "yyyy-mm-dd hh:mm", Alignment())
    made, added = (RowStream(styles, display_width, 20) for _ in range(2))
    for row in rows:
        made.add_made(made.run(0, row[:2]), made.run(2, row[2:]))  # type: ignore[arg-type]
        added.add(row)  # type: ignore[arg-type]
    assert made.xml() == added.xml()
