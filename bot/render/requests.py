"""What every request → decision flow (close-out, deadline extension) shows alike.

A flow's own module renders the draft, the request, the lead's review and the outcome's words;
:class:`RequestViews` adds the rest from them and the flow's catalog prefix: the cancelled
draft, the reason question, the outcome to the deciding lead and the notice to the others.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from bot.domain.attachments import Attachment
from bot.domain.people import Person
from bot.domain.plan import Measure
from bot.domain.work import Evidence
from bot.i18n import t
from bot.render import Message
from bot.render.common import measure_header
from bot.render.html import esc, truncate
from bot.render.rhythm.words import fmt_stamp

MAX_ITEM_TEXT = 1000


class Asked(Protocol):
    """A request or decision: who asked, and for whom."""

    @property
    def requester(self) -> Person | None:
        """Who asked (None only if the person record is gone)."""

    @property
    def principal(self) -> Person | None:
        """Whom a liaison asked for."""


D = TypeVar("D")
R = TypeVar("R", bound=Asked)


@dataclass(frozen=True, slots=True)
class RequestViews(Generic[D, R]):
    """The messages of one request → decision flow."""

    prefix: str  # the flow's catalog prefix: ``closeout.``, ``extension.``
    draft: Callable[[D, str], Message]  # while written: what it says, Submit / Cancel
    requested: Callable[[R, str], Message]  # to the requester: it is in
    review: Callable[[R, str], Message]  # to a lead: the request and the decision buttons
    outcome: Callable[[R, str], str]  # the decision (or the wait) in words, with the task

    def dropped(self, measure: Measure, lang: str) -> Message:
        """The person cancelled the request being written."""
        return Message(
            measure_header(measure, lang) + "\n\n" + t(f"{self.prefix}.cancelled", lang)
        )

    def unheard(self, lang: str) -> Message:
        """To the requester, after the request is in: no lead could be told of it (each blocked
        the bot, is unreachable, or the send failed), and where the leads will see it."""
        return Message(t(f"{self.prefix}.unheard", lang))

    def waiting(self, results: Sequence[R], lang: str) -> list[Message]:
        """``/closeouts`` or ``/extensions``: how many requests wait, then each as a lead gets
        it (with the decision buttons); or that none waits."""
        if not results:
            return [Message(t(f"{self.prefix}.none_pending", lang))]
        head = Message(t(f"{self.prefix}.pending_count", lang, count=len(results)))
        return [head, *(self.review(result, lang) for result in results)]

    def reason_question(self, lang: str) -> Message:
        """The lead pressed the refusing button: ask why."""
        return Message(t(f"{self.prefix}.ask_reason", lang))

    def decided(self, result: R, lang: str) -> Message:
        """To the deciding lead (in place of the request): what was decided on whose request."""
        asked = t("closeout.requested_by", lang, name=requester_name(result, lang))
        return Message(self.outcome(result, lang) + "\n" + asked)

    def outcome_notice(self, result: R, lang: str) -> Message:
        """To the requester and whoever else the decision concerns: the decision."""
        return Message(self.outcome(result, lang))


def requester_name(result: Asked, lang: str) -> str:
    """Who asked, escaped: ``张三``, or ``小刘（代 赵县长）`` for a liaison."""
    if result.requester is None:
        return ""
    if result.principal is None:
        return esc(result.requester.name)
    return t(
        "closeout.for_principal", lang,
        name=esc(result.requester.name), principal=esc(result.principal.name),
    )  # fmt: skip


def evidence_lines(
    items: Sequence[Evidence], senders: Mapping[str, Person], lang: str
) -> list[str]:
    """``1. 张三 07-25 14:10 照片（见下）``: each piece, who sent it and when."""
    lines = []
    for n, item in enumerate(items, 1):
        sender = senders.get(item.by)
        who = esc(sender.name) if sender is not None else ""
        when = fmt_stamp(item.at)
        if item.attachment is not None:
            kind = Attachment.parse(item.attachment).kind
            what = t(f"closeout.item.{kind.value}", lang)
        else:
            what = esc(truncate(item.text or "", MAX_ITEM_TEXT))
        lines.append(t("closeout.item", lang, n=n, name=who, at=when, what=what))
    return lines
