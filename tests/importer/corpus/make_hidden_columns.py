"""Writes ``fixtures/hidden_column.xls`` and ``fixtures/hidden_column.ods``: the 责任清单 of
:func:`hidden_column_book`, whose superseded 原责任单位 column and 备注 column are hidden, saved as
Excel 97–2003 and as OpenDocument by LibreOffice Calc.

Run ``python -m tests.importer.corpus.make_hidden_columns`` where ``soffice`` is installed; the
files are committed, so tests never need LibreOffice.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from openpyxl import Workbook

from tests.importer.corpus.make_converted_docs import FIXTURES, convert

HIDDEN_COLUMN_XLS = FIXTURES / "hidden_column.xls"
HIDDEN_COLUMN_ODS = FIXTURES / "hidden_column.ods"

ROWS: list[tuple[object, ...]] = [
    ("XX县2025年优化营商环境重点任务责任清单", None, None, None, None, None),
    ("序号", "重点任务", "原责任单位", "责任单位", "完成时限", "备注"),
    (1, "推行企业开办“一网通办”", "县工商局", "县行政审批局", dt.date(2025, 6, 30), "县工商局"),
    (2, "开展涉企收费专项检查", "县物价局", "县市场监管局", "2025年9月底前", "县物价局并入"),
    (3, "落实中小企业融资风险补偿", "县金融办", "县财政局", "长期坚持", "县金融办"),
]


def hidden_column_book() -> Workbook:
    """A 责任清单 with a title merged across every column, the units before the institutional
    reform in a hidden column C left of 责任单位, and a hidden 备注 column F."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "责任清单"
    for row in ROWS:
        sheet.append(list(row))
    sheet.merge_cells("A1:F1")
    sheet["E3"].number_format = "yyyy年m月d日"
    for column in ("C", "F"):
        sheet.column_dimensions[column].hidden = True
    return book


def main() -> None:
    """Write the workbook, then convert it into the fixtures folder."""
    with tempfile.TemporaryDirectory() as folder:
        for target, kind in ((HIDDEN_COLUMN_XLS, "xls"), (HIDDEN_COLUMN_ODS, "ods")):
            source = Path(folder) / "hidden_column.xlsx"
            hidden_column_book().save(source)
            convert(source, target, kind)


if __name__ == "__main__":
    main()
