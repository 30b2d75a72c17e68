"""The one table reader on OpenDocument spreadsheets (.ods): cells, spans, repeats, hiding."""

from __future__ import annotations

import io
import zipfile

import pytest

from bot.text.tables import Limits, TableError, TableProblem, read_spreadsheet, read_tables
from tests.factories.files import spreadsheet

HIDDEN_TABLE = (
    '<style:style style:name="ta2" style:family="table">'
    '<style:table-properties table:display="false"/></style:style>'
)


def _cell(text: str, extra: str = "") -> str:
    return (
        f'<table:table-cell office:value-type="string" {extra}>'
        f"<text:p>{text}</text:p></table:table-cell>"
    )


def _row(*cells: str, extra: str = "") -> str:
    return f"<table:table-row {extra}>{''.join(cells)}</table:table-row>"


def _sheet(name: str, *rows: str, style: str = "ta1") -> str:
    body = "".join(rows)
    return f'<table:table table:name="{name}" table:style-name="{style}">{body}</table:table>'


def test_an_ods_sheet_reads_as_rows_of_text() -> None:
    """Cells read in order under their sheet's name; trailing empty cells are dropped."""
    data = spreadsheet(
        _sheet(
            "名单",
            _row(
                _cell("姓名"),
                _cell("单位"),
                '<table:table-cell table:number-columns-repeated="16382"/>',
            ),
            _row(_cell("张三"), _cell("县发改委")),
        )
    )
    (sheet,) = read_tables(data, "名单.ods")
    assert sheet.title == "名单"
    assert sheet.rows == (("姓名", "单位"), ("张三", "县发改委"))


def test_spanned_cells_give_every_covered_cell_their_anchor_text() -> None:
    """A cell spanning two columns and one spanning two rows fill what they cover."""
    data = spreadsheet(
        _sheet(
            "表",
            _row(
                _cell("标题", 'table:number-columns-spanned="2"'),
                "<table:covered-table-cell/>",
                _cell("县财政局", 'table:number-rows-spanned="2"'),
            ),
            _row(_cell("甲"), _cell("乙"), "<table:covered-table-cell/>"),
        )
    )
    (sheet,) = read_spreadsheet(data)
    assert sheet.rows == (("标题", "标题", "县财政局"), ("甲", "乙", "县财政局"))
    assert sheet.spans[(0, 1)] == (0, 0, 0, 1)
    assert sheet.spans[(1, 2)] == (0, 2, 1, 2)


def test_dates_and_numbers_read_from_their_values() -> None:
    """A date cell reads as 2025年6月30日 whatever its display, whole numbers without .0,
    other numbers as they are, booleans as 是/否."""
    data = spreadsheet(
        _sheet(
            "表",
            _row(
                '<table:table-cell office:value-type="date" '
                'office:date-value="2025-06-30T00:00:00"><text:p>06/30/25</text:p>'
                "</table:table-cell>",
                '<table:table-cell office:value-type="float" office:value="3">'
                "<text:p>3.00</text:p></table:table-cell>",
                '<table:table-cell office:value-type="percentage" office:value="0.85">'
                "<text:p>85%</text:p></table:table-cell>",
                '<table:table-cell office:value-type="boolean" office:boolean-value="true">'
                "<text:p>TRUE</text:p></table:table-cell>",
            ),
        )
    )
    (sheet,) = read_spreadsheet(data)
    assert sheet.rows == (("2025年6月30日", "3", "0.85", "是"),)


def test_paragraphs_spaces_and_line_breaks_are_kept_and_comments_left_out() -> None:
    """Two paragraphs make two lines, text:s gives its spaces, a comment is not read."""
    data = spreadsheet(
        _sheet(
            "表",
            _row(
                '<table:table-cell office:value-type="string">'
                "<office:annotation><text:p>批注</text:p></office:annotation>"
                '<text:p>县发改委<text:s text:c="2"/>牵头</text:p>'
                "<text:p>县财政局<text:line-break/>配合</text:p>"
                "</table:table-cell>"
            ),
        )
    )
    (sheet,) = read_spreadsheet(data)
    assert sheet.rows == (("县发改委  牵头\n县财政局\n配合",),)


def _repeated(empty_rows: int) -> bytes:
    empty = (
        f'<table:table-row table:number-rows-repeated="{empty_rows}">'
        '<table:table-cell table:number-columns-repeated="16384"/></table:table-row>'
    )
    twice = _row(
        _cell("甲", 'table:number-columns-repeated="2"'), extra='table:number-rows-repeated="2"'
    )
    return spreadsheet(_sheet("表", twice, empty, _row(_cell("乙")), empty))


def test_repeated_rows_and_cells_repeat_and_empty_ones_cost_nothing() -> None:
    """A row repeated twice gives two rows; a million repeated empty rows between rows with
    text become rows only up to the limit, and after the last row they are not rows at all."""
    (whole,) = read_spreadsheet(_repeated(1_048_570), Limits(max_rows=5000))
    assert whole.rows[:2] == (("甲", "甲"), ("甲", "甲"))
    assert len(whole.rows) == 5000
    (short,) = read_spreadsheet(_repeated(3))
    assert short.rows == (("甲", "甲"), ("甲", "甲"), ("", ""), ("", ""), ("", ""), ("乙", ""))


def test_rows_and_columns_past_the_limits_are_not_read() -> None:
    """A repeated row and a repeated cell stop at the limits."""
    data = spreadsheet(
        _sheet(
            "表",
            _row(
                _cell("甲", 'table:number-columns-repeated="1000"'),
                extra='table:number-rows-repeated="100000"',
            ),
        )
    )
    (sheet,) = read_spreadsheet(data, Limits(max_rows=7, max_columns=3))
    assert sheet.rows == (("甲", "甲", "甲"),) * 7


def test_hidden_sheets_and_rows_are_left_out() -> None:
    """A sheet whose style hides it and a collapsed row are not read; spans are renumbered."""
    data = spreadsheet(
        _sheet("旧稿", _row(_cell("旧")), style="ta2")
        + _sheet(
            "清单",
            _row(_cell("甲"), _cell("县财政局", 'table:number-rows-spanned="3"')),
            _row(
                _cell("已取消"), "<table:covered-table-cell/>", extra='table:visibility="collapse"'
            ),
            _row(_cell("乙"), "<table:covered-table-cell/>"),
        ),
        styles=HIDDEN_TABLE,
    )
    (sheet,) = read_spreadsheet(data)
    assert sheet.title == "清单"
    assert sheet.rows == (("甲", "县财政局"), ("乙", "县财政局"))
    assert sheet.spans[(1, 1)] == (0, 1, 1, 1)


def test_hidden_columns_are_left_out_and_rows_keep_their_numbers_in_the_file() -> None:
    """Collapsed columns (one description repeated twice) are not read, a span across them is
    renumbered, and rows after a collapsed row and repeated empty rows keep their numbers."""
    data = spreadsheet(
        _sheet(
            "清单",
            '<table:table-column table:number-columns-repeated="1"/>'
            '<table:table-column table:visibility="collapse" table:number-columns-repeated="2"/>'
            '<table:table-column table:number-columns-repeated="1021"/>',
            _row(
                _cell("标题", 'table:number-columns-spanned="4"'),
                *["<table:covered-table-cell/>"] * 3,
            ),
            _row(_cell("任务"), _cell("旧"), _cell("旧备注"), _cell("单位")),
            _row(_cell("已取消"), extra='table:visibility="collapse"'),
            _row(extra='table:number-rows-repeated="2"'),
            _row(_cell("甲"), _cell("x"), _cell("y"), _cell("县财政局")),
        )
    )
    (sheet,) = read_spreadsheet(data)
    assert sheet.rows == (
        ("标题", "标题"),
        ("任务", "单位"),
        ("", ""),
        ("", ""),
        ("甲", "县财政局"),
    )
    assert sheet.spans[(0, 1)] == (0, 0, 0, 1)
    assert [sheet.number(r) for r in range(len(sheet.rows))] == [1, 2, 4, 5, 6]


def test_only_hidden_sheets_are_still_read_and_first_only_when_asked() -> None:
    """When every sheet is hidden all are read; ``first_sheet_only`` keeps the first."""
    data = spreadsheet(
        _sheet("一", _row(_cell("甲")), style="ta2")
        + _sheet("二", _row(_cell("乙")), style="ta2"),
        styles=HIDDEN_TABLE,
    )
    assert [s.title for s in read_spreadsheet(data)] == ["一", "二"]
    assert [s.title for s in read_tables(data, "a.ods", first_sheet_only=True)] == ["一"]


def _bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("content.xml", b" " * (300 * 1024 * 1024 // 100))
    return out.getvalue()


def test_an_ods_zip_bomb_is_refused_unopened() -> None:
    """A member packed at an implausible ratio makes the file a bomb, as for .xlsx."""
    with pytest.raises(TableError) as caught:
        read_spreadsheet(_bomb(), Limits(max_ratio=10, ratio_from=1024))
    assert caught.value.problem is TableProblem.BOMB


@pytest.mark.parametrize(
    "data",
    [b"not a zip", spreadsheet("<table:table>")[:-1], spreadsheet("")[:40]],
    ids=["not a zip", "cut short", "its first 40 bytes"],  # (zip headers hold the time made:
)  # ids from the bytes could differ between the test workers, which must collect the same)
def test_a_damaged_ods_is_corrupt(data: bytes) -> None:
    """No zip, a truncated zip or broken XML are refused as corrupt."""
    with pytest.raises(TableError) as caught:
        read_spreadsheet(data)
    assert caught.value.problem is TableProblem.CORRUPT


def test_an_ods_without_content_is_corrupt() -> None:
    """A zip without ``content.xml`` is no spreadsheet."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
    with pytest.raises(TableError) as caught:
        read_spreadsheet(out.getvalue())
    assert caught.value.problem is TableProblem.CORRUPT
