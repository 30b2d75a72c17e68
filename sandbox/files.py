"""Uploaded files, kept in memory: ids that ``getFile`` resolves and paths ``/file/`` serves.

As in Telegram, a file sent in a new message gets a new ``file_id`` each time, while its
``file_unique_id`` is the same for the same content (and, for a photo, the same size).
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import mimetypes
import struct
from dataclasses import dataclass
from typing import Any

#: Longest side of the sizes Telegram makes of a photo (it keeps the largest <= 2560).
PHOTO_SIDES = (90, 320, 800, 1280, 2560)


@dataclass(frozen=True)
class StoredFile:
    """One file on the sandbox's "servers"."""

    file_id: str
    file_unique_id: str
    data: bytes
    file_path: str
    file_name: str | None = None
    mime_type: str | None = None

    def as_file(self) -> dict[str, Any]:
        """The Bot API ``File`` object."""
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": len(self.data),
            "file_path": self.file_path,
        }

    def as_document(self) -> dict[str, Any]:
        """The Bot API ``Document`` object."""
        document: dict[str, Any] = {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": len(self.data),
        }
        if self.file_name:
            document["file_name"] = self.file_name
        if self.mime_type:
            document["mime_type"] = self.mime_type
        return document


class FileStore:
    """All files, by id and by path."""

    def __init__(self) -> None:
        self._by_id: dict[str, StoredFile] = {}
        self._by_path: dict[str, StoredFile] = {}
        #: The sizes of each sent photo, under the file_id of every size.
        self.photo_sets: dict[str, list[dict[str, Any]]] = {}
        self._numbers = itertools.count(1)

    def add(
        self,
        data: bytes,
        *,
        folder: str,
        file_name: str | None = None,
        mime: str | None = None,
        variant: str = "",
    ) -> StoredFile:
        """Store ``data`` and give it a fresh file id, the unique id of its content (and
        ``variant``, e.g. a photo's size) and a path like ``documents/file_3.pdf``."""
        number = next(self._numbers)
        suffix = _suffix(file_name, mime)
        prefix = "AgAC" if folder == "photos" else "BQAC"
        stored = StoredFile(
            file_id=f"{prefix}AgADsandbox{number:06d}",
            file_unique_id=unique_id(data, folder, variant),
            data=data,
            file_path=f"{folder}/file_{number}{suffix}",
            file_name=file_name,
            mime_type=mime or (mimetypes.guess_type(file_name)[0] if file_name else None),
        )
        self._by_id[stored.file_id] = stored
        self._by_path[stored.file_path] = stored
        return stored

    def add_photo(self, data: bytes) -> list[dict[str, Any]]:
        """Store a photo in each size Telegram keeps; ``ValueError`` if it is no image."""
        dimensions = image_size(data)
        if dimensions is None:
            raise ValueError("not a PNG, GIF or JPEG image")
        sizes: list[dict[str, Any]] = []
        for width, height in photo_sizes(*dimensions):
            stored = self.add(
                data, folder="photos", mime="image/jpeg", variant=f"{width}x{height}"
            )
            sizes.append(
                {
                    "file_id": stored.file_id,
                    "file_unique_id": stored.file_unique_id,
                    "file_size": len(stored.data),
                    "width": width,
                    "height": height,
                }
            )
        for size in sizes:
            self.photo_sets[size["file_id"]] = sizes
        return sizes

    def get(self, file_id: str) -> StoredFile | None:
        """The file with this ``file_id``."""
        return self._by_id.get(file_id)

    def by_path(self, path: str) -> StoredFile | None:
        """The file served at ``/file/bot<token>/<path>``."""
        return self._by_path.get(path)


def unique_id(data: bytes, folder: str, variant: str = "") -> str:
    """The ``file_unique_id`` of ``data`` stored in ``folder`` (photo sizes differ by
    ``variant``): the same for the same content, whenever and by whom it is sent."""
    digest = hashlib.sha256(b"%s\0%s\0%s" % (folder.encode(), variant.encode(), data)).digest()
    prefix = "AQAD" if folder == "photos" else "AgAD"
    return prefix + base64.urlsafe_b64encode(digest[:12]).decode()


def _suffix(file_name: str | None, mime: str | None) -> str:
    if file_name and "." in file_name:
        return "." + file_name.rsplit(".", 1)[1].lower()
    return (mimetypes.guess_extension(mime) or "") if mime else ""


def photo_sizes(width: int, height: int) -> list[tuple[int, int]]:
    """The (width, height) of each size Telegram keeps of a photo, smallest first."""
    longest = max(width, height)
    sizes = []
    for side in PHOTO_SIDES:
        scale = min(1.0, side / longest)
        size = (max(1, round(width * scale)), max(1, round(height * scale)))
        if size not in sizes:
            sizes.append(size)
        if scale == 1.0:
            break
    return sizes


def image_size(data: bytes) -> tuple[int, int] | None:
    """Width and height of a PNG, GIF or JPEG image; ``None`` if it is none of them."""
    if data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return int(width), int(height)
    if data[:6] in (b"GIF87a", b"GIF89a") and len(data) >= 10:
        width, height = struct.unpack("<HH", data[6:10])
        return int(width), int(height)
    if data[:2] == b"\xff\xd8":
        return _jpeg_size(data)
    return None


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    index = 2
    while index + 9 < len(data):
        if data[index] != 0xFF:
            return None
        marker = data[index + 1]
        length = int.from_bytes(data[index + 2 : index + 4], "big")
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", data[index + 5 : index + 9])
            return int(width), int(height)
        index += 2 + length
    return None
