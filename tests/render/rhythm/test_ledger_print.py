"""The ledger prints as a filed document: A4 landscape, legible (a sheet too wide for one page
spreads over pages across, repeating the columns that name a row), titled, header row on every
page, wrapped text whole, borders and page numbers; checked on the workbook and on a
LibreOffice rendering."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import replace
from io import BytesIO
from pathlib import Path

import pytest
from openpyxl import load_workbook

from bot.domain.work import ReportStatus
from bot.render.rhythm.ledger import ledger_bytes, ledger_title
from bot.render.rhythm.ledger_print import pages_across
from bot.rhythm.snapshot import TeamSnapshot
from tests.factories.office import cycle_world
from tests.factories.snapshots import local, report

NOW = local(2024, 10, 14, 9)
REPORTS = 90  # enough report rows for the reports sheet to take several pages


def _snapshot() -> TeamSnapshot:
    snap = cycle_world()
    more = tuple(
        report(
            "m3",
            "p5",
            local(2024, 9, 1 + n % 28, 9),
            ReportStatus.BEHIND,
            progress_text=f"第{n}次反馈：项目用地指标正在协调，设备已进场。",
            problems="资金紧张",
            next_steps="争取专项债",
        )
        for n in range(REPORTS)
    )
    return replace(snap, reports=(*snap.reports, *more))


def test_every_sheet_has_the_print_setup() -> None:
    """A4 landscape, header row repeated, title and page numbers, borders on every filled cell;
    the ledger sheet (two dozen columns) two pages across, each repeating 序号, 板块 and 任务
    (frozen on screen too), the narrower sheets one page across."""
    book = load_workbook(BytesIO(ledger_bytes(_snapshot(), NOW)))
    tasks, reports, owed = book.worksheets
    assert [sheet.freeze_panes for sheet in book.worksheets] == ["D2", "C2", "D2"]
    assert (tasks.page_setup.fitToWidth, tasks.print_title_cols) == (2, "$A:$C")
    assert tasks.page_setup.pageOrder == "overThenDown"  # a row's two pages one after the other
    for sheet in (reports, owed):
        assert (sheet.page_setup.fitToWidth, sheet.print_title_cols) == (1, None)
    for sheet in book.worksheets:
        setup = sheet.page_setup
        assert (int(setup.paperSize), setup.orientation) == (9, "landscape")  # 9: A4
        assert setup.fitToHeight == 0
        assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
        assert sheet.print_title_rows == "$1:$1"  # the header row on every page
        assert "督办台账（2024年10月14日）" in sheet.oddHeader.center.text
        assert sheet.oddFooter.center.text == "第 &P 页，共 &N 页"
        corners = (sheet.cell(1, 1), sheet.cell(sheet.max_row, sheet.max_column))
        assert all(cell.border.left.style == "thin" for cell in corners)


@pytest.mark.parametrize(
    ("widths", "keys", "pages"),
    [
        ([20.0] * 12, 0, 1),  # 240 units: one page at 60 %
        ([20.0] * 13, 0, 2),
        ([10.0] * 24 + [30.0] * 3, 3, 2),  # 330 units, 30 repeated: 2 pages
        ([30.0] * 20, 3, 4),  # 600 units, 90 repeated on each page: 4 pages
    ],
)
def test_pages_across_keep_the_print_legible(widths: list[float], keys: int, pages: int) -> None:
    """A sheet takes as few pages across as keep it at 60 % or larger, counting the columns
    repeated on each page."""
    assert pages_across(widths, keys) == pages


def test_title_names_the_team_and_the_day_in_english() -> None:
    """The English title reads naturally, with the team's name, the year and the date."""
    snap = _snapshot()
    assert snap.team is not None
    title = ledger_title(snap, NOW, "en")
    assert title == f"{snap.team.name}: supervision ledger 2024 (2024-10-14)"


def test_an_earlier_years_title_is_dated_at_its_end() -> None:
    """An earlier year's ledger is titled with that year and dated 31 December of it."""
    snap = _snapshot()
    assert snap.team is not None
    title = ledger_title(snap, NOW, "zh", 2023)
    assert title == f"{snap.team.name}2023年度重点工作督办台账（2023年12月31日）"


def _soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice is missing: .ci/run installs it (scripts/system-deps.sh)")
        pytest.skip("LibreOffice not installed: sudo bash scripts/system-deps.sh")
    return found


def _text_height(pdf: Path) -> float:
    """The median height in points of the words on the first page (the ledger sheet's cells:
    about the printed font size)."""
    boxes = subprocess.run(
        ["pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    heights = sorted(
        float(low) - float(high)
        for high, low in re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"', boxes)
    )
    return heights[len(heights) // 2]


def _raw_text(pdf: Path) -> str:
    """The PDF's text in the order it is drawn (a wrapped cell's lines together)."""
    return subprocess.run(
        ["pdftotext", "-raw", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout


def _pages(pdf: Path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    return text.split("\f")[:-1]


def test_rendered_pdf_prints_on_a4_landscape_with_titles_headers_and_numbers(
    tmp_path: Path,
) -> None:
    """LibreOffice renders the workbook to A4 landscape pages; every page carries the title,
    its sheet's header row from its first column and “第 i 页，共 n 页”; every last column is
    printed; the text is at least 6 pt high; every report's long, wrapped text is printed whole
    (not cut off at its row's first line); the second page also renders to a PNG for a look
    by eye."""
    soffice = _soffice()
    xlsx = tmp_path / "ledger.xlsx"
    xlsx.write_bytes(ledger_bytes(_snapshot(), NOW))
    book = load_workbook(xlsx)
    edges = [  # each sheet's first and last column title, whatever the columns are
        (str(sheet.cell(1, 1).value), str(sheet.cell(1, sheet.max_column).value))
        for sheet in book.worksheets
    ]
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(xlsx),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = tmp_path / "ledger.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True)
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info.stdout)
    assert size is not None
    width, height = float(size.group(1)), float(size.group(2))
    assert (round(width), round(height)) == (842, 595)  # A4, landscape
    pages = _pages(pdf)
    assert len(pages) > len(edges)  # one sheet, the reports, takes several pages
    for number, page in enumerate(pages, start=1):
        flat = re.sub(r"\s+", "", page)
        assert "督办台账（2024年10月14日）" in flat, number
        assert f"第{number}页，共{len(pages)}页" in flat, number
        assert any(first in flat for first, _ in edges), number
    printed = re.sub(r"\s+", "", "".join(pages))
    assert all(last in printed for _, last in edges)
    drawn = re.sub(r"\s+", "", _raw_text(pdf))  # each cell's lines one after the other
    for n in range(REPORTS):
        assert f"第{n}次反馈：项目用地指标正在协调，设备已进场。" in drawn, n
    assert _text_height(pdf) >= 6.0
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "2", "-l", "2", str(pdf), str(tmp_path / "p")],
        check=True,
    )
    (png,) = tmp_path.glob("p-*.png")
    assert png.stat().st_size > 10_000
    if os.environ.get("DUBAN_KEEP_RENDERING"):
        shutil.copy(png, os.environ["DUBAN_KEEP_RENDERING"])
