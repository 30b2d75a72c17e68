"""Pure: indicator values typed as free text, e.g. ``产值 12.5`` or ``招商引资到位资金 3.2亿元``.

A line counts as an indicator value when it is ``<name> [:：] <number>[unit]`` and ``<name>``
matches one of the task's indicators fuzzily: equal once spaces and case are ignored, or one name
contains the other (at least two characters), the closest such indicator winning; an ambiguous
name (two indicators equally close) is not taken. Every other line stays text (progress text, or
labelled 进展/问题/下步 parts).

:func:`read_typed` also reads the value: a line naming an indicator whose value cannot be read
(``本周新建幼儿园1所已开工`` for an indicator counted in 个), or naming several indicators
equally, stays text and gets an :class:`~bot.services.reporting.parsing.Unread` note saying how to
type it. A line ``进度 60%`` (or ``完成进度：60``) is the progress; a percent outside 0..100 stays
text with a note.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.domain.names import name_key
from bot.domain.plan import Indicator
from bot.services.reporting.parsing import (
    Unread,
    read_progress,
    read_value,
    unknown_indicator,
    unreadable_value,
)

_LINE = re.compile(
    r"^\s*(?P<name>[^\d:：\s][^:：]*?)\s*[:：]?\s*(?P<value>[-+]?\d[\d,]*(?:\.\d+)?\s*[^\s\d]*)\s*$"
)
_PROGRESS = re.compile(
    r"^\s*(?:(?:完成|总体|整体|工作)?进度|progress)\s*[:：]?\s*"
    r"(?P<value>[-+]?\d+(?:\.\d+)?)\s*[%％]?\s*$",
    re.IGNORECASE,
)
MIN_PART = 2


@dataclass(frozen=True, slots=True)
class Typed:
    """What a typed message gives: indicator values (read), a progress, the remaining text,
    and a note for each part kept as text because it could not be read."""

    values: tuple[tuple[str, float], ...] = ()
    progress: int | None = None
    rest: str | None = None
    unread: tuple[Unread, ...] = ()


def read_typed(text: str | None, indicators: Sequence[Indicator]) -> Typed:
    """Indicator values and progress lines of ``text``, each read, and the rest of the text."""
    if not text:
        return Typed(rest=text)
    values: dict[str, float] = {}
    progress: int | None = None
    rest: list[str] = []
    notes: list[Unread] = []
    for line in text.splitlines():
        percent = _PROGRESS.match(line)
        if percent is not None:
            value = read_progress(percent["value"])
            if value is not None:
                progress = value
                continue
            notes.append(Unread.of("progress", value=percent["value"]))
            rest.append(line)
            continue
        read = _read_line(line, indicators)
        if isinstance(read, tuple):
            values[read[0]] = read[1]
            continue
        if read is not None:
            notes.append(read)
        rest.append(line)
    remaining = "\n".join(rest).strip()
    return Typed(tuple(values.items()), progress, remaining or None, tuple(notes))


def _read_line(line: str, indicators: Sequence[Indicator]) -> tuple[str, float] | Unread | None:
    """An indicator's value read from ``line``, or a note why a line naming one was not read,
    or None for a line about no indicator."""
    match = _LINE.match(line) if indicators else None
    if match is None:
        return None
    indicator = match_indicator(match["name"], indicators)
    if indicator is None:
        several = _candidates(match["name"], indicators)
        if len(several) < 2:
            return None
        return unknown_indicator(match["name"].strip(), several, "indicator_ambiguous")
    value = read_value(indicator, match["value"].strip())
    if value is None:
        return unreadable_value(indicator, match["value"].strip())
    return indicator.name, value


def match_indicator(name: str, indicators: Sequence[Indicator]) -> Indicator | None:
    """The indicator ``name`` means (see the module docstring), or None."""
    key = name_key(name)
    if len(key) < MIN_PART:
        return None
    scored: list[tuple[int, Indicator]] = []
    for indicator in indicators:
        other = name_key(indicator.name)
        if key == other:
            return indicator
        if len(other) >= MIN_PART and (key in other or other in key):
            scored.append((abs(len(other) - len(key)), indicator))
    if not scored:
        return None
    scored.sort(key=lambda pair: pair[0])
    if len(scored) > 1 and scored[0][0] == scored[1][0]:
        return None
    return scored[0][1]


def _candidates(name: str, indicators: Sequence[Indicator]) -> tuple[Indicator, ...]:
    """The indicators whose names contain ``name`` or are contained in it."""
    key = name_key(name)
    if len(key) < MIN_PART:
        return ()
    return tuple(
        i
        for i in indicators
        if len(name_key(i.name)) >= MIN_PART
        and (key in name_key(i.name) or name_key(i.name) in key)
    )
