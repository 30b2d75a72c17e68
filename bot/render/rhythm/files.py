"""The review's chart and the ledger workbook, their drawing code loaded when first used.

matplotlib (the chart) and openpyxl (the ledger) take about 40 MB of a bot process once
imported. The jobs and handlers that send them import these two entry points instead, so a bot
that has not yet drawn a chart or a ledger does not carry them.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.rhythm.review import MonthlyReview
    from bot.rhythm.snapshot import TeamSnapshot


def ledger_file(
    snapshot: TeamSnapshot, now: datetime, lang: str = "zh", year: int | None = None
) -> tuple[bytes, str]:
    """The ledger workbook as bytes and its file name (:func:`.ledger.ledger_file`)."""
    from bot.render.rhythm.ledger import ledger_file as write  # openpyxl: loaded on first use

    return write(snapshot, now, lang, year)


def render_review_chart(review: MonthlyReview, lang: str = "zh") -> bytes:
    """The review's PNG chart (:func:`.chart.render_review_chart`)."""
    from bot.render.rhythm.chart import render_review_chart as draw  # matplotlib: on first use

    return draw(review, lang)
