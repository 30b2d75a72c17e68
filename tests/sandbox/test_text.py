"""Tests for message text handling: UTF-16 lengths, trimming, auto-detected entities."""

from __future__ import annotations

import pytest

from sandbox.text import FormattedText, clean_entities, detect_entities, entity_text, utf16_len


def test_utf16_len_counts_surrogate_pairs() -> None:
    """Characters beyond the BMP count twice, CJK and ASCII once."""
    assert utf16_len("a中😀") == 4


def test_stripped_trims_whitespace_and_clips_entities() -> None:
    """Leading/trailing whitespace goes, and entities shift and shrink with it."""
    text = FormattedText("  hi there \n", ({"type": "bold", "offset": 0, "length": 5},))
    assert text.stripped() == FormattedText(
        "hi there", ({"type": "bold", "offset": 0, "length": 3},)
    )


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("/start", [("bot_command", "/start")]),
        ("/plan@duban_test_bot now", [("bot_command", "/plan@duban_test_bot")]),
        ("see https://example.org/a.", [("url", "https://example.org/a")]),
        ("mail me@example.org", [("email", "me@example.org")]),
        ("hi @alice_1 #plan2024", [("mention", "@alice_1"), ("hashtag", "#plan2024")]),
        ("a/b and 1/2", []),
    ],
)
def test_detects_entities_telegram_finds_itself(text: str, found: list[tuple[str, str]]) -> None:
    """Commands, URLs, emails, mentions and hashtags are detected in plain text."""
    entities = sorted(detect_entities(text), key=lambda e: e["offset"])
    assert [(e["type"], entity_text(text, e)) for e in entities] == found


def test_no_detection_inside_code() -> None:
    """Nothing is auto-detected inside code, pre or links."""
    code = {"type": "code", "offset": 0, "length": 6}
    assert FormattedText("/start", (code,)).with_auto_entities().entities == (code,)


def test_clean_entities_drops_out_of_range_ones() -> None:
    """Explicit entities outside the text or malformed are dropped."""
    entities = [
        {"type": "bold", "offset": 0, "length": 2},
        {"type": "bold", "offset": 1, "length": 9},
        {"type": "italic"},
        "junk",
    ]
    assert clean_entities("abc", entities) == ({"type": "bold", "offset": 0, "length": 2},)
