"""HTML helpers: escaping and shortening user text (splitting is tested in tests/text)."""

from __future__ import annotations

from bot.render import html as render_html
from bot.render.html import esc, truncate
from bot.text import split


def test_escape_makes_markup_harmless() -> None:
    """`<`, `>`, `&` and quotes from users never become markup."""
    assert esc('<b>A & "B"</b>') == "&lt;b&gt;A &amp; &quot;B&quot;&lt;/b&gt;"
    assert esc(42) == "42"


def test_escape_drops_the_controls_that_reorder_text() -> None:
    """Bidi overrides, embeddings and isolates in user text are dropped (they would reorder
    the bot's message around them); marks, joiners and the text itself are kept."""
    sneaky = "进度 \u202e08\u202c% \u2066x\u2069 \u202aa\u202b\u202d"
    assert esc(sneaky) == "进度 08% x a"
    kept = "\u200e\u200f👨\u200d👩 عربي"
    assert esc(kept) == kept


def test_truncate() -> None:
    """Long plain values are shortened with an ellipsis."""
    assert truncate("abcdef", 4) == "abc…"
    assert truncate("abc", 4) == "abc"


def test_renderers_use_the_one_splitter() -> None:
    """Regression: bot.render.html had its own splitter beside bot.rhythm's; now one is kept."""
    assert render_html.split_html is split.split_html
    assert render_html.utf16_len is split.utf16_len
