"""Evidence files keep their kind: ``photo:<id>``, ``document:<id>``; bare old ids are files."""

from __future__ import annotations

import pytest

from bot.domain.attachments import (
    Attachment,
    AttachmentKind,
    count_by_kind,
    normalised,
    parse_all,
)
from bot.render.common import attachments_line


@pytest.mark.parametrize(
    ("stored", "kind", "file_id"),
    [
        ("photo:AgACAgIAAxk-_1", AttachmentKind.PHOTO, "AgACAgIAAxk-_1"),
        ("document:BQACAgIAAxk", AttachmentKind.DOCUMENT, "BQACAgIAAxk"),
        ("video:BAACAgIAAxk", AttachmentKind.VIDEO, "BAACAgIAAxk"),
        ("BQACAgIAAxk", AttachmentKind.DOCUMENT, "BQACAgIAAxk"),  # stored before kinds
        ("sticker:CAACAgIAAxk", AttachmentKind.DOCUMENT, "sticker:CAACAgIAAxk"),
    ],
)
def test_stored_forms_parse(stored: str, kind: AttachmentKind, file_id: str) -> None:
    """The kind before the colon; a bare id (or an unknown kind) reads as a document."""
    assert Attachment.parse(stored) == Attachment(kind, file_id)


def test_new_files_are_stored_with_their_kind() -> None:
    """Normalising spells the kind out and round-trips through parsing."""
    stored = normalised(["photo:p1", "d1", ""])
    assert stored == ("photo:p1", "document:d1")
    assert tuple(a.stored() for a in parse_all(stored)) == stored


def test_counted_by_kind_in_both_languages() -> None:
    """Two photos and a file are counted as such, not as three attachments."""
    stored = ("photo:p1", "old-bare-id", "photo:p2")
    assert count_by_kind(stored) == {AttachmentKind.PHOTO: 2, AttachmentKind.DOCUMENT: 1}
    assert attachments_line(stored, "zh") == "附件：2 张图片、1 个文件"
    assert attachments_line(stored, "en") == "Attachments: 2 photos, 1 file"
