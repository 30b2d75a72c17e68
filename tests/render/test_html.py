"""HTML helpers: escaping user text and splitting long messages cleanly."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.render.html import MAX_MESSAGE, esc, split_html, truncate, utf16_len, visible_text

_TAG = re.compile(r"<(/?)([a-z-]+)[^>]*>")


def _balanced(chunk: str) -> bool:
    stack: list[str] = []
    for match in _TAG.finditer(chunk):
        if match.group(1):
            if not stack or stack.pop() != match.group(2):
                return False
        else:
            stack.append(match.group(2))
    return not stack


def test_escape_makes_markup_harmless() -> None:
    """`<`, `>`, `&` and quotes from users never become markup."""
    assert esc('<b>A & "B"</b>') == "&lt;b&gt;A &amp; &quot;B&quot;&lt;/b&gt;"
    assert esc(42) == "42"


def test_short_text_is_one_chunk() -> None:
    """A message under the limit is sent as it is."""
    assert split_html("<b>你好</b>") == ["<b>你好</b>"]


def test_blank_text_gives_no_chunks() -> None:
    """A text with nothing visible is not sent (Telegram would refuse it)."""
    assert split_html("  \n<b> </b>") == []


def test_split_at_line_boundaries_with_tags_reopened() -> None:
    """A bold block across the cut is closed in one chunk and reopened in the next."""
    lines = [f"第{i}行 " + "内容" * 20 for i in range(300)]
    text = "<b>" + "\n".join(lines) + "</b>"
    chunks = split_html(text)
    assert len(chunks) > 1
    for chunk in chunks:
        assert utf16_len(chunk) <= MAX_MESSAGE
        assert chunk.startswith("<b>")
        assert chunk.endswith("</b>")
        assert _balanced(chunk)
    rejoined = "\n".join(visible_text(chunk) for chunk in chunks)
    assert rejoined == visible_text(text)


def test_one_huge_line_is_cut_outside_entities() -> None:
    """A single line longer than a message is cut between characters, not inside `&amp;`."""
    text = "<i>" + esc("a&b<c " * 2000) + "</i>"
    chunks = split_html(text)
    assert len(chunks) > 1
    for chunk in chunks:
        assert utf16_len(chunk) <= MAX_MESSAGE
        assert _balanced(chunk)
        assert not re.search(r"&[a-z]*$", chunk.removesuffix("</i>"))
    assert "".join(visible_text(c) for c in chunks) == visible_text(text)


def test_astral_characters_count_double() -> None:
    """Emoji are two UTF-16 units, as Telegram counts them."""
    assert utf16_len("😀") == 2
    chunks = split_html("😀" * 3000)
    assert all(utf16_len(chunk) <= MAX_MESSAGE for chunk in chunks)


def test_truncate() -> None:
    """Long plain values are shortened with an ellipsis."""
    assert truncate("abcdef", 4) == "abc…"
    assert truncate("abc", 4) == "abc"


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["", "b", "i", "code"]), st.text(max_size=400)),
        max_size=60,
    ),
    st.integers(min_value=300, max_value=MAX_MESSAGE),
)
def test_split_keeps_every_character_and_limit(parts: list[tuple[str, str]], limit: int) -> None:
    """Any escaped text with tags splits into balanced chunks under the limit, losing nothing."""
    text = "\n".join(f"<{t}>{esc(s)}</{t}>" if t else esc(s) for t, s in parts)
    chunks = split_html(text, limit)
    for chunk in chunks:
        assert utf16_len(chunk) <= limit
        assert _balanced(chunk)
    seen = "".join(visible_text(chunk) for chunk in chunks)
    assert re.sub(r"\s", "", seen) == re.sub(r"\s", "", visible_text(text))
