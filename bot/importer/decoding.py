"""Turning uploaded bytes into text: size limits, binary sniffing and encoding detection.

Encodings are tried in the order published Chinese plans use them (the one decoder of
:mod:`bot.text.tables`): UTF-16 with its BOM, UTF-8 (with or without BOM), then GB18030 (a
superset of GBK and GB2312), then charset-normalizer's guess.
"""

from __future__ import annotations

import codecs

from bot.importer.errors import FailureReason, PlanImportError, Term
from bot.text.tables import TableError, decode

MAX_BYTES = 10 * 1024 * 1024
"""Largest upload accepted (10 MiB); real plans are a few hundred KiB at most."""

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "pdf"),
    (b"\xd0\xcf\x11\xe0", "legacy_office"),
    (b"{\\rtf", "rtf"),
    (b"\x89PNG", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"GIF8", "gif"),
    (b"Rar!", "rar"),
    (b"7z\xbc\xaf", "7z"),
    (b"\x1f\x8b", "gzip"),
)
_TEXT_CONTROLS = frozenset(b"\t\n\r\f\x1b")


def check_size(data: bytes) -> None:
    """Reject empty and oversized uploads before any parsing work."""
    if not data.strip():
        raise PlanImportError(FailureReason.EMPTY, "importer.empty")
    if len(data) > MAX_BYTES:
        raise PlanImportError(
            FailureReason.TOO_LARGE,
            "importer.too_large",
            mib=len(data) / 1024 / 1024,
            limit_mib=MAX_BYTES // 1024 // 1024,
        )


def reject_known_binary(data: bytes) -> None:
    """Raise a helpful error for formats people often upload by mistake."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            what = Term(f"importer.kind.{kind}")
            raise PlanImportError(FailureReason.UNSUPPORTED, "importer.known_binary", kind=what)


def looks_binary(data: bytes) -> bool:
    """Whether the bytes are unlikely to be text in any encoding we read."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for byte in sample if byte < 0x20 and byte not in _TEXT_CONTROLS)
    return controls > max(2, len(sample) // 50)


def decode_text(data: bytes) -> str:
    """Decode text bytes, trying UTF-16 (BOM), UTF-8, GB18030, then charset-normalizer."""
    reject_known_binary(data)
    if looks_binary(data):
        raise PlanImportError(FailureReason.BINARY, "importer.binary")
    try:
        return decode(data)
    except TableError as error:
        raise PlanImportError(FailureReason.ENCODING, "importer.encoding") from error
