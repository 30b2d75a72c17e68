"""Whole percentages rounded as a reader of the ledger rounds them (四舍五入): a half goes up."""

from __future__ import annotations

from datetime import date

import pytest

from bot.rhythm.figures import Tally
from bot.rhythm.lights import expected_progress
from bot.rhythm.rounding import half_up
from bot.rhythm.tasks import average


@pytest.mark.parametrize(
    ("numerator", "denominator", "expected"),
    [(25, 2, 13), (125, 2, 63), (75, 2, 38), (29, 2, 15), (1449, 100, 14), (0, 3, 0), (7, 1, 7)],
)
def test_half_up_rounds_a_half_up(numerator: int, denominator: int, expected: int) -> None:
    """12.5 → 13 and 62.5 → 63 (never to the even neighbour); below a half goes down."""
    assert half_up(numerator, denominator) == expected


@pytest.mark.parametrize(
    ("values", "expected"),
    [([0, 25], 13), ([50, 75], 63), ([0, 25, 50, 75], 38), ([25, None, 75], 50), ([None], None)],
)
def test_average_progress_is_the_ledger_rows_mean_rounded_half_up(
    values: list[int | None], expected: int | None
) -> None:
    """Regression: the digest's 平均进度 of rows 0% and 25% was 12% (``round`` sends 12.5 to
    the even 12) where a reader of the ledger counts 13%."""
    assert average(values) == expected


def test_response_rate_rounds_a_half_up() -> None:
    """Regression: 1 answered of 8 owed was 反馈率 12%; counted from the ledger it is 13%."""
    assert Tally(on_time=1, missing=7).percent == 13
    assert Tally(on_time=5, late=2, missing=1).percent == 88
    assert Tally().percent is None


def test_expected_progress_rounds_a_half_up() -> None:
    """序时进度 one day into an eight-day span is 13% (12.5), not 12%."""
    assert expected_progress(date(2024, 1, 1), date(2024, 1, 9), date(2024, 1, 2)) == 13
