"""Claim notices (签收提醒, 领办逾期), escalation to the 包联领导, and the ``/leader`` replies."""

from __future__ import annotations

from collections.abc import Sequence

from bot.callbacks import AcknowledgeListed
from bot.domain.work import ReminderKind
from bot.i18n import t
from bot.render import Message
from bot.render.common import button, keyboard, measure_header, measure_line
from bot.render.html import esc, truncate
from bot.render.rhythm.words import fmt_datetime, fmt_stamp
from bot.render.tasks import light_lines, render_report_body
from bot.render.watch_lines import fmt_span
from bot.services.assignment.leaders import LinkRow, LinkTarget
from bot.services.rhythm.watch import ClaimOut, EscalationOut


def render_claim(out: ClaimOut, lang: str) -> Message:
    """A reminder to sign (with a 签收 button per task), or 领办逾期 to a lead."""
    if out.kind is ReminderKind.CLAIM_OVERDUE:
        lines = [t("watch.claim_overdue", lang, count=len(out.items))]
        for item in out.items:
            lines.append(
                t(
                    "watch.claim_overdue_line",
                    lang,
                    task=measure_line(item.measure),
                    party=esc(item.party),
                    assigned=fmt_datetime(item.assignment.assigned_at, lang),
                    late=fmt_span(item.overdue_by, lang),
                )
            )
        lines.append(t("watch.claim_overdue_hint", lang))
        return Message("\n".join(lines))
    lines = [t("watch.claim", lang, name=esc(out.person.name), count=len(out.items))]
    rows = []
    for n, item in enumerate(out.items, 1):
        assigned = fmt_datetime(item.assignment.assigned_at, lang)
        lines.append(
            t(
                "watch.claim_line",
                lang,
                task=measure_line(item.measure, n),
                assigned=assigned,
                party=esc(item.party),
            )
        )
        label = (
            t("notice.ack_button_n", lang, n=n)
            if len(out.items) > 1
            else t("notice.ack_button", lang)
        )
        rows.append([button(label, AcknowledgeListed(item.measure.id))])
    lines.append(t("watch.claim_hint", lang))
    return Message("\n".join(lines), keyboard(rows))


def render_escalation(out: EscalationOut, lang: str) -> Message:
    """To the 包联领导, once per turn to red: the task, the light and why, each party's latest
    answer."""
    lines = [
        t("watch.escalation", lang, name=esc(out.person.name)),
        measure_header(out.measure, lang),
    ]
    if out.person.name != out.leader:
        lines.append(t("watch.escalation_deputy", lang, leader=esc(out.leader)))
    if out.measure.deadline_raw:
        lines.append(t("task.deadline", lang, deadline=esc(out.measure.deadline_raw)))
    lines += light_lines(out.verdict, lang)
    if out.answers:
        lines.append("")
        lines.append(t("task.answers", lang))
        for answer in out.answers:
            role = t(f"assign.role.{answer.party.role.value}", lang)
            when = fmt_stamp(answer.report.created_at)
            head = t("task.answer_head", lang, party=esc(answer.party.name), role=role, at=when)
            lines.append(head + "\n" + render_report_body(answer.report, lang))
    else:
        lines.append(t("watch.escalation_no_answer", lang))
    lines.append("")
    lines.append(t("watch.escalation_hint", lang, id=out.measure.id))
    return Message("\n".join(lines))


def render_leader_set(result: LinkRow | LinkTarget, lang: str) -> Message:
    """After ``/leader <task|section> <name>`` (or ``-``)."""
    if isinstance(result, LinkTarget):
        return Message(t("leader.cleared", lang, target=_target(result)))
    key = "leader.set" if result.leader is not None else "leader.set_unmatched"
    return Message(t(key, lang, target=_target(result.target), name=esc(result.link.name)))


def render_leader_rows(rows: Sequence[LinkRow], lang: str) -> Message:
    """``/leader``: every link, unmatched names flagged, and how to set one."""
    if not rows:
        return Message(t("leader.list_empty", lang))
    lines = [t("leader.list_title", lang, count=len(rows))]
    for row in rows:
        flag = t("leader.unmatched", lang) if row.leader is None else ""
        lines.append(f"• {_target(row.target)}：{esc(row.link.name)}{flag}")
    lines.append("")
    lines.append(t("leader.usage", lang))
    return Message("\n".join(lines))


def _target(target: LinkTarget) -> str:
    if target.measure is not None:
        return measure_line(target.measure)
    return "【" + esc(truncate(target.section or "", 40)) + "】"
