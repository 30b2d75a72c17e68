"""The splitter as first written (a token object per character, every cut found by walking
them): the oracle the faster :mod:`bot.text.split` is compared with in ``test_split.py``."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.text.split import MAX_MESSAGE, utf16_len, visible_text

_TOKEN = re.compile(r"<[^>]*>|&#?[a-zA-Z0-9]{1,10};|\n\n|[\s\S]")
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)[^>]*>")
_BREAKS = ("\n", "\n\n")
_BREAK_RANK = {"\n\n": 3, "\n": 2, " ": 1}

Stack = tuple[tuple[str, str], ...]  # (tag name, full opening tag), outermost first


@dataclass(frozen=True, slots=True)
class _Token:
    text: str
    size: int  # UTF-16 code units
    stack: Stack  # tags open after this token
    closing: int  # UTF-16 code units of the closing tags of ``stack``


def split_html(text: str, limit: int = MAX_MESSAGE) -> list[str]:
    """``text`` cut into messages of at most ``limit`` UTF-16 units, each with balanced tags
    and some visible text (a blank text gives no message at all)."""
    if utf16_len(text) <= limit:
        return [text] if visible_text(text).strip() else []
    tokens = _tokenize(text)
    chunks: list[str] = []
    start = _skip_breaks(tokens, 0)
    while start < len(tokens):
        before = tokens[start - 1].stack if start else ()
        end = _cut(tokens, start, before, limit)
        body = "".join(t.text for t in tokens[start:end]).rstrip("\n")
        chunks.append(_openers(before) + body + _closers(tokens[end - 1].stack))
        start = _skip_breaks(tokens, end)
    return [chunk for chunk in chunks if visible_text(chunk).strip()]


def _tokenize(text: str) -> list[_Token]:
    stack: list[tuple[str, str]] = []
    tokens = []
    frozen: Stack = ()
    closing = 0
    for piece in _TOKEN.findall(text):
        if piece[0] == "<" and (match := _TAG.fullmatch(piece)):  # only a tag moves the stack
            if match.group(1):
                names = [name for name, _ in stack]
                if match.group(2) in names:
                    del stack[len(names) - 1 - names[::-1].index(match.group(2)) :]
            else:
                stack.append((match.group(2), piece))
            frozen = tuple(stack)
            closing = utf16_len(_closers(frozen))
        size = 1 if len(piece) == 1 and piece < "\U00010000" else utf16_len(piece)
        tokens.append(_Token(piece, size, frozen, closing))
    return tokens


def _skip_breaks(tokens: list[_Token], index: int) -> int:
    while index < len(tokens) and tokens[index].text in _BREAKS:
        index += 1
    return index


def _cut(tokens: list[_Token], start: int, before: Stack, limit: int) -> int:
    """The end (exclusive) of the message starting at ``start``: the best break that fits."""
    used = utf16_len(_openers(before))
    latest: dict[int, tuple[int, int]] = {}  # rank -> (end, size used up to it)
    end = start
    while end < len(tokens):
        used += tokens[end].size
        if used + tokens[end].closing > limit and end > start:
            break
        end += 1
        rank = 4 if end == len(tokens) else _BREAK_RANK.get(tokens[end - 1].text, 0)
        latest[rank] = (end, used)
    roomy = [rank for rank, (_, size) in latest.items() if size * 2 >= limit]
    return latest[max(roomy or latest)][0]


def _openers(stack: Stack) -> str:
    return "".join(opening for _, opening in stack)


def _closers(stack: Stack) -> str:
    return "".join(f"</{name}>" for name, _ in reversed(stack))
