"""Bidirectional controls in user text, dropped wherever the bot shows that text again.

Embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) in a report would reorder what
follows them where the bot shows it ("Trojan Source"): in a message, 进度 80% could read as
进度 %08; in a ledger cell, the same. Marks (U+200E/U+200F) and joiners stay: they reorder
nothing. Messages (:func:`bot.render.html.esc`) and workbook cells
(:func:`bot.text.cells.safe_cell`) both go through :func:`without_bidi`; the stored text keeps
what was sent.
"""

from __future__ import annotations

#: The controls dropped, as a :meth:`str.translate` table.
BIDI_CONTROLS = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)])


def without_bidi(text: str) -> str:
    """``text`` without bidirectional embeddings, overrides and isolates."""
    return text.translate(BIDI_CONTROLS)
