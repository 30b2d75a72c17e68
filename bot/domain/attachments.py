"""Evidence files on reports and close-out requests, kept with their kind.

Stored as ``photo:<file_id>:<file_unique_id>`` (or ``document:``, ``video:``), so the bot can
send each back the way Telegram needs (a photo's file id only works with sendPhoto) and tell the
same file sent again: Telegram gives the same photo a new ``file_id`` each time it is sent or
forwarded, while its ``file_unique_id`` stays the same. Telegram ids never contain ``:``.

Earlier versions stored ``<kind>:<file_id>``, and before that a bare file id (read as a
document): these still load and send, and with no unique id known their file id stands for the
file (:attr:`Attachment.identity`), so they count as they always did.
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
    """One evidence file: its kind, the Telegram file id the bot sends it by, and its
    ``file_unique_id`` when known (not for files stored by earlier versions)."""

    kind: AttachmentKind
    file_id: str
    unique_id: str | None = None

    @property
    def identity(self) -> str:
        """What makes two attachments the same file: the unique id, else the file id."""
        return self.unique_id or self.file_id

    def stored(self) -> str:
        """The stored form, ``<kind>:<file_id>:<file_unique_id>`` (``<kind>:<file_id>``
        without a unique id)."""
        if self.unique_id:
            return f"{self.kind.value}:{self.file_id}:{self.unique_id}"
        return f"{self.kind.value}:{self.file_id}"

    @classmethod
    def parse(cls, stored: str) -> Attachment:
        """The attachment a stored string names (a bare file id is a document)."""
        kind, sep, rest = stored.partition(":")
        if sep and kind in _KINDS:
            file_id, _, unique_id = rest.partition(":")
            return cls(AttachmentKind(kind), file_id, unique_id or None)
        return cls(AttachmentKind.DOCUMENT, stored)


_KINDS = frozenset(kind.value for kind in AttachmentKind)


def parse_all(stored: Iterable[str]) -> tuple[Attachment, ...]:
    """Every stored attachment, in order."""
    return tuple(Attachment.parse(item) for item in stored)


def identity(stored: str) -> str:
    """The identity (:attr:`Attachment.identity`) of a stored attachment."""
    return Attachment.parse(stored).identity


def normalised(stored: Iterable[str]) -> tuple[str, ...]:
    """Stored forms with the kind always spelled out (bare ids become documents)."""
    return tuple(Attachment.parse(item).stored() for item in stored if item)


def distinct(stored: Iterable[str]) -> tuple[str, ...]:
    """Stored forms without a file already listed (same :attr:`~Attachment.identity`), the
    first sending of each kept."""
    seen: set[str] = set()
    kept = []
    for item in stored:
        if (key := identity(item)) not in seen:
            seen.add(key)
            kept.append(item)
    return tuple(kept)


def count_by_kind(stored: Iterable[str]) -> dict[AttachmentKind, int]:
    """How many of each kind, in the enum's order, kinds with none left out."""
    counts = Counter(a.kind for a in parse_all(stored))
    return {kind: counts[kind] for kind in AttachmentKind if counts[kind]}
