"""The monthly review's chart: progress per section this month, last month and 序时进度, as PNG.

Drawn with matplotlib's object API and the Agg canvas (no pyplot, no global backend), with the
fonts of :mod:`bot.render.rhythm.fonts` so Chinese labels render everywhere.
"""

from __future__ import annotations

from io import BytesIO

import matplotlib as mpl
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from bot.i18n import t
from bot.render.rhythm import fonts
from bot.rhythm.review import MonthlyReview, Trend

LABEL_LIMIT = 16
_NOW, _BEFORE, _EXPECTED = "#2f6fb0", "#a9c4e2", "#c0392b"


def render_review_chart(review: MonthlyReview, lang: str = "zh", dpi: int = 120) -> bytes:
    """A PNG of the review's section progress (an empty plan gives an empty, titled chart)."""
    rows = list(reversed(review.sections))  # the first section on top
    with mpl.rc_context({"font.family": fonts.families(), "axes.unicode_minus": False}):
        figure = Figure(figsize=(8, 1.6 + 0.55 * max(len(rows), 1)), dpi=dpi)
        FigureCanvasAgg(figure)
        axes = figure.add_subplot()
        _draw_bars(axes, rows, lang)
        axes.set_yticks(list(range(len(rows))), [_label(trend.name, lang) for trend in rows])
        axes.set_xlim(0, 100)
        axes.set_ylim(-0.6, max(len(rows), 1) - 0.4)  # room for the 序时进度 tick of every row
        axes.set_xlabel(_text("rhythm.review.chart_axis", lang))
        title = _text("rhythm.review.chart_title", lang, year=review.year, month=review.month)
        axes.set_title(title)
        axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=3, frameon=False)
        figure.tight_layout()
        buffer = BytesIO()
        figure.savefig(buffer, format="png", bbox_inches="tight")
    return buffer.getvalue()


def _draw_bars(axes: Axes, rows: list[Trend], lang: str) -> None:
    """Last month's and this month's bars per section, and a tick at 序时进度 across them.
    Without a figure for last month in any section (the first month, say), its bars and legend
    entry are left out rather than drawn as empty, and this month's bar sits on its label."""
    positions = list(range(len(rows)))
    progress = [trend.progress or 0 for trend in rows]
    shift = 0.0
    if any(trend.previous is not None for trend in rows):
        shift = 0.2
        axes.barh(
            [p + shift for p in positions],
            [trend.previous or 0 for trend in rows],
            height=0.38,
            color=_BEFORE,
            label=_text("rhythm.review.chart_previous", lang),
        )
    axes.barh(
        [p - shift for p in positions],
        progress,
        height=0.38 if shift else 0.5,
        color=_NOW,
        label=_text("rhythm.review.chart_progress", lang),
    )
    axes.scatter(
        [trend.expected for trend in rows],
        positions,
        marker="|",
        s=600,
        color=_EXPECTED,
        zorder=3,
        label=_text("rhythm.review.chart_expected", lang),
    )
    for position, trend in zip(positions, rows, strict=True):
        reported = trend.progress is not None  # else no bar: say so, so it does not read as 0 %
        axes.annotate(
            f"{trend.progress}%" if reported else _text("rhythm.no_number", lang),
            (trend.progress or 0, position - shift),
            xytext=(3, 0),
            textcoords="offset points",
            va="center",
            fontsize="small",
            color="black" if reported else "dimgray",
        )


def _text(key: str, lang: str, **kwargs: object) -> str:
    return fonts.printable(t(key, lang, **kwargs))


def _label(name: str | None, lang: str) -> str:
    text = name or t("rhythm.no_section", lang)
    if len(text) > LABEL_LIMIT:
        text = text[: LABEL_LIMIT - 1] + "…"
    return fonts.printable(text)
