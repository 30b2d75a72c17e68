"""HTML for Telegram messages: escaping, and splitting long texts cleanly under the size limit.

Telegram counts a message's length in UTF-16 code units after parsing entities, at most 4096.
Counting the raw HTML (tags included) is stricter, so a chunk that passes here always fits.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

MAX_MESSAGE = 4096
MAX_CAPTION = 1024
_RESERVE = 256  # room for re-opened and closing tags when a single long line is cut
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s[^>]*)?)>")
_TOKEN = re.compile(r"<[^>]*>|&[#a-zA-Z0-9]{1,10};|[\s\S]")
_VOID_TAGS = frozenset({"br"})

Stack = tuple[tuple[str, str], ...]  # (tag name, full opening tag), outermost first


def esc(value: object) -> str:
    """``value`` as text safe to put inside an HTML message (``<``, ``>``, ``&``, quotes)."""
    return html.escape(str(value), quote=True)


def utf16_len(text: str) -> int:
    """The length Telegram sees: UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def visible_text(markup: str) -> str:
    """The text a reader sees: tags removed and entities decoded."""
    return html.unescape(_TAG.sub("", markup))


def truncate(value: str, limit: int, ellipsis: str = "…") -> str:
    """Plain ``value`` cut to at most ``limit`` characters (escape it afterwards)."""
    return value if len(value) <= limit else value[: max(limit - len(ellipsis), 0)] + ellipsis


def split_html(text: str, limit: int = MAX_MESSAGE) -> list[str]:
    """Split HTML into chunks of at most ``limit``, at line boundaries, with tags balanced.

    Tags open at a cut are closed at the end of the chunk and re-opened at the start of the next.
    A single line longer than a chunk is cut between characters, never inside a tag or entity.
    Chunks with no visible text are dropped.
    """
    if utf16_len(text) <= limit:
        return [text] if visible_text(text).strip() else []
    chunks: list[str] = []
    stack: Stack = ()
    head = ""
    body = ""
    for piece, joiner in _pieces(text, max(limit - _RESERVE, 1)):
        after = _advance(stack, piece)
        added = (joiner if body else "") + piece
        if body and utf16_len(head + body + added + _closers(after)) > limit:
            chunks.append(head + body + _closers(stack))
            head, body, added = _openers(stack), "", piece
        body += added
        stack = after
    chunks.append(head + body + _closers(stack))
    return [chunk for chunk in chunks if visible_text(chunk).strip()]


def _pieces(text: str, budget: int) -> Iterator[tuple[str, str]]:
    """Lines (joined by a newline), with overlong ones cut into pieces (joined by nothing)."""
    for line in text.split("\n"):
        if utf16_len(line) <= budget:
            yield line, "\n"
            continue
        joiner = "\n"
        piece, size = "", 0
        for token in _TOKEN.findall(line):
            width = utf16_len(token)
            if piece and size + width > budget:
                yield piece, joiner
                joiner, piece, size = "", "", 0
            piece += token
            size += width
        yield piece, joiner


def _advance(stack: Stack, piece: str) -> Stack:
    """The open tags after ``piece``, given those open before it."""
    tags = list(stack)
    for match in _TAG.finditer(piece):
        closing, name = match.group(1) == "/", match.group(2).lower()
        if name in _VOID_TAGS:
            continue
        if not closing:
            tags.append((name, match.group(0)))
            continue
        for index in range(len(tags) - 1, -1, -1):
            if tags[index][0] == name:
                del tags[index:]
                break
    return tuple(tags)


def _openers(stack: Stack) -> str:
    return "".join(opening for _, opening in stack)


def _closers(stack: Stack) -> str:
    return "".join(f"</{name}>" for name, _ in reversed(stack))
