"""Spreadsheet cells from user text, neutralised against formula injection.

Whatever an official types (a report, a problem, a unit's name in an uploaded plan) ends up in a
workbook the leaders open. A cell whose text starts with ``=``, ``+``, ``-`` or ``@`` is taken as
a formula by Excel, WPS and LibreOffice (``=HYPERLINK("http://…","点击查看详情")`` becomes a live
link), and a leading tab or carriage return hides such a start from a quick look. Every writer of
xlsx (and csv) cells passes each value through :func:`safe_cell`, which puts an apostrophe in
front of such text (the OWASP rule), so the cell is plain text everywhere, even after the sheet
is saved again as csv. Bidirectional controls are dropped from text cells first, as messages
drop them (:mod:`bot.text.bidi`), so a cell cannot show a report reordered. Numbers and dates are
written as they are.
"""

from __future__ import annotations

from typing import TypeVar

from bot.text.bidi import without_bidi

#: A cell starting with one of these is read as a formula (or hides one) by spreadsheet programs.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

V = TypeVar("V")


def safe_cell(value: V) -> V | str:
    """``value`` for a spreadsheet cell: text loses its bidirectional controls, and text that a
    spreadsheet would read as a formula gets a leading apostrophe; anything else (numbers,
    dates) is returned unchanged."""
    if not isinstance(value, str):
        return value
    text = without_bidi(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def safe_row(values: list[V]) -> list[V | str]:
    """A row of cells, each through :func:`safe_cell`."""
    return [safe_cell(value) for value in values]
