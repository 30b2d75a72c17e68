"""Uploaded files as the tests send them: workbooks, roster tables and the bundled sample plan."""

from __future__ import annotations

import io
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
