"""Task views: my tasks, one task with owners and history, and the report task picker.

Every task shows its traffic light (🔴🟡🟢, ✅ once 销号): a marker per task in the lists, and in
``/task`` the light with its reasons and 序时进度 (the progress expected by now) against the
progress reported. ``/task``'s history lists every step oldest first, newest page first
(« goes back in time).
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.callbacks import (
    AcknowledgeListed,
    PageKind,
    PickTask,
    RequestCloseout,
    RequestExtension,
)
from bot.callbacks import Page as PageData
from bot.domain.audit import Action
from bot.domain.questions import answered
from bot.domain.work import AssigneeRole, CloseoutState, ExtensionState, Report, ReportStatus
from bot.i18n import t
from bot.render import Message
from bot.render.common import (
    answer_label,
    attachments_line,
    button,
    keyboard,
    measure_header,
    measure_line,
    role_label,
    status_label,
)
from bot.render.html import esc, truncate
from bot.render.instructions import source_lines
from bot.render.paging import PAGE_SIZE, nav_row
from bot.render.rhythm.words import ICONS, fmt_date, fmt_datetime, fmt_stamp, percent_or_blank
from bot.render.watch_lines import fmt_span, leader_text
from bot.rhythm.lights import Light, Verdict
from bot.rhythm.standing import Answer
from bot.services.common.base import Page, paginate
from bot.services.tasks.history import HistoryItem
from bot.services.tasks.views import TaskSummary, TaskView

HISTORY_PAGE = 8


def task_flags(task: TaskSummary, lang: str) -> str:
    """Short state marks: covering for a colleague, overdue, due soon, behind, not signed for,
    closing."""
    flags = []
    if task.covering_for is not None:
        flags.append(t("task.flag.covering", lang, name=esc(task.covering_for.name)))
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
    """``/mytasks``: my open tasks, urgent first, each with a report button (and 签收 where I
    am to sign)."""
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
        light = f"{ICONS[task.verdict.light]} " if task.verdict else ""
        lines.append(light + measure_line(task.measure, n) + (f"\n   {flags}" if flags else ""))
        row = [button(f"{n}. {task.measure.name}", PickTask(task.measure.id))]
        if task.to_sign and kind is PageKind.TASKS:
            sign = t("notice.ack_button_n", lang, n=n)
            row.append(button(sign, AcknowledgeListed(task.measure.id)))
        rows.append(row)
    rows.append(nav_row(page, lambda p: PageData(kind, p)))
    return Message("\n".join(lines), keyboard(rows))


def render_task(view: TaskView, page_no: int, lang: str, *, actions: bool) -> Message:
    """``/task <id>``: the task, its owners, deadline, latest report and history (paged)."""
    measure = view.measure
    lines = [measure_header(measure, lang)]
    if measure.body and measure.body != measure.title:
        lines.append(esc(truncate(measure.body, 1200)))
    lines += _deadline_lines(view, lang)
    lines += source_lines(measure, lang)
    flags = task_flags(view.summary, lang)
    if flags:
        lines.append(flags)
    if view.summary.verdict is not None:
        lines += light_lines(view.summary.verdict, lang)
    lines += still_lines(view, lang)
    lines.append("")
    lines += _owners(view, lang)
    lines += claim_lines(view, lang)
    answers = view.standing.answers if view.standing is not None else ()
    if answers:
        lines.append("")
        lines.append(t("task.answers", lang))
        lines += [_answer_lines(answer, lang) for answer in answers]
    elif view.summary.latest_report is not None:
        lines.append("")
        lines.append(t("task.latest", lang))
        lines.append(render_report_body(view.summary.latest_report, lang))
    newest_first = paginate(list(reversed(view.history)), page_no, HISTORY_PAGE)
    if newest_first.items:
        lines.append("")
        lines.append(t("task.history", lang, count=newest_first.total))
        lines += [_history_line(item, lang) for item in reversed(newest_first.items)]
    last = newest_first.pages - 1  # the nav runs oldest to newest: « goes back in time
    back_in_time: Page[HistoryItem] = Page(
        (), last - newest_first.page, newest_first.page_size, newest_first.total
    )
    rows = [nav_row(back_in_time, lambda p: PageData(PageKind.HISTORY, last - p, measure.id))]
    if view.summary.to_sign:
        rows.append([button(t("notice.ack_button", lang), AcknowledgeListed(measure.id))])
    evidence = PageData(PageKind.EVIDENCE, 0, measure.id)
    rows.append([button(t("task.evidence_button", lang), evidence)])
    if actions and not view.summary.closed:
        rows.append(
            [
                button(t("task.report_button", lang), PickTask(measure.id)),
                button(t("task.closeout_button", lang), RequestCloseout(measure.id)),
            ]
        )
        rows.append([button(t("task.extend_button", lang), RequestExtension(measure.id))])
    return Message("\n".join(lines), keyboard(rows))


def still_lines(view: TaskView, lang: str) -> list[str]:
    """Says X 天无实质进展" once the task went :data:`STALE_DAYS` days without a real change."""
    moved = view.movement
    if moved is None or not moved.stale or moved.changed_at is None:
        return []
    since = fmt_date(moved.changed_at.date(), lang)
    return [t("task.still", lang, days=moved.days, since=since)]


def _deadline_lines(view: TaskView, lang: str) -> list[str]:
    """The deadline as the plan gives it, or the original and current ones once extended;
    then a request awaiting the lead."""
    measure, lines = view.measure, []
    if measure.extensions:
        first = measure.first_deadline
        original = fmt_date(first, lang) if first else esc(measure.deadline_raw or "")
        current = fmt_date(measure.deadline, lang) if measure.deadline else ""
        lines.append(
            t("task.deadlines", lang, original=original, current=current,
              count=measure.extensions)
        )  # fmt: skip
    elif measure.deadline_raw:
        lines.append(t("task.deadline", lang, deadline=esc(measure.deadline_raw)))
    waiting = [x for x in view.extensions if x.state is ExtensionState.PENDING]
    if waiting:
        asked = fmt_date(waiting[-1].new_deadline, lang)
        lines.append(t("task.extension_pending", lang, deadline=asked))
    return lines


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


def claim_lines(view: TaskView, lang: str) -> list[str]:
    """The 包联领导 (when assigned or set) and each party's 交办 and 签收 (签收时限)."""
    lines = []
    if view.leader is not None or view.claims:
        lines.append(leader_text(view.leader, lang))
    for state in view.claims:
        row = state.assignment
        values = {"party": esc(state.party), "assigned": fmt_datetime(row.assigned_at, lang)}
        if row.acknowledged_at is not None:
            signed = fmt_datetime(row.acknowledged_at, lang)
            if state.signed_by:
                line = t(
                    "task.claim.signed", lang, signed=signed, by=esc(state.signed_by), **values
                )
            else:
                line = t("task.claim.signed_anon", lang, signed=signed, **values)
        elif state.overdue_by is not None:
            line = t("task.claim.overdue", lang, late=fmt_span(state.overdue_by, lang), **values)
        else:
            line = t("task.claim.open", lang, **values)
        lines.append(line)
    return lines


def _answer_lines(answer: Answer, lang: str) -> str:
    """One party's current answer: who, its role, when, then what it says (a status it did not
    restate, and a problem it raised before and has not answered away, are shown as held)."""
    report = answer.report
    role = t(f"assign.role.{answer.party.role.value}", lang)
    head = t(
        "task.answer_head",
        lang,
        party=esc(answer.party.name),
        role=role,
        at=fmt_stamp(report.created_at),
    )
    body = render_report_body(report, lang)
    extra = []
    if report.status is None and answer.status is not None:
        extra.append(t("task.answer_status_held", lang, value=status_label(answer.status, lang)))
    if answer.problems and not report.problems:
        held = esc(truncate(answer.problems, 600))
        extra.append(t("task.answer_problem_held", lang, value=held))
    return "\n".join([head, body, *extra])


def light_lines(verdict: Verdict, lang: str) -> list[str]:
    """The light and why, then 序时进度 against the reported progress (and the gap)."""
    icon, name = ICONS[verdict.light], t(f"rhythm.light.{verdict.light.value}", lang)
    shown = [r for r in verdict.reasons if verdict.light is not Light.CLOSED]
    reasons = t("rhythm.list_sep", lang).join(t(f"rhythm.reason.{r.value}", lang) for r in shown)
    key = "task.light" if reasons else "task.light_plain"
    head = t(key, lang, icon=icon, light=name, reasons=reasons)
    if verdict.light is Light.CLOSED:
        return [head]
    progress = percent_or_blank(verdict.progress, lang)
    line = t("task.expected", lang, expected=verdict.expected, progress=progress)
    gap = verdict.gap
    if gap:
        line += t(f"task.gap.{'behind' if gap > 0 else 'ahead'}", lang, points=abs(gap))
    return [head, line]


def _history_line(item: HistoryItem, lang: str) -> str:
    when = fmt_stamp(item.at)
    who = esc(item.actor.name) if item.actor is not None else t("task.by_bot", lang)
    if item.for_person is not None:
        key = "task.history.for_leave" if item.detail.get("as_deputy") else "task.history.for"
        who += t(key, lang, name=esc(item.for_person.name))
    try:
        what = t(f"audit.{item.action.value}", lang)
    except KeyError:
        what = esc(item.action.value)
    return f"{when} {who}：{what}{_history_detail(item, lang)}"


def history_line(item: HistoryItem, lang: str) -> str:
    """One step of the record: when, who (and for whom), what (shared with /history)."""
    return _history_line(item, lang)


def _history_detail(item: HistoryItem, lang: str) -> str:
    """What follows the step's name: the reminder's kind, whom it concerned, the report."""
    detail, text = item.detail, ""
    kind = detail.get("kind") if item.action is Action.REMINDED else None
    if kind in ("auto", "deadline", "overdue", "claim", "claim_overdue"):
        text += t(f"task.history.remind.{kind}", lang)
    if item.target is not None and item.action in _TARGETED:
        text += f" → {esc(item.target)}"
        role = detail.get("role")
        if item.action is Action.ASSIGNED and role in tuple(AssigneeRole):
            text += f"（{t(f'assign.role.{role}', lang)}）"
    if item.report is not None:
        text += f" {answer_label(item.report, lang)}"
        if item.report.progress is not None:
            text += f" {item.report.progress}%"
        if item.report.late:
            text += " " + t("report.field.late", lang)
    if item.action in _EXTENSION and isinstance(detail.get("deadline"), str):
        text += t("task.history.deadline", lang, deadline=esc(str(detail["deadline"])))
    reason = detail.get("reason") if item.action in _WITH_REASON else None
    if reason:
        text += f"（{esc(truncate(str(reason), 80))}）"
    if detail.get("delivered") is False:
        text += t("task.history.undelivered", lang)
    return text


_TARGETED = frozenset({Action.ASSIGNED, Action.UNASSIGNED, Action.REMINDED})
_EXTENSION = frozenset(
    {Action.EXTENSION_REQUESTED, Action.EXTENSION_APPROVED, Action.EXTENSION_REFUSED}
)
_WITH_REASON = frozenset(
    {Action.CLOSEOUT_RETURNED, Action.EXTENSION_REQUESTED, Action.EXTENSION_REFUSED}
)


def render_report_body(report: Report, lang: str, *, carried: ReportStatus | None = None) -> str:
    """Exactly what a report records, one field per line; a report stating no status says so,
    with the status ``carried`` from the party's last answer when there is one."""
    if report.status is None and carried is not None:
        lines = [t("report.field.status_carried", lang, status=status_label(carried, lang))]
    else:
        lines = [t("report.field.status", lang, value=status_label(report.status, lang))]
    if report.progress is not None:
        lines.append(t("report.field.progress", lang, value=report.progress))
    for name, value in report.indicator_values:
        lines.append(t("report.field.indicator", lang, name=esc(name), value=f"{value:g}"))
    for question, text in answered(report):
        lines.append(t(f"report.field.{question.field}", lang, value=esc(truncate(text, 1500))))
    if report.attachments:
        lines.append(attachments_line(report.attachments, lang))
    if report.late:
        lines.append(t("report.field.late", lang))
    return "\n".join(lines)
