"""Tests for the in-memory file store and image size sniffing."""

from __future__ import annotations

import struct
import zlib

import pytest

from sandbox.files import FileStore, image_size, photo_sizes


def png(width: int, height: int) -> bytes:
    """A minimal valid PNG header of the given size."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + header
    return (
        b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + chunk + struct.pack(">I", zlib.crc32(chunk))
    )


def test_documents_get_ids_paths_and_mime_types() -> None:
    """A stored document is found by id and by path, with a guessed MIME type."""
    store = FileStore()
    stored = store.add(b"%PDF", folder="documents", file_name="Plan.PDF")
    assert store.get(stored.file_id) is stored
    assert store.by_path(stored.file_path) is stored
    assert stored.file_path.endswith(".pdf")
    assert stored.as_document()["mime_type"] == "application/pdf"


@pytest.mark.parametrize(
    ("data", "size"),
    [
        (png(640, 480), (640, 480)),
        (b"GIF89a" + struct.pack("<HH", 10, 20), (10, 20)),
        (b"\xff\xd8\xff\xc0\x00\x11\x08" + struct.pack(">HH", 30, 40) + b"\x00" * 8, (40, 30)),
        (b"not an image", None),
    ],
)
def test_image_size_reads_headers(data: bytes, size: tuple[int, int] | None) -> None:
    """PNG, GIF and JPEG dimensions come from their headers."""
    assert image_size(data) == size


def test_photo_sizes_scale_down_and_keep_the_original() -> None:
    """A 1000x500 photo gets 90, 320 and 800 px thumbnails plus the full size."""
    assert photo_sizes(1000, 500) == [(90, 45), (320, 160), (800, 400), (1000, 500)]


def test_a_file_sent_again_gets_a_new_file_id_and_keeps_its_unique_id() -> None:
    """As in Telegram: each sending a new ``file_id``; the same content, the same
    ``file_unique_id``; other content (or another size of a photo), another one."""
    store = FileStore()
    first, again = store.add_photo(png(100, 100)), store.add_photo(png(100, 100))
    assert [s["file_id"] for s in first] != [s["file_id"] for s in again]
    assert [s["file_unique_id"] for s in first] == [s["file_unique_id"] for s in again]
    other = store.add_photo(png(100, 101))
    unique = {s["file_unique_id"] for s in (*first, *other)}
    assert len(unique) == len(first) + len(other)
    pdf, pdf_again = (store.add(b"%PDF-1", folder="documents") for _ in range(2))
    assert pdf.file_id != pdf_again.file_id
    assert pdf.file_unique_id == pdf_again.file_unique_id
    assert store.add(b"%PDF-2", folder="documents").file_unique_id != pdf.file_unique_id


def test_add_photo_links_every_size_to_the_set() -> None:
    """Each size's file_id resolves to the whole list of sizes."""
    store = FileStore()
    sizes = store.add_photo(png(100, 100))
    assert [s["width"] for s in sizes] == [90, 100]
    assert all(store.photo_sets[s["file_id"]] is sizes for s in sizes)
