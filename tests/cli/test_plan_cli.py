"""The ``duban plan parse`` command."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from wcwidth import wcswidth

from bot.cli.main import main
from bot.importer import load_sample_plan
from bot.render.plan_table import fit


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """The sample plan written to a temporary file."""
    path = tmp_path / "xx-county-plan.txt"
    path.write_bytes(load_sample_plan())
    return path


def test_json_output_is_the_contract(sample: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--format json prints 16 measures and 8 targets (7 placeholders) without artifacts."""
    assert main(["plan", "parse", str(sample), "--format", "json"]) == 0
    out = capsys.readouterr().out
    data = json.loads(out)
    assert list(data) == ["title", "targets", "measures", "warnings", "legend"]
    assert len(data["measures"]) == 16
    assert len({m["section"] for m in data["measures"]}) == 5
    assert [t["placeholder"] for t in data["targets"]].count(True) == 7
    assert data["measures"][10]["title"] == "打好信访化解“组合拳”"
    assert "##paid" not in out
    assert "“" in out  # ensure_ascii=False keeps Chinese readable
    assert out.startswith('{\n  "title"')


def test_all_parts_flag(sample: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--all-parts adds the 15 review measures."""
    assert main(["plan", "parse", str(sample), "--format", "json", "--all-parts"]) == 0
    assert len(json.loads(capsys.readouterr().out)["measures"]) == 31


def test_table_output_is_aligned(sample: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The table lists id, section, title, owners and deadline in aligned CJK-width columns."""
    assert main(["plan", "parse", str(sample)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "标题 Title: XX县2023年工作总结及2024年工作计划"
    rows = [line for line in lines if line.startswith("M")]
    assert len(rows) == 16
    assert "打好信访化解“组合拳”" in rows[10]
    title_columns = {
        wcswidth(row[: row.index(title)])
        for row, title in zip(rows, ("一产转型升级", "二产创新驱动"), strict=False)
    }
    assert len(title_columns) == 1


def test_output_file_and_year(
    sample: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--output writes the JSON to a file instead of stdout."""
    target = tmp_path / "out.json"
    assert (
        main(
            ["plan", "parse", str(sample), "--format", "json", "-o", str(target), "--year", "2024"]
        )
        == 0
    )
    assert capsys.readouterr().out == ""
    assert len(json.loads(target.read_text(encoding="utf-8"))["measures"]) == 16


def test_xlsx_output(sample: Path, tmp_path: Path) -> None:
    """--format xlsx writes a workbook with a bold, frozen header."""
    target = tmp_path / "plan.xlsx"
    assert main(["plan", "parse", str(sample), "--format", "xlsx", "--output", str(target)]) == 0
    sheet = load_workbook(io.BytesIO(target.read_bytes()))["措施"]
    assert sheet.max_row == 17
    assert sheet["A1"].font.bold
    assert sheet.freeze_panes == "A2"


def test_xlsx_requires_output(sample: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--format xlsx without --output is a usage error."""
    assert main(["plan", "parse", str(sample), "--format", "xlsx"]) == 2
    assert "--output" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("content", "needle"),
    [(b"", "empty"), (b"%PDF-1.5", "PDF"), ("没有编号的文字。".encode(), "No numbered items")],
)
def test_bad_input_prints_a_message_not_a_traceback(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    content: bytes,
    needle: str,
) -> None:
    """Unreadable files exit 1 with the bilingual message on stderr."""
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    assert main(["plan", "parse", str(path)]) == 1
    err = capsys.readouterr().err
    assert needle in err
    assert "Traceback" not in err


def test_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A file that does not exist exits 1 with a message."""
    assert main(["plan", "parse", str(tmp_path / "nope.txt")]) == 1
    assert "nope.txt" in capsys.readouterr().err


def test_plan_without_action_prints_help(capsys: pytest.CaptureFixture[str]) -> None:
    """``duban plan`` alone shows its help and exits 2."""
    assert main(["plan"]) == 2
    assert "parse" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("text", "width"),
    [("一产转型升级", 8), ("abc", 6), ("打好信访化解“组合拳”", 10)],
)
def test_fit_pads_and_cuts_by_display_width(text: str, width: int) -> None:
    """fit() returns exactly ``width`` terminal columns, cutting with an ellipsis."""
    assert wcswidth(fit(text, width)) == width


def test_warnings_print_in_both_languages(
    sample: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The table and the JSON contract give each warning in Chinese, then English."""
    both = (
        "已跳过回顾部分“2023年重点工作情况”中的 15 项（可用 --all-parts 包含） / "
        "Skipped 15 items of the review part “2023年重点工作情况” (use --all-parts)"
    )
    assert main(["plan", "parse", str(sample)]) == 0
    assert f"! {both}" in capsys.readouterr().out.splitlines()
    assert main(["plan", "parse", str(sample), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["warnings"] == [both]
