"""The clock's helpers: the zone a time is written in."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.domain.clock import zone_of


def test_zone_of_gives_the_zone_a_time_is_written_in() -> None:
    """An aware time's own zone comes back, not the machine's or UTC."""
    shanghai = ZoneInfo("Asia/Shanghai")
    assert zone_of(datetime(2024, 10, 8, 17, 0, tzinfo=shanghai)) is shanghai


def test_zone_of_refuses_a_naive_time() -> None:
    """A time without a zone is refused rather than read in some zone by guess."""
    with pytest.raises(ValueError, match="timezone-aware"):
        zone_of(datetime(2024, 10, 8, 17, 0))
