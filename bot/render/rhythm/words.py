"""The words every rhythm text shares: dates, percentages, rates, lights and owners.

Lights always carry their name beside the mark (``🔴红灯``), so a digest reads in black and
white print and where no emoji font is installed. Names and titles are HTML-escaped here.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta

from bot.domain.plan import SourceKind
from bot.i18n import t
from bot.render.html import esc
from bot.rhythm.figures import Tally
from bot.rhythm.lights import Light
from bot.rhythm.tasks import TaskLine

#: Each light's mark; it is always followed by its name, so it reads in black and white too.
ICONS = {
    Light.RED: "🔴",
    Light.YELLOW: "🟡",
    Light.GREEN: "🟢",
    Light.CLOSED: "✅",
    Light.UNASSIGNED: "⚪",
}


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


def fmt_stamp(moment: datetime) -> str:
    """A moment as lists and histories stamp it (``10-08 17:00``), the same in every language."""
    return moment.strftime("%m-%d %H:%M")


def percent_or_blank(value: int | None, lang: str) -> str:
    """``45%``, or the "not filled" word when there is no number."""
    return t("rhythm.no_number", lang) if value is None else f"{value}%"


def rate_text(counts: Tally, lang: str) -> str:
    """反馈率 as ``85%``, or "—" when nothing was owed."""
    percent = counts.percent
    return t("rhythm.rate.none", lang) if percent is None else f"{percent}%"


def tally_args(counts: Tally, lang: str) -> dict[str, object]:
    """The response figures as a template's arguments: owed, on time, late, missing, rate."""
    return {
        "expected": counts.expected,
        "on_time": counts.on_time,
        "late": counts.late,
        "unanswered": counts.unanswered,
        "rate": rate_text(counts, lang),
    }


def light_name(light: Light, lang: str) -> str:
    """``🔴红灯``: the mark and the word, so the light reads without colour."""
    return f"{ICONS[light]}{t(f'rhythm.light.{light}', lang)}"


def light_counts(pairs: Iterable[tuple[Light, int]], lang: str, *, short: bool = False) -> str:
    """``🔴红灯 1 项，🟡黄灯 2 项`` for the lights that occur (``short``: without 项)."""
    key = "rhythm.lights.short" if short else "rhythm.lights.count"
    return t("rhythm.lights.sep", lang).join(
        t(key, lang, light=light_name(light, lang), count=count) for light, count in pairs if count
    )


def owners_text(task: TaskLine, lang: str) -> str:
    """``牵头：县工信局；配合：县发改委``, escaped; 未交办 (with the plan's units) otherwise."""
    sep = t("rhythm.list_sep", lang)
    if not task.assigned:
        if task.suggested:
            names = sep.join(esc(u) for u in task.suggested)
            return t("rhythm.owners.suggested", lang, names=names)
        return t("rhythm.owners.unassigned", lang)
    parts = [t("rhythm.owners.lead", lang, names=sep.join(esc(n) for n in task.lead))]
    if task.co:
        parts.append(t("rhythm.owners.co", lang, names=sep.join(esc(n) for n in task.co)))
    return t("rhythm.owners.sep", lang).join(parts)


def section_name(section: str | None, lang: str) -> str:
    """A section's name, escaped, or "Other"."""
    return esc(section) if section else t("rhythm.no_section", lang)


def reasons_text(task: TaskLine, lang: str) -> str:
    """The reasons for a task's light, joined."""
    return t("rhythm.list_sep", lang).join(t(f"rhythm.reason.{r}", lang) for r in task.reasons)


def task_title(task: TaskLine, lang: str) -> str:
    """The task's title, escaped, marked by its source: ``【批示】…``, ``【会议】…``."""
    return sourced(task.name, task.source, lang)


def sourced(name: str, source: SourceKind | None, lang: str) -> str:
    """A task's name (its key marks and title), escaped, marked by its source as every view
    marks it (``【批示】…``, ``【会议】…``): one name for one task in every list."""
    mark = t(f"source.mark.{source}", lang) if source is not None else ""
    return mark + esc(name)


def fmt_span(span: timedelta, lang: str) -> str:
    """``1天3小时`` / ``1 d 3 h``: a duration in whole days and hours (at least 1 hour)."""
    hours = max(1, int(span.total_seconds() // 3600))
    days, rest = divmod(hours, 24)
    if days and rest:
        return t("watch.span.days_hours", lang, days=days, hours=rest)
    if days:
        return t("watch.span.days", lang, days=days)
    return t("watch.span.hours", lang, hours=rest)


def block(title: str, lines: Iterable[str]) -> str:
    """A titled list: the title over its lines, or nothing when there are no lines."""
    rows = list(lines)
    return "\n".join([title, *rows]) if rows else ""


def unit_name(name: str | None, lang: str) -> str:
    """A unit's name, escaped, or "no unit"."""
    return esc(name) if name else t("rhythm.no_unit", lang)


def task_args(task: TaskLine, lang: str) -> dict[str, object]:
    """A task as a template's arguments: its light, its marked title and its owners."""
    return {
        "light": light_name(task.light, lang),
        "title": task_title(task, lang),
        "owners": owners_text(task, lang),
    }


def section_args(
    name: str | None,
    tasks: int,
    progress: int | None,
    with_progress: int,
    expected: int,
    lang: str,
) -> dict[str, object]:
    """A section's figures as a template's arguments: its name, its tasks, their average
    progress (over the ``with_progress`` tasks with a number) and the progress expected."""
    return {
        "section": section_name(name, lang),
        "tasks": tasks,
        "progress": percent_or_blank(progress, lang),
        "with_progress": with_progress,
        "expected": expected,
    }


def unit_args(name: str | None, counts: Tally, lang: str) -> dict[str, object]:
    """A unit's answers as a template's arguments: its name, the answers given and the rate."""
    return {
        "unit": unit_name(name, lang),
        "answered": counts.answered,
        "rate": rate_text(counts, lang),
    }
