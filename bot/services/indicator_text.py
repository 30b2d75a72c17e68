"""Pure: indicator values typed as free text, e.g. ``产值 12.5`` or ``招商引资到位资金 3.2亿元``.

A line counts as an indicator value when it is ``<name> [:：] <number>[unit]`` and ``<name>``
matches one of the task's indicators fuzzily: equal once spaces and case are ignored, or one name
contains the other (at least two characters), the closest such indicator winning; an ambiguous
name (two indicators equally close) is not taken. Every other line stays text (progress text, or
labelled 进展/问题/下步 parts). The unit is checked later, with the value, by
:func:`bot.services.report_input.indicator_values`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.domain.plan import Indicator
from bot.services.report_input import IndicatorInput

_LINE = re.compile(
    r"^\s*(?P<name>[^\d:：\s][^:：]*?)\s*[:：]?\s*(?P<value>[-+]?\d[\d,]*(?:\.\d+)?\s*[^\s\d]*)\s*$"
)
MIN_PART = 2


def split_indicator_text(
    text: str | None, indicators: Sequence[Indicator]
) -> tuple[tuple[IndicatorInput, ...], str | None]:
    """The indicator values typed in ``text`` and the rest of the text (None if nothing is
    left)."""
    if not text or not indicators:
        return (), text
    values: list[IndicatorInput] = []
    rest: list[str] = []
    for line in text.splitlines():
        match = _LINE.match(line)
        indicator = match_indicator(match["name"], indicators) if match else None
        if match is None or indicator is None:
            rest.append(line)
            continue
        values.append((indicator.name, match["value"].strip()))
    remaining = "\n".join(rest).strip()
    return tuple(values), remaining or None


def match_indicator(name: str, indicators: Sequence[Indicator]) -> Indicator | None:
    """The indicator ``name`` means (see the module docstring), or None."""
    key = _key(name)
    if len(key) < MIN_PART:
        return None
    scored: list[tuple[int, Indicator]] = []
    for indicator in indicators:
        other = _key(indicator.name)
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


def _key(name: str) -> str:
    return "".join(name.split()).casefold()
