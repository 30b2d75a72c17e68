"""Numbering markers that open plan items: 一、 （一） 1. （1） ① 第一条 一是 and friends.

A marker's *kind* says how it is written; the outline builder turns kinds into levels
by order of appearance, so documents that skip or reorder levels still nest correctly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import StrEnum

from bot.importer.numerals import cn_to_int, enclosed_number


class MarkerKind(StrEnum):
    """How an item's number is written."""

    CHAPTER = "chapter"  # 第一章 第一部分 第一编
    SECTION = "section"  # 第一节
    ARTICLE = "article"  # 第一条
    CN_COMMA = "cn_comma"  # 一、
    CN_PAREN = "cn_paren"  # （一） (一)
    DOTTED = "dotted"  # 1.1 1.2.3
    ARABIC_DOT = "arabic_dot"  # 1. 1、 1． ⒈ (and 1.3月底前: the 3 opens a date)
    ARABIC_PAREN = "arabic_paren"  # （1） (1) ⑴
    ARABIC_HALF = "arabic_half"  # 1） 1)
    CIRCLED = "circled"  # ①
    BULLET = "bullet"  # - * • ● ——
    LABELLED = "labelled"  # 督办事项一： 任务二： 问题3：
    INLINE = "inline"  # 一是 二是 / 一要 二要 inside a paragraph
    HEADING = "heading"  # an explicit heading without its own number (Markdown #, Word style)
    PART_LINE = "part_line"  # an unnumbered part heading such as 2024年工作计划


@dataclass(frozen=True, slots=True)
class Marker:
    """A marker found at the start of a line."""

    kind: MarkerKind
    text: str
    """The marker as written, without the white space after it."""
    number: int | None
    content: int
    """Offset in the line where the item's own text starts."""
    depth: int = 0


_CN = "[一二三四五六七八九十]{1,3}"
_CN_BIG = "[一二三四五六七八九十百零〇\\d]{1,4}"
_SP = r"[ \t\u3000]*"
_UNIT_START = "亿万元千百个%％倍年月日天号人户家项次所座条吨亩米公平立"
_PATTERNS: tuple[tuple[MarkerKind, re.Pattern[str]], ...] = (
    (MarkerKind.CHAPTER, re.compile(rf"第({_CN_BIG})(?:章|部分|编|篇)(?=[ \t\u3000、：:．.]|$)")),
    (MarkerKind.SECTION, re.compile(rf"第({_CN_BIG})节(?=[ \t\u3000、：:．.]|$)")),
    (MarkerKind.ARTICLE, re.compile(rf"第({_CN_BIG})条(?=[ \t\u3000、：:．.]|$)")),
    (MarkerKind.CN_COMMA, re.compile(rf"({_CN}){_SP}[、．.]")),
    # a 督查通知's ``督办事项一：`` / a list's ``任务二：``: a short label, its number, a colon
    (
        MarkerKind.LABELLED,
        re.compile(rf"[\u4e00-\u9fff]{{0,4}}?(?:事项|任务|问题)({_CN}|\d{{1,2}}){_SP}[：:]"),
    ),
    (MarkerKind.CN_PAREN, re.compile(rf"[（(]{_SP}({_CN}){_SP}[）)][、．.]?")),
    (
        MarkerKind.DOTTED,
        re.compile(rf"(\d{{1,2}}(?:[.．]\d{{1,2}}){{1,3}})[.．、]?(?![\d{_UNIT_START}])"),
    ),
    (
        MarkerKind.ARABIC_DOT,
        re.compile(r"(\d{1,6})[ \t]*[.．、](?![.．]|\d(?!\d{0,3}(?:月|年|日前|日之前)))"),
    ),
    (MarkerKind.ARABIC_PAREN, re.compile(rf"[（(]{_SP}(\d{{1,5}}){_SP}[）)][、．.]?")),
    (MarkerKind.ARABIC_HALF, re.compile(r"(\d{1,3})[）)]")),
    # ``——`` before a digit is a report's dateline (——2024年1月10日在…会议上), no bullet
    (MarkerKind.BULLET, re.compile(r"([-*+])(?=[ \t\u3000])|([•●○■□◆◇▪▶►])|——(?=[^—\s\d])")),
)
_OUTLINE_HEAD = re.compile(rf"(\d{{1,2}})[ \t\u3000]+(?=[\u4e00-\u9fff])(?![{_UNIT_START}])")
"""``1 总体目标``: the top level of a decimal outline (1 / 1.1 / 1.1.1), a number, a space and
a short heading with no punctuation (so ``12 个乡镇…`` or a table row is no heading)."""
_OUTLINE_HEAD_MAX = 15
_ENCLOSED_KIND = {
    "circled": MarkerKind.CIRCLED,
    "paren": MarkerKind.ARABIC_PAREN,
    "dot": MarkerKind.ARABIC_DOT,
}
_BARE_ALLOWED = frozenset(
    {
        MarkerKind.CHAPTER,
        MarkerKind.SECTION,
        MarkerKind.ARTICLE,
        MarkerKind.CN_COMMA,
        MarkerKind.CN_PAREN,
        MarkerKind.ARABIC_PAREN,
    }
)
"""Kinds that may stand alone on a line, their title on the next line."""
_INLINE = re.compile(
    r"([一二三四五六七八九十]{1,2})(是|要)|第([一二三四五六七八九十]{1,2})[，,、]"
)
"""一是 / 二要, and 第一，/ 第二， (the comma belongs to the marker)."""
_INLINE_BOUNDARY = frozenset("\n。；;：:！!？?）)")


_KEY_SIGNS = re.compile(r"[★☆▲△◎※][★☆▲△◎※ \t\u3000]*")
"""Key-item signs written before an item's number (``★1.``): part of its marker as written."""


def match_marker(line: str) -> Marker | None:
    """The marker opening ``line`` (already stripped), or None for plain text."""
    if not line:
        return None
    signs = _KEY_SIGNS.match(line)
    if signs is not None:
        found = match_marker(line[signs.end() :])
        if found is None or found.kind is MarkerKind.BULLET:
            return None
        start = line[: signs.end()]
        return replace(found, text=start.rstrip() + found.text, content=found.content + len(start))
    enclosed = enclosed_number(line[0])
    if enclosed is not None:
        kind = _ENCLOSED_KIND[enclosed[0]]
        return Marker(kind, line[0], enclosed[1], _skip_space(line, 1))
    for kind, pattern in _PATTERNS:
        match = pattern.match(line)
        if match is None:
            continue
        number_text = match.group(1) or ""
        dotted = kind is MarkerKind.DOTTED
        depth = number_text.count(".") + number_text.count("．") if dotted else 0
        number = cn_to_int(re.split(r"[.．]", number_text)[-1]) if number_text else None
        content = _skip_space(line, match.end())
        if content >= len(line) and kind not in _BARE_ALLOWED:
            return None
        return Marker(kind, match.group(0).strip(), number, content, depth)
    return _outline_head(line)


def _outline_head(line: str) -> Marker | None:
    match = _OUTLINE_HEAD.match(line)
    if match is None:
        return None
    heading = line[match.end() :].rstrip()
    if len(heading) > _OUTLINE_HEAD_MAX or re.search(r"[\s，,。；;：:、！？!?（）()]", heading):
        return None
    return Marker(MarkerKind.DOTTED, match.group(1), int(match.group(1)), match.end(), 0)


def line_starts_inline(line: str) -> bool:
    """Whether a line starts with an inline marker such as 一是 or 二要."""
    match = _INLINE.match(line)
    return match is not None and len(line) > match.end()


def find_inline_items(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """Inline items 一是…二是… (or 第一，…第二，…) in ``text[start:end]``.

    Returned as (marker start, content start, marker).

    A marker counts only at a sentence boundary and in sequence (一, 二, 三 …), so words
    like 统一是 never split a paragraph. Fewer than two items means no inline list.
    """
    found: list[tuple[int, int, str]] = []
    expected = 1
    for match in _INLINE.finditer(text, start, end):
        number = match.group(1) or match.group(3)
        if cn_to_int(number) != expected or not _at_boundary(text, start, match.start()):
            continue
        if match.end() >= end or text[match.end()] in "，,。":
            continue
        found.append((match.start(), match.end(), match.group(0).rstrip("，,、")))
        expected += 1
    return found if len(found) >= 2 else []


def _at_boundary(text: str, start: int, pos: int) -> bool:
    index = pos - 1
    while index >= start and text[index] in " \t\u3000":
        index -= 1
    return index < start or text[index] in _INLINE_BOUNDARY


def _skip_space(line: str, pos: int) -> int:
    while pos < len(line) and line[pos] in " \t\u3000":
        pos += 1
    return pos
