"""China's working calendar: statutory holidays and 调休 make-up workdays.

Official days come from the ``chinese-calendar`` package, which knows only the years it was
released for. For any other year the calendar falls back to "Monday to Friday are workdays" plus
an optional **holiday file** the admin provides, and records a :class:`CalendarNotice` for that
year once, so the scheduler can tell the lead (one message) instead of crashing or silently
skipping a cycle.

Holiday file format (UTF-8 text, one entry per line; ``#`` starts a comment)::

    # 2027 (国务院办公厅通知)
    2027-01-01 holiday            元旦
    2027-02-06..2027-02-12 holiday 春节
    2027-02-14 workday            春节调休上班

Each entry is a date or an inclusive range ``START..END``, then ``holiday`` (休) or ``workday``
(班); anything after that is a free note. Entries in the file override the package too, so an
admin can correct a year the package got wrong.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import chinese_calendar

OfficialLookup = Callable[[date], bool]  # True for a workday; NotImplementedError if unknown

_LINE = re.compile(
    r"^(?P<start>\d{4}-\d{2}-\d{2})(?:\.\.(?P<end>\d{4}-\d{2}-\d{2}))?\s+"
    r"(?P<kind>holiday|workday|休|班)(?:\s+.*)?$",
    re.IGNORECASE,
)
_WORKDAY_WORDS = frozenset({"workday", "班"})
_MAX_RANGE_DAYS = 62


class HolidayFileError(ValueError):
    """A line of the holiday file could not be read: ``kind`` says why (``shape``: not a date
    and a kind; ``date``: not a real date, ``reason`` the parser's words; ``range``: backwards
    or too long), so the command line can say it in the operator's language."""

    def __init__(self, line_number: int, line: str, reason: str, kind: str = "shape") -> None:
        super().__init__(f"holiday file line {line_number}: {reason}: {line!r}")
        self.line_number, self.line, self.reason, self.kind = line_number, line, reason, kind


@dataclass(frozen=True, slots=True)
class CalendarNotice:
    """The calendar fell back to weekends (and ``override_days`` admin entries) for ``year``."""

    year: int
    override_days: int


def parse_holiday_file(text: str) -> dict[date, bool]:
    """The day → is-workday overrides in a holiday file's text (see the module docstring)."""
    days: dict[date, bool] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        match = _LINE.match(line)
        if match is None:
            raise HolidayFileError(
                number, raw, "expected 'YYYY-MM-DD[..YYYY-MM-DD] holiday|workday'"
            )
        workday = match["kind"].lower() in _WORKDAY_WORDS
        for day in _day_range(number, raw, match["start"], match["end"]):
            days[day] = workday
    return days


def _day_range(number: int, raw: str, start_text: str, end_text: str | None) -> list[date]:
    try:
        start = date.fromisoformat(start_text)
        end = date.fromisoformat(end_text) if end_text else start
    except ValueError as error:
        raise HolidayFileError(number, raw, str(error), "date") from None
    if end < start or (end - start).days > _MAX_RANGE_DAYS:
        raise HolidayFileError(number, raw, "the range is backwards or too long", "range")
    return [start + timedelta(days=offset) for offset in range((end - start).days + 1)]


def _package_lookup(day: date) -> bool:
    return bool(chinese_calendar.is_workday(day))


class WorkCalendar:
    """Answers "is this a workday?" for any date, and remembers which years it had to guess."""

    def __init__(
        self,
        overrides: Mapping[date, bool] | None = None,
        *,
        official: OfficialLookup = _package_lookup,
    ) -> None:
        self._overrides = dict(overrides or {})
        self._official = official
        self._fallback_years: set[int] = set()
        self._reported: set[int] = set()

    @classmethod
    def from_file(cls, path: Path | None) -> WorkCalendar:
        """A calendar with the admin's holiday file at ``path`` (None or missing: no file)."""
        if path is None or not path.exists():
            return cls()
        return cls(parse_holiday_file(path.read_text(encoding="utf-8")))

    def is_workday(self, day: date) -> bool:
        """Whether people work on ``day`` (a 调休 make-up Saturday or Sunday counts)."""
        if day in self._overrides:
            return self._overrides[day]
        try:
            return self._official(day)
        except NotImplementedError:
            self._fallback_years.add(day.year)
            return day.isoweekday() <= 5

    def next_workday(self, day: date) -> date:
        """``day`` itself if it is a workday, else the first workday after it."""
        while not self.is_workday(day):
            day += timedelta(days=1)
        return day

    def previous_workday(self, day: date) -> date:
        """``day`` itself if it is a workday, else the last workday before it."""
        while not self.is_workday(day):
            day -= timedelta(days=1)
        return day

    def add_workdays(self, day: date, count: int) -> date:
        """The ``count``-th workday after ``day`` (``day`` itself for 0 when it is a workday)."""
        day = self.next_workday(day)
        for _ in range(count):
            day = self.next_workday(day + timedelta(days=1))
        return day

    def last_workday_of_month(self, year: int, month: int) -> date:
        """The month's last workday (月研判 day)."""
        first_of_next = date(year + month // 12, month % 12 + 1, 1)
        return self.previous_workday(first_of_next - timedelta(days=1))

    def workdays(self, days: Iterable[date]) -> list[date]:
        """The workdays among ``days``, in order."""
        return [day for day in days if self.is_workday(day)]

    def check_year(self, year: int) -> bool:
        """Whether the package knows ``year``; if not, the year is noted for a notice."""
        try:
            self._official(date(year, 1, 1))
        except NotImplementedError:
            self._fallback_years.add(year)
            return False
        return True

    @property
    def fallback_years(self) -> frozenset[int]:
        """Every year looked up so far that the package does not know."""
        return frozenset(self._fallback_years)

    def take_notices(self) -> list[CalendarNotice]:
        """Notices for fallback years not reported before by this calendar (each year once)."""
        fresh = sorted(self._fallback_years - self._reported)
        self._reported.update(fresh)
        return [CalendarNotice(year, self._override_count(year)) for year in fresh]

    def notice(self, year: int) -> CalendarNotice:
        """The notice for ``year`` (whether or not it was reported), e.g. to record durably."""
        return CalendarNotice(year, self._override_count(year))

    def _override_count(self, year: int) -> int:
        return sum(1 for day in self._overrides if day.year == year)
