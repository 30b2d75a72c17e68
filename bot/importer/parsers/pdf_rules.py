"""Ruled tables in PDFs: where a table's drawn horizontal rules fall between its text lines.

A table printed without a 序号 column has nothing in its text that says where a row ends and
the next begins: a cell wrapped over three lines looks like three rows. Its borders say it. The
page's content stream is read for the horizontal lines it strokes or fills (``m``/``l`` paths,
thin ``re`` rectangles, under the current transformation matrix), and a :data:`ROW_RULE` line is
put into the laid-out page text wherever such a rule falls between two text lines. pypdf's
layout mode gives each text line's baseline: its line grouping is replayed (a private module,
pypdf is pinned), and any mismatch with the page text leaves the text as it was.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

ROW_RULE = "\u241e"
"""A line of its own in page text: a horizontal rule is drawn here (never a text character)."""

_Matrix = tuple[float, float, float, float, float, float]
_Point = tuple[float, float]
_IDENTITY: _Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
_PAINT = frozenset({b"S", b"s", b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*"})
_MIN_RULE = 20.0
"""Shortest horizontal segment (points) taken for a rule: shorter ones are glyph strokes."""
_FLAT = 2.0
"""Highest a filled rectangle may be to be a rule drawn as a thin bar."""


def with_row_rules(page: Any, text: str) -> str:
    """``text`` (the page laid out by pypdf) with :data:`ROW_RULE` lines where rules fall."""
    try:
        rules = horizontal_rules(page.get_contents())
        if not rules:
            return text
        baselines = _baselines(page)
    except Exception:  # an odd content stream: the text as it was
        return text
    out: list[str] = []
    previous: float | None = None
    index = 0
    for line in text.split("\n"):
        if line.strip():
            if index >= len(baselines) or baselines[index][1] != line.strip():
                return text  # pypdf grouped the lines otherwise: no rules rather than wrong ones
            y = baselines[index][0]
            index += 1
            if previous is not None and any(y < rule < previous for rule in rules):
                out.append(ROW_RULE)
            previous = y
        out.append(line)
    return "\n".join(out)


def horizontal_rules(contents: Any) -> list[float]:
    """The heights of the long horizontal lines a content stream paints."""
    if contents is None:
        return []
    ctm, stack = _IDENTITY, []
    path: list[tuple[_Point, _Point]] = []
    current: _Point | None = None
    rules: set[float] = set()
    for operands, operator in contents.operations:
        if operator == b"q":
            stack.append(ctm)
        elif operator == b"Q":
            ctm = stack.pop() if stack else _IDENTITY
        elif operator == b"cm" and len(operands) == 6:
            ctm = _multiply(tuple(float(v) for v in operands), ctm)  # type: ignore[arg-type]
        elif operator == b"m" and len(operands) == 2:
            current = _apply(ctm, float(operands[0]), float(operands[1]))
        elif operator == b"l" and len(operands) == 2 and current is not None:
            point = _apply(ctm, float(operands[0]), float(operands[1]))
            path.append((current, point))
            current = point
        elif operator == b"re" and len(operands) == 4:
            path.extend(_rectangle(ctm, *(float(v) for v in operands)))
        elif operator in _PAINT:
            rules.update(_flat_heights(path))
            path = []
        elif operator == b"n":
            path = []  # a clipping path, not painted
    return sorted(rules)


def _rectangle(
    ctm: _Matrix, x: float, y: float, w: float, h: float
) -> list[tuple[_Point, _Point]]:
    low, high = _apply(ctm, x, y), _apply(ctm, x + w, y + h)
    if abs(high[1] - low[1]) <= _FLAT:  # a thin bar: one rule through its middle
        middle = (low[1] + high[1]) / 2
        return [((low[0], middle), (high[0], middle))]
    return [(low, (high[0], low[1])), ((low[0], high[1]), high)]


def _flat_heights(path: Sequence[tuple[_Point, _Point]]) -> list[float]:
    return [
        round((a[1] + b[1]) / 2, 1)
        for a, b in path
        if abs(a[1] - b[1]) < 1 and abs(a[0] - b[0]) >= _MIN_RULE
    ]


def _apply(m: _Matrix, x: float, y: float) -> _Point:
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


def _multiply(m: _Matrix, n: _Matrix) -> _Matrix:
    return (
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    )


def _baselines(page: Any) -> list[tuple[float, str]]:
    """Each non-blank line of pypdf's layout text with its height on the page, in order."""
    from pypdf._text_extraction import _layout_mode  # private, replayed as pypdf lays out
    from pypdf.generic import ContentStream

    contents = page.get("/Contents").get_object()
    operations = iter(ContentStream(contents, page.pdf, "bytes").operations)
    groups = _layout_mode.text_show_operations(operations, page._layout_mode_fonts(), True, None)
    if not groups:
        return []
    lines = _layout_mode.y_coordinate_groups(groups, None)
    width = _layout_mode.fixed_char_width(groups, 1.25)
    found = []
    for y, group in lines.items():
        text = _layout_mode.fixed_width_page({y: group}, width, False, 1).strip()
        if text:
            found.append((float(y), text))
    return found
