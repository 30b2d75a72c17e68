"""Assigning (交办): pickers, suggestions, confirmations, the notice to officials, and lists."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from bot.callbacks import (
    Acknowledge,
    AcknowledgeBatch,
    Assign,
    AssigneeKind,
    AutoAssign,
    PageKind,
    PickAssignee,
    PickMeasure,
    PickSection,
)
from bot.callbacks import Page as PageData
from bot.domain.people import Person, Unit
from bot.domain.plan import Measure
from bot.domain.work import AssigneeRole
from bot.i18n import t
from bot.render import Message
from bot.render.common import button, keyboard, measure_header, measure_line, task_tag
from bot.render.html import esc, truncate
from bot.render.paging import PAGE_SIZE, nav_row
from bot.services.assignment.assign import (
    AssignResult,
    AutoApplied,
    Duty,
    Holder,
    Notice,
    Suggestions,
    Unsigned,
)
from bot.services.assignment.signing import AckResult, BatchAck
from bot.services.common.base import Page, paginate
from bot.services.plans.imports import SectionInfo
from bot.services.tasks.signing import Signature

PICKER_SIZE = 8
MAX_PROPOSAL_BUTTONS = 10


def render_sections(sections: Sequence[SectionInfo], page_no: int, lang: str) -> Message:
    """Picker step 1: the plan's sections."""
    page = paginate(list(sections), page_no, PICKER_SIZE)
    rows = [
        [button(f"{s.title} ({s.measure_count})", PickMeasure(s.index, 0))] for s in page.items
    ]
    rows.append(nav_row(page, PickSection))
    return Message(t("assign.pick_section", lang), keyboard(rows))


def render_measures(section: int, page: Page[Measure], lang: str) -> Message:
    """Picker step 2: the measures of one section."""
    lines = [t("assign.pick_measure", lang)]
    lines += [measure_line(m, page.page * page.page_size + n) for n, m in enumerate(page.items, 1)]
    rows = [
        [
            button(
                f"{page.page * page.page_size + n}. {m.name}",
                PickAssignee(m.id, AssigneeKind.UNIT, 0),
            )
        ]
        for n, m in enumerate(page.items, 1)
    ]
    rows.append(nav_row(page, lambda n: PickMeasure(section, n)))
    rows.append([button(t("assign.back_sections", lang), PickSection(0))])
    return Message("\n".join(lines), keyboard(rows))


def render_assignees(
    measure_id: str, kind: AssigneeKind, page: Page[Person] | Page[Unit], lang: str
) -> Message:
    """Picker step 3: a page of units or people to assign the task ``#id`` to."""
    text = t(f"assign.pick_{kind.value}", lang) + f" {task_tag(measure_id)}"
    rows = []
    for item in page.items:
        label = item.name
        if isinstance(item, Person) and not item.joined:
            label += " ⏳"
        rows.append([button(label, Assign(measure_id, kind, item.id))])
    rows.append(nav_row(page, lambda n: PickAssignee(measure_id, kind, n)))
    other = AssigneeKind.PERSON if kind is AssigneeKind.UNIT else AssigneeKind.UNIT
    switch = button(t(f"assign.switch_{other.value}", lang), PickAssignee(measure_id, other, 0))
    rows.append([switch])
    return Message(text, keyboard(rows))


def render_assigned(result: AssignResult, told: Sequence[Person], lang: str) -> Message:
    """To the lead: what was added, who holds the task now, who was told (``told``: those
    Telegram took the notice for), who was not, who cannot be yet."""
    lines = [
        t("assign.done", lang, added=len(result.added), active=len(result.active)),
        measure_header(result.measure, lang),
        *holder_lines(result.holders, lang),
    ]
    if told:
        lines.append(t("assign.notified", lang, names="、".join(esc(p.name) for p in told)))
    missed = [p for p in result.notify if p not in told]
    if missed:
        lines.append(t("assign.not_told", lang, names="、".join(esc(p.name) for p in missed)))
    if result.not_joined:
        waiting = "、".join(esc(p.name) for p in result.not_joined)
        lines.append(t("assign.not_joined", lang, names=waiting))
    return Message("\n".join(lines))


def holder_lines(holders: Sequence[Holder], lang: str) -> list[str]:
    """``牵头：县发改委、张三`` and ``配合：县财政局``, or that nobody holds the task."""
    if not holders:
        return [t("assign.holders_none", lang)]
    lines = []
    for role in AssigneeRole:
        names = "、".join(esc(h.name) for h in holders if h.role is role)
        if names:
            lines.append(t(f"assign.holders.{role.value}", lang, names=names))
    return lines


def render_assignment_notice(measure: Measure, notice: Notice, lang: str) -> Message:
    """To one person told of an assignment: the task, whether they (or their unit, or the
    leader they act for) lead (牵头) or support (配合) it, and 签收 if they may sign."""
    lines = [t("notice.assigned", lang), "", measure_header(measure, lang)]
    if measure.body and measure.body != measure.title:
        lines.append(esc(truncate(measure.body, 1500)))
    if measure.deadline_raw:
        lines.append(t("task.deadline", lang, deadline=esc(measure.deadline_raw)))
    lines += [duty_line(duty, lang) for duty in notice.duties]
    if not notice.to_sign:
        return Message("\n".join(lines))
    lines += ["", t("notice.ack_hint", lang)]
    ack = button(t("notice.ack_button", lang), Acknowledge(measure.id))
    return Message("\n".join(lines), keyboard([[ack]]))


def render_assignment_batch(
    items: Sequence[tuple[Measure, Notice]], lang: str, sign: AcknowledgeBatch | None = None
) -> Message:
    """To one person told of many assignments at once (suggestions accepted over a long plan):
    one list of the tasks with their role, instead of a notice per task, with 签收全部
    (``sign``) when they may sign any; one by one from ``/mytasks`` otherwise."""
    lines = [t("notice.assigned_n", lang, count=len(items)), ""]
    for number, (measure, notice) in enumerate(items, 1):
        roles = dict.fromkeys(t(f"notice.role.{d.role.value}", lang) for d in notice.duties)
        lines.append(f"{measure_line(measure, number)}（{'、'.join(roles)}）")
    to_sign = any(notice.to_sign for _, notice in items)
    if not to_sign:
        return Message("\n".join([*lines, "", t("notice.batch", lang)]))
    if sign is None:
        return Message("\n".join([*lines, "", t("notice.batch_sign", lang)]))
    lines += ["", t("notice.batch_sign_all", lang)]
    return Message("\n".join(lines), keyboard([[button(t("notice.ack_all_button", lang), sign)]]))


def render_batch_acknowledged(result: BatchAck, lang: str) -> Message:
    """After 签收全部: how many of the listed tasks were signed now, or that none was left; and,
    when not all of them were, how many had been signed before and how many were skipped, why
    (reassigned, or removed from the plan)."""
    skipped = [
        t(f"notice.ack_all_{key}", lang, count=len(found))
        for key, found in (("reassigned", result.reassigned), ("removed", result.removed))
        if found
    ]
    count, at = len(result.signed), _when(result.at)
    if not skipped and not (result.signed and result.already):
        key = "notice.ack_all_done" if result.signed else "notice.ack_all_none"
        return Message(t(key, lang, count=count, at=at))
    head = "notice.ack_all_some" if result.signed else "notice.ack_all_nothing"
    lines = [t(head, lang, count=count, at=at)]
    if result.already:
        lines.append(t("notice.ack_all_already", lang, count=len(result.already)))
    return Message("\n".join(lines + skipped))


def render_colleague_signed_batch(signed: Sequence[AckResult], lang: str) -> Message:
    """To one who answers for tasks signed by 签收全部 (a unit's others, the leader): who
    signed them and when, and the tasks, in one message instead of one a task."""
    lines = signature_lines([s for result in signed for s in result.signed][:1], lang)
    lines += [measure_line(result.measure, n) for n, result in enumerate(signed, 1)]
    head = t("notice.signed_n", lang, count=len(signed))
    return Message("\n".join([head, *lines]))


def duty_line(duty: Duty, lang: str) -> str:
    """``承办单位：县工信局（牵头）``, ``承办人：您（配合）`` or, to a liaison, the leader's."""
    role = t(f"notice.role.{duty.role.value}", lang)
    if duty.unit is not None:
        return t("notice.duty.unit", lang, unit=esc(duty.unit), role=role)
    if duty.principal is not None:
        return t("notice.duty.principal", lang, name=esc(duty.principal), role=role)
    return t("notice.duty.person", lang, role=role)


def render_acknowledged(result: AckResult, lang: str) -> Message:
    """After 签收: the task, signed now, or by whom and when it had been signed (then also
    as the button's toast)."""
    if result.already:
        lines = signature_lines(result.earlier, lang)
    else:
        lines = [t("notice.ack_done", lang, at=_when(result.acknowledged_at))]
        lines += signature_lines([s for s in result.earlier if not s.mine], lang)
    text = measure_header(result.measure, lang) + "\n\n" + "\n".join(lines)
    return Message(text, notice=lines[0] if result.already and lines else None)


def render_colleague_signed(result: AckResult, lang: str) -> Message:
    """To the others who answer for what was signed: who signed it, and when (told once)."""
    lines = signature_lines(result.signed, lang)
    return Message(measure_header(result.measure, lang) + "\n\n" + "\n".join(lines))


def signature_lines(signatures: Sequence[Signature], lang: str) -> list[str]:
    """Who signed what and when, one line each (repeats dropped)."""
    return list(dict.fromkeys(_signature_line(s, lang) for s in signatures))


def _signature_line(sig: Signature, lang: str) -> str:
    at, holder = _when(sig.at), esc(sig.holder)
    if sig.mine:
        return t("notice.ack_already", lang, at=at)
    if sig.by is None:
        return t("notice.signed_unknown", lang, holder=holder, at=at)
    name = esc(sig.by.name)
    if sig.unit:
        return t("notice.signed_unit", lang, unit=holder, name=name, at=at)
    if sig.by_holder:
        return t("notice.signed_self", lang, name=name, at=at)
    return t("notice.signed_for", lang, holder=holder, name=name, at=at)


def _when(at: datetime) -> str:
    return at.strftime("%Y-%m-%d %H:%M")


def render_suggestions(suggestions: Suggestions, lang: str) -> Message:
    """Automatic proposals from the plan's unit names: accept all, or one by one."""
    if not suggestions.proposals:
        text = t("assign.suggest_none", lang)
        if suggestions.unmatched_names:
            text += "\n" + _unmatched(suggestions.unmatched_names, lang)
        return Message(text)
    lines = [t("assign.suggest_title", lang, count=len(suggestions.proposals))]
    for n, proposal in enumerate(suggestions.proposals, 1):
        role = t(f"assign.role.{proposal.role.value}", lang)
        fuzzy = "" if proposal.score >= 1.0 else f" ≈{esc(proposal.stated_name)}"
        lines.append(
            f"{n}. {esc(truncate(proposal.measure.name, 30))} {task_tag(proposal.measure.id)}"
            f" → <b>{esc(proposal.unit.name)}</b> · {role}{fuzzy}"
        )
    if suggestions.unmatched_names:
        lines.append("")
        lines.append(_unmatched(suggestions.unmatched_names, lang))
    rows = [[button(t("assign.accept_all", lang), AutoAssign(AutoAssign.ALL))]]
    shown = suggestions.proposals[:MAX_PROPOSAL_BUTTONS]
    for n, proposal in enumerate(shown, 1):
        label = f"✓ {n}. {proposal.unit.name}"
        rows.append([button(label, AutoAssign(proposal.id))])
    return Message("\n".join(lines), keyboard(rows))


def _unmatched(names: Sequence[str], lang: str) -> str:
    shown = "、".join(esc(n) for n in names[:20])
    return t("assign.unmatched", lang, names=shown)


def render_auto_applied(applied: AutoApplied, told: int, lang: str) -> Message:
    """After accepting suggestions: how many tasks were assigned and how many people got the
    notice (``told``: those Telegram took it for)."""
    lines = [t("assign.applied", lang, count=len(applied.results), told=told)]
    if applied.skipped:
        lines.append(t("assign.skipped", lang, count=len(applied.skipped)))
    return Message("\n".join(lines))


def render_unassigned(measures: Sequence[Measure], page_no: int, lang: str) -> Message:
    """``/unassigned``: active measures nobody holds, one page, each with an assign button."""
    if not measures:
        return Message(t("assign.unassigned_none", lang))
    page = paginate(list(measures), page_no, PAGE_SIZE)
    lines = [t("assign.unassigned_title", lang, count=page.total)]
    lines += [measure_line(m, page.page * page.page_size + n) for n, m in enumerate(page.items, 1)]
    rows = [
        [
            button(
                f"{page.page * page.page_size + n}. {m.name}",
                PickAssignee(m.id, AssigneeKind.UNIT, 0),
            )
        ]
        for n, m in enumerate(page.items, 1)
    ]
    rows.append(nav_row(page, lambda n: PageData(PageKind.UNASSIGNED, n)))
    rows.append([button(t("assign.suggest_button", lang), AutoAssign(AutoAssign.LIST))])
    return Message("\n".join(lines), keyboard(rows))


def render_unacked(tasks: Sequence[Unsigned], page_no: int, lang: str) -> Message:
    """``/unacked``: assigned tasks with a holder that has not signed yet, and which."""
    if not tasks:
        return Message(t("assign.unacked_none", lang))
    page = paginate(list(tasks), page_no, PAGE_SIZE)
    lines = [t("assign.unacked_title", lang, count=page.total)]
    for n, item in enumerate(page.items, page.page * page.page_size + 1):
        since = min(a.assigned_at for a in item.task.assignments).strftime("%m-%d")
        lines.append(f"{measure_line(item.measure, n)} · {t('assign.since', lang, at=since)}")
        names = "、".join(esc(h.name) for h in item.holders)
        lines.append(t("assign.unacked_holders", lang, names=names))
    nav = nav_row(page, lambda n: PageData(PageKind.UNACKED, n))
    return Message("\n".join(lines), keyboard([nav]))


def render_unassigned_done(result: AssignResult, lang: str) -> Message:
    """After ``/unassign``: what ended and who still holds the task."""
    lines = [
        t("assign.unassign_done", lang, ended=len(result.ended), left=len(result.active)),
        measure_header(result.measure, lang),
        *holder_lines(result.holders, lang),
    ]
    return Message("\n".join(lines))
