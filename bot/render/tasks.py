"""Task views: my tasks, one task with owners and history, and the report task picker."""

from __future__ import annotations

from collections.abc import Sequence

from bot.callbacks import Page as PageData
from bot.callbacks import PageKind, PickTask, RequestCloseout
from bot.domain.audit import Action
from bot.domain.work import CloseoutState, Report
from bot.i18n import t
from bot.render import Message
from bot.render.common import (
    button,
    keyboard,
    measure_header,
    measure_line,
    role_label,
    status_label,
)
from bot.render.html import esc, truncate
from bot.render.paging import PAGE_SIZE, nav_row
from bot.services.base import paginate
from bot.services.tasks import HistoryItem, TaskSummary, TaskView

HISTORY_PAGE = 8


def task_flags(task: TaskSummary, lang: str) -> str:
    """Short state marks: overdue, due soon, behind, not signed for, closing."""
    flags = []
    if task.overdue:
        flags.append(t("task.flag.overdue", lang))
    elif task.due_soon:
        flags.append(t("task.flag.due_soon", lang))
    if task.status is not None:
        flags.append(status_label(task.status, lang))
    if task.assigned and not task.acknowledged:
        flags.append(t("task.flag.unacked", lang))
    if task.closeout is not None and task.closeout.state is CloseoutState.PENDING:
        flags.append(t("task.flag.closing", lang))
    return " · ".join(flags)


def render_my_tasks(tasks: Sequence[TaskSummary], page_no: int, lang: str) -> Message:
    """``/mytasks``: my open tasks, urgent first, each with a report button."""
    if not tasks:
        return Message(t("task.mine_none", lang))
    return _task_list(
        t("task.mine_title", lang, count=len(tasks)), tasks, page_no, lang, PageKind.TASKS
    )


def render_report_pick(tasks: Sequence[TaskSummary], page_no: int, lang: str) -> Message:
    """``/report``: which task to report on."""
    if not tasks:
        return Message(t("task.mine_none", lang))
    return _task_list(t("report.pick", lang), tasks, page_no, lang, PageKind.REPORT_PICK)


def _task_list(
    title: str, tasks: Sequence[TaskSummary], page_no: int, lang: str, kind: PageKind
) -> Message:
    page = paginate(list(tasks), page_no, PAGE_SIZE)
    lines = [title]
    rows = []
    for n, task in enumerate(page.items, page.page * page.page_size + 1):
        flags = task_flags(task, lang)
        lines.append(measure_line(task.measure, n) + (f"\n   {flags}" if flags else ""))
        rows.append([button(f"{n}. {task.measure.title}", PickTask(task.measure.id))])
    rows.append(nav_row(page, lambda p: PageData(kind, p)))
    return Message("\n".join(lines), keyboard(rows))


def render_task(view: TaskView, page_no: int, lang: str, *, actions: bool) -> Message:
    """``/task <id>``: the task, its owners, deadline, latest report and history (paged)."""
    measure = view.measure
    lines = [measure_header(measure, lang)]
    if measure.body and measure.body != measure.title:
        lines.append(esc(truncate(measure.body, 1200)))
    if measure.deadline_raw:
        lines.append(t("task.deadline", lang, deadline=esc(measure.deadline_raw)))
    flags = task_flags(view.summary, lang)
    if flags:
        lines.append(flags)
    lines.append("")
    lines += _owners(view, lang)
    if view.summary.latest_report is not None:
        lines.append("")
        lines.append(t("task.latest", lang))
        lines.append(render_report_body(view.summary.latest_report, lang))
    history = paginate(list(reversed(view.history)), page_no, HISTORY_PAGE)
    if history.items:
        lines.append("")
        lines.append(t("task.history", lang, count=history.total))
        lines += [_history_line(item, lang) for item in history.items]
    rows = [nav_row(history, lambda p: PageData(PageKind.HISTORY, p, measure.id))]
    if actions and not view.summary.closed:
        rows.append(
            [
                button(t("task.report_button", lang), PickTask(measure.id)),
                button(t("task.closeout_button", lang), RequestCloseout(measure.id)),
            ]
        )
    return Message("\n".join(lines), keyboard(rows))


def _owners(view: TaskView, lang: str) -> list[str]:
    lines = []
    if view.lead_units:
        names = "、".join(esc(u.name) for u in view.lead_units)
        lines.append(t("task.lead_units", lang, names=names))
    if view.co_units:
        lines.append(t("task.co_units", lang, names="、".join(esc(u.name) for u in view.co_units)))
    for person, role in view.people:
        role_text = t(f"assign.role.{role.value}", lang)
        lines.append(f"👤 {esc(person.name)} · {role_label(person.role, lang)} · {role_text}")
    if not lines:
        lines.append(t("task.unassigned", lang))
    return lines


def _history_line(item: HistoryItem, lang: str) -> str:
    when = item.at.strftime("%m-%d %H:%M")
    who = esc(item.actor.name) if item.actor is not None else t("task.by_bot", lang)
    try:
        what = t(f"audit.{item.action.value}", lang)
    except KeyError:
        what = esc(item.action.value)
    line = f"{when} {who}：{what}"
    if item.report is not None:
        line += f" {status_label(item.report.status, lang)}"
        if item.report.progress is not None:
            line += f" {item.report.progress}%"
    reason = item.detail.get("reason") if item.action is Action.CLOSEOUT_RETURNED else None
    if reason:
        line += f"（{esc(truncate(str(reason), 80))}）"
    return line


def render_report_body(report: Report, lang: str) -> str:
    """Exactly what a report records, one field per line."""
    lines = [t("report.field.status", lang, value=status_label(report.status, lang))]
    if report.progress is not None:
        lines.append(t("report.field.progress", lang, value=report.progress))
    for name, value in report.indicator_values:
        lines.append(t("report.field.indicator", lang, name=esc(name), value=f"{value:g}"))
    for field in ("progress_text", "problems", "next_steps"):
        text = getattr(report, field)
        if text:
            lines.append(t(f"report.field.{field}", lang, value=esc(truncate(text, 1500))))
    if report.attachments:
        lines.append(t("report.field.attachments", lang, count=len(report.attachments)))
    if report.late:
        lines.append(t("report.field.late", lang))
    return "\n".join(lines)
