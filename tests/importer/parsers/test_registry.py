"""Picking a parser and refusing what none can read."""

from __future__ import annotations

import io
import zipfile

import pytest

from bot.importer import FailureReason, PlanImportError, parse_plan
from bot.importer.parsers.registry import DEFAULT_PARSERS, pick_parser
from bot.render.importer import render_import_error


@pytest.mark.parametrize(
    ("filename", "data", "name"),
    [
        ("plan.txt", "一、甲".encode(), "text"),
        ("plan", "一、甲".encode(), "text"),
        ("plan.md", b"# t", "markdown"),
        ("table.csv", b"a,b", "csv"),
    ],
)
def test_parser_is_picked_by_name_and_content(filename: str, data: bytes, name: str) -> None:
    """Extensions and content decide the parser; unknown text falls back to plain text."""
    assert pick_parser(data, filename).name == name


def test_office_files_are_picked_by_content(plan_docx: bytes, responsibility_xlsx: bytes) -> None:
    """A .docx or .xlsx is recognised even when uploaded without its extension."""
    assert pick_parser(plan_docx, "upload.bin").name == "docx"
    assert pick_parser(responsibility_xlsx, "upload").name == "xlsx"


def test_every_parser_has_detect_and_parse() -> None:
    """Every registered parser implements the protocol."""
    assert all(callable(p.detect) and callable(p.parse) and p.name for p in DEFAULT_PARSERS)


@pytest.mark.parametrize(
    ("filename", "data", "reason"),
    [
        ("plan.txt", b"", FailureReason.EMPTY),
        ("plan.txt", b"\n \n", FailureReason.EMPTY),
        ("plan.txt", b"##paidbegin##\n- 3 -\n", FailureReason.EMPTY),
        ("plan.pdf", b"%PDF-1.4 ...", FailureReason.CORRUPT),
        ("plan.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), FailureReason.UNSUPPORTED),
        ("plan.zip", b"PK\x03\x04" + bytes(100), FailureReason.UNSUPPORTED),
        ("plan.txt", bytes(range(256)) * 8, FailureReason.BINARY),
        ("plan.txt", "这是一段没有任何编号的普通文字。".encode(), FailureReason.NO_STRUCTURE),
        ("plan.txt", b"x" * (10 * 1024 * 1024 + 1), FailureReason.TOO_LARGE),
    ],
)
def test_bad_uploads_raise_typed_errors(filename: str, data: bytes, reason: FailureReason) -> None:
    """Empty, binary, foreign, oversized and structureless files raise PlanImportError."""
    with pytest.raises(PlanImportError) as caught:
        parse_plan(data, filename)
    assert caught.value.reason is reason
    assert render_import_error(caught.value, "zh")
    assert render_import_error(caught.value, "en")
    assert caught.value.key in str(caught.value)


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _unknown_zip_version(data: bytes) -> bytes:
    """``data`` with its first central directory entry asking for zip version 14.8."""
    damaged = bytearray(data)
    entry = damaged.index(b"PK\x01\x02")
    damaged[entry + 6] = 148
    return bytes(damaged)


def _broken_deflate(data: bytes, member: bytes) -> bytes:
    """``data`` with the compressed bytes of ``member`` overwritten in their middle."""
    damaged = bytearray(data)
    start = damaged.index(b"PK\x03\x04") + 30 + len(member)
    damaged[start + 8 : start + 24] = b"\xff" * 16
    return bytes(damaged)


_CONTENT = ("<office:document-content>" + "一、推进重点项目建设。" * 200 + "</x>").encode()


@pytest.mark.parametrize(
    ("data", "filename"),
    [
        (_unknown_zip_version(_zip({"word/document.xml": b"<w/>"})), "plan.docx"),
        (_unknown_zip_version(_zip({"word/document.xml": b"<w/>"})), "upload"),
        (_broken_deflate(_zip({"content.xml": _CONTENT}), b"content.xml"), "plan.odt"),
        (_broken_deflate(_zip({"content.xml": _CONTENT}), b"content.xml"), "plan.ods"),
    ],
)
def test_a_damaged_zip_is_refused_as_damaged(data: bytes, filename: str) -> None:
    """A zip asking for an unknown zip version or holding a broken deflate stream is refused
    as a damaged file, not raised as another error."""
    with pytest.raises(PlanImportError) as caught:
        parse_plan(data, filename)
    assert caught.value.reason is FailureReason.CORRUPT
