"""Decoding uploads: encodings, binary sniffing and size limits."""

from __future__ import annotations

import pytest

from bot.importer.decoding import MAX_BYTES, check_size, decode_text, looks_binary
from bot.importer.errors import FailureReason, PlanImportError
from bot.render.importer import render_import_error, render_import_error_both

TEXT = "一、2024年重点工作安排\n（一）加快产业发展。一是做强工业；二是做优农业。"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16"])
def test_common_encodings_decode(encoding: str) -> None:
    """UTF-8 (with or without BOM), GBK, GB18030 and UTF-16 with BOM all decode."""
    assert decode_text(TEXT.encode(encoding)).lstrip("\ufeff") == TEXT


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, FailureReason.UNSUPPORTED),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 32, FailureReason.UNSUPPORTED),
        (bytes(range(256)) * 4, FailureReason.BINARY),
    ],
)
def test_non_text_is_rejected_with_a_reason(data: bytes, reason: FailureReason) -> None:
    """Legacy Office files, images and binary data raise PlanImportError."""
    with pytest.raises(PlanImportError) as caught:
        decode_text(data)
    assert caught.value.reason is reason
    assert render_import_error(caught.value, "zh")
    assert render_import_error(caught.value, "en")


def test_empty_and_oversized_uploads() -> None:
    """Empty or whitespace-only data and data over 10 MiB are refused."""
    for data, reason in (
        (b"", FailureReason.EMPTY),
        (b" \n\t", FailureReason.EMPTY),
        (b"a" * (MAX_BYTES + 1), FailureReason.TOO_LARGE),
    ):
        with pytest.raises(PlanImportError) as caught:
            check_size(data)
        assert caught.value.reason is reason


def test_binary_sniffing_allows_text_controls() -> None:
    """Tabs, newlines and form feeds do not make text look binary; NUL bytes do."""
    assert not looks_binary("甲\t乙\r\n丙\f".encode())
    assert looks_binary(b"abc\x00def")


def _read(data: bytes) -> str:
    check_size(data)
    return decode_text(data)


@pytest.mark.parametrize(
    ("data", "zh", "en"),
    [
        (b"GIF89a" + b"\x00" * 16, "这是GIF 图片，", "This is a GIF image,"),
        (b"a" * (MAX_BYTES + 1), "文件过大（10.0 MB），上限为 10 MB。", "the limit is 10 MB"),
    ],
)
def test_refusals_read_from_the_importer_catalog(data: bytes, zh: str, en: str) -> None:
    """Each refusal is its catalog text in both languages, with the kind of file named in each
    language (bot/i18n/catalog/importer.py)."""
    with pytest.raises(PlanImportError) as caught:
        _read(data)
    assert caught.value.key.startswith("importer.")
    in_zh, in_en = render_import_error(caught.value, "zh"), render_import_error(caught.value, "en")
    assert zh in in_zh
    assert en in in_en
    assert render_import_error_both(caught.value) == f"{in_zh}\n{in_en}"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_decodes(encoding: str) -> None:
    """UTF-16 saved without a byte-order mark is read in the byte order that gives text."""
    assert not looks_binary(TEXT.encode(encoding))
    assert decode_text(TEXT.encode(encoding)) == TEXT


def test_binary_with_zero_bytes_is_not_taken_for_utf16() -> None:
    """Bytes whose UTF-16 reading is characters all over Unicode stay binary."""
    data = bytes((index * 37 + 11) % 256 if index % 3 else 0 for index in range(4000))
    assert looks_binary(data)
    with pytest.raises(PlanImportError) as caught:
        decode_text(data)
    assert caught.value.reason is FailureReason.BINARY


def test_big5_reads_as_big5_not_as_gb18030_nonsense() -> None:
    """A Big5 plan, which GB18030 decodes without error into rare characters, reads as Big5."""
    text = "一、重點工作安排\n（一）推進產業發展，年底前完成。（縣發展和改革局負責，各鄉鎮配合）"
    assert decode_text(text.encode("big5")) == text


def test_gbk_is_not_mistaken_for_big5() -> None:
    """A GBK plan whose bytes also decode as Big5 stays GBK."""
    assert decode_text(TEXT.encode("gbk")) == TEXT


def test_legacy_office_and_wps_files_are_told_how_to_save_again() -> None:
    """.doc/.wps/.et files (no .xls parser took them) are refused with the way to make them
    readable (另存为 .docx)."""
    with pytest.raises(PlanImportError) as caught:
        decode_text(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64))
    assert "另存为”.docx" in render_import_error(caught.value, "zh")
    assert "save it as .docx" in render_import_error(caught.value, "en")
