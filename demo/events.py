"""What the demo's transcript is made of: time headers, chat bubbles, taps, toasts and notes.

Plain frozen values, filled in by :mod:`demo.journal` from the sandbox and turned into
terminal text by :mod:`demo.transcript`. ``shown=False`` marks an event that happened to a
person off-stage: it is kept for the full transcript file and summarised on screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

#: A stretch of text, ``[start, end)`` in code points.
Span = tuple[int, int]
Rows = tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class Header:
    """A new simulated moment: ``── 周四 09:00 · 周调度 ──``."""

    at: datetime
    title: str


@dataclass(frozen=True, slots=True)
class Note:
    """A line of narration (who did what off-stage, what the demo set up)."""

    text: str


@dataclass(frozen=True, slots=True)
class Bubble:
    """One message: from the bot (left) or a person (right).

    ``chat`` names where it appeared: the person a private message went to, or the group.
    ``sender`` is the person who wrote it (``None`` for the bot). For an edit, ``changed``
    lists the lines (by index) that differ from the version shown before (empty: all).
    """

    chat: str
    sender: str | None
    text: str
    bold: tuple[Span, ...] = ()
    buttons: Rows = ()
    attachment: str | None = None
    edited: bool = False
    shown: bool = True
    changed: tuple[int, ...] = ()
    full: bool = False  # never abbreviated (the digest and the review in the group)

    @property
    def from_bot(self) -> bool:
        """Whether the bot wrote it."""
        return self.sender is None


@dataclass(frozen=True, slots=True)
class Tap:
    """A person tapped an inline button; ``row`` is the keyboard row it sat in."""

    chat: str
    sender: str
    button: str
    row: tuple[str, ...]
    shown: bool = True


@dataclass(frozen=True, slots=True)
class Toast:
    """The bot's short answer to a tap (the toast or alert a client shows)."""

    chat: str
    text: str
    alert: bool = False
    shown: bool = True


Event = Header | Note | Bubble | Tap | Toast
