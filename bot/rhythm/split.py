"""Split long Telegram HTML into messages under the limit, keeping tags balanced.

Cuts prefer, in order: a blank line (between sections), a line break, a space, and finally any
point between two characters; never inside a tag or an entity such as ``&amp;``. Tags open at a
cut are closed at the end of the message and re-opened at the start of the next one. Lengths are
counted in UTF-16 code units of the raw HTML, which is stricter than Telegram's own count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_MESSAGE = 4096
_TOKEN = re.compile(r"<[^>]*>|&#?[a-zA-Z0-9]{1,10};|\n\n|[\s\S]")
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)[^>]*>")
_BREAK_RANK = {"\n\n": 3, "\n": 2, " ": 1}


@dataclass(frozen=True, slots=True)
class _Token:
    text: str
    size: int  # UTF-16 code units
    stack: tuple[tuple[str, str], ...]  # tags open after this token: (name, opening tag)


def utf16_len(text: str) -> int:
    """The length Telegram counts: UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def split_message(html: str, limit: int = MAX_MESSAGE) -> list[str]:
    """``html`` cut into messages of at most ``limit`` UTF-16 units, each with balanced tags."""
    if utf16_len(html) <= limit:
        return [html]
    tokens = _tokenize(html)
    chunks: list[str] = []
    start = 0
    while start < len(tokens):
        start = _skip_breaks(tokens, start)
        if start >= len(tokens):
            break
        before = tokens[start - 1].stack if start else ()
        end = _cut(tokens, start, before, limit)
        body = "".join(t.text for t in tokens[start:end]).rstrip("\n ")
        chunks.append(_openers(before) + body + _closers(tokens[end - 1].stack))
        start = end
    return [chunk for chunk in chunks if chunk.strip()]


def _tokenize(html: str) -> list[_Token]:
    stack: list[tuple[str, str]] = []
    tokens = []
    for text in _TOKEN.findall(html):
        match = _TAG.fullmatch(text)
        if match and match.group(1):
            names = [name for name, _ in stack]
            if match.group(2) in names:
                del stack[len(names) - 1 - names[::-1].index(match.group(2)) :]
        elif match:
            stack.append((match.group(2), text))
        tokens.append(_Token(text, utf16_len(text), tuple(stack)))
    return tokens


def _skip_breaks(tokens: list[_Token], index: int) -> int:
    while index < len(tokens) and tokens[index].text in ("\n", "\n\n"):
        index += 1
    return index


def _cut(tokens: list[_Token], start: int, before: tuple[tuple[str, str], ...], limit: int) -> int:
    """The end (exclusive) of the message starting at ``start``: the best break that fits.

    The strongest kind of break in the second half of the room wins, the latest of its kind.
    """
    used = utf16_len(_openers(before))
    latest: dict[int, tuple[int, int]] = {}  # rank -> (end, size used up to it)
    end = start
    while end < len(tokens):
        used += tokens[end].size
        if used + utf16_len(_closers(tokens[end].stack)) > limit and end > start:
            break
        end += 1
        rank = 4 if end == len(tokens) else _BREAK_RANK.get(tokens[end - 1].text, 0)
        latest[rank] = (end, used)
    roomy = [rank for rank, (_, size) in latest.items() if size * 2 >= limit]
    return latest[max(roomy or latest)][0]


def _openers(stack: tuple[tuple[str, str], ...]) -> str:
    return "".join(opening for _, opening in stack)


def _closers(stack: tuple[tuple[str, str], ...]) -> str:
    return "".join(f"</{name}>" for name, _ in reversed(stack))
