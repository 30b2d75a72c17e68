"""The words every rhythm text shares: stamps of moments, titled lists, units' names."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.i18n import t
from bot.render.rhythm.words import block, fmt_stamp, rate_text, unit_name
from bot.rhythm.figures import Tally

SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_a_stamp_is_month_day_and_time_with_leading_zeros() -> None:
    """Lists and histories stamp a moment as MM-DD HH:MM, padded, in the moment's own zone."""
    assert fmt_stamp(datetime(2024, 3, 8, 9, 5, tzinfo=SHANGHAI)) == "03-08 09:05"
    assert fmt_stamp(datetime(2024, 12, 31, 23, 59, tzinfo=SHANGHAI)) == "12-31 23:59"


def test_a_titled_list_stands_under_its_title_and_vanishes_when_empty() -> None:
    """A block is its title over its lines in order, and nothing at all without lines."""
    assert block("标题", iter(["甲", "乙"])) == "标题\n甲\n乙"
    assert block("标题", iter([])) == ""


def test_a_unit_without_a_name_is_called_no_unit_and_names_are_escaped() -> None:
    """A missing or empty unit name reads as the no-unit word; a given one is HTML-escaped."""
    assert unit_name(None, "zh") == unit_name("", "zh") == t("rhythm.no_unit", "zh")
    assert unit_name("县<发改>局", "zh") == "县&lt;发改&gt;局"


def test_rate_text_rounds_a_half_up() -> None:
    """Regression: 反馈率 of 1 answered in 8 owed reads 13% (12.5 rounded half up), as counted
    from the ledger's answers owed, not 12%."""
    assert rate_text(Tally(on_time=1, missing=7), "zh") == "13%"
    assert rate_text(Tally(), "zh") == "—"
