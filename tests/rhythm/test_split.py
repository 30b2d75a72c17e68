"""Splitting long HTML under Telegram's limit with tags kept balanced."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.rhythm.split import split_message, utf16_len


class _Balance(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.stack: list[str] = []
        self.ok = True

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack.pop() != tag:
            self.ok = False


def balanced(html: str) -> bool:
    """Every tag closes in order and none stays open."""
    parser = _Balance()
    parser.feed(html)
    parser.close()
    return parser.ok and not parser.stack


def _text(html: str) -> str:
    return re.sub(r"<[^>]+>|\s", "", html)


def test_short_message_is_one_chunk() -> None:
    """A message under the limit is returned as is."""
    assert split_message("<b>短</b>") == ["<b>短</b>"]


def test_split_prefers_section_boundaries() -> None:
    """Sections separated by blank lines are not cut when a whole one fits."""
    sections = [
        f"<b>第{i}部分</b>\n" + "\n".join(f"• 事项{i}-{j}" for j in range(20)) for i in range(12)
    ]
    html = "\n\n".join(sections)
    chunks = split_message(html, 600)
    assert len(chunks) > 1
    for chunk in chunks:
        assert utf16_len(chunk) <= 600
        assert chunk.startswith("<b>第")  # every chunk starts at a section
    assert _text("".join(chunks)) == _text(html)


def test_long_line_is_cut_with_tags_reopened() -> None:
    """A single overlong bold line is cut between characters and each part stays bold."""
    html = "<b>" + "字" * 2500 + "</b>"
    chunks = split_message(html, 1000)
    assert [utf16_len(c) for c in chunks] == [1000, 1000, 521]
    assert all(c.startswith("<b>") and c.endswith("</b>") for c in chunks)


def test_never_cuts_inside_entity_or_tag() -> None:
    """Entities and tags are atomic."""
    html = "\n".join(
        f'<a href="https://e.x/{i}">链接&amp;{i}</a> &lt;说明&gt;' for i in range(200)
    )
    for chunk in split_message(html, 257):
        assert balanced(chunk)
        assert not re.search(r"&[#a-zA-Z0-9]*$", chunk.split("<")[0])
        assert chunk.count("<") == chunk.count(">")


def test_utf16_counts_emoji_twice() -> None:
    """Telegram counts UTF-16 units: an emoji outside the BMP is two."""
    assert utf16_len("🔴a") == 3
    chunks = split_message("🔴" * 100, 50)
    assert [utf16_len(c) for c in chunks] == [50, 50, 50, 50]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["", "b", "i", "code"]),
            st.text(alphabet="ab 中文\n&<>", min_size=0, max_size=80),
        ),
        min_size=1,
        max_size=60,
    ),
    st.integers(min_value=60, max_value=400),
)
def test_chunks_fit_balance_and_keep_text(parts: list[tuple[str, str]], limit: int) -> None:
    """Any mix of tags and escaped text splits into balanced chunks that keep all the text."""
    from html import escape

    html = "".join(
        f"<{tag}>{escape(text)}</{tag}>" if tag else escape(text) for tag, text in parts
    )
    chunks = split_message(html, limit)
    for chunk in chunks:
        assert utf16_len(chunk) <= limit
        assert balanced(chunk)
    assert _text("".join(chunks)) == _text(html)


@pytest.mark.parametrize("limit", [4096, 1000])
def test_limit_default_and_custom(limit: int) -> None:
    """The default limit is Telegram's 4096."""
    html = "\n".join("x" * 90 for _ in range(100))
    chunks = split_message(html, limit) if limit != 4096 else split_message(html)
    assert all(utf16_len(c) <= limit for c in chunks)
