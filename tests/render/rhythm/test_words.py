"""The words every rhythm text shares: stamps of moments."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.render.rhythm.words import fmt_stamp

SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_a_stamp_is_month_day_and_time_with_leading_zeros() -> None:
    """Lists and histories stamp a moment as MM-DD HH:MM, padded, in the moment's own zone."""
    assert fmt_stamp(datetime(2024, 3, 8, 9, 5, tzinfo=SHANGHAI)) == "03-08 09:05"
    assert fmt_stamp(datetime(2024, 12, 31, 23, 59, tzinfo=SHANGHAI)) == "12-31 23:59"
