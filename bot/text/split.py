"""Split long Telegram HTML into messages under the limit, keeping tags balanced.

The one splitter of the bot: renderers, the paced queue and the rhythm's digests all use
:func:`split_html`. Cuts prefer, in order: a blank line (between sections), a line break, a
space, and finally any point between two characters; never inside a tag or an entity such as
``&amp;``. The strongest kind of break in the second half of the room wins, the latest of its
kind. The line breaks at a cut are dropped (spaces are kept, so no text is lost); tags open at a
cut are closed at the end of the message and re-opened at the start of the next. Chunks with no
visible text are dropped. Lengths are counted in UTF-16 code units of the raw HTML (tags
included), which is stricter than Telegram's own count after parsing entities, so a chunk that
passes here always fits.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import accumulate

MAX_MESSAGE = 4096
#: A text's tokens longer than one character: a tag, an entity, a blank line (first found
#: from left to right; every other character is a token of its own).
_LONGER = re.compile(r"<[^>]*>|&#?[a-zA-Z0-9]{1,10};|\n\n")
_LINE, _SPACE = re.compile("\n"), re.compile(" ")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)[^>]*>")
_BREAKS = ("\n", "\n\n")
_BREAK_RANK = {"\n\n": 3, "\n": 2, " ": 1}

Stack = tuple[tuple[str, str], ...]  # (tag name, full opening tag), outermost first


@dataclass(frozen=True, slots=True)
class _Tokens:
    """A text as tokens (a tag, an entity, a blank line or one character), in parallel lists."""

    texts: list[str]
    ends: list[int]  # UTF-16 units from the start of the text to the end of each token
    stacks: list[Stack]  # tags open after each token
    closing: list[int]  # UTF-16 units of the closing tags of each token's stack
    breaks: dict[int, list[int]]  # rank -> the indices of the tokens of that kind of break
    most_closing: int  # the largest of ``closing``

    def __len__(self) -> int:
        return len(self.texts)


def utf16_len(text: str) -> int:
    """The length Telegram counts: UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def visible_text(markup: str) -> str:
    """The text a reader sees: tags removed and entities decoded."""
    return html.unescape(_TAG.sub("", markup))


def split_html(text: str, limit: int = MAX_MESSAGE) -> list[str]:
    """``text`` cut into messages of at most ``limit`` UTF-16 units, each with balanced tags
    and some visible text (a blank text gives no message at all)."""
    if utf16_len(text) <= limit:
        return [text] if visible_text(text).strip() else []
    tokens = _tokenize(text)
    chunks: list[str] = []
    start = _skip_breaks(tokens, 0)
    while start < len(tokens):
        before = tokens.stacks[start - 1] if start else ()
        end = _cut(tokens, start, before, limit)
        body = "".join(tokens.texts[start:end]).rstrip("\n")
        chunks.append(_openers(before) + body + _closers(tokens.stacks[end - 1]))
        start = _skip_breaks(tokens, end)
    return [chunk for chunk in chunks if visible_text(chunk).strip()]


def _tokenize(text: str) -> _Tokens:
    texts: list[str] = []  # (the characters between the longer tokens, at C speed)
    longer: list[int] = []  # the indices of the longer tokens
    spans: list[tuple[int, int]] = []  # where each is in the text
    merged = [0]  # characters merged into longer tokens up to the end of each
    at = 0
    for token in _LONGER.finditer(text):
        texts += text[at : token.start()]
        longer.append(len(texts))
        texts.append(token.group())
        spans.append(token.span())
        merged.append(merged[-1] + token.end() - token.start() - 1)
        at = token.end()
    texts += text[at:]

    def single(found: Iterable[re.Match[str]]) -> list[int]:
        """The indices of the one-character tokens at these matches (not in a longer one)."""
        indices = []
        for character in found:
            position = character.start()
            before = bisect_right(spans, (position, len(text)))  # longer ones starting by it
            if before and spans[before - 1][1] > position:  # inside the longer one
                continue
            indices.append(position - merged[before])
        return indices

    sizes = list(map(len, texts))  # UTF-16 units: a character beyond the BMP counts two
    tags = [index for index in longer if texts[index][0] == "<"]
    for index in tags:
        sizes[index] = utf16_len(texts[index])
    if utf16_len(text) != len(text):
        for index in single(_ASTRAL.finditer(text)):
            sizes[index] = 2
    breaks = {
        _BREAK_RANK["\n\n"]: [index for index in longer if texts[index] == "\n\n"],
        _BREAK_RANK["\n"]: single(_LINE.finditer(text)),
        _BREAK_RANK[" "]: single(_SPACE.finditer(text)),
    }
    stacks: list[Stack] = []
    closing: list[int] = []
    stack: list[tuple[str, str]] = []
    done = 0  # tokens whose stack is known
    for index in tags:
        match = _TAG.fullmatch(texts[index])
        if match is None:  # only a tag moves the stack
            continue
        stacks += [tuple(stack)] * (index - done)
        closing += [closing[-1] if closing else 0] * (index - done)
        if match.group(1):
            names = [name for name, _ in stack]
            if match.group(2) in names:
                del stack[len(names) - 1 - names[::-1].index(match.group(2)) :]
        else:
            stack.append((match.group(2), texts[index]))
        stacks.append(tuple(stack))
        closing.append(utf16_len(_closers(stacks[-1])))
        done = index + 1
    stacks += [tuple(stack)] * (len(texts) - done)
    closing += [closing[-1] if closing else 0] * (len(texts) - done)
    return _Tokens(texts, list(accumulate(sizes)), stacks, closing, breaks, max(closing))


def _skip_breaks(tokens: _Tokens, index: int) -> int:
    while index < len(tokens) and tokens.texts[index] in _BREAKS:
        index += 1
    return index


def _cut(tokens: _Tokens, start: int, before: Stack, limit: int) -> int:
    """The end (exclusive) of the message starting at ``start``: the best break that fits.

    The message takes tokens while they and the closing tags open after them fit (the first
    always); among the kinds of break it could end at (4: the end of the text, 3: a blank
    line, 2: a line break, 1: a space, 0: any token), the strongest whose latest break leaves
    the message at least half full wins, else the strongest; each kind's latest break."""
    base = utf16_len(_openers(before)) - (tokens.ends[start - 1] if start else 0)
    ends, closing = tokens.ends, tokens.closing  # a message ending at token i holds base + ends[i]
    safe = limit - tokens.most_closing - base  # a token ending within this always fits
    stop = max(start + 1, bisect_right(ends, safe))
    while stop < len(tokens) and base + ends[stop] + closing[stop] <= limit:
        stop += 1
    last = len(tokens) - 1
    latest: dict[int, int] = {}  # rank -> the index of its latest token
    if stop > last:
        latest[4] = last
    inner = min(stop, last)  # tokens before it may end a message as a break
    for rank, found in tokens.breaks.items():
        at = bisect_left(found, inner) - 1
        if at >= 0 and found[at] >= start:
            latest[rank] = found[at]
    plain = inner - 1
    while plain >= start and tokens.texts[plain] in _BREAK_RANK:
        plain -= 1
    if plain >= start:
        latest[0] = plain
    roomy = [rank for rank, index in latest.items() if (base + ends[index]) * 2 >= limit]
    return latest[max(roomy or latest)] + 1


def _openers(stack: Stack) -> str:
    return "".join(opening for _, opening in stack)


def _closers(stack: Stack) -> str:
    return "".join(f"</{name}>" for name, _ in reversed(stack))
