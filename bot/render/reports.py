"""Reporting (反馈): status buttons, progress buttons, and the confirmation of what was kept."""

from __future__ import annotations

from collections.abc import Sequence

from bot.callbacks import (
    AskIndicator,
    AskProgress,
    FinishReport,
    SameAsLast,
    SetProgress,
    SetStatus,
)
from bot.domain.plan import Indicator, Measure
from bot.domain.work import ReportStatus
from bot.i18n import t
from bot.render import Message
from bot.render.common import button, keyboard, measure_header, status_label
from bot.render.html import esc
from bot.render.tasks import render_report_body
from bot.services.reporting.reports import ReportSaved, Unread

PERCENTS = (0, 25, 50, 75, 100)
MAX_INDICATORS = 4


def render_status_prompt(measure: Measure, lang: str) -> Message:
    """How is the task going? Four status buttons and 同上周."""
    statuses = list(ReportStatus)
    rows = [
        [button(status_label(s, lang), SetStatus(measure.id, s)) for s in statuses[:2]],
        [button(status_label(s, lang), SetStatus(measure.id, s)) for s in statuses[2:]],
        [button(t("report.same_as_last", lang), SameAsLast(measure.id))],
    ]
    text = measure_header(measure, lang) + "\n\n" + t("report.status_question", lang)
    return Message(text, keyboard(rows))


def render_report_saved(saved: ReportSaved, lang: str, *, follow_up: bool = True) -> Message:
    """Exactly what was recorded; with ``follow_up``, buttons to add progress or finish."""
    report = saved.report
    key = "report.saved" if saved.created or saved.repeated else "report.amended"
    lines = [
        t(key, lang),
        measure_header(saved.measure, lang),
        "",
        render_report_body(report, lang, carried=saved.carried),
    ]
    if saved.late:
        lines.append(t("report.late_note", lang))
    if saved.unread:
        lines.append(unread_line(saved.unread, lang))
    if not follow_up:
        lines += ["", t("report.reply_hint", lang)]
        return Message("\n".join(lines))
    lines += ["", details_hint(saved.measure, lang)]
    rows = []
    if report.progress is None:
        lines.insert(-1, t("report.progress_question", lang))
        rows.append(
            [button(f"{p}%", SetProgress(saved.measure.id, report.id, p)) for p in PERCENTS]
        )
        rows.append(
            [button(t("report.progress_custom", lang), AskProgress(saved.measure.id, report.id))]
        )
    filled = {name for name, _ in report.indicator_values}
    rows += [
        [
            button(
                t("report.indicator_button", lang, name=i.name),
                AskIndicator(saved.measure.id, report.id, index),
            )
        ]
        for index, i in enumerate(saved.measure.indicators[:MAX_INDICATORS])
        if i.name not in filled
    ]
    rows.append([button(t("report.finish", lang), FinishReport(saved.measure.id, report.id))])
    return Message("\n".join(lines), keyboard(rows))


def unread_line(unread: Sequence[Unread], lang: str) -> str:
    """The one line saying what could not be read and how to correct it: the first such part
    in full, and how many more there were."""
    first = unread[0]
    line = "⚠️ " + t(f"report.unread.{first.code}", lang, **{k: esc(v) for k, v in first.params})
    if len(unread) > 1:
        line += t("report.unread.more", lang, count=len(unread) - 1)
    return line


def details_hint(measure: Measure, lang: str) -> str:
    """What may be typed next: text and evidence, and indicator values only when the task has
    indicators (with one of its own as the example)."""
    hint = t("report.details_hint", lang)
    if not measure.indicators:
        return hint
    indicator = measure.indicators[0]
    example = f"{indicator.name} 12.5{indicator.unit or ''}"
    return hint + "\n" + t("report.details_hint.indicators", lang, example=esc(example))


def render_progress_question(measure: Measure, lang: str) -> Message:
    """Asking for a typed percentage."""
    return Message(measure_header(measure, lang) + "\n\n" + t("report.progress_type", lang))


def render_progress_ask(measure_id: str, lang: str) -> Message:
    """Asking for a typed percentage when only the task id is at hand."""
    return Message(t("report.progress_type", lang) + f" #{esc(measure_id)}")


def render_indicator_question(measure: Measure, indicator: Indicator, lang: str) -> Message:
    """Asking for an indicator's value, with its unit."""
    unit = t("report.indicator_unit", lang, unit=esc(indicator.unit)) if indicator.unit else ""
    question = t("report.indicator_type", lang, name=esc(indicator.name), unit=unit)
    return Message(measure_header(measure, lang) + "\n\n" + question)


def render_no_task(lang: str) -> Message:
    """A text or file about no task the sender can report on."""
    return Message(t("report.no_task", lang))


def render_report_finished(lang: str) -> Message:
    """After 完成: thanks, and how to add more later."""
    return Message(t("report.finished", lang))
