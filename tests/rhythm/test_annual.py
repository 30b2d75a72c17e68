"""The ledger's year: which years a team has a ledger for, the moment each shows, and a year as
a lead types it."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from bot.rhythm.annual import issue_numbers, ledger_year, ledger_years, parse_year
from tests.factories.snapshots import TZ, cycle, local, plan

NOW = local(2026, 3, 2, 10)


@pytest.mark.parametrize(
    ("typed", "year"),
    [
        ("2025", 2025),
        (" 2025 ", 2025),
        ("２０２５", 2025),
        ("2025年", 2025),
        ("25", None),
        ("20255", None),
        ("二〇二五", None),
        ("2025-01", None),
        ("", None),
    ],
)
def test_a_year_as_typed(typed: str, year: int | None) -> None:
    """Four digits (full-width too), with or without 年; anything else is not a year."""
    assert parse_year(typed) == year


def test_the_years_run_from_the_history_start_to_this_year() -> None:
    """A 2024 plan's team has ledgers from 2023 to this year; a team without a plan, this
    year's only; a plan of a coming year does not move the first year past this one."""
    assert ledger_years((plan(2024),), NOW) == (2023, 2026)
    assert ledger_years((), NOW) == (2026, 2026)
    assert ledger_years((plan(2028),), NOW) == (2026, 2026)


def test_the_moment_a_ledger_shows() -> None:
    """This year's shows now and is dated today; an earlier year's shows what was recorded
    before 1 January of the next and is dated 31 December."""
    this_year = ledger_year(NOW)
    assert (this_year.year, this_year.as_of, this_year.dated) == (2026, NOW, date(2026, 3, 2))
    earlier = ledger_year(NOW, 2024)
    assert earlier.as_of == datetime(2025, 1, 1, tzinfo=TZ)
    assert (earlier.year, earlier.dated) == (2024, date(2024, 12, 31))


def test_issue_numbers_restart_each_january() -> None:
    """第N期 counts a year's weekly cycles by period start from 1, in any order given; an
    earlier year's cycles, read or not, change no number of the next year."""
    dec = [
        cycle(date(2024, 12, d), local(2024, 12, d, 9), local(2024, 12, d + 1, 17))
        for d in (16, 23, 30)
    ]
    jan = [
        cycle(date(2025, 1, d), local(2025, 1, d, 9), local(2025, 1, d + 1, 17)) for d in (6, 13)
    ]
    numbers = issue_numbers([*reversed(jan), *dec])
    assert [numbers[c.id] for c in (*dec, *jan)] == [1, 2, 3, 1, 2]
    assert issue_numbers(jan) == {c.id: numbers[c.id] for c in jan}
