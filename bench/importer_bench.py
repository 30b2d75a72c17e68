"""Plan importer scaling: parse time at n and 4n for each kind of input, side by side.

Run ``python bench/importer_bench.py``. Each shape is parsed at a base size and at four times
that size in the same run; a ratio near 4 means linear time (16 would be quadratic). Rich text
(GBK items, table rows, hostile nesting), an .ods sheet padded with repeated empty rows and Word
97–2003 .doc files (items, table rows; built by the .doc reader's test builder) are among the
shapes.
"""

from __future__ import annotations

import contextlib
import io
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.importer import PlanImportError, parse_plan

ITEM = (
    "（{n}）推进重点项目建设。全年完成投资XX亿元，2024年6月底前开工。"
    "（县发改局牵头，县财政局配合）"
)


def numbered(n: int) -> bytes:
    """A plan of n numbered items under a few parts."""
    lines = ["XX县2024年重点工作安排", "一、总体要求", "坚持稳中求进。", "二、重点任务"]
    lines += [ITEM.format(n=i) for i in range(n)]
    return "\n".join(lines).encode()


def prose(n: int) -> bytes:
    """Meeting-report prose without numbers: n sentences, a few with dates alone on a line."""
    sentence = "会议强调，要坚定信心、保持态势，扎实推进各项工作，确保全年目标任务圆满完成。"
    lines = [sentence * 3 if i % 50 else "2024年1月15日" for i in range(n)]
    return "\n".join(lines).encode()


def tab_table(n: int) -> bytes:
    """A tab-separated 责任清单 of n rows."""
    rows = ["序号\t重点任务\t牵头单位\t完成时限"]
    rows += [f"{i}\t推进重点项目建设第{i}项。\t县发改局\t2024年6月底前" for i in range(1, n + 1)]
    return "\n".join(rows).encode()


def cell_lines(n: int) -> bytes:
    """A table laid out one cell per line, n rows."""
    lines = ["序号", "民生实事", "责任单位", "完成时限"]
    for i in range(1, n + 1):
        lines += [str(i), f"新建第{i}座人行天桥。", "县住建局", "12月底前"]
    return "\n".join(lines).encode()


def paragraphs(n: int) -> bytes:
    """One heading over n unnumbered paragraphs, each with its own owner note."""
    lines = [
        "二、主要任务",
        "（一）强化顶层设计，发挥政府指导作用。建立指标体系。（生态环境部指导）",
    ]
    lines += [
        f"优化第{i}项管理机制，强化分工协作。具体措施如下。（生态环境部指导）" for i in range(n)
    ]
    return "\n".join(lines).encode()


def _gbk(text: str) -> str:
    return "".join(f"\\'{b:02x}" for ch in text for b in ch.encode("gbk"))


def rtf_items(n: int) -> bytes:
    """A WPS rich text plan: n numbered items as GBK escapes, one paragraph each."""
    body = "".join(_gbk(ITEM.format(n=i)) + "\\par\n" for i in range(n))
    return ("{\\rtf1\\ansi\\ansicpg936 " + _gbk("二、重点任务") + "\\par\n" + body + "}").encode()


def rtf_rows(n: int) -> bytes:
    """A rich text 责任清单 of n table rows (\\cell … \\row)."""
    cells = ("序号", "重点任务", "牵头单位", "完成时限")
    rows = [cells] + [
        (str(i), f"推进重点项目建设第{i}项", "县发改局", "2024年6月底前") for i in range(1, n + 1)
    ]
    text = "".join(
        "\\trowd\\cellx1\\cellx2\\cellx3\\cellx4 "
        + "".join(f"\\pard\\intbl {_gbk(c)}\\cell " for c in row)
        + "\\row\n"
        for row in rows
    )
    return ("{\\rtf1\\ansi\\ansicpg936 " + text + "}").encode()


def rtf_hostile(n: int) -> bytes:
    """Hostile rich text: n groups each opened inside the one before, with a letter in each."""
    return b"{\\rtf1 " + b"{a" * (n * 100) + b"}" * (n * 100) + b"}"


def ods_rows(n: int) -> bytes:
    """An .ods 责任清单 of n rows, each followed by a block of 1,000 repeated empty rows, and a
    sheet-long block of 1,048,576 repeated empty rows at the end."""

    def cell(text: str) -> str:
        return (
            f'<table:table-cell office:value-type="string"><text:p>{text}</text:p>'
            "</table:table-cell>"
        )

    empty = (
        '<table:table-row table:number-rows-repeated="{}">'
        '<table:table-cell table:number-columns-repeated="16384"/></table:table-row>'
    )
    rows = ["".join(cell(c) for c in ("序号", "重点任务", "牵头单位", "完成时限"))]
    rows += [
        "".join(cell(c) for c in (str(i), f"推进重点项目建设第{i}项", "县发改局", "2024年6月底前"))
        for i in range(1, n + 1)
    ]
    body = "".join(f"<table:table-row>{r}</table:table-row>" + empty.format(1) for r in rows)
    content = (
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body>'
        f'<office:spreadsheet><table:table table:name="清单">{body}{empty.format(1048576)}'
        "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("content.xml", content)
    return out.getvalue()


def doc_items(n: int) -> bytes:
    """A Word 97–2003 .doc of n numbered items (UTF-16 pieces), one paragraph each."""
    from tests.importer.parsers.doc_builder import Para, build_doc

    return build_doc([Para("二、重点任务\r"), *(Para(ITEM.format(n=i) + "\r") for i in range(n))])


def doc_rows(n: int) -> bytes:
    """A Word 97–2003 .doc 责任清单 of n table rows (cell marks, row-end marks with cell edges)."""
    from tests.importer.parsers.doc_builder import IN_TABLE, ROW_END, Para, build_doc, row

    cells = ("序号", "重点任务", "牵头单位", "完成时限")
    rows = [cells] + [
        (str(i), f"推进重点项目建设第{i}项", "县发改局", "2024年6月底前") for i in range(1, n + 1)
    ]
    paragraphs = [
        paragraph
        for values in rows
        for paragraph in (
            *(Para(f"{value}\x07", IN_TABLE) for value in values),
            Para("\x07", IN_TABLE + ROW_END + row([0, 600, 3000, 4500, 6000])),
        )
    ]
    return build_doc(paragraphs)


SHAPES: dict[str, tuple[Callable[[int], bytes], int, str]] = {
    "numbered items": (numbered, 2000, "plan.txt"),
    "prose, no numbers": (prose, 2000, "plan.txt"),
    "tab table": (tab_table, 2000, "plan.txt"),
    "one cell per line": (cell_lines, 1000, "plan.txt"),
    "owner paragraphs": (paragraphs, 1000, "plan.txt"),
    "rtf GBK items": (rtf_items, 1000, "plan.rtf"),
    "rtf table rows": (rtf_rows, 1000, "plan.rtf"),
    "rtf nested groups": (rtf_hostile, 1000, "plan.rtf"),
    "ods rows + repeats": (ods_rows, 1000, "plan.ods"),
    "doc items": (doc_items, 1000, "plan.doc"),
    "doc table rows": (doc_rows, 500, "plan.doc"),
}


def seconds(data: bytes, filename: str) -> float:
    """Best of three parse times."""
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        with contextlib.suppress(PlanImportError):
            parse_plan(data, filename)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> int:
    """Print one row per shape: sizes, times and the 4n/n ratio."""
    print(f"{'input':<20}{'n bytes':>10}{'n s':>8}{'4n bytes':>11}{'4n s':>8}{'ratio':>7}")
    for name, (build, base, filename) in SHAPES.items():
        small, large = build(base), build(base * 4)
        t_small, t_large = seconds(small, filename), seconds(large, filename)
        print(
            f"{name:<20}{len(small):>10}{t_small:>8.3f}{len(large):>11}{t_large:>8.3f}"
            f"{t_large / t_small:>7.1f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
