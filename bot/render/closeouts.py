"""Close-out (办结申请 → 销号 / 退回): the request, the lead's decision buttons, the outcome."""

from __future__ import annotations

from bot.callbacks import DecideCloseout, Decision
from bot.domain.attachments import parse_all
from bot.domain.plan import Measure
from bot.domain.work import CloseoutState
from bot.i18n import t
from bot.render import Message
from bot.render.common import attachments_line, button, keyboard, measure_header
from bot.render.html import esc, truncate
from bot.services.closeouts import CloseoutResult


def render_evidence_question(measure: Measure, lang: str) -> Message:
    """``/closeout <id>`` without evidence: ask for it (text, photo or file)."""
    return Message(measure_header(measure, lang) + "\n\n" + t("closeout.ask_evidence", lang))


def render_evidence_ask(measure_id: str, lang: str) -> Message:
    """The same question when only the task id is at hand (a button press)."""
    return Message(t("closeout.ask_evidence", lang) + f"\n#{esc(measure_id)}")


def render_requested(result: CloseoutResult, lang: str) -> Message:
    """To the requester: the request is in and waits for the lead."""
    return Message(t("closeout.requested", lang) + "\n" + measure_header(result.measure, lang))


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


def render_review(result: CloseoutResult, lang: str) -> Message:
    """To a lead: who asks, the evidence (its files follow as they were sent), and Approve /
    Return buttons."""
    closeout = result.closeout
    lines = [
        t("closeout.review_title", lang, name=requester_name(result, lang)),
        measure_header(result.measure, lang),
    ]
    if closeout.evidence:
        lines.append(t("closeout.evidence", lang, text=esc(truncate(closeout.evidence, 2000))))
    if closeout.attachments:
        lines.append(attachments_line(closeout.attachments, lang))
    buttons = [
        button(t("closeout.approve", lang), DecideCloseout(closeout.id, Decision.YES)),
        button(t("closeout.return", lang), DecideCloseout(closeout.id, Decision.NO)),
    ]
    files = parse_all(closeout.attachments)
    return Message("\n".join(lines), keyboard([buttons]), files=files)


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
