"""The transcript renderer: bubbles, buttons, taps, headers, edits, cuts and folding."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from demo.cells import BOLD, cell_width, wrap_text
from demo.events import Bubble, Header, Note, Tap, Toast
from demo.transcript import (
    Style,
    abbreviate,
    button_label,
    excerpt,
    name_list,
    render_bubble,
    render_event,
    render_events,
    render_header,
)

PLAIN = Style(width=80, color=False, lang="zh")
TZ = ZoneInfo("Asia/Shanghai")


def widths(lines: list[str]) -> set[int]:
    """The terminal widths of some lines."""
    return {cell_width(line) for line in lines}


def test_bot_bubble_is_a_left_box_named_after_the_chat() -> None:
    """The bot's message sits left in a box titled ``🤖 → name``, edges aligned."""
    lines = render_bubble(Bubble("张伟（县发改委）", None, "📋 本周调度\n请反馈"), PLAIN)
    assert lines[0].startswith("╭─ 🤖 → 张伟（县发改委） ")
    assert lines[-1].startswith("╰")
    assert len(widths(lines)) == 1


def test_person_bubble_is_right_aligned_to_the_width() -> None:
    """What a person sends ends at the right edge of the terminal."""
    lines = render_bubble(Bubble("张伟", "张伟", "/report"), PLAIN)
    assert widths(lines) == {80}
    assert lines[1].rstrip().endswith("│")
    assert lines[1].startswith(" " * 40)


def test_buttons_are_drawn_in_brackets_and_wrap_between_buttons() -> None:
    """Inline buttons show as ``[ label ]``; a row too wide wraps between buttons."""
    bubble = Bubble("张伟", None, "本周进展如何？", buttons=(("正常推进", "滞后"),))
    assert "│ [ 正常推进 ] [ 滞后 ]" in "\n".join(render_bubble(bubble, PLAIN))
    narrow = Style(width=30)
    rows = (("1 🟢正常", "1 ✅完成", "1 🟡滞后", "1 🔴受阻"),)
    lines = render_bubble(Bubble("张伟", None, "x", buttons=rows), narrow)
    assert all("[ 1" in line or "x" in line or "─" in line for line in lines)
    assert not any(line.rstrip(" │").endswith("[") for line in lines)


def test_the_tapped_button_is_marked() -> None:
    """A tap shows the keyboard row with a tick on the button pressed."""
    tap = Tap("李娜", "李娜", "1 🟡滞后", ("1 🟢正常", "1 🟡滞后"))
    text = "\n".join(render_event(tap, PLAIN))
    assert "👆 [ 1 🟢正常 ] [✓ 1 🟡滞后 ]" in text
    assert button_label("滞后", tapped=True) == "[✓ 滞后 ]"


def test_bold_uses_ansi_only_with_colour() -> None:
    """Bold entities become ANSI bold on a terminal, and plain text otherwise."""
    bubble = Bubble("群", None, "周调度通报", bold=((0, 5),))
    assert BOLD not in "\n".join(render_bubble(bubble, PLAIN))
    assert BOLD + "周调度通报" in "\n".join(render_bubble(bubble, Style(color=True)))


def test_long_messages_are_cut_with_a_note() -> None:
    """Past ``max_lines`` the rest is summarised as ``… （还有 N 行 …）``."""
    text = "\n".join(f"第 {n} 行" for n in range(1, 31))
    lines = render_bubble(Bubble("王丽", None, text), Style(max_lines=5))
    body = "\n".join(lines)
    assert "第 4 行" in body
    assert "第 5 行" not in body
    assert "还有 26 行" in body


def test_full_bubbles_and_the_full_style_are_never_cut() -> None:
    """The group's digest (``full``) and the transcript file show every line."""
    text = "\n".join(f"line {n}" for n in range(30))
    assert "line 29" in "\n".join(render_bubble(Bubble("g", None, text, full=True), PLAIN))
    assert "line 29" in "\n".join(render_bubble(Bubble("g", None, text), Style(max_lines=None)))


def test_abbreviate_keeps_short_lists() -> None:
    """Nothing is cut when the message fits."""
    lines = wrap_text("a\nb", (), 10)
    assert abbreviate(lines, PLAIN) == lines


def test_an_edit_shows_only_what_changed_with_context() -> None:
    """An edited prompt shows the changed lines, the line before each, and ``⋯`` for gaps."""
    text = "标题\n待反馈 2 项\n\n1. 二产创新驱动\n   ✔️ 本周已反馈：滞后\n2. 招商引资\n说明"
    shown, _ = excerpt(text, (), (1, 4))
    assert shown.split("\n") == [
        "标题",
        "待反馈 2 项",
        "⋯",
        "1. 二产创新驱动",
        "   ✔️ 本周已反馈：滞后",
        "⋯",
    ]
    bubble = Bubble("李娜", None, text, edited=True, changed=(1, 4))
    rendered = "\n".join(render_bubble(bubble, PLAIN))
    assert "✏️ 已更新" in rendered
    assert "2. 招商引资" not in rendered
    assert "2. 招商引资" in "\n".join(render_bubble(bubble, Style(full=True)))


def test_excerpt_moves_bold_spans_with_their_lines() -> None:
    """A bold span on a kept line points at the same words afterwards."""
    text = "aaa\nb\nc"
    shown, spans = excerpt(text, ((6, 7),), (2,))
    assert shown == "⋯\nb\nc"
    assert spans == ((4, 5),)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("zh", "── 2024年7月25日 周四 09:00 · 周调度 "), ("en", "── 2024-07-25 Thu 09:00 · 周调度 ")],
)
def test_header_names_the_simulated_moment(lang: str, expected: str) -> None:
    """A time step is a rule with the date, weekday, time and what happens."""
    header = Header(datetime(2024, 7, 25, 9, 0, tzinfo=TZ), "周调度")
    lines = render_header(header, Style(width=60, lang=lang))
    assert lines[0] == ""
    assert lines[1].startswith(expected)
    assert cell_width(lines[1]) == 60


def test_offstage_events_fold_into_one_note() -> None:
    """Messages to people off-stage are counted and named, not drawn."""
    events = [
        Bubble("刘芳（县发改委）", None, "prompt", shown=False),
        Tap("刘芳（县发改委）", "刘芳（县发改委）", "1 🟢正常", ("1 🟢正常",), shown=False),
        Toast("刘芳（县发改委）", "已记录", shown=False),
        Bubble("杨帆（县发改委）", None, "prompt", shown=False),
        Bubble("王丽", None, "✅ 已交办"),
    ]
    lines = render_events(events, PLAIN)
    assert lines[0] == "  • 另有 3 条消息未逐条显示（刘芳（县发改委）、杨帆（县发改委））"
    assert "✅ 已交办" in lines[2]
    assert len(render_events(events, Style(full=True))) > len(lines)


def test_a_note_after_offstage_events_tells_them_alone() -> None:
    """When the scenario narrates what happened off-stage, the count is left out."""
    events = [Bubble("刘芳", None, "prompt", shown=False), Note("其余的人也反馈了。")]
    assert render_events(events, PLAIN) == ["  • 其余的人也反馈了。"]


def test_name_lists_are_shortened() -> None:
    """Past six names the list says how many there are in all."""
    names = [f"人{n}" for n in range(8)]
    assert name_list(names, "zh") == "人0、人1、人2、人3、人4、人5 等 8 人"
    assert name_list(names[:2], "en") == "人0, 人1"


def test_toasts_show_under_the_tap() -> None:
    """The bot's toast after a tap is a short indented line."""
    assert render_event(Toast("李娜", "已记录：🟡 滞后"), PLAIN) == ["    💬 已记录：🟡 滞后"]
