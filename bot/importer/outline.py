"""The outline of a plan: numbered items nested by how their markers are written.

Each line is an item (it opens with a marker or is an explicit heading), an owner line
(``责任单位：…`` applying to the items just above it), or plain text continuing the
item above. Levels come from the order markers appear in: a marker kind already open
closes everything below it and starts a sibling; a new kind opens a child. Inline items
(``一是…二是…``) are split out of each item's own text at the end. Plain text after the
last item (closing remarks, signature, date) belongs to no item.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from itertools import count

from bot.importer.furniture import attachment_list, covering_notice_end, is_cut_tail, is_signature
from bot.importer.markers import MarkerKind, find_inline_items, line_starts_inline, match_marker
from bot.importer.normalise import clean_line, is_artifact_line, split_lines
from bot.importer.owners import has_owner_note, is_owner_line
from bot.importer.parts import is_part_line
from bot.importer.unmarked import unmarked_items

_Key = tuple[str, int, int]
_SPACE = " \t\u3000\n"
_NOT_HEADING = 99
_HEADING_MAX = 40


@dataclass(frozen=True, slots=True)
class Line:
    """A line of the normalised text: ``text[start:end]``."""

    start: int
    end: int
    heading: int | None = None
    """0 for the document title, 1-9 for an explicit heading level, None for body text."""
    indent: int = 0


@dataclass(frozen=True, slots=True)
class SourceText:
    """Normalised text plus its line layout, as every text-like parser produces it."""

    text: str
    lines: tuple[Line, ...]

    @classmethod
    def plain(cls, text: str) -> SourceText:
        """Lines of an already normalised text, one per ``\\n``."""
        lines, start = [], 0
        for piece in text.split("\n"):
            if piece:
                lines.append(Line(start, start + len(piece)))
            start += len(piece) + 1
        return cls(text, tuple(lines))

    @classmethod
    def build(cls, entries: Iterable[tuple[str, int | None, int]]) -> SourceText:
        """Normalised source from (raw line, heading level, indent) entries.

        Each line is cleaned as :func:`~bot.importer.normalise.normalise_text` would clean
        it; artifact and blank lines are dropped.
        """
        parts: list[str] = []
        lines: list[Line] = []
        offset = 0
        for raw, heading, indent in entries:
            for piece in split_lines(raw):
                line = clean_line(piece)
                if not line or is_artifact_line(line):
                    continue
                lines.append(Line(offset, offset + len(line), heading, indent))
                parts.append(line)
                offset += len(line) + 1
        return cls("\n".join(parts), tuple(lines))

    def line_texts(self) -> list[str]:
        """The text of each line."""
        return [self.text[line.start : line.end] for line in self.lines]


@dataclass(frozen=True, slots=True)
class Block:
    """An item of the outline; its own text is ``text[start:end]``."""

    kind: MarkerKind | None
    marker: str | None
    start: int
    head_end: int
    """End of the text before the first inline child (== end without inline children)."""
    end: int
    children: tuple[Block, ...] = ()
    meta: tuple[str, ...] = ()
    """Owner and deadline lines that apply to this item."""


class _Open:
    """An item still being built."""

    def __init__(
        self,
        key: _Key | None,
        kind: MarkerKind | None,
        marker: str | None,
        start: int,
        end: int,
        serial: int,
    ) -> None:
        self.key, self.kind, self.marker = key, kind, marker
        self.start, self.end, self.serial = start, end, serial
        self.line_end = end
        self.children: list[_Open] = []
        self.meta: list[str] = []
        self.noted = False
        """Whether the item's own line carries an owner note."""


def first_item_line(source: SourceText) -> int:
    """Index of the first line that opens a numbered item or heading, or -1."""
    for index, (line, text) in enumerate(zip(source.lines, source.line_texts(), strict=True)):
        if (line.heading or 0) > 0 or match_marker(text) is not None or line_starts_inline(text):
            return index
    return -1


def build_outline(source: SourceText, *, title_lines: frozenset[int] = frozenset()) -> Block:
    """Build the item tree of ``source``; the returned root holds the preamble as its text."""
    texts = source.line_texts()
    items, signatures, last_marked = _classify(source, texts, title_lines)
    serial = count()
    root = _Open(None, None, None, 0, 0, next(serial))
    stack, last_targets = [root], [root]
    pending: list[_Open] = []
    closed = False
    for index, line in enumerate(source.lines):
        field = _unbulleted(texts[index])
        if items[index] is None and is_owner_line(field):
            last_targets = _apply_meta(stack, pending or last_targets, field)
            pending = []
            continue
        if index > last_marked:
            continue
        item = items[index]
        if item is None:
            if signatures[index] and not closed and stack[-1] is not root:
                _drop_closing_text(stack[-1], source.text)
            closed = closed or signatures[index]
            if not closed or stack[-1] is root:
                stack[-1].end = line.end
            continue
        closed = False
        key, kind, marker, content = item
        node = _Open(key, kind, marker, line.start + content, line.end, next(serial))
        node.noted = has_owner_note(source.text[node.start : line.end])
        _place(stack, node, key)
        # an item with its own owner note closes the group an owner line after it may close
        pending = [node] if node.noted else [*pending, node]
    frozen = _freeze(root, source.text, inline=not root.children)
    return frozen if frozen.children else _with_unmarked(frozen, source.text)


def _with_unmarked(root: Block, text: str) -> Block:
    """A root without numbered items gets the unnumbered items its text lists, if any."""
    spans = unmarked_items(text[root.start : root.end])
    if not spans:
        return root
    children = tuple(
        Block(MarkerKind.INLINE, None, root.start + start, root.start + end, root.start + end)
        for start, end in spans
    )
    return replace(root, head_end=children[0].start, children=children)


_Item = tuple[_Key, MarkerKind, str | None, int]


def _classify(
    source: SourceText,
    texts: Sequence[str],
    title_lines: frozenset[int],
) -> tuple[list[_Item | None], list[bool], int]:
    """Each line's item (or None), whether it is a signature line, and the last body line."""
    listed = attachment_list(texts)
    items = [
        None if index in listed else _item(line, text, index in title_lines)
        for index, (line, text) in enumerate(zip(source.lines, texts, strict=True))
    ]
    signatures = [is_signature(texts, index) for index in range(len(texts))]
    _drop_covering_notice(texts, items)
    _drop_cut_tail(texts, items)
    _paragraph_items(texts, items, signatures)
    marked = [
        index
        for index, item in enumerate(items)
        if item is not None or line_starts_inline(texts[index])
    ]
    last = _body_end(texts, items, signatures, marked[-1]) if marked else len(items)
    return items, signatures, last


_PARAGRAPH_KEY: _Key = ("paragraph", 0, 0)
_CONTINUATION = re.compile(r"^(?:其中|此外|另外|同时|对此|具体而言)[，,：:]")
_MIN_NOTED_PARAGRAPHS = 2


def _paragraph_items(
    texts: Sequence[str], items: list[_Item | None], signatures: Sequence[bool]
) -> None:
    """Unnumbered paragraphs under a bare heading are its items when at least two of them
    end in their own owner note (a 工作要点 whose sub-items are set off by indentation only):
    each full sentence then opens an item, except one that goes on from the one before
    (``其中，…``)."""
    heading: int | None = None
    body: list[int] = []
    for index in [*range(len(texts)), len(texts)]:
        item = items[index] if index < len(texts) else None
        if index == len(texts) or item is not None or signatures[index]:
            if heading is not None and _noted_paragraphs(texts, body) >= _MIN_NOTED_PARAGRAPHS:
                for line in body:
                    if _is_full_item(texts[line]) and not _CONTINUATION.match(texts[line]):
                        items[line] = (_PARAGRAPH_KEY, MarkerKind.INLINE, None, 0)
            bare = item is not None and not _is_full_item(texts[index][item[3] :])
            heading, body = (index if bare else None), []
        elif not is_owner_line(texts[index]):
            body.append(index)


def _noted_paragraphs(texts: Sequence[str], body: Sequence[int]) -> int:
    return sum(
        1
        for line in body
        if texts[line].rstrip("。").endswith(("）", ")")) and has_owner_note(texts[line])
    )


def _drop_covering_notice(texts: Sequence[str], items: list[_Item | None]) -> None:
    """Items before the end of a covering notice are the notice's, not the plan's."""
    last_item = max((index for index, item in enumerate(items) if item is not None), default=-1)
    end = covering_notice_end(texts, last_item)
    for earlier in range(end or 0):
        items[earlier] = None


def _drop_cut_tail(texts: Sequence[str], items: list[_Item | None]) -> None:
    """The last item of a copy cut off inside its title is not an item."""
    last = items[-1] if items else None
    if last is None:
        return
    siblings = [
        texts[i][item[3] :]
        for i, item in enumerate(items[:-1])
        if item is not None and item[0] == last[0]
    ]
    if is_cut_tail(texts[-1][last[3] :], siblings):
        items[-1] = None


def _body_end(
    texts: Sequence[str], items: Sequence[_Item | None], signatures: Sequence[bool], last: int
) -> int:
    """Index of the last line that still belongs to the last item.

    Plain text after the last item is closing text, unless that item is a bare heading
    (``三、保障措施``): then its paragraphs follow, up to a signature or date line.
    """
    item = items[last]
    own = texts[last][item[3] :] if item is not None else texts[last]
    if _is_full_item(own):
        return last
    end = last
    while end + 1 < len(texts) and not signatures[end + 1]:
        end += 1
    return end


def _is_full_item(own: str) -> bool:
    """Whether an item's own line is a sentence rather than a bare heading."""
    return "。" in own or len(own) > _HEADING_MAX


def _drop_closing_text(node: _Open, text: str) -> None:
    """Cut paragraphs that lead into a signature off a full item: they are closing remarks."""
    if _is_full_item(text[node.start : node.line_end]):
        node.end = node.line_end


def _item(line: Line, text: str, is_title: bool) -> _Item | None:
    if line.heading == 0 or is_title:
        return None
    marker = match_marker(text)
    if line.heading is not None:
        content = marker.content if marker else 0
        return ("h", line.heading, 0), MarkerKind.HEADING, marker.text if marker else None, content
    if marker is not None:
        if marker.kind is MarkerKind.BULLET and is_owner_line(text[marker.content :]):
            return None  # ``- 牵头单位：X`` under a Markdown list item: a field of that item
        key = (marker.kind.value, marker.depth, line.indent)
        return key, marker.kind, marker.text, marker.content
    if is_part_line(text):
        return ("part", 0, 0), MarkerKind.PART_LINE, None, 0
    return None


def _unbulleted(text: str) -> str:
    """A line without the bullet before it (``- 完成时限：6月底前`` in a Markdown list)."""
    marker = match_marker(text)
    return text[marker.content :] if marker and marker.kind is MarkerKind.BULLET else text


def _place(stack: list[_Open], node: _Open, key: _Key) -> None:
    if key[0] == "h":
        while len(stack) > 1 and _heading_level(stack[-1]) >= key[1]:
            stack.pop()
    elif key[0] == "part":
        del stack[1:]
    else:
        for index in range(len(stack) - 1, 0, -1):
            if stack[index].key == key:
                del stack[index:]
                break
            if _heading_level(stack[index]) < _NOT_HEADING:
                break
    stack[-1].children.append(node)
    stack.append(node)


def _heading_level(node: _Open) -> int:
    """Heading level of an open item; parts rank above every heading, other items below."""
    if node.key is None or node.key[0] == "part":
        return -1
    return node.key[1] if node.key[0] == "h" else _NOT_HEADING


def _apply_meta(stack: list[_Open], targets: Sequence[_Open], text: str) -> list[_Open]:
    parent = stack[-2] if len(stack) > 1 else None
    last = targets[-1] if targets else None
    chosen = [
        node
        for node in targets
        if (parent is None or node.serial > parent.serial) and (node is last or not node.noted)
    ]
    chosen = chosen or [stack[-1]]
    for node in chosen:
        node.meta.append(text)
    return chosen


def _freeze(node: _Open, text: str, *, inline: bool = True) -> Block:
    children = [_freeze(child, text) for child in node.children]
    found = find_inline_items(text, node.start, node.end) if inline else []
    head_end = found[0][0] if found else node.end
    inline_blocks = []
    for index, (_, content, marker) in enumerate(found):
        end = found[index + 1][0] if index + 1 < len(found) else node.end
        end = _rstrip(text, content, end)
        inline_blocks.append(Block(MarkerKind.INLINE, marker, content, end, end))
    return Block(
        node.kind,
        node.marker,
        node.start,
        _rstrip(text, node.start, head_end),
        _rstrip(text, node.start, node.end),
        (*inline_blocks, *children),
        tuple(node.meta),
    )


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in _SPACE:
        end -= 1
    return end
