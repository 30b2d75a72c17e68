"""Message text as Telegram keeps it: plain text, UTF-16 entities, trimmed, auto-linked."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

Entity = dict[str, Any]

# Entities Telegram detects by itself in any message text, in priority order.
_AUTO_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("url", re.compile(r"\b(?:https?|tg)://[^\s<>\"]+[^\s<>\".,;:!?)\]'’”»]")),
    ("email", re.compile(r"\b[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b")),
    ("bot_command", re.compile(r"(?<![\w/])/[A-Za-z0-9_]{1,64}(?:@[A-Za-z]\w{3,31})?(?!\w)")),
    ("mention", re.compile(r"(?<![\w@])@[A-Za-z]\w{3,31}(?!\w)")),
    ("hashtag", re.compile(r"(?<![\w#])#\w*[^\W\d]\w*")),
)
# Entities inside which nothing is auto-detected.
_OPAQUE = frozenset(
    {"code", "pre", "text_link", "text_mention", "custom_emoji", *(k for k, _ in _AUTO_PATTERNS)}
)


def utf16_len(text: str) -> int:
    """Length of ``text`` in UTF-16 code units, the unit of Telegram's offsets and limits."""
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)


def utf16_offsets(text: str) -> list[int]:
    """``result[i]`` is the UTF-16 offset of code point ``i``; one extra entry for the end."""
    offsets = [0]
    for char in text:
        offsets.append(offsets[-1] + (2 if ord(char) > 0xFFFF else 1))
    return offsets


@dataclass(frozen=True)
class FormattedText:
    """A message text with its entities (offsets and lengths in UTF-16 code units)."""

    text: str
    entities: tuple[Entity, ...] = field(default=())

    @property
    def length(self) -> int:
        """Length in UTF-16 code units, as Telegram's 4096-character limit counts."""
        return utf16_len(self.text)

    def stripped(self) -> FormattedText:
        """Without leading/trailing whitespace, entities clipped to match (Telegram trims)."""
        lead = len(self.text) - len(self.text.lstrip())
        body = self.text.strip()
        lead16 = utf16_len(self.text[:lead])
        end16 = lead16 + utf16_len(body)
        entities = []
        for entity in self.entities:
            start = max(entity["offset"], lead16)
            stop = min(entity["offset"] + entity["length"], end16)
            if stop > start:
                entities.append({**entity, "offset": start - lead16, "length": stop - start})
        return FormattedText(body, tuple(entities))

    def with_auto_entities(self) -> FormattedText:
        """Add the url/email/bot_command/mention/hashtag entities Telegram detects itself."""
        found = detect_entities(self.text, self.entities)
        if not found:
            return self
        merged = sorted([*self.entities, *found], key=lambda e: (e["offset"], -e["length"]))
        return FormattedText(self.text, tuple(merged))


def detect_entities(text: str, existing: Sequence[Entity] = ()) -> list[Entity]:
    """Entities Telegram would detect in ``text`` outside code, links and each other."""
    offsets = utf16_offsets(text)
    taken = [(e["offset"], e["offset"] + e["length"]) for e in existing if e["type"] in _OPAQUE]
    found: list[Entity] = []
    for kind, pattern in _AUTO_PATTERNS:
        for match in pattern.finditer(text):
            start, stop = offsets[match.start()], offsets[match.end()]
            if not _overlaps(start, stop, taken):
                taken.append((start, stop))
                found.append({"type": kind, "offset": start, "length": stop - start})
    return found


def _overlaps(start: int, stop: int, ranges: Iterable[tuple[int, int]]) -> bool:
    return any(start < other_stop and other_start < stop for other_start, other_stop in ranges)


def clean_entities(text: str, entities: Iterable[Any]) -> tuple[Entity, ...]:
    """Explicit ``entities`` from a request, keeping only well-formed ones inside the text."""
    total = utf16_len(text)
    kept: list[Entity] = []
    for entity in entities:
        if not isinstance(entity, dict) or not isinstance(entity.get("type"), str):
            continue
        offset, length = entity.get("offset"), entity.get("length")
        if not (isinstance(offset, int) and isinstance(length, int)):
            continue
        if length > 0 and offset >= 0 and offset + length <= total:
            kept.append(dict(entity))
    return tuple(sorted(kept, key=lambda e: (e["offset"], -e["length"])))


def entity_text(text: str, entity: Entity) -> str:
    """The part of ``text`` an entity covers."""
    encoded = text.encode("utf-16-le")
    start, stop = entity["offset"] * 2, (entity["offset"] + entity["length"]) * 2
    return encoded[start:stop].decode("utf-16-le")
