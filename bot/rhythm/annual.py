"""The ledger's year (年度督办台账): which year a ledger covers and the moment it shows.

A 督查室 keeps its ledger per year. The ledger of the current year shows the tasks as of now;
the ledger of an earlier year shows them as they stood at its end (what was recorded before
1 January of the next year), with that year's reports and answers owed. A year can be chosen
from the first year of the team's history (:func:`~bot.rhythm.snapshot.history_start`) to the
current one: older records are not read by any view.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from bot.domain.plan import Plan
from bot.domain.work import Cycle
from bot.rhythm.snapshot import history_start


@dataclass(frozen=True, slots=True)
class LedgerYear:
    """The year a ledger covers and the moment its tasks are shown at."""

    year: int
    as_of: datetime  # now, or the first moment after the year (what was recorded before it)

    @property
    def dated(self) -> date:
        """The day the ledger is dated: today, or 31 December of an earlier year."""
        return self.as_of.date() if self.as_of.year == self.year else date(self.year, 12, 31)

    def shows_cycle(self, cycle: Cycle) -> bool:
        """A weekly cycle whose answers owed the ledger lists (of its year, already opened)."""
        return cycle.period_start.year == self.year and cycle.opened_at < self.as_of


def ledger_year(now: datetime, year: int | None = None) -> LedgerYear:
    """The ledger of ``year`` (default, or a later year: ``now``'s) drawn up at ``now``."""
    if year is None or year >= now.year:
        return LedgerYear(now.year, now)
    return LedgerYear(year, datetime(year + 1, 1, 1, tzinfo=now.tzinfo))


def ledger_years(plans: Sequence[Plan], now: datetime) -> tuple[int, int]:
    """The first and the last year a ledger can be drawn up for: the team's history's first
    year (this year for a team without a plan) to this year."""
    start = history_start(plans)
    first = now.year if start is None else min(start.year, now.year)
    return first, now.year


def parse_year(text: str) -> int | None:
    """A year as a lead types it (``2025``, ``２０２５``, ``2025年``); None if it is not one."""
    digits = text.strip().removesuffix("年").strip()
    if len(digits) != 4 or not digits.isdecimal():
        return None
    return int(digits)


def issue_numbers(weekly: Sequence[Cycle], until: datetime | None = None) -> dict[str, int]:
    """Each published weekly digest's issue number (第N期): its place among the digests of its
    year (the year of the week it covers) that actually went out, in the order they went out
    (``digest_sent_at``), counted from 1 every January as a 督查室 numbers its bulletins. A week
    whose digest never went out (missed while the bot was down, or not delivered and not sent
    since) has no number and leaves no gap; an owed digest sent later takes the next number
    then. Once published, a number never changes (later digests only add numbers), so every
    view of the week shows the same one, however far back it reads. With ``until``, the
    digests that had gone out by then (a view as of a moment: one sent later had no number)."""
    numbers: dict[str, int] = {}
    counts: dict[int, int] = {}
    for cycle in sorted(_published(weekly, until), key=_publication):
        year = cycle.period_start.year
        counts[year] = counts.get(year, 0) + 1
        numbers[cycle.id] = counts[year]
    return numbers


def issue_of(weekly: Sequence[Cycle], cycle: Cycle, now: datetime) -> int | None:
    """The issue number a weekly digest of ``cycle`` carries at ``now``: its number once
    published by then (:func:`issue_numbers`); after the cycle's cutoff and not yet published
    by then, the next number of its year (the one it takes when it goes out now); before the
    cutoff (an interim digest, not an issue) none."""
    if cycle.digest_sent_at is not None and cycle.digest_sent_at <= now:
        return issue_numbers(weekly, now).get(cycle.id)
    if now < cycle.cutoff_at:
        return None
    year = cycle.period_start.year
    return 1 + sum(c.period_start.year == year for c in _published(weekly, now))


def _published(weekly: Sequence[Cycle], until: datetime | None = None) -> list[Cycle]:
    """The digests that went out (by ``until``, if given)."""
    return [
        c
        for c in weekly
        if c.digest_sent_at is not None and (until is None or c.digest_sent_at <= until)
    ]


def _publication(cycle: Cycle) -> tuple[datetime, date]:
    assert cycle.digest_sent_at is not None  # only published cycles are ordered
    return cycle.digest_sent_at, cycle.period_start
