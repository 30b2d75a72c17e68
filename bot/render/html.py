"""HTML for Telegram messages: escaping and shortening user text; splitting is in
:mod:`bot.text.split` (pure, shared with the rhythm) and re-exported here for the renderers.

Telegram counts a message's length in UTF-16 code units after parsing entities, at most 4096.
"""

from __future__ import annotations

import html

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

#: Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): in user
#: text they would reorder what follows them in the bot's message ("Trojan Source"), e.g. make
#: 进度 80% read as 进度 %08. Marks (U+200E/U+200F) and joiners stay: they reorder nothing.
_BIDI_CONTROLS = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)])


def esc(value: object) -> str:
    """``value`` as text safe to put inside an HTML message (``<``, ``>``, ``&``, quotes),
    without the bidirectional controls that could reorder the message around it."""
    return html.escape(str(value).translate(_BIDI_CONTROLS), quote=True)


def truncate(value: str, limit: int, ellipsis: str = "…") -> str:
    """Plain ``value`` cut to at most ``limit`` characters (escape it afterwards)."""
    return value if len(value) <= limit else value[: max(limit - len(ellipsis), 0)] + ellipsis
