"""HTML for Telegram messages: escaping and shortening user text; splitting is in
:mod:`bot.text.split` (pure, shared with the rhythm) and re-exported here for the renderers.

Telegram counts a message's length in UTF-16 code units after parsing entities, at most 4096.
"""

from __future__ import annotations

import html

from bot.text.bidi import without_bidi
from bot.text.split import MAX_MESSAGE, split_html, utf16_len, visible_text

__all__ = [
    "MAX_CAPTION",
    "MAX_MESSAGE",
    "esc",
    "split_html",
    "truncate",
    "utf16_len",
    "visible_text",
]

MAX_CAPTION = 1024


def esc(value: object) -> str:
    """``value`` as text safe to put inside an HTML message (``<``, ``>``, ``&``, quotes),
    without the bidirectional controls that could reorder the message around it."""
    return html.escape(without_bidi(str(value)), quote=True)


def truncate(value: str, limit: int, ellipsis: str = "…") -> str:
    """Plain ``value`` cut to at most ``limit`` characters (escape it afterwards)."""
    return value if len(value) <= limit else value[: max(limit - len(ellipsis), 0)] + ellipsis
