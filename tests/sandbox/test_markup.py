"""Tests for Telegram's HTML formatting parser."""

from __future__ import annotations

import html

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sandbox.markup import EntityParseError, parse_html


@pytest.mark.parametrize(
    ("markup", "text", "entities"),
    [
        ("<b>bold</b> <strong>s</strong>", "bold s", [("bold", 0, 4), ("bold", 5, 1)]),
        ("<i>a</i><em>b</em>", "ab", [("italic", 0, 1), ("italic", 1, 1)]),
        ("<u>a</u><ins>b</ins>", "ab", [("underline", 0, 1), ("underline", 1, 1)]),
        (
            "<s>a</s><strike>b</strike><del>c</del>",
            "abc",
            [("strikethrough", 0, 1), ("strikethrough", 1, 1), ("strikethrough", 2, 1)],
        ),
        (
            '<span class="tg-spoiler">x</span><tg-spoiler>y</tg-spoiler>',
            "xy",
            [("spoiler", 0, 1), ("spoiler", 1, 1)],
        ),
        ("<code>x</code>", "x", [("code", 0, 1)]),
        ("<pre>x</pre>", "x", [("pre", 0, 1)]),
        ("<blockquote>q</blockquote>", "q", [("blockquote", 0, 1)]),
        ("<blockquote expandable>q</blockquote>", "q", [("expandable_blockquote", 0, 1)]),
        ("<B>upper</B>", "upper", [("bold", 0, 5)]),
        ("<b>outer <i>inner</i></b>", "outer inner", [("bold", 0, 11), ("italic", 6, 5)]),
        ("<b></b>x", "x", []),
    ],
)
def test_tags_become_entities(
    markup: str, text: str, entities: list[tuple[str, int, int]]
) -> None:
    """Each supported tag becomes its entity type with the covered offset and length."""
    parsed = parse_html(markup)
    assert parsed.text == text
    assert [(e["type"], e["offset"], e["length"]) for e in parsed.entities] == entities


def test_offsets_count_utf16_code_units() -> None:
    """An emoji outside the BMP counts as two units, like Telegram's offsets."""
    parsed = parse_html("😀<b>a😀</b>中<i>文</i>")
    assert [(e["offset"], e["length"]) for e in parsed.entities] == [(2, 3), (6, 1)]
    assert parsed.length == 7


def test_pre_with_code_language_becomes_one_pre_entity() -> None:
    """``<pre><code class="language-x">`` is a single pre entity with its language."""
    parsed = parse_html('<pre><code class="language-python">x = 1</code></pre>')
    assert parsed.entities == ({"type": "pre", "offset": 0, "length": 5, "language": "python"},)


def test_links_and_mentions() -> None:
    """``<a href>`` gives text_link; ``tg://user?id=`` gives text_mention for a known user."""
    users = {5: {"id": 5, "is_bot": False, "first_name": "Bo"}}
    parsed = parse_html(
        '<a href="https://e.org/?a=1&amp;b=2">l</a> <a href="tg://user?id=5">Bo</a>',
        users=users.get,
    )
    link, mention = parsed.entities
    assert link["url"] == "https://e.org/?a=1&b=2"
    assert mention == {"type": "text_mention", "offset": 2, "length": 2, "user": users[5]}


def test_custom_emoji_keeps_its_id() -> None:
    """``<tg-emoji emoji-id>`` gives a custom_emoji entity."""
    parsed = parse_html('<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>')
    assert parsed.entities[0]["custom_emoji_id"] == "5368324170671202286"


@pytest.mark.parametrize(
    ("markup", "text"),
    [
        ("a &lt; b &gt; c &amp; d &quot;", 'a < b > c & d "'),
        ("&#60;&#x3C;&#X3c;", "<<<"),
        ("&#128512;", "😀"),
        ("AT&T &nbsp; &#;", "AT&T &nbsp; &#;"),
    ],
)
def test_character_references(markup: str, text: str) -> None:
    """The four named entities and numeric ones decode; other ``&`` stay as Telegram keeps them."""
    assert parse_html(markup).text == text


@pytest.mark.parametrize(
    ("markup", "message"),
    [
        ("<b>x", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<foo>x</foo>", 'Unsupported start tag "foo" at byte offset 0'),
        ("1 < 2", 'Unsupported start tag "" at byte offset 2'),
        ("x</b>", "Unexpected end tag at byte offset 1"),
        ("<b><i>x</b></i>", 'Unmatched end tag at byte offset 7, expected "</i>", found "</b>"'),
        ("<b", "Unclosed start tag at byte offset 0"),
        ("<b>x</b", "Unclosed end tag at byte offset 4"),
        ('<span class="x">s</span>', 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
        (
            '<a href="x" bad>y</a>',
            'Expected equal sign in declaration of an attribute of the tag "a" at byte offset 0',
        ),
        ("中<foo>", 'Unsupported start tag "foo" at byte offset 3'),
        ('<tg-emoji emoji-id="abc">x</tg-emoji>', "Invalid custom emoji identifier specified"),
    ],
)
def test_malformed_markup_is_rejected_with_tdlib_messages(markup: str, message: str) -> None:
    """Malformed HTML raises with the message Telegram puts after "can't parse entities: "."""
    with pytest.raises(EntityParseError) as caught:
        parse_html(markup)
    assert str(caught.value) == message


def test_strict_mode_rejects_a_bare_ampersand() -> None:
    """``strict_ampersand`` flags an unescaped ``&`` that real Telegram would keep."""
    with pytest.raises(EntityParseError, match='Unescaped "&" at byte offset 2'):
        parse_html("AT&T", strict_ampersand=True)
    assert parse_html("AT&amp;T", strict_ampersand=True).text == "AT&T"


@given(st.text())
def test_escaped_text_survives_unchanged(text: str) -> None:
    """Any text passed through ``html.escape`` parses back to itself with no entities."""
    parsed = parse_html(html.escape(text), strict_ampersand=True)
    assert parsed.text == text
    assert parsed.entities == ()
