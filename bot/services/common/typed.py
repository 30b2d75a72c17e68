"""Pure reading of what people type, shared by every feature: a date, a bounded text, a
bounded list of files. These refuse (with an ``err.*`` code) what cannot be taken; reports,
which refuse nothing for a detail, clip instead (:mod:`bot.services.reporting.parsing`)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date, timedelta

from bot.domain.attachments import distinct, normalised
from bot.services.common.errors import InvalidInput

#: The longest text kept in one field (a report's texts, evidence, a reason).
MAX_TEXT = 4000
#: The most files one report, close-out or extension request keeps.
MAX_ATTACHMENTS = 20

_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")
_CN = re.compile(r"^(?:(\d{4})年)?(\d{1,2})月(\d{1,2})[日号]?$")
_SHORT = re.compile(r"^(\d{1,2})[-/.](\d{1,2})$")


def parse_date(word: str, today: date) -> date:
    """``2024-03-04``, ``2024年3月4日``, ``3月4日`` or ``3-4`` (this year; next if long past)."""
    text = word.strip()
    for pattern in (_ISO, _CN, _SHORT):
        match = pattern.match(text)
        if match is None:
            continue
        parts = [int(g) if g else None for g in match.groups()]
        year, month, day = [None, *parts] if pattern is _SHORT else parts
        try:
            found = date(year or today.year, month or 1, day or 1)
        except ValueError:
            break
        if year is None and found < today - timedelta(days=180):
            found = found.replace(year=found.year + 1)
        return found
    raise InvalidInput("err.date_invalid", text=word)


def check_text(field: str, text: str | None) -> str | None:
    """Stripped text (None when empty), refusing more than ``MAX_TEXT`` characters."""
    if text is None:
        return None
    text = text.strip()
    if len(text) > MAX_TEXT:
        raise InvalidInput("err.text_too_long", field=field, max=MAX_TEXT)
    return text or None


def check_attachments(existing: Sequence[str], new: Iterable[str]) -> tuple[str, ...]:
    """Existing plus new files (``photo:<id>``, ``document:<id>``…; a bare id is a document),
    without repeats (a file sent again, by its unique id), at most ``MAX_ATTACHMENTS``."""
    merged = distinct((*existing, *normalised(new)))
    if len(merged) > MAX_ATTACHMENTS:
        raise InvalidInput("err.too_many_attachments", max=MAX_ATTACHMENTS)
    return merged
