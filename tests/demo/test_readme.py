"""The README's transcript excerpt: its pieces, and its refresh from a new transcript."""

from __future__ import annotations

from demo.readme import CUT, excerpt, pieces, refresh

OLD = """intro
<!-- transcript -->
```text
── 周四 09:00 · 周调度 ──
⋯
╭─ 🤖 → 李娜 ─╮
│ 旧的 │
╰─────────────╯
╭─ 🤖 → 赵磊 ─╮
│ 旧 │
╰─────────────╯

── 周五 17:00 · 截止 ──
  • 一行说明
```
<!-- /transcript -->
after
"""

NEW = """── 周四 09:00 · 周调度 ──
╭─ 🤖 → 张伟 ─╮
│ 别人的 │
╰─────────────╯
╭─ 🤖 → 李娜 ──────╮
│ 新的，更宽了 │
╰──────────────────╯
╭─ 🤖 → 王丽 ─╮
│ 新来的提醒 │
╰─────────────╯
╭─ 🤖 → 赵磊 ─╮
│ 新 │
╰─────────────╯
── 周五 17:00 · 截止 ──
  • 一行说明"""


def test_pieces_are_split_at_cuts_and_blank_lines() -> None:
    """Runs of lines between ⋯ and blank lines, each to be found whole in the transcript."""
    found = pieces(excerpt(OLD))
    assert [piece[0] for piece in found] == [
        "── 周四 09:00 · 周调度 ──",
        "╭─ 🤖 → 李娜 ─╮",
        "── 周五 17:00 · 截止 ──",
    ]
    assert len(found[1]) == 6


def test_refresh_takes_each_box_anew_by_its_speaker_and_cuts_what_came_between() -> None:
    """A box is replaced whole by the same speaker's next one, however wide; another message
    now between two shown ones becomes a cut; the text around the block is kept."""
    text = refresh(OLD, NEW)
    assert text.startswith("intro\n<!-- transcript -->\n```text\n")
    assert text.endswith("```\n<!-- /transcript -->\nafter\n")
    shown = excerpt(text).split("\n")
    assert "│ 新的，更宽了 │" in shown
    assert "│ 别人的 │" not in shown
    assert "│ 新来的提醒 │" not in shown
    lina, zhao = shown.index("│ 新的，更宽了 │"), shown.index("│ 新 │")
    assert CUT in shown[lina:zhao]
    for piece in pieces(excerpt(text)):
        assert "\n".join(piece) in NEW
