"""Rows streamed as worksheet XML read back as openpyxl would have written them."""

from __future__ import annotations

from datetime import date, datetime
from io import BytesIO

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Side

from bot.render.xlsx_rows import RowStream, display_width, save_with_rows, styles_for

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
