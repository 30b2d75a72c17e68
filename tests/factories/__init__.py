"""Test data builders, one module for the whole suite (a start: the uploaded files for now).

Today six modules build test data, each its own way:

1. ``tests/storage/store_factories.py``: every entity, keyword-only, every field defaulted;
2. ``tests/rhythm/factories.py``: the same entities with positional ids, plus ``snapshot``,
   ``store_with`` and ``fill``;
3. ``tests/services/svc_world.py``: ``person``, ``measure``, ``build_world`` on a memory store;
4. ``tests/rhythm/world.py``: the October 2024 office as a ``TeamSnapshot``;
5. ``tests/e2e/harness.py``: ``roster_csv``, ``settings_for`` and a team joined in the sandbox;
6. ``tests/e2e/month_world.py``: a month's office on a TinyDB store, with its own ``settings_for``;

and seven test modules build a workbook by hand (``Workbook()`` … ``save``). The plan: the
entity builders of (1) move here unchanged (they are the superset: keyword-only with defaults,
so a test names only what it is about); (2) keeps ``snapshot``/``store_with`` and calls them, its
positional builders going as their callers are touched; (3) and (4) stay as scenarios built from
these builders; (5) and (6) share one ``settings_for`` and take ``roster_csv`` from here. Each
move changes import lines only, file by file, when the file is next edited.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence

from openpyxl import Workbook


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
