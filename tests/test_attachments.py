"""Evidence files keep their kind and unique id: ``photo:<id>:<unique id>``; older
``photo:<id>`` and bare ids still read, known by their file id."""

from __future__ import annotations

import pytest

from bot.domain.attachments import (
    Attachment,
    AttachmentKind,
    count_by_kind,
    distinct,
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
    assert Attachment.parse(stored).identity == file_id  # no unique id: the file id


@pytest.mark.parametrize(
    "attachment",
    [
        Attachment(AttachmentKind.PHOTO, "AgACAgIAAxk-_1", "AQADx7Ex"),
        Attachment(AttachmentKind.DOCUMENT, "BQACAgIAAxk", "AgADbQ0"),
        Attachment(AttachmentKind.VIDEO, "BAACAgIAAxk", None),
    ],
)
def test_stored_with_the_unique_id_round_trips(attachment: Attachment) -> None:
    """Kind, file id and unique id come back from the stored form, which old readers of
    ``<kind>:<file id>`` share when there is no unique id."""
    stored = attachment.stored()
    assert Attachment.parse(stored) == attachment
    assert stored.count(":") == (2 if attachment.unique_id else 1)
    assert normalised([stored]) == (stored,)


def test_a_file_is_known_by_its_unique_id_whatever_its_file_id() -> None:
    """The same photo under two file ids is one file; without a unique id, the file id
    tells files apart (and a bare old id is the same file as its ``document:`` form)."""
    again = Attachment.parse("photo:AgAC-2:AQADx7Ex")
    assert Attachment.parse("photo:AgAC-1:AQADx7Ex").identity == again.identity == "AQADx7Ex"
    stored = ("photo:p1:U", "photo:p2:U", "photo:p3:V", "d1", "document:d1", "photo:p1")
    assert distinct(stored) == ("photo:p1:U", "photo:p3:V", "d1", "photo:p1")


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
