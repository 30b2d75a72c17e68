"""Tests for HTML character reference decoding."""

from __future__ import annotations

from sandbox.charrefs import decode_char_reference


def test_decode_char_reference_reports_its_end() -> None:
    """Decoding returns the character and the index after the optional semicolon."""
    assert decode_char_reference("x&amp;y", 1) == ("&", 6)
    assert decode_char_reference("&lt x", 0) == ("<", 3)
    assert decode_char_reference("&bogus;", 0) == (None, 0)
