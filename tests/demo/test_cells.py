"""Terminal text cell by cell: widths, wrapping (CJK, words, punctuation), bold, painting."""

from __future__ import annotations

import pytest

from demo.cells import BOLD, NORMAL, Cells, cell_width, paint, styled, wrap_cells, wrap_text


def text_of(lines: list[Cells]) -> list[str]:
    """Wrapped cells back to plain strings."""
    return ["".join(g for g, _ in line) for line in lines]


@pytest.mark.parametrize(
    ("text", "cells"),
    [("abc", 3), ("县发改委", 8), ("🟢", 2), ("✔️", 2), ("1 🟡滞后", 8), ("", 0)],
)
def test_cell_width_counts_cjk_and_emoji_as_two(text: str, cells: int) -> None:
    """CJK characters and emoji take two terminal cells, ASCII one."""
    assert cell_width(text) == cells


def test_wrapping_breaks_between_cjk_characters() -> None:
    """A line of Chinese wraps anywhere between characters, never past the width."""
    lines = text_of(wrap_text("请反馈以下任务的本周进展截止周五", (), 10))
    assert lines == ["请反馈以下", "任务的本周", "进展截止周", "五"]


def test_wrapping_keeps_words_together_and_drops_the_break_space() -> None:
    """Latin words move to the next line whole; the space at the break is dropped."""
    assert text_of(wrap_text("weekly check-in sent", (), 12)) == ["weekly", "check-in", "sent"]


def test_a_word_longer_than_the_line_is_cut() -> None:
    """A URL longer than a whole line is split across lines."""
    lines = text_of(wrap_text("https://t.me/duban_bot?start=abcdef", (), 10))
    assert "".join(lines) == "https://t.me/duban_bot?start=abcdef"
    assert max(cell_width(line) for line in lines) <= 10


def test_closing_punctuation_never_starts_a_line() -> None:
    """A full stop that would open a line takes the character before it along."""
    lines = text_of(wrap_text("期间不发送提醒。", (), 14))
    assert lines == ["期间不发送提", "醒。"]


def test_bold_spans_follow_the_text_through_wrapping() -> None:
    """Bold flags stay on the characters the entity covered."""
    lines = wrap_text("反馈情况 应报", ((0, 4),), 40)
    assert [bold for _, bold in lines[0]] == [True] * 4 + [False] * 3


def test_wrap_cells_of_nothing_is_one_empty_line() -> None:
    """An empty line stays one (empty) line."""
    assert wrap_cells([], 10) == [[]]


def test_paint_draws_bold_runs_only_with_colour() -> None:
    """Flagged graphemes are wrapped in ANSI bold when colour is on, plain otherwise."""
    cells = styled("周报", bold=True) + styled(" 正文")
    assert paint(cells, color=False) == "周报 正文"
    assert paint(cells, color=True) == f"{BOLD}周报{NORMAL} 正文"
