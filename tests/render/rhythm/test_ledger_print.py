"""The ledger prints as a filed document: A4 landscape, fitted to width, titled, header row on
every page, borders and page numbers; checked on the workbook and on a LibreOffice rendering."""

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
    """A4 landscape, one page wide, header row repeated, title and page numbers, borders on
    every filled cell."""
    book = load_workbook(BytesIO(ledger_bytes(_snapshot(), NOW)))
    for sheet in book.worksheets:
        setup = sheet.page_setup
        assert (int(setup.paperSize), setup.orientation) == (9, "landscape")  # 9: A4
        assert (setup.fitToWidth, setup.fitToHeight) == (1, 0)
        assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
        assert sheet.print_title_rows == "$1:$1"  # the header row on every page
        assert "督办台账（2024年10月14日）" in sheet.oddHeader.center.text
        assert sheet.oddFooter.center.text == "第 &P 页，共 &N 页"
        corners = (sheet.cell(1, 1), sheet.cell(sheet.max_row, sheet.max_column))
        assert all(cell.border.left.style == "thin" for cell in corners)


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


def _pages(pdf: Path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    return text.split("\f")[:-1]


def test_rendered_pdf_prints_on_a4_landscape_with_titles_headers_and_numbers(
    tmp_path: Path,
) -> None:
    """LibreOffice renders the workbook to A4 landscape pages; every page carries the title,
    its sheet's header row with the last column (so no column spilled to another page) and
    “第 i 页，共 n 页”; the first page also renders to a PNG for a look by eye."""
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
        assert any(first in flat and last in flat for first, last in edges), number
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "2", "-l", "2", str(pdf), str(tmp_path / "p")],
        check=True,
    )
    (png,) = tmp_path.glob("p-*.png")
    assert png.stat().st_size > 10_000
    if os.environ.get("DUBAN_KEEP_RENDERING"):
        shutil.copy(png, os.environ["DUBAN_KEEP_RENDERING"])
