"""Lead sentences and titles: the short name a measure or heading goes by."""

from __future__ import annotations

import re

from bot.importer.markers import match_marker

TITLE_MAX = 60
_STOPS = frozenset("。：:；;！!？?")
_OPEN = frozenset("（(“‘《〈【「『[")
_CLOSE = frozenset("）)”’》〉】」』]")
_TRIM = " \t\u3000\n，,、；;。：:！!？?"
_HEADING_LINE_MAX = 40
_FLAGS = "★☆▲△◆◎※* \t\u3000"
"""Signs a plan puts before an item to flag it (★ 重点督办, ▲ 考核事项), explained in a note."""
_OWNER_PAREN = re.compile(
    r"[（(][^（）()]{0,200}?(?:负责|牵头|配合|参与|协助|单位|部门|领导|时限|完成时间|时间节点)"
    r"[^（）()]{0,200}?[）)]"
)


def lead_sentence(text: str) -> str:
    """Text up to the first 。 or ： (or ；！？) outside brackets and quotes.

    A line break also ends the lead sentence when the first line reads like a heading
    (short, no commas); otherwise it is taken as a hard wrap inside the sentence.
    """
    depth = 0
    for index, ch in enumerate(text):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif (depth == 0 and ch in _STOPS) or (ch == "\n" and _heading_like(text[:index])):
            return text[:index]
    stop = next((i for i, ch in enumerate(text) if ch in _STOPS), len(text))
    return text[:stop]


def clean_title(text: str, limit: int = TITLE_MAX) -> str:
    """A display title: owner notes removed, lines joined, ends trimmed, length capped.

    A title over ``limit`` keeps its start: cut at the last comma past half the limit, or at
    the limit, and marked with "…".
    """
    title = _OWNER_PAREN.sub("", text).replace("\n", "").strip(_TRIM).lstrip(_FLAGS).strip(_TRIM)
    if len(title) <= limit:
        return title
    comma = max(title.rfind(mark, 0, limit) for mark in "，,；;")
    cut = comma if comma >= limit // 2 else limit
    return title[:cut].rstrip(_TRIM) + "…"


_FIELD_LABEL = re.compile(r"[\u4e00-\u9fff]{0,2}(?:事项|任务|内容|名称)[ \t\u3000]*[：:]")
"""A field label opening an item (``批示事项：`` ``任务内容：``): the matter follows it."""


def title_of(text: str, limit: int = TITLE_MAX) -> str:
    """The title of an item whose text (after its marker) is ``text``; an item opening with
    a field label (``批示事项：关于…问题``) is titled by what follows the label."""
    label = _FIELD_LABEL.match(text)
    if label is not None and text[label.end() :].strip():
        text = text[label.end() :].lstrip()
    title = clean_title(lead_sentence(text), limit)
    return title or clean_title(text, limit)


def strip_marker(text: str) -> str:
    """Cell or heading text without a leading number such as 一、 or 1."""
    marker = match_marker(text)
    return text[marker.content :] if marker is not None else text


def _heading_like(line: str) -> bool:
    last = line.rsplit("\n", 1)[-1]
    return len(last) <= _HEADING_LINE_MAX and not any(ch in last for ch in "，,")
