"""Close-out evidence: the draft gathered over several messages, and re-reading an edit.

Each message of evidence becomes :class:`~bot.domain.work.Evidence` pieces (its text, each of
its files) with who sent it and when; :class:`CloseoutDraft` holds them until the person
submits (see :mod:`bot.services.closeout.closeouts`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from bot.domain.plan import Measure
from bot.domain.work import Evidence


@dataclass(frozen=True, slots=True)
class CloseoutDraft:
    """Evidence gathered for a close-out request that is not submitted yet."""

    measure: Measure
    team_id: str
    items: tuple[Evidence, ...] = ()

    @property
    def texts(self) -> tuple[str, ...]:
        """The texts, in order."""
        return tuple(i.text for i in self.items if i.text)

    @property
    def files(self) -> tuple[str, ...]:
        """The files, in order."""
        return tuple(i.attachment for i in self.items if i.attachment)

    def sourced(self, message_id: int) -> bool:
        """Whether a piece came from this message."""
        return any(i.source_message_id == message_id for i in self.items)


def joined(items: Sequence[Evidence]) -> str | None:
    """The texts of the evidence, one paragraph each (what older readers show)."""
    return "\n".join(i.text for i in items if i.text) or None


def retexted(
    items: Sequence[Evidence], message_id: int, text: str | None, by: str, at: datetime
) -> tuple[Evidence, ...]:
    """The evidence with the text from ``message_id`` replaced (dropped when empty, added at
    the end when that message had no text)."""
    kept: list[Evidence] = []
    done = False
    for item in items:
        if item.source_message_id != message_id or item.text is None:
            kept.append(item)
        elif text and not done:
            kept.append(replace(item, text=text))
            done = True
    if text and not done:
        kept.append(Evidence(at, by, text, None, message_id))
    return tuple(kept)
