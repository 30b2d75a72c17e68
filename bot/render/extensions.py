"""Deadline extensions (延期申请 → 批准 / 不批准): the request being written, the lead's
decision buttons, the outcome."""

from __future__ import annotations

from bot.callbacks import DecideExtension, Decision, SubmitExtension
from bot.domain.attachments import parse_all
from bot.domain.plan import Measure
from bot.domain.work import Extension, ExtensionState
from bot.i18n import t
from bot.render import Message
from bot.render.common import attachments_line, button, keyboard, measure_header
from bot.render.html import esc, truncate
from bot.render.requests import RequestViews, evidence_lines, requester_name
from bot.render.rhythm.words import fmt_date
from bot.services.closeout.extensions import ExtensionDraft, ExtensionResult


def deadline_text(measure: Measure, lang: str) -> str:
    """The deadline in force as written: its date, else the plan's words, else 未定."""
    if measure.deadline is not None:
        return fmt_date(measure.deadline, lang)
    return esc(measure.deadline_raw) if measure.deadline_raw else t("extension.none", lang)


def render_draft(draft: ExtensionDraft, lang: str) -> Message:
    """While the request is written: the question, or what it says with Submit / Cancel."""
    lines = [measure_header(draft.measure, lang)]
    lines.append(t("extension.current", lang, deadline=deadline_text(draft.measure, lang)))
    no = button(t("extension.cancel", lang), SubmitExtension(draft.measure.id, Decision.NO))
    if not draft.ready or draft.deadline is None:
        lines += ["", t("extension.ask", lang)]
        return Message("\n".join(lines), keyboard([[no]]))
    lines.append(t("extension.asked", lang, deadline=fmt_date(draft.deadline, lang)))
    lines.append(t("extension.reason", lang, reason=esc(truncate(draft.reason or "", 1000))))
    if draft.items:
        lines.append(t("extension.evidence_count", lang, count=len(draft.items)))
    if draft.files:
        lines.append(attachments_line(draft.files, lang))
    lines += ["", t("extension.more_or_submit", lang)]
    yes = button(t("extension.submit", lang), SubmitExtension(draft.measure.id, Decision.YES))
    return Message("\n".join(lines), keyboard([[yes, no]]))


def render_requested(result: ExtensionResult, lang: str) -> Message:
    """To the requester: the request is in and waits for the lead."""
    asked = fmt_date(result.extension.new_deadline, lang)
    body = [t("extension.requested", lang, deadline=asked), measure_header(result.measure, lang)]
    return Message("\n".join(body))


def render_review(result: ExtensionResult, lang: str) -> Message:
    """To a lead: who asks, the deadlines, the reason, any evidence (its files follow), and
    Approve / Refuse."""
    x = result.extension
    lines = [
        t("extension.review_title", lang, name=requester_name(result, lang)),
        measure_header(result.measure, lang),
        t("extension.current", lang, deadline=_old(x, result.measure, lang)),
        t("extension.asked", lang, deadline=fmt_date(x.new_deadline, lang)),
        t("extension.reason", lang, reason=esc(truncate(x.reason, 1000))),
    ]
    if x.items:
        lines.append(t("closeout.evidence_count", lang, count=len(x.items)))
        lines += evidence_lines(x.items, result.senders, lang)
    buttons = [
        button(t("extension.approve", lang), DecideExtension(x.id, Decision.YES)),
        button(t("extension.refuse", lang), DecideExtension(x.id, Decision.NO)),
    ]
    files = parse_all(tuple(i.attachment for i in x.items if i.attachment))
    return Message("\n".join(lines), keyboard([buttons]), files=files)


def _old(extension: Extension, measure: Measure, lang: str) -> str:
    if extension.old_deadline is not None:
        return fmt_date(extension.old_deadline, lang)
    return esc(measure.deadline_raw) if measure.deadline_raw else t("extension.none", lang)


def _outcome(result: ExtensionResult, lang: str) -> str:
    x, measure = result.extension, result.measure
    header = measure_header(measure, lang)
    if x.state is ExtensionState.APPROVED:
        first = measure.first_deadline
        original = fmt_date(first, lang) if first else _old(x, measure, lang)
        text = t(
            "extension.approved", lang, deadline=fmt_date(x.new_deadline, lang),
            original=original, count=measure.extensions,
        )  # fmt: skip
        return text + "\n" + header
    if x.state is ExtensionState.REFUSED:
        reason = esc(truncate(x.decision_reason or "", 1000))
        return t("extension.refused", lang, reason=reason) + "\n" + header
    return t("extension.requested", lang, deadline=fmt_date(x.new_deadline, lang)) + "\n" + header


#: The extension flow's messages; the shared ones are named here as the handlers use them.
VIEWS = RequestViews("extension", render_draft, render_requested, render_review, _outcome)
render_dropped = VIEWS.dropped
render_reason_question = VIEWS.reason_question
render_decided = VIEWS.decided
render_outcome_notice = VIEWS.outcome_notice
