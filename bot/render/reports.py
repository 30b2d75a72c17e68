"""Reporting (反馈): status buttons, progress buttons, and the confirmation of what was kept."""

from __future__ import annotations

from bot.callbacks import AskProgress, FinishReport, SameAsLast, SetProgress, SetStatus
from bot.domain.plan import Measure
from bot.domain.work import ReportStatus
from bot.i18n import t
from bot.render import Message
from bot.render.common import button, keyboard, measure_header, status_label
from bot.render.html import esc
from bot.render.tasks import render_report_body
from bot.services.reports import ReportSaved

PERCENTS = (0, 25, 50, 75, 100)


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
    key = "report.saved" if saved.created else "report.amended"
    lines = [
        t(key, lang),
        measure_header(saved.measure, lang),
        "",
        render_report_body(report, lang),
    ]
    if saved.late:
        lines.append(t("report.late_note", lang))
    if not follow_up:
        lines += ["", t("report.reply_hint", lang)]
        return Message("\n".join(lines))
    lines += ["", t("report.details_hint", lang)]
    rows = []
    if report.progress is None:
        lines.insert(-1, t("report.progress_question", lang))
        rows.append(
            [button(f"{p}%", SetProgress(saved.measure.id, report.id, p)) for p in PERCENTS]
        )
        rows.append(
            [button(t("report.progress_custom", lang), AskProgress(saved.measure.id, report.id))]
        )
    rows.append([button(t("report.finish", lang), FinishReport(saved.measure.id, report.id))])
    return Message("\n".join(lines), keyboard(rows))


def render_progress_question(measure: Measure, lang: str) -> Message:
    """Asking for a typed percentage."""
    return Message(measure_header(measure, lang) + "\n\n" + t("report.progress_type", lang))


def render_progress_ask(measure_id: str, lang: str) -> Message:
    """Asking for a typed percentage when only the task id is at hand."""
    return Message(t("report.progress_type", lang) + f" #{esc(measure_id)}")


def render_report_finished(lang: str) -> Message:
    """After 完成: thanks, and how to add more later."""
    return Message(t("report.finished", lang))
