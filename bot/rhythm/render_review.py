"""The monthly review (月研判) as Telegram HTML; the chart comes from :mod:`bot.rhythm.chart`.

Send the chart as a photo first, then these messages. Names and titles are HTML-escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from bot.i18n import t
from bot.rhythm.calendar import CalendarNotice
from bot.rhythm.events import Event
from bot.rhythm.lights import Light
from bot.rhythm.render import (
    ICONS,
    fmt_datetime,
    percent_or_blank,
    section_name,
    units_text,
)
from bot.rhythm.review import MonthlyReview, Trend
from bot.text.split import MAX_MESSAGE, split_html


def render_review(review: MonthlyReview, lang: str = "zh", limit: int = MAX_MESSAGE) -> list[str]:
    """The review as one or more HTML messages."""
    blocks = [
        _overview(review, lang),
        _sections(review.sections, lang),
        _units(review.units, lang),
        _changes(review, lang),
        _red(review, lang),
    ]
    return split_html("\n\n".join(block for block in blocks if block), limit)


def change_text(change: int | None, lang: str) -> str:
    """``+5`` / ``−3`` / ``—``."""
    if not change:
        return t("rhythm.review.change_none", lang)
    key = "rhythm.review.change_up" if change > 0 else "rhythm.review.change_down"
    return t(key, lang, value=abs(change))


def _overview(review: MonthlyReview, lang: str) -> str:
    title = t(
        "rhythm.review.title",
        lang,
        team=escape(review.team_name),
        year=review.year,
        month=review.month,
    )
    overview = t(
        "rhythm.review.overview",
        lang,
        tasks=review.tasks,
        red=review.count(Light.RED),
        yellow=review.count(Light.YELLOW),
        green=review.count(Light.GREEN),
        closed=review.count(Light.CLOSED),
        reports=review.reports,
        rate=round(100 * review.rate),
    )
    return f"{title}\n{overview}"


def _sections(trends: tuple[Trend, ...], lang: str) -> str:
    if not trends:
        return ""
    lines = [t("rhythm.review.sections", lang)]
    lines += [
        t(
            "rhythm.review.section_line",
            lang,
            section=section_name(trend.name, lang),
            progress=percent_or_blank(trend.progress, lang),
            change=change_text(trend.change, lang),
            expected=trend.expected,
            reports=trend.reports,
        )
        for trend in trends
    ]
    return "\n".join(lines)


def _units(trends: tuple[Trend, ...], lang: str) -> str:
    if not trends:
        return ""
    lines = [t("rhythm.review.units", lang)]
    lines += [
        t(
            "rhythm.review.unit_line",
            lang,
            unit=escape(trend.name or t("rhythm.no_unit", lang)),
            reports=trend.reports,
            rate=round(100 * trend.rate),
            progress=percent_or_blank(trend.progress, lang),
            change=change_text(trend.change, lang),
        )
        for trend in trends
    ]
    return "\n".join(lines)


def _changes(review: MonthlyReview, lang: str) -> str:
    if not review.changes:
        return f"{t('rhythm.review.changes', lang)}\n{t('rhythm.review.no_changes', lang)}"
    lines = [t("rhythm.review.changes", lang)]
    lines += [
        t(
            "rhythm.review.change_line",
            lang,
            title=escape(change.title),
            before=f"{ICONS[change.before]}{t(f'rhythm.light.{change.before}', lang)}",
            after=f"{ICONS[change.after]}{t(f'rhythm.light.{change.after}', lang)}",
        )
        for change in review.changes
    ]
    return "\n".join(lines)


def _red(review: MonthlyReview, lang: str) -> str:
    if not review.red:
        return ""
    lines = [t("rhythm.review.red", lang)]
    for task in review.red:
        reasons = t("rhythm.list_sep", lang).join(
            t(f"rhythm.reason.{r}", lang) for r in task.reasons
        )
        title, units = escape(task.title), units_text(task.units, lang)
        lines.append(t("rhythm.review.red_line", lang, title=title, units=units, reasons=reasons))
    return "\n".join(lines)


def render_calendar_notice(notice: CalendarNotice, lang: str = "zh") -> str:
    """The one message telling the lead that a year's holidays are guessed."""
    return t("rhythm.notice.calendar_fallback", lang, year=notice.year, days=notice.override_days)


def render_missed(events: Sequence[Event], lang: str = "zh") -> str:
    """The one message telling the lead what was missed while the bot was down, oldest first."""
    if len(events) == 1:
        return t("rhythm.notice.missed", lang, **_missed_args(events[0], lang))
    lines = [t("rhythm.notice.missed_many", lang, count=len(events))]
    ordered = sorted(events, key=lambda e: e.at)
    lines += [t("rhythm.notice.missed_line", lang, **_missed_args(e, lang)) for e in ordered]
    return "\n".join(lines)


def _missed_args(event: Event, lang: str) -> dict[str, str]:
    what = t(f"rhythm.event.{event.kind}", lang)
    return {"what": what, "at": fmt_datetime(event.at, lang)}
