"""Evidence files on reports and close-out requests, kept with their kind.

Stored as ``photo:<file_id>``, ``document:<file_id>`` or ``video:<file_id>``, so the bot can send
each back the way Telegram needs (a photo's file id only works with sendPhoto). Telegram file
ids never contain ``:``; ids stored bare by earlier versions are read as documents.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class AttachmentKind(StrEnum):
    """What Telegram says the file is."""

    PHOTO = "photo"
    DOCUMENT = "document"
    VIDEO = "video"


@dataclass(frozen=True, slots=True)
class Attachment:
    """One evidence file: its kind and Telegram file id."""

    kind: AttachmentKind
    file_id: str

    def stored(self) -> str:
        """The stored form, ``<kind>:<file_id>``."""
        return f"{self.kind.value}:{self.file_id}"

    @classmethod
    def parse(cls, stored: str) -> Attachment:
        """The attachment a stored string names (a bare file id is a document)."""
        kind, sep, file_id = stored.partition(":")
        if sep and kind in _KINDS:
            return cls(AttachmentKind(kind), file_id)
        return cls(AttachmentKind.DOCUMENT, stored)


_KINDS = frozenset(kind.value for kind in AttachmentKind)


def parse_all(stored: Iterable[str]) -> tuple[Attachment, ...]:
    """Every stored attachment, in order."""
    return tuple(Attachment.parse(item) for item in stored)


def normalised(stored: Iterable[str]) -> tuple[str, ...]:
    """Stored forms with the kind always spelled out (bare ids become documents)."""
    return tuple(Attachment.parse(item).stored() for item in stored if item)


def count_by_kind(stored: Iterable[str]) -> dict[AttachmentKind, int]:
    """How many of each kind, in the enum's order, kinds with none left out."""
    counts = Counter(a.kind for a in parse_all(stored))
    return {kind: counts[kind] for kind in AttachmentKind if counts[kind]}
