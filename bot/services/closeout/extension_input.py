"""What an owner types to ask for more time: a new deadline, then the reason.

``2027-03-31 设备到货推迟``, ``3月31日，设备到货推迟`` or ``3/31 设备到货推迟``: the date comes
first (the forms ``/leave`` reads; a day without a year that has passed this year means next year),
the reason is the rest and is required.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from bot.services.common.errors import InvalidInput
from bot.services.common.typed import parse_date

_LEADING = re.compile(
    r"^\s*(\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|(?:\d{4}年)?\d{1,2}月\d{1,2}[日号]?|\d{1,2}[-/.]\d{1,2})"
    r"[\s,，:：;；、]*"
)


@dataclass(frozen=True, slots=True)
class ExtensionAsk:
    """A new deadline and the reason for it, as typed."""

    deadline: date
    reason: str


def parse_ask(text: str, today: date) -> ExtensionAsk:
    """The new deadline and reason in ``text``; InvalidInput when the date is missing or
    unreadable (``err.extension_date``) or the reason is empty (``err.extension_reason``)."""
    match = _LEADING.match(text)
    if match is None:
        raise InvalidInput("err.extension_date", text=text.strip()[:40])
    found = parse_date(match.group(1), today)
    if found < today and not re.match(r"\d{4}", match.group(1)):
        found = found.replace(year=found.year + 1)
    reason = text[match.end() :].strip()
    if not reason:
        raise InvalidInput("err.extension_reason")
    return ExtensionAsk(found, reason)
