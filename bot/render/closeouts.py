"""Close-out (办结申请 → 销号 / 退回): the request, the lead's decision buttons, the outcome."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from bot.callbacks import DecideCloseout, Decision, SubmitCloseout
from bot.domain.attachments import Attachment, parse_all
from bot.domain.people import Person
from bot.domain.plan import Measure
from bot.domain.work import CloseoutState, Evidence
from bot.i18n import t
from bot.render import Message
from bot.render.common import attachments_line, button, keyboard, measure_header
from bot.render.html import esc, truncate
from bot.services.closeout.closeouts import CloseoutDraft, CloseoutResult

MAX_ITEM_TEXT = 1000


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


def render_draft_dropped(measure: Measure, lang: str) -> Message:
    """The person cancelled the request being written."""
    return Message(measure_header(measure, lang) + "\n\n" + t("closeout.cancelled", lang))


def render_requested(result: CloseoutResult, lang: str, *, amended: bool = False) -> Message:
    """To the requester: the request is in (or its edited text is) and waits for the lead."""
    key = "closeout.amend_done" if amended else "closeout.requested"
    count = t("closeout.items_sent", lang, count=len(result.closeout.items))
    body = t(key, lang) + "\n" + measure_header(result.measure, lang)
    return Message(body + ("\n" + count if result.closeout.items else ""))


def requester_name(result: CloseoutResult, lang: str) -> str:
    """Who asked, escaped: ``张三``, or ``小刘（代 赵县长）`` for a liaison."""
    if result.requester is None:
        return ""
    if result.principal is None:
        return esc(result.requester.name)
    return t(
        "closeout.for_principal", lang,
        name=esc(result.requester.name), principal=esc(result.principal.name),
    )  # fmt: skip


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


def evidence_lines(
    items: Sequence[Evidence], senders: Mapping[str, Person], lang: str
) -> list[str]:
    """``1. 张三 07-25 14:10 照片（见下）``: each piece, who sent it and when."""
    lines = []
    for n, item in enumerate(items, 1):
        sender = senders.get(item.by)
        who = esc(sender.name) if sender is not None else ""
        when = item.at.strftime("%m-%d %H:%M")
        if item.attachment is not None:
            kind = Attachment.parse(item.attachment).kind
            what = t(f"closeout.item.{kind.value}", lang)
        else:
            what = esc(truncate(item.text or "", MAX_ITEM_TEXT))
        lines.append(t("closeout.item", lang, n=n, name=who, at=when, what=what))
    return lines


def render_reason_question(lang: str) -> Message:
    """The lead pressed Return: ask why."""
    return Message(t("closeout.ask_reason", lang))


def render_decided(result: CloseoutResult, lang: str) -> Message:
    """To the deciding lead (in place of the request): what was decided on whose request."""
    asked = t("closeout.requested_by", lang, name=requester_name(result, lang))
    return Message(_outcome(result, lang) + "\n" + asked)


def render_outcome_notice(result: CloseoutResult, lang: str) -> Message:
    """To the requester and assignees: the decision."""
    return Message(_outcome(result, lang))


def _outcome(result: CloseoutResult, lang: str) -> str:
    closeout = result.closeout
    header = measure_header(result.measure, lang)
    if closeout.state is CloseoutState.APPROVED:
        return t("closeout.approved", lang) + "\n" + header
    if closeout.state is CloseoutState.RETURNED:
        reason = esc(truncate(closeout.reason or "", 1000))
        return t("closeout.returned", lang, reason=reason) + "\n" + header
    return t("closeout.requested", lang) + "\n" + header
