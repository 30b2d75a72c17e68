"""Close-out (办结申请 → 销号 / 退回): the request, the lead's decision buttons, the outcome."""

from __future__ import annotations

from bot.callbacks import DecideCloseout, Decision, SubmitCloseout
from bot.domain.attachments import parse_all
from bot.domain.work import CloseoutState
from bot.i18n import t
from bot.render import Message
from bot.render.common import attachments_line, button, keyboard, measure_header
from bot.render.html import esc, truncate
from bot.render.requests import RequestViews, evidence_lines, requester_name
from bot.services.closeout.closeouts import CloseoutDraft, CloseoutResult


def render_draft(draft: CloseoutDraft, lang: str) -> Message:
    """While evidence is gathered: what came so far, and Submit / Cancel. With nothing yet, the
    question (text, photos or files, in as many messages as needed)."""
    lines = [measure_header(draft.measure, lang), ""]
    cancel = button(t("closeout.cancel", lang), SubmitCloseout(draft.measure.id, Decision.NO))
    if not draft.items:
        lines.append(t("closeout.ask_evidence", lang))
        return Message("\n".join(lines), keyboard([[cancel]]))
    lines.append(t("closeout.gathered", lang, count=len(draft.items)))
    if draft.texts:
        lines.append(t("closeout.gathered_texts", lang, count=len(draft.texts)))
    if draft.files:
        lines.append(attachments_line(draft.files, lang))
    lines.append(t("closeout.more_or_submit", lang))
    submit = button(t("closeout.submit", lang), SubmitCloseout(draft.measure.id, Decision.YES))
    return Message("\n".join(lines), keyboard([[submit, cancel]]))


def render_requested(result: CloseoutResult, lang: str, *, amended: bool = False) -> Message:
    """To the requester: the request is in (or its edited text is) and waits for the lead."""
    key = "closeout.amend_done" if amended else "closeout.requested"
    count = t("closeout.items_sent", lang, count=len(result.closeout.items))
    body = t(key, lang) + "\n" + measure_header(result.measure, lang)
    return Message(body + ("\n" + count if result.closeout.items else ""))


def render_review(result: CloseoutResult, lang: str, *, amended: bool = False) -> Message:
    """To a lead: who asks, every piece of evidence with who sent it and when (its files follow
    as they were sent, in the same order), and Approve / Return buttons."""
    closeout = result.closeout
    lines = [
        t("closeout.review_title", lang, name=requester_name(result, lang)),
        measure_header(result.measure, lang),
    ]
    if amended:
        lines.insert(0, t("closeout.amended", lang))
    if closeout.items:
        lines.append(t("closeout.evidence_count", lang, count=len(closeout.items)))
        lines += evidence_lines(closeout.items, result.senders, lang)
    else:  # a request filed before evidence was kept piece by piece
        if closeout.evidence:
            text = esc(truncate(closeout.evidence, 2000))
            lines.append(t("closeout.evidence", lang, text=text))
        if closeout.attachments:
            lines.append(attachments_line(closeout.attachments, lang))
    buttons = [
        button(t("closeout.approve", lang), DecideCloseout(closeout.id, Decision.YES)),
        button(t("closeout.return", lang), DecideCloseout(closeout.id, Decision.NO)),
    ]
    files = parse_all(closeout.attachments)
    return Message("\n".join(lines), keyboard([buttons]), files=files)


def _outcome(result: CloseoutResult, lang: str) -> str:
    closeout = result.closeout
    header = measure_header(result.measure, lang)
    if closeout.state is CloseoutState.APPROVED:
        return t("closeout.approved", lang) + "\n" + header
    if closeout.state is CloseoutState.RETURNED:
        reason = esc(truncate(closeout.reason or "", 1000))
        return t("closeout.returned", lang, reason=reason) + "\n" + header
    return t("closeout.requested", lang) + "\n" + header


#: The close-out flow's messages; the shared ones are named here as the handlers use them.
VIEWS = RequestViews("closeout", render_draft, render_requested, render_review, _outcome)
render_draft_dropped = VIEWS.dropped
render_reason_question = VIEWS.reason_question
render_decided = VIEWS.decided
render_outcome_notice = VIEWS.outcome_notice
