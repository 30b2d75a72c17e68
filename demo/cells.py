"""Text for the terminal, cell by cell: widths, wrapping and bold.

A line is a list of graphemes, each with a bold flag, so wrapping never splits an emoji or a
combined character and bold survives it. Widths are terminal cells (CJK and most emoji take two,
via wcwidth). Lines break between CJK characters and at spaces between words, never before
closing punctuation (the character before it moves along).
"""

from __future__ import annotations

from collections.abc import Sequence

from wcwidth import iter_graphemes, width

from demo.events import Span

#: A line as graphemes with a bold flag each.
Cells = list[tuple[str, bool]]

BOLD, NORMAL = "\x1b[1m", "\x1b[22m"
#: Punctuation that must not begin a line (it is carried over with the character before it).
NO_LINE_START = frozenset("，。、；：？！）」』”’》〉】,.;:?!)]}%")


def cell_width(text: str) -> int:
    """Terminal cells ``text`` takes (CJK and most emoji count two)."""
    return sum(max(0, width(g)) for g in iter_graphemes(text))


def cells_width(cells: Cells) -> int:
    """Terminal cells a line of graphemes takes."""
    return sum(max(0, width(g)) for g, _ in cells)


def styled(text: str, spans: Sequence[Span] = (), *, bold: bool = False) -> Cells:
    """``text`` as graphemes, bold inside ``spans`` (or throughout with ``bold``)."""
    return _styled(text, [(0, len(text))] if bold else spans)


def wrap_text(text: str, bold: Sequence[Span], limit: int) -> list[Cells]:
    """``text`` (with bold spans in code points) wrapped to ``limit`` cells per line."""
    lines: list[Cells] = []
    start = 0
    for raw in text.split("\n"):
        spans = [(a - start, b - start) for a, b in bold if b > start and a < start + len(raw)]
        lines += wrap_cells(_styled(raw, spans), limit)
        start += len(raw) + 1
    return lines


def wrap_cells(cells: Cells, limit: int) -> list[Cells]:
    """One line of graphemes wrapped greedily: between CJK characters, at spaces between
    words, and inside a word only when it is longer than a whole line."""
    lines: list[Cells] = []
    line: Cells = []
    for token in _tokens(cells):
        token_width = cells_width(token)
        if cells_width(line) + token_width <= limit:
            line += token
            continue
        if token[0][0].isspace():
            lines.append(_rstrip(line))
            line = []
            continue
        if line:
            carried = _carry(line, token)
            lines.append(_rstrip(line))
            line = []
            token = carried + token
        while cells_width(token) > limit:
            cut = _fit(token, limit)
            lines.append(token[:cut])
            token = token[cut:]
        line = list(token)
    lines.append(line)
    return lines


def _rstrip(line: Cells) -> Cells:
    while line and line[-1][0].isspace():
        line = line[:-1]
    return line


def _carry(line: Cells, token: Cells) -> Cells:
    """Take the last character off ``line`` when ``token`` may not begin a line."""
    if len(token) == 1 and token[0][0] in NO_LINE_START and len(line) > 1:
        return [line.pop()]
    return []


def _tokens(cells: Cells) -> list[Cells]:
    """Words of narrow characters, single wide characters, and single spaces."""
    tokens: list[Cells] = []
    word: Cells = []
    for cell in cells:
        grapheme = cell[0]
        if grapheme.isspace() or width(grapheme) != 1:
            if word:
                tokens.append(word)
                word = []
            tokens.append([cell])
        else:
            word.append(cell)
    if word:
        tokens.append(word)
    return tokens


def _fit(token: Cells, limit: int) -> int:
    used = 0
    for index, (grapheme, _) in enumerate(token):
        used += max(0, width(grapheme))
        if used > limit:
            return max(1, index)
    return len(token)


def _styled(text: str, spans: Sequence[Span]) -> Cells:
    cells: Cells = []
    position = 0
    for grapheme in iter_graphemes(text):
        bold = any(a <= position < b for a, b in spans)
        cells.append((grapheme, bold))
        position += len(grapheme)
    return cells


def paint(cells: Cells, *, color: bool) -> str:
    """A line of graphemes as text, with ANSI bold where flagged (if colour is on)."""
    if not color:
        return "".join(g for g, _ in cells)
    out: list[str] = []
    bold = False
    for grapheme, flagged in cells:
        if flagged != bold:
            out.append(BOLD if flagged else NORMAL)
            bold = flagged
        out.append(grapheme)
    if bold:
        out.append(NORMAL)
    return "".join(out)
