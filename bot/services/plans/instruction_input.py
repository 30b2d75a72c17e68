"""What a lead types or forwards to make a task of a leader's instruction (批示) or of a meeting
decision (会议决定事项): labelled lines and the text itself.

Labelled lines (Chinese or English) set one field each: ``批示人：李书记``, ``日期：3月5日``,
``会议：县政府第12次常务会议``, ``时限：6月30日`` (or ``6月底前``), ``标题：…``; every other line
is the instruction's text. Without a labelled deadline, a deadline phrase in the text counts
(``6月底前完成``), read as the plan importer reads one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from bot.importer.deadlines import find_deadline, parse_deadline
from bot.services.common.errors import InvalidInput
from bot.services.common.typed import parse_date

_LABELS: dict[str, tuple[str, ...]] = {
    "given_by": ("批示人", "批示领导", "交办领导", "领导", "主持人", "by", "leader"),
    "given_at": ("批示日期", "批示时间", "会议日期", "会议时间", "日期", "date"),
    "meeting": ("会议名称", "会议", "meeting"),
    "deadline": ("完成时限", "办结时限", "时限", "deadline"),
    "title": ("标题", "事项", "title"),
    "text": ("批示内容", "决定事项", "内容", "text"),
}
_LINE = re.compile(
    r"^\s*(?P<label>"
    + "|".join(sorted((w for ws in _LABELS.values() for w in ws), key=len, reverse=True))
    + r")\s*[:：]\s*(?P<value>.*)$",
    re.IGNORECASE,
)
_FIELD = {w.lower(): field for field, words in _LABELS.items() for w in words}
TITLE_MAX = 40


@dataclass(frozen=True, slots=True)
class SourceFields:
    """The fields one message gives (None: not given in it)."""

    text: str | None = None
    given_by: str | None = None
    given_at: date | None = None
    meeting: str | None = None
    deadline: date | None = None
    deadline_raw: str | None = None
    title: str | None = None


def parse_source(message: str, today: date) -> SourceFields:
    """The labelled fields and the text of one message; InvalidInput for an unreadable
    date (``err.date_invalid``)."""
    found: dict[str, str] = {}
    body: list[str] = []
    for line in message.splitlines():
        match = _LINE.match(line)
        if match is None:
            if line.strip():
                body.append(line.strip())
            continue
        field = _FIELD[match.group("label").lower()]
        value = match.group("value").strip()
        if field == "text":
            body.append(value)
        elif value:
            found[field] = value
    text = "\n".join(body) or None
    given_at = parse_date(found["given_at"], today) if "given_at" in found else None
    if given_at is not None and given_at > today:
        given_at = given_at.replace(year=given_at.year - 1)
    raw, deadline = _deadline(found.get("deadline"), text, today)
    return SourceFields(
        text=text,
        given_by=found.get("given_by"),
        given_at=given_at,
        meeting=found.get("meeting"),
        deadline=deadline,
        deadline_raw=raw,
        title=found.get("title"),
    )


def _deadline(
    labelled: str | None, text: str | None, today: date
) -> tuple[str | None, date | None]:
    if labelled is not None:
        try:
            return labelled, parse_date(labelled, today)
        except InvalidInput:
            found = parse_deadline(labelled, year=today.year, issued=today)
            return labelled, found.date
    if text:
        found = find_deadline(text, year=today.year, issued=today)
        if found.date is not None:
            return found.raw, found.date
    return None, None


def title_of(text: str) -> str:
    """A short title: the text's first clause, at most ``TITLE_MAX`` characters."""
    first = re.split(r"[。；;！!？?\n]", text.strip(), maxsplit=1)[0].strip()
    first = first or text.strip()
    return first if len(first) <= TITLE_MAX else first[: TITLE_MAX - 1] + "…"
