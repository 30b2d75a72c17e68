"""Spreadsheet cells from user text: formula starts are neutralised, everything else is kept."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from bot.text.cells import FORMULA_STARTS, safe_cell, safe_row

ATTACK = '=HYPERLINK("http://example.invalid/x","点击查看详情")'


@pytest.mark.parametrize(
    "text",
    [ATTACK, "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)", "\t=1+1", "\r=1+1", "=", "-"],
)
def test_text_a_spreadsheet_would_evaluate_gets_an_apostrophe(text: str) -> None:
    """Each formula start (= + - @, tab, CR) is prefixed, and the text itself is kept."""
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize(
    "value",
    [
        "正常推进",
        "",
        "进度 -5%",
        "a=b",
        "'已经有撇号",
        42,
        -3,
        1.5,
        None,
        date(2024, 3, 8),
        datetime(2024, 3, 8, 9, 30),
    ],
)
def test_ordinary_values_are_unchanged(value: object) -> None:
    """Plain text (a formula sign later in it is harmless), numbers, dates and blanks pass."""
    assert safe_cell(value) == value


def test_a_row_is_neutralised_cell_by_cell() -> None:
    """safe_row applies the same rule to each cell of a row, in order."""
    assert safe_row([1, "=1+1", "县发改委", None]) == [1, "'=1+1", "县发改委", None]
    assert set(FORMULA_STARTS) == {"=", "+", "-", "@", "\t", "\r"}


@pytest.mark.parametrize(
    ("text", "cell"),
    [
        ("完成\u202e%08 度进\u202c，下周验收", "完成%08 度进，下周验收"),
        ("\u2067进度\u2069 80%", "进度 80%"),
        ("\u202e=HYPERLINK(1)", "'=HYPERLINK(1)"),  # the formula start hidden behind a control
        ("\u200f标记保留", "\u200f标记保留"),  # a mark reorders nothing: kept
    ],
)
def test_bidirectional_controls_are_dropped_from_text_cells(text: str, cell: str) -> None:
    """Embeddings, overrides and isolates leave a text cell (before the formula check), marks
    stay."""
    assert safe_cell(text) == cell
