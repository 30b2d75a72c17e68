"""The weekly digest as Telegram HTML, in Chinese or English, split under the message limit.

Every text from users or documents (team, unit and person names, task titles, problems) is
escaped with ``html.escape``. Non-responders are named only in the leads' version, or in the
group's when the team has turned on public naming (通报).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from html import escape
from typing import Literal

from bot.i18n import t
from bot.rhythm.digest import Digest, SectionProgress, TaskLine, UnitRate
from bot.rhythm.lights import Light
from bot.text.split import MAX_MESSAGE, split_html

Audience = Literal["leads", "group"]
_Line = Callable[[TaskLine, str], str]
ICONS = {Light.RED: "🔴", Light.YELLOW: "🟡", Light.GREEN: "🟢", Light.CLOSED: "✅"}
PROBLEM_LIMIT = 300


def render_digest(
    digest: Digest, lang: str = "zh", audience: Audience = "leads", limit: int = MAX_MESSAGE
) -> list[str]:
    """The digest as one or more HTML messages, split between sections."""
    blocks = [_head(digest, lang)]
    if digest.paused:
        blocks.append(t("rhythm.digest.paused", lang))
    if digest.opened:
        blocks += [_responses(digest, lang), _units(digest.units, lang)]
    blocks += [
        _sections(digest.sections, lang),
        _task_block(lang, "rhythm.digest.troubled", digest.troubled, _troubled_line),
        _task_block(lang, "rhythm.digest.overdue", digest.overdue, _deadline_line),
        _task_block(lang, "rhythm.digest.awaiting", digest.awaiting_closeout, _plain_line),
        _late(digest, lang),
        _names(digest, lang, audience),
    ]
    return split_html("\n\n".join(block for block in blocks if block), limit)


def fmt_date(day: date, lang: str) -> str:
    """A date as the language writes it (10月8日 / 2024-10-08)."""
    return t("rhythm.date", lang, year=day.year, month=day.month, day=day.day)


def fmt_datetime(moment: datetime, lang: str) -> str:
    """A time as the language writes it (10月8日 17:00 / 2024-10-08 17:00)."""
    return t(
        "rhythm.datetime",
        lang,
        year=moment.year,
        month=moment.month,
        day=moment.day,
        time=f"{moment:%H:%M}",
    )


def percent_or_blank(value: int | None, lang: str) -> str:
    """``45%``, or the "not filled" word when there is no number."""
    return t("rhythm.no_number", lang) if value is None else f"{value}%"


def units_text(units: Iterable[str], lang: str) -> str:
    """Unit names, escaped and joined, or the "no unit" word."""
    names = [escape(u) for u in units]
    return t("rhythm.list_sep", lang).join(names) if names else t("rhythm.no_unit", lang)


def section_name(section: str | None, lang: str) -> str:
    """A section's name, escaped, or "Other"."""
    return escape(section) if section else t("rhythm.no_section", lang)


def light_counts(pairs: Iterable[tuple[Light, int]]) -> str:
    """``🔴1 🟡2 🟢3`` for the lights that occur."""
    return " ".join(f"{ICONS[light]}{count}" for light, count in pairs if count)


def _head(digest: Digest, lang: str) -> str:
    lines = [
        t("rhythm.digest.title", lang, team=escape(digest.team_name)),
        t(
            "rhythm.digest.period",
            lang,
            start=fmt_date(digest.period_start, lang),
            cutoff=fmt_datetime(digest.cutoff_at, lang),
        ),
    ]
    if not digest.opened:
        lines.append(t("rhythm.digest.not_opened", lang))
    return "\n".join(lines)


def _responses(digest: Digest, lang: str) -> str:
    lines = [
        t("rhythm.digest.responses", lang),
        t(
            "rhythm.digest.counts",
            lang,
            prompted=digest.prompted,
            reported=digest.reported,
            late=digest.reported_late,
            not_yet=digest.not_yet,
            on_leave=digest.on_leave,
            unreachable=digest.unreachable,
        ),
    ]
    if digest.nobody_reported:
        lines.append(t("rhythm.digest.nobody", lang))
    return "\n".join(lines)


def _units(units: tuple[UnitRate, ...], lang: str) -> str:
    if not units:
        return ""
    lines = [t("rhythm.digest.units", lang)]
    lines += [
        t(
            "rhythm.digest.unit_line",
            lang,
            unit=escape(u.unit) if u.unit else t("rhythm.no_unit", lang),
            responded=u.responded,
            prompted=u.prompted,
            rate=round(100 * u.rate),
        )
        for u in units
    ]
    return "\n".join(lines)


def _sections(sections: tuple[SectionProgress, ...], lang: str) -> str:
    if not sections:
        return ""
    lines = [t("rhythm.digest.sections", lang)]
    lines += [
        t(
            "rhythm.digest.section_line",
            lang,
            section=section_name(s.section, lang),
            progress=percent_or_blank(s.average_progress, lang),
            expected=s.average_expected,
            lights=light_counts(s.lights),
        )
        for s in sections
    ]
    return "\n".join(lines)


def _task_block(lang: str, title_key: str, tasks: tuple[TaskLine, ...], line: _Line) -> str:
    if not tasks:
        return ""
    return "\n".join([t(title_key, lang), *(line(task, lang) for task in tasks)])


def _troubled_line(task: TaskLine, lang: str) -> str:
    reasons = t("rhythm.list_sep", lang).join(t(f"rhythm.reason.{r}", lang) for r in task.reasons)
    line = t(
        "rhythm.digest.task_line",
        lang,
        icon=ICONS[task.light],
        title=escape(task.title),
        units=units_text(task.units, lang),
        reasons=reasons,
        progress=percent_or_blank(task.progress, lang),
        expected=task.expected,
    )
    if task.problems and task.problems.strip():
        problems = _shorten(task.problems.strip(), PROBLEM_LIMIT)
        line += "\n" + t("rhythm.digest.problems", lang, problems=escape(problems))
    return line


def _deadline_line(task: TaskLine, lang: str) -> str:
    deadline = fmt_date(task.deadline, lang) if task.deadline else ""
    return t(
        "rhythm.digest.deadline_line",
        lang,
        title=escape(task.title),
        units=units_text(task.units, lang),
        deadline=deadline,
    )


def _plain_line(task: TaskLine, lang: str) -> str:
    return t(
        "rhythm.digest.plain_line",
        lang,
        title=escape(task.title),
        units=units_text(task.units, lang),
    )


def _late(digest: Digest, lang: str) -> str:
    if not digest.late_replies:
        return ""
    lines = [t("rhythm.digest.late", lang)]
    lines += [
        t(
            "rhythm.digest.late_line",
            lang,
            author=escape(reply.author),
            title=escape(reply.measure_title),
            at=fmt_datetime(reply.created_at, lang),
        )
        for reply in digest.late_replies
    ]
    return "\n".join(lines)


def _names(digest: Digest, lang: str, audience: Audience) -> str:
    if not digest.non_responders:
        return ""
    if audience == "leads" or digest.public_naming:
        names = t("rhythm.list_sep", lang).join(escape(n) for n in digest.non_responders)
        return t("rhythm.digest.non_responders", lang, names=names)
    return t("rhythm.digest.non_responders_hidden", lang, count=len(digest.non_responders))


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
