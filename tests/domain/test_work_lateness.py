"""One lateness rule: a report belongs to the latest cycle opened at or before its time and is
逾时 after that cycle's cutoff."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.domain.work import Cycle, CycleKind, cycle_at, late_for

TZ = ZoneInfo("Asia/Shanghai")


def _cycle(cid: str, opened: datetime, kind: CycleKind = CycleKind.WEEKLY) -> Cycle:
    cutoff = opened + timedelta(days=1, hours=8)
    return Cycle(cid, "t1", kind, opened.date(), opened_at=opened, cutoff_at=cutoff)


WEEK1 = _cycle("w1", datetime(2024, 10, 17, 9, 0, tzinfo=TZ))  # cutoff Fri 18 17:00
WEEK2 = _cycle("w2", datetime(2024, 10, 24, 9, 0, tzinfo=TZ))
MONTH = _cycle("m1", datetime(2024, 10, 31, 9, 0, tzinfo=TZ), CycleKind.MONTHLY)
CYCLES = (WEEK2, MONTH, WEEK1)  # any order


@pytest.mark.parametrize(
    ("at", "cycle", "late"),
    [
        (datetime(2024, 10, 17, 8, 59, tzinfo=TZ), None, False),  # before any cycle
        (datetime(2024, 10, 17, 9, 0, tzinfo=TZ), "w1", False),  # at the prompt
        (datetime(2024, 10, 18, 17, 0, tzinfo=TZ), "w1", False),  # at the cutoff: on time
        (datetime(2024, 10, 18, 17, 1, tzinfo=TZ), "w1", True),  # just after it
        (datetime(2024, 10, 21, 10, 0, tzinfo=TZ), "w1", True),  # after the digest too
        (datetime(2024, 10, 24, 9, 0, tzinfo=TZ), "w2", False),  # the next round opened
        (datetime(2024, 11, 1, 9, 0, tzinfo=TZ), "w2", True),  # a monthly cycle is no round
    ],
)
def test_a_report_belongs_to_the_latest_cycle_opened_and_is_late_after_its_cutoff(
    at: datetime, cycle: str | None, late: bool
) -> None:
    """The latest weekly cycle opened at or before the report's time; late after its cutoff."""
    found = cycle_at(CYCLES, at)
    assert (found.id if found else None, late_for(found, at)) == (cycle, late)


def test_a_merged_cycle_opened_the_same_day_counts_by_its_opening() -> None:
    """Of two cycles, the one opened later wins even if its period starts earlier."""
    early_period = Cycle(
        "w3",
        "t1",
        CycleKind.WEEKLY,
        date(2024, 10, 14),
        opened_at=datetime(2024, 10, 17, 10, 0, tzinfo=TZ),
        cutoff_at=datetime(2024, 10, 25, 17, 0, tzinfo=TZ),
    )
    at = datetime(2024, 10, 18, 18, 0, tzinfo=TZ)
    assert cycle_at((WEEK1, early_period), at) == early_period
    assert late_for(early_period, at) is False
