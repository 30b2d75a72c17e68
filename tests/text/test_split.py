"""The one splitter: long HTML cut under Telegram's limit, tags balanced, sections kept whole."""

from __future__ import annotations

import ast
import re
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import bot.text
from bot.text.split import MAX_MESSAGE, split_html, utf16_len, visible_text
from tests.text import split_reference


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
    assert split_html("<b>短</b>") == ["<b>短</b>"]


def test_split_prefers_section_boundaries() -> None:
    """Sections separated by blank lines are not cut when a whole one fits."""
    sections = [
        f"<b>第{i}部分</b>\n" + "\n".join(f"• 事项{i}-{j}" for j in range(20)) for i in range(12)
    ]
    html = "\n\n".join(sections)
    chunks = split_html(html, 600)
    assert len(chunks) > 1
    for chunk in chunks:
        assert utf16_len(chunk) <= 600
        assert chunk.startswith("<b>第")  # every chunk starts at a section
    assert _text("".join(chunks)) == _text(html)


def test_long_line_is_cut_with_tags_reopened() -> None:
    """A single overlong bold line is cut between characters and each part stays bold."""
    html = "<b>" + "字" * 2500 + "</b>"
    chunks = split_html(html, 1000)
    assert [utf16_len(c) for c in chunks] == [1000, 1000, 521]
    assert all(c.startswith("<b>") and c.endswith("</b>") for c in chunks)


def test_never_cuts_inside_entity_or_tag() -> None:
    """Entities and tags are atomic."""
    html = "\n".join(
        f'<a href="https://e.x/{i}">链接&amp;{i}</a> &lt;说明&gt;' for i in range(200)
    )
    for chunk in split_html(html, 257):
        assert balanced(chunk)
        assert not re.search(r"&[#a-zA-Z0-9]*$", chunk.split("<")[0])
        assert chunk.count("<") == chunk.count(">")


def test_utf16_counts_emoji_twice() -> None:
    """Telegram counts UTF-16 units: an emoji outside the BMP is two."""
    assert utf16_len("🔴a") == 3
    chunks = split_html("🔴" * 100, 50)
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
    html = "".join(
        f"<{tag}>{escape(text)}</{tag}>" if tag else escape(text) for tag, text in parts
    )
    chunks = split_html(html, limit)
    for chunk in chunks:
        assert utf16_len(chunk) <= limit
        assert balanced(chunk)
    assert _text("".join(chunks)) == _text(html)


@pytest.mark.parametrize("limit", [4096, 1000])
def test_limit_default_and_custom(limit: int) -> None:
    """The default limit is Telegram's 4096."""
    html = "\n".join("x" * 90 for _ in range(100))
    chunks = split_html(html, limit) if limit != 4096 else split_html(html)
    assert all(utf16_len(c) <= limit for c in chunks)


# -- moved from tests/render/test_html.py (the renderers' former splitter) -------------------


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
        assert balanced(chunk)
    rejoined = "\n".join(visible_text(chunk) for chunk in chunks)
    assert rejoined == visible_text(text)


def test_one_huge_line_is_cut_outside_entities() -> None:
    """A single line longer than a message is cut between characters, not inside `&amp;`."""
    text = "<i>" + escape("a&b<c " * 2000) + "</i>"
    chunks = split_html(text)
    assert len(chunks) > 1
    for chunk in chunks:
        assert utf16_len(chunk) <= MAX_MESSAGE
        assert balanced(chunk)
        assert not re.search(r"&[a-z]*$", chunk.removesuffix("</i>"))
    assert "".join(visible_text(c) for c in chunks) == visible_text(text)


def test_astral_characters_count_double() -> None:
    """Emoji are two UTF-16 units, as Telegram counts them."""
    assert utf16_len("😀") == 2
    chunks = split_html("😀" * 3000)
    assert all(utf16_len(chunk) <= MAX_MESSAGE for chunk in chunks)


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
    text = "\n".join(f"<{t}>{escape(s)}</{t}>" if t else escape(s) for t, s in parts)
    chunks = split_html(text, limit)
    for chunk in chunks:
        assert utf16_len(chunk) <= limit
        assert balanced(chunk)
    seen = "".join(visible_text(chunk) for chunk in chunks)
    assert re.sub(r"\s", "", seen) == re.sub(r"\s", "", visible_text(text))


def test_the_text_package_stays_pure() -> None:
    """bot.text imports no Telegram code, so the pure rhythm package may use it."""
    for path in Path(bot.text.__file__).parent.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        names |= {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
        assert not {n for n in names if n.split(".")[0] in ("telegram", "tinydb", "storage")}
        assert not {n for n in names if n.startswith(("bot.render", "bot.services"))}


def _tagged(tag: str, inner: str) -> str:
    return f"<{tag}>{inner}</{tag.split()[0]}>" if tag else inner


_TAGS = st.sampled_from(["", "b", "i", "code", "a href='x'"])


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(_TAGS, _TAGS, st.text(alphabet="ab 中文\n&<>🔴", min_size=0, max_size=80)),
        min_size=1,
        max_size=60,
    ),
    st.integers(min_value=20, max_value=400),
    st.sampled_from(["", "\n", "\n\n", " ", "</i>"]),
)
def test_cuts_where_the_first_splitter_did(
    parts: list[tuple[str, str, str]], limit: int, glue: str
) -> None:
    """Every cut is where the splitter as first written (one object per character) put it,
    nested tags and stray closing tags included."""
    html = glue.join(_tagged(outer, _tagged(inner, escape(text))) for outer, inner, text in parts)
    assert split_html(html, limit) == split_reference.split_html(html, limit)


_TEXT_PIECES = ("a", " ", "\n", "\n\n\n", "中", "🔴", "\U0010ffff", "&amp;", "&#123;", "&", ";")
_RAW = st.sampled_from((*_TEXT_PIECES, "<b>", "</b>", "<", ">", "<a href='x\ny'>", "</a>"))


@settings(max_examples=300, deadline=None)
@given(st.lists(_RAW, min_size=1, max_size=400), st.integers(min_value=5, max_value=120))
def test_raw_markup_is_cut_where_the_first_splitter_did(pieces: list[str], limit: int) -> None:
    """Markup as it comes (a stray ``<``, a tag across a line break, entities, blank lines
    run together, characters beyond the BMP) is tokenised and cut as first written."""
    html = "".join(pieces)
    assert split_html(html, limit) == split_reference.split_html(html, limit)
