"""The ledger's year: which years a team has a ledger for, the moment each shows, and a year as
a lead types it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest

from bot.domain.work import Cycle
from bot.rhythm.annual import issue_numbers, issue_of, ledger_year, ledger_years, parse_year
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


def _week(day: date, sent: datetime | None = None, **kw: object) -> Cycle:
    """The weekly cycle of the week from ``day`` (prompt that day 09:00, cutoff the next day
    17:00), its digest published at ``sent`` (None: not published)."""
    opened = local(day.year, day.month, day.day, 9)
    return cycle(day, opened, opened + timedelta(days=1, hours=8), digest_sent_at=sent, **kw)


def test_issue_numbers_restart_each_january() -> None:
    """第N期 counts a year's published digests from 1, in any order given; an earlier year's
    cycles, read or not, change no number of the next year."""
    dec = [_week(date(2024, 12, d), local(2024, 12, d + 7, 9)) for d in (2, 9, 16)]
    jan = [_week(date(2025, 1, d), local(2025, 1, d + 7, 9)) for d in (6, 13)]
    numbers = issue_numbers([*reversed(jan), *dec])
    assert [numbers[c.id] for c in (*dec, *jan)] == [1, 2, 3, 1, 2]
    assert issue_numbers(jan) == {c.id: numbers[c.id] for c in jan}


def test_a_week_whose_digest_never_went_out_has_no_number_and_leaves_no_gap() -> None:
    """A week missed while the bot was down (or whose digest was not delivered and not sent
    since) takes no number; the next published digest takes the next number."""
    first = _week(date(2024, 11, 4), local(2024, 11, 11, 9))
    missed = _week(date(2024, 11, 11), None, missed=True, digest_failed_at=local(2024, 11, 19))
    third = _week(date(2024, 11, 18), local(2024, 11, 25, 9))
    numbers = issue_numbers([first, missed, third])
    assert numbers == {first.id: 1, third.id: 2}
    assert issue_of([first, missed, third], missed, local(2024, 11, 26)) == 3


def test_an_owed_digest_sent_later_takes_the_next_number_in_publication_order() -> None:
    """The digest of a week sent by /digest after the next week's went out is the next issue;
    numbers already published do not change."""
    owed = _week(date(2024, 11, 4), None, digest_failed_at=local(2024, 11, 11, 9))
    next_week = _week(date(2024, 11, 11), local(2024, 11, 18, 9))
    before = issue_numbers([owed, next_week])
    assert before == {next_week.id: 1}
    assert issue_of([owed, next_week], owed, local(2024, 11, 19)) == 2
    sent = replace(owed, digest_sent_at=local(2024, 11, 19))
    assert issue_numbers([sent, next_week]) == {next_week.id: 1, sent.id: 2}
    assert issue_of([sent, next_week], sent, local(2024, 12, 30)) == 2  # a re-render


def test_an_interim_digest_is_no_issue() -> None:
    """Before its cutoff a week's digest is an interim one and carries no number; from the
    cutoff, the number it takes when it goes out."""
    week = _week(date(2024, 11, 4))
    assert issue_of([week], week, week.cutoff_at - timedelta(minutes=1)) is None
    assert issue_of([week], week, week.cutoff_at) == 1
