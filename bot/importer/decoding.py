"""Turning uploaded bytes into text: size limits, binary sniffing and encoding detection.

Encodings are tried in the order published Chinese plans use them (the one decoder of
:mod:`bot.text.tables`): UTF-16 with its BOM, UTF-8 (with or without BOM), then GB18030 (a
superset of GBK and GB2312), then charset-normalizer's guess. Two cases come first or after:
UTF-16 saved without a BOM (Notepad's "Unicode" on some systems), told by where its zero bytes
sit, and Big5 (plans from Hong Kong, Macao or Taiwan), which GB18030 reads without error but as
nonsense.
"""

from __future__ import annotations

import codecs

from bot.importer.errors import FailureReason, PlanImportError, Term
from bot.text.tables import TableError, decode

MAX_BYTES = 10 * 1024 * 1024
"""Largest upload accepted (10 MiB); real plans are a few hundred KiB at most."""

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"GIF8", "gif"),
    (b"Rar!", "rar"),
    (b"7z\xbc\xaf", "7z"),
    (b"\x1f\x8b", "gzip"),
)
LEGACY_OFFICE = b"\xd0\xcf\x11\xe0"
"""The compound-file header of .doc, .xls and WPS's own .wps/.et: Word and WPS documents and
workbooks are read (their parsers come first); what is left (a presentation, an old WPS sheet, a
password-protected Office file) is refused with what to do instead."""
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
"""The stream in which a password-protected .docx/.xlsx is kept inside a compound file."""
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
    if data.startswith(LEGACY_OFFICE):
        if _ENCRYPTED_PACKAGE in data:
            raise PlanImportError(FailureReason.UNSUPPORTED, "importer.office_encrypted")
        raise PlanImportError(FailureReason.UNSUPPORTED, "importer.legacy_office")
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            what = Term(f"importer.kind.{kind}")
            raise PlanImportError(FailureReason.UNSUPPORTED, "importer.known_binary", kind=what)


def looks_binary(data: bytes) -> bool:
    """Whether the bytes are unlikely to be text in any encoding we read."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    if bomless_utf16(data) is not None:
        return False
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for byte in sample if byte < 0x20 and byte not in _TEXT_CONTROLS)
    return controls > max(2, len(sample) // 50)


def decode_text(data: bytes) -> str:
    """Decode text bytes, trying UTF-16 (BOM, or none where its zero bytes show it), UTF-8,
    GB18030 (or Big5 when that reads as Chinese and GB18030 does not), then charset-normalizer."""
    reject_known_binary(data)
    utf16 = bomless_utf16(data)
    if utf16 is not None:
        return utf16
    if looks_binary(data):
        raise PlanImportError(FailureReason.BINARY, "importer.binary")
    try:
        text = decode(data)
    except TableError as error:
        raise PlanImportError(FailureReason.ENCODING, "importer.encoding") from error
    return _big5_if_better(data, text)


_SAMPLE = 8192
_TEXT_SHARE = 0.95
"""Share of characters a real text has among line ends, ASCII, CJK and CJK punctuation; bytes
that are not UTF-16 read as characters all over the 65,536 (about a third of them CJK)."""


def bomless_utf16(data: bytes) -> str | None:
    """The text of UTF-16 saved without a byte-order mark (Windows 'Unicode' text), or None
    when the bytes are not that: the byte order whose reading is text, if one is."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or len(data) % 2:
        return None
    if b"\x00" not in data[:_SAMPLE]:
        return None
    best: tuple[float, str] | None = None
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        share = text_share(text[:_SAMPLE])
        if share >= _TEXT_SHARE and (best is None or share > best[0]):
            best = (share, text)
    return best[1] if best else None


def text_share(text: str) -> float:
    """Share of ``text`` that is line ends, ASCII, CJK or CJK punctuation."""
    good = sum(
        1
        for ch in text
        if ch in "\t\n\r"
        or " " <= ch <= "~"
        or "\u4e00" <= ch <= "\u9fff"
        or "\u3000" <= ch <= "\u303f"
        or "\uff00" <= ch <= "\uffef"
        or ch in "“”‘’…—·"
    )
    return good / len(text) if text else 0.0


_COMMON = frozenset(
    "的一是在了和有不为為工作年月日前完成责責任推进進建设設发發展管理单單位县縣市区區局部门門"
    "，。、；：（）"
)
"""Characters every Chinese plan is full of, in both scripts: a right decoding is dense with
them, a wrong one (Big5 bytes read as GB18030) scatters rare characters instead."""


def _big5_if_better(data: bytes, text: str) -> str:
    """``text``, or the Big5 reading of ``data`` when that reads as Chinese and ``text`` not."""
    if text.isascii() or _is_utf8(data):
        return text
    try:
        big5 = data.decode("big5")
    except UnicodeDecodeError:
        return text
    return big5 if _common_share(big5) > 2 * _common_share(text) + 0.02 else text


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    return True


def _common_share(text: str) -> float:
    sample = [ch for ch in text[:_SAMPLE] if not ch.isascii() and not ch.isspace()]
    return sum(1 for ch in sample if ch in _COMMON) / len(sample) if sample else 0.0
