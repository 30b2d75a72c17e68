"""How the ledger (台账) prints: every sheet on A4 landscape, legible, with a title.

:func:`apply_print_layout` only sets page setup and cell borders, so it suits any columns and
rows: A4 landscape, the columns fitted to the page's width (as many pages down as needed), the
title (team and date) in the page header, the header row repeated on every page, thin borders
on every filled cell, and "第 1 页，共 3 页" in the footer. A sheet too wide for one page at
:data:`MIN_SCALE` (the ledger's two dozen columns) spreads over as few pages across as keep it
at that size or larger, each repeating the columns that name a row (those frozen on screen,
through the task), printed left to right before going down, so a row's pages follow each other.
LibreOffice and Excel honour all of it when printing or exporting to PDF.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.styles import Border, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import column_index_from_string, coordinate_from_string
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet

from bot.i18n import t

_THIN = Side(style="thin", color="000000")
CELL_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
HEADER_ROWS = "1:1"  # the column titles, repeated on every printed page
# Column width units (Excel's, a Chinese character is two) across an A4 landscape page between
# these margins at 100 %, as LibreOffice prints them; below MIN_SCALE an 11 pt text gets too
# small to read (about 6.5 pt), so a wider sheet takes more pages across instead.
PAGE_UNITS = 145
MIN_SCALE = 0.6


def apply_print_layout(book: Workbook, title: str, lang: str = "zh") -> None:
    """Make every sheet of ``book`` print as a filed document headed by ``title``."""
    for sheet in book.worksheets:
        _page_setup(sheet)
        named = title if sheet.title in title else f"{title} · {sheet.title}"
        _page_texts(sheet, named, lang)
        _borders(sheet)


def _page_setup(sheet: Worksheet) -> None:
    setup = sheet.page_setup
    setup.paperSize = sheet.PAPERSIZE_A4
    setup.orientation = sheet.ORIENTATION_LANDSCAPE
    frozen = coordinate_from_string(sheet.freeze_panes or "A1")[0]
    keys = column_index_from_string(frozen) - 1  # the columns left of the frozen pane
    columns = range(1, sheet.max_column + 1)
    widths = [sheet.column_dimensions[get_column_letter(n)].width or 8.43 for n in columns]
    setup.fitToWidth = pages_across(widths, keys)
    setup.fitToHeight = 0  # as many pages down as the rows need
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = HEADER_ROWS
    if setup.fitToWidth > 1:  # each page across names its rows, and a row's pages come together
        sheet.print_title_cols = f"A:{get_column_letter(keys)}" if keys else None
        setup.pageOrder = "overThenDown"
    sheet.print_options.horizontalCentered = True
    sheet.page_margins = PageMargins(
        left=0.4, right=0.4, top=0.75, bottom=0.6, header=0.3, footer=0.3
    )


def pages_across(widths: Sequence[float], keys: int = 0) -> int:
    """How many pages across a sheet of columns ``widths`` takes so that it prints at
    :data:`MIN_SCALE` or larger, its first ``keys`` columns repeated on every page."""
    page = PAGE_UNITS / MIN_SCALE
    total, repeated = sum(widths), sum(widths[:keys])
    if total <= page:
        return 1
    return 1 + math.ceil((total - page) / max(page - repeated, 1))


def _page_texts(sheet: Worksheet, title: str, lang: str) -> None:
    for header in (sheet.oddHeader, sheet.evenHeader, sheet.firstHeader):
        header.center.text = title.replace("&", "&&")
        header.center.size = 14
        header.center.font = "-,Bold"
    for footer in (sheet.oddFooter, sheet.evenFooter, sheet.firstFooter):
        footer.center.text = t("rhythm.ledger.page_footer", lang)
        footer.center.size = 9


def _borders(sheet: Worksheet) -> None:
    """Thin borders on every filled cell. ``cell.border = …`` hashes the border anew for each
    cell (most of a county's ledger time: ~190,000 cells); the border's place in the
    workbook's style table is found once and given to each cell, as that assignment does."""
    border_id = sheet.parent._borders.add(CELL_BORDER)
    for row in sheet.iter_rows(
        min_row=1, max_row=sheet.max_row, min_col=1, max_col=sheet.max_column
    ):
        for cell in row:
            if not cell._style:
                cell._style = StyleArray()
            cell._style.borderId = border_id
