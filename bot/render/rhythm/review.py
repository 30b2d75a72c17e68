"""The monthly review (月研判) as Telegram HTML; the chart comes from
:mod:`bot.render.rhythm.chart`.

Send the chart as a photo first, then these messages. Names and titles are HTML-escaped.
"""

from __future__ import annotations

from bot.i18n import t
from bot.render.html import esc
from bot.render.rhythm.words import (
    block,
    fmt_date,
    light_counts,
    light_name,
    percent_or_blank,
    rate_text,
    reasons_text,
    section_args,
    sourced,
    tally_args,
    task_args,
    unit_args,
)
from bot.rhythm.review import MonthlyReview, Trend
from bot.text.split import MAX_MESSAGE, split_html


def render_monthly_review(
    review: MonthlyReview, lang: str = "zh", limit: int = MAX_MESSAGE
) -> list[str]:
    """The review as one or more HTML messages."""
    blocks = [
        _overview(review, lang),
        _sections(review.sections, lang),
        _units(review.units, lang),
        _changes(review, lang),
        _red(review, lang),
        _decisions(review, lang),
    ]
    return split_html("\n\n".join(block for block in blocks if block), limit)


def change_text(change: int | None, lang: str) -> str:
    """``+5`` / ``−3`` / ``—``."""
    if not change:
        return t("rhythm.review.change_none", lang)
    key = "rhythm.review.change_up" if change > 0 else "rhythm.review.change_down"
    return t(key, lang, value=abs(change))


def _overview(review: MonthlyReview, lang: str) -> str:
    counts = review.responses
    lines = [
        t("rhythm.review.title", lang, year=review.year, month=review.month),
        t(
            "rhythm.review.masthead",
            lang,
            team=esc(review.team_name),
            date=fmt_date(review.generated_at.date(), lang),
        ),
        t("rhythm.review.overall", lang),
        t(
            "rhythm.review.overview",
            lang,
            tasks=review.tasks,
            lights=light_counts(review.lights, lang),
        ),
        t(
            "rhythm.review.responses",
            lang,
            cycles=review.cycles,
            **tally_args(counts, lang),
        )
        + (t("rhythm.review.missed_cycles", lang, missed=review.missed) if review.missed else ""),
        t(
            "rhythm.review.progress",
            lang,
            progress=percent_or_blank(review.progress, lang),
            tasks=review.tasks,
            with_progress=review.with_progress,
        ),
    ]
    return "\n".join(lines)


def _sections(trends: tuple[Trend, ...], lang: str) -> str:
    return block(
        t("rhythm.review.sections", lang),
        (
            t(
                "rhythm.review.section_line",
                lang,
                **section_args(
                    trend.name,
                    trend.tasks,
                    trend.progress,
                    trend.with_progress,
                    trend.expected,
                    lang,
                ),
                change=change_text(trend.change, lang),
                expected_items=trend.responses.expected,
                answered=trend.responses.answered,
                rate=rate_text(trend.responses, lang),
            )
            for trend in trends
        ),
    )


def _units(trends: tuple[Trend, ...], lang: str) -> str:
    return block(
        t("rhythm.review.units", lang),
        (
            t(
                "rhythm.review.unit_line",
                lang,
                **unit_args(trend.name, trend.responses, lang),
                tasks=trend.tasks,
                shared=_shared(trend, lang),
                co_tasks=trend.co_tasks,
                expected_items=trend.responses.expected,
                progress=percent_or_blank(trend.progress, lang),
                change=change_text(trend.change, lang),
            )
            for trend in trends
        ),
    )


def _shared(trend: Trend, lang: str) -> str:
    return t("rhythm.review.unit_shared", lang, count=trend.shared) if trend.shared else ""


def _changes(review: MonthlyReview, lang: str) -> str:
    """四、灯色变化: each task whose colour changed since the month began, and how many tasks had
    no colour then to compare with (not yet in the plan or not yet assigned)."""
    lines = [
        t(
            "rhythm.review.change_line",
            lang,
            title=sourced(change.title, change.source, lang),
            before=light_name(change.before, lang),
            after=light_name(change.after, lang),
        )
        for change in review.changes
    ]
    compared = review.tasks - review.new_tasks
    if not lines and (compared or not review.new_tasks):  # (no task at all: nothing changed)
        lines.append(t("rhythm.review.no_changes", lang))
    if review.new_tasks:
        key = "rhythm.review.new_tasks"
        if not compared:  # "all assigned during the month" only if none is still unassigned
            key = "rhythm.review.none_then" if review.new_unassigned else "rhythm.review.all_new"
        lines.append(t(key, lang, count=review.new_tasks))
    return "\n".join([t("rhythm.review.changes", lang), *lines])


def _red(review: MonthlyReview, lang: str) -> str:
    return block(
        t("rhythm.review.red", lang),
        (
            t(
                "rhythm.review.red_line",
                lang,
                **task_args(task, lang),
                reasons=reasons_text(task, lang),
            )
            for task in review.red
        ),
    )


def _decisions(review: MonthlyReview, lang: str) -> str:
    """会议决定事项落实情况: the month's meeting decisions made tasks, each with its state."""
    return block(
        t("review.decisions", lang),
        (
            t(
                "review.decision_line",
                lang,
                **task_args(task, lang),
                status=t(f"rhythm.status.{task.status_key}", lang),
                progress=percent_or_blank(task.progress, lang),
            )
            for task in review.decisions
        ),
    )
