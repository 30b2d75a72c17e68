"""China's working calendar: holidays, 调休 make-up days and the fallback beyond the package."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.rhythm.calendar import CalendarNotice, HolidayFileError, WorkCalendar, parse_holiday_file

HOLIDAY_FILE_2027 = """
# 2027 假日安排（示例）
2027-01-01 holiday            元旦
2027-02-06..2027-02-12 holiday 春节
2027-02-14 workday            春节调休上班
2027-02-20 班
"""


@pytest.mark.parametrize(
    ("day", "workday"),
    [
        (date(2024, 9, 27), True),  # an ordinary Friday
        (date(2024, 9, 28), False),  # an ordinary Saturday
        (date(2024, 9, 29), True),  # Sunday, 调休 make-up workday before National Day
        (date(2024, 10, 1), False),  # National Day
        (date(2024, 10, 7), False),  # last day of the National Day holiday
        (date(2024, 10, 8), True),  # back to work
        (date(2024, 10, 12), True),  # Saturday, 调休 make-up workday
        (date(2024, 2, 4), True),  # Sunday, make-up workday before Spring Festival
        (date(2024, 2, 12), False),  # Spring Festival (a Monday)
        (date(2024, 2, 17), False),  # last day of the Spring Festival holiday (a Saturday)
        (date(2024, 2, 18), True),  # Sunday, make-up workday after Spring Festival
    ],
)
def test_is_workday_follows_official_calendar(day: date, workday: bool) -> None:
    """Statutory holidays are off and make-up weekend days are workdays."""
    assert WorkCalendar().is_workday(day) is workday


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2024, 10, 8), date(2024, 10, 8)),  # a workday is its own next workday
        (date(2024, 10, 1), date(2024, 10, 8)),
        (date(2024, 9, 28), date(2024, 9, 29)),  # Saturday → make-up Sunday
        (date(2024, 2, 10), date(2024, 2, 18)),  # Spring Festival → make-up Sunday
    ],
)
def test_next_workday(day: date, expected: date) -> None:
    """next_workday skips holidays and weekends but stops at make-up days."""
    assert WorkCalendar().next_workday(day) == expected


@pytest.mark.parametrize(
    ("year", "month", "expected"),
    [
        (2024, 9, date(2024, 9, 30)),  # Monday, a workday
        (2024, 8, date(2024, 8, 30)),  # the 31st is a Saturday
        (2024, 4, date(2024, 4, 30)),  # Tuesday before May Day
        (2024, 12, date(2024, 12, 31)),  # December wraps to next January correctly
        (2024, 6, date(2024, 6, 28)),  # 30th is a Sunday
    ],
)
def test_last_workday_of_month(year: int, month: int, expected: date) -> None:
    """The month's last workday is found across weekends and the year end."""
    assert WorkCalendar().last_workday_of_month(year, month) == expected


def test_add_workdays_counts_only_workdays() -> None:
    """Adding workdays skips the National Day holiday."""
    assert WorkCalendar().add_workdays(date(2024, 9, 30), 1) == date(2024, 10, 8)


def test_year_beyond_package_falls_back_to_weekends_and_notices_once() -> None:
    """2027 (unknown to the package) uses Monday–Friday and is reported exactly once."""
    calendar = WorkCalendar()
    assert calendar.is_workday(date(2027, 1, 1)) is True  # a Friday: no file, so a workday
    assert calendar.is_workday(date(2027, 1, 2)) is False
    assert calendar.take_notices() == [CalendarNotice(2027, 0)]
    calendar.is_workday(date(2027, 3, 3))
    assert calendar.take_notices() == []
    assert calendar.fallback_years == {2027}


def test_fallback_year_uses_holiday_file() -> None:
    """With a holiday file, 2027's listed holidays and make-up days are honoured."""
    calendar = WorkCalendar(parse_holiday_file(HOLIDAY_FILE_2027))
    assert calendar.is_workday(date(2027, 1, 1)) is False
    assert calendar.is_workday(date(2027, 2, 8)) is False
    assert calendar.is_workday(date(2027, 2, 14)) is True  # a Sunday make-up day
    assert calendar.is_workday(date(2027, 2, 20)) is True  # "班" works as well
    assert calendar.next_workday(date(2027, 2, 6)) == date(2027, 2, 14)
    calendar.is_workday(date(2027, 3, 1))
    assert calendar.take_notices() == [CalendarNotice(2027, 10)]


def test_holiday_file_overrides_package_years() -> None:
    """An admin can correct a year the package knows."""
    calendar = WorkCalendar({date(2024, 10, 8): False})
    assert calendar.next_workday(date(2024, 10, 1)) == date(2024, 10, 9)


def test_from_file_reads_path_and_tolerates_missing(tmp_path: Path) -> None:
    """from_file reads the admin's file; a missing file means no overrides."""
    path = tmp_path / "holidays.txt"
    path.write_text(HOLIDAY_FILE_2027, encoding="utf-8")
    assert WorkCalendar.from_file(path).is_workday(date(2027, 1, 1)) is False
    assert WorkCalendar.from_file(tmp_path / "none.txt").is_workday(date(2027, 1, 1)) is True
    assert WorkCalendar.from_file(None).is_workday(date(2024, 10, 1)) is False


@pytest.mark.parametrize(
    "line",
    [
        "2027-13-01 holiday",
        "2027-01-01 vacation",
        "2027/01/01 holiday",
        "2027-02-10..2027-02-01 holiday",
        "2027-01-01..2027-06-01 holiday",
    ],
)
def test_holiday_file_errors_name_the_line(line: str) -> None:
    """A bad line raises HolidayFileError with its line number."""
    with pytest.raises(HolidayFileError) as error:
        parse_holiday_file("# header\n" + line)
    assert error.value.line_number == 2


def test_check_year_probes_without_a_lookup() -> None:
    """check_year tells whether the package knows a year, and notes unknown ones."""
    calendar = WorkCalendar()
    assert calendar.check_year(2024) is True
    assert calendar.check_year(2030) is False
    assert [n.year for n in calendar.take_notices()] == [2030]


def test_injected_official_lookup_is_used() -> None:
    """The official source can be replaced (e.g. for tests of a future package)."""

    def lookup(day: date) -> bool:
        raise NotImplementedError

    calendar = WorkCalendar(official=lookup)
    assert calendar.is_workday(date(2024, 10, 1)) is True
    assert calendar.fallback_years == {2024}
