"""Uploaded files as the tests send them: workbooks, roster tables, the bundled sample plan
and photos."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Iterable, Sequence
from pathlib import Path

from openpyxl import Workbook

#: The sample plan the bot ships (an XX county 2023 summary and 2024 plan).
SAMPLE_PLAN = Path(__file__).resolve().parents[2] / "bot" / "data" / "sample-plan.txt"


def workbook(
    rows: Iterable[Sequence[object]], *, merged: Iterable[str] = (), title: str | None = None
) -> bytes:
    """An .xlsx file of one sheet holding ``rows``, with the ``merged`` ranges (``"A2:A3"``)."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    if title is not None:
        sheet.title = title
    for row in rows:
        sheet.append(list(row))
    for cells in merged:
        sheet.merge_cells(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def roster_csv(rows: Iterable[tuple[str, str, str, str]]) -> bytes:
    """A roster file: name, unit, role, for-whom."""
    out = io.StringIO()
    out.write("姓名,单位,角色,代理\n")
    for name, unit, role, principal in rows:
        out.write(f"{name},{unit},{role},{principal}\n")
    return out.getvalue().encode("utf-8")


_ODS_NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
)


def spreadsheet(sheets: str, *, styles: str = "") -> bytes:
    """An .ods file whose ``content.xml`` holds the ``sheets`` markup (``<table:table>``
    elements) under ``office:spreadsheet``, after the automatic ``styles``."""
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_ODS_NAMESPACES}>'
        f"<office:automatic-styles>{styles}</office:automatic-styles>"
        f"<office:body><office:spreadsheet>{sheets}</office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content.encode(), zipfile.ZIP_DEFLATED)
    return out.getvalue()


def png(width: int, height: int = 1) -> bytes:
    """A valid PNG of ``width`` x ``height`` transparent pixels: photos of other sizes are
    other photos to Telegram (another ``file_unique_id``)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    pixels = zlib.compress(b"".join(b"\x00" + b"\x00" * 4 * width for _ in range(height)))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", pixels)
        + chunk(b"IEND", b"")
    )
