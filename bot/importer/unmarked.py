"""Items written without numbers, found only when a text has no numbered items at all.

Two forms are common in meeting reports and news items:

* a counted list — ``抓好创文迎国检、盘活纺机工业园、…、加强政治生态建设十大重点工作`` or
  ``十大重点工作：A、B、C`` — whose stated count matches the phrases listed (inside a numbered
  item too: the item then groups those measures);
* a series of short imperative sentences — ``会议要求，要压实整改责任。…要细化推进措施。…`` —
  each opening the sentences that explain it.
"""

from __future__ import annotations

import re

from bot.importer.numerals import cn_to_int

_COUNT = r"([一二两三四五六七八九十]{1,3}|\d{1,2})(?:大|项|个|件|方面)"
_LABEL = r"(?:重点|主要|重大|民生|攻坚)?(?:工作|任务|工程|行动|项目|实事|举措|措施)"
_ELEMENT = r"[^、，,；;。：:！？\n]{2,40}"
_AFTER = re.compile(
    rf"({_ELEMENT}(?:、{_ELEMENT}){{1,30}})(?:等)?{_COUNT}{_LABEL}(?=[，,。；;：:！\s]|$)"
)
_BEFORE = re.compile(rf"{_COUNT}{_LABEL}(?:是|为|包括)?[:：]({_ELEMENT}(?:、{_ELEMENT}){{1,30}})")
_GOVERNING = re.compile(
    r"^(?:重点|着力|全力|扎实|统筹|集中)?(?:抓好|做好|推进|实施|开展|突出|聚焦|围绕|抓实|落实|办好)"
)
_IMPERATIVE = re.compile(r"(?:^|(?<=[。；;：:，,]))[ \t\u3000]*(要[^，,。；;：:\n]{2,16}。)")
_MIN_IMPERATIVES = 2

Span = tuple[int, int]
"""An item as ``text[start:end]``."""


def unmarked_items(text: str) -> list[Span]:
    """Items of a text without numbered items: a counted list, or imperative sentences."""
    return counted_list(text) or _imperatives(text)


def counted_list(text: str) -> list[Span]:
    """The phrases of a list whose stated count matches them (``A、B、C三项重点工作``)."""
    for pattern, list_group, count_group in ((_AFTER, 1, 2), (_BEFORE, 2, 1)):
        for match in pattern.finditer(text):
            elements = match.group(list_group).split("、")
            if cn_to_int(match.group(count_group)) != len(elements):
                continue
            spans: list[Span] = []
            position = match.start(list_group)
            for index, element in enumerate(elements):
                start, end = position, position + len(element)
                if index == 0:
                    verb = _GOVERNING.match(element)
                    start += verb.end() if verb and len(element) - verb.end() >= 2 else 0
                spans.append((start, end))
                position = end + 1
            return spans
    return []


def _imperatives(text: str) -> list[Span]:
    found: list[Span] = []
    for line_start, line in _lines(text):
        starts = [line_start + match.start(1) for match in _IMPERATIVE.finditer(line)]
        if len(starts) < _MIN_IMPERATIVES:
            continue
        ends = [*starts[1:], line_start + len(line)]
        found.extend(
            (start, _rstrip(text, start, end)) for start, end in zip(starts, ends, strict=True)
        )
    return found


def _lines(text: str) -> list[tuple[int, str]]:
    lines, start = [], 0
    for line in text.split("\n"):
        lines.append((start, line))
        start += len(line) + 1
    return lines


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in " \t\u3000":
        end -= 1
    return end
