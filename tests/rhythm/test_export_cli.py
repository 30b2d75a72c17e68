"""``duban export --format xlsx``: the ledger from a data directory."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from bot.cli.main import main
from bot.domain.people import Team
from storage import open_store
from tests.factories.office import cycle_world
from tests.factories.snapshots import fill, local


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """The deployment's own settings must not leak into the test."""
    names = (
        "DUBAN_CONFIG",
        "DUBAN_DATA_DIR",
        "DUBAN_HOLIDAY_FILE",
        "DUBAN_TIMEZONE",
        "DUBAN_LANGUAGE",
    )
    for name in names:
        monkeypatch.delenv(name, raising=False)


def _data_dir(tmp_path: Path, teams: int = 1) -> Path:
    data = tmp_path / "data"
    store = open_store(data)
    try:
        fill(store, cycle_world())
        for number in range(2, teams + 1):
            store.teams.save(
                Team(id=f"t{number}", name=f"第{number}组", created_at=local(2024, 1, 1))
            )
    finally:
        store.close()
    return data


def test_export_writes_the_ledger(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """One team: the workbook goes to --output and its path is printed."""
    out = tmp_path / "out" / "ledger.xlsx"
    assert (
        main(
            [
                "export",
                "--format",
                "xlsx",
                "--data-dir",
                str(_data_dir(tmp_path)),
                "--output",
                str(out),
            ]
        )
        == 0
    )
    assert capsys.readouterr().out.strip() == str(out)
    book = load_workbook(out)
    assert book.sheetnames == ["台账", "反馈记录", "应报事项"]
    assert book.worksheets[0]["C2"].value == "建成智慧园区一期"


def test_export_several_teams_into_a_directory(tmp_path: Path) -> None:
    """Several teams: one workbook each in the --output directory, English on request."""
    out = tmp_path / "exports"
    out.mkdir()
    data = _data_dir(tmp_path, teams=2)
    assert main(["export", "--data-dir", str(data), "--output", str(out), "--lang", "en"]) == 0
    names = sorted(path.name for path in out.iterdir())
    assert len(names) == 2
    assert all(name.startswith("Ledger-") and name.endswith(".xlsx") for name in names)


def test_export_one_team_by_name(tmp_path: Path) -> None:
    """--team picks a team by id or name."""
    out = tmp_path / "one.xlsx"
    data = _data_dir(tmp_path, teams=2)
    assert (
        main(["export", "--data-dir", str(data), "--team", "县督查室", "--output", str(out)]) == 0
    )
    assert load_workbook(out).worksheets[0].max_row == 9


@pytest.mark.parametrize(
    ("extra", "code", "message"),
    [
        (["--team", "nobody"], 1, "没有督办组：nobody"),
        (["--output", "x.xlsx"], 2, "有多个督办组：请用 --team 指定，或让 --output 指向目录"),
        (
            ["--team", "t1", "--year", "2019"],
            2,
            "县督查室: 没有“2019”年度的台账：可导出 2023 年至",
        ),
        (["--team", "t1", "--year", "2019", "--lang", "en"], 2, "no ledger for “2019”"),
    ],
)
def test_export_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: list[str], code: int, message: str
) -> None:
    """Unknown teams, an ambiguous output file and a year outside the team's history (its
    plan is 2024's: from 2023) are refused with a message."""
    data = _data_dir(tmp_path, teams=2)
    assert main(["export", "--data-dir", str(data), *extra]) == code
    assert message in capsys.readouterr().err


def test_export_without_data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A missing data directory is reported, not created."""
    missing = tmp_path / "missing"
    assert main(["export", "--data-dir", str(missing)]) == 1
    assert f"{missing} 处没有数据目录" in capsys.readouterr().err
    assert not missing.exists()


def test_export_default_file_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without --output the file lands in the current directory under a dated name."""
    data = _data_dir(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(["export", "--data-dir", str(data)]) == 0
    (written,) = tmp_path.glob("台账-县督查室-*.xlsx")
    assert written.stat().st_size > 0


def test_export_works_while_the_bot_holds_the_store(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With the store open (its lock held, as by the running bot), export reads a snapshot
    without the lock, and the workbook matches the held store's own ledger."""
    from bot.render.rhythm.ledger import export_ledger

    data = tmp_path / "data"
    held = open_store(data)
    try:
        fill(held, cycle_world())
        out = tmp_path / "ledger.xlsx"
        args = ["export", "--data-dir", str(data), "--output", str(out), "--year", "2024"]
        assert main(args) == 0  # the year of the held store's ledger (the clock is today's)
        capsys.readouterr()
        expected = tmp_path / "expected.xlsx"
        expected.write_bytes(export_ledger(held, "t1", local(2024, 10, 14), "zh"))
    finally:
        held.close()

    def rows(path: Path) -> list[list[list[object]]]:
        book = load_workbook(path)
        return [  # the tasks and reports; the answers owed depend on the moment shown
            [[cell.value for cell in row][:5] for row in sheet.iter_rows()]
            for sheet in book.worksheets[:2]
        ]

    assert rows(out) == rows(expected)


def test_export_of_an_earlier_year_is_dated_at_its_end(tmp_path: Path) -> None:
    """--year 2024 (the clock is later) writes the 2024 ledger as it stood at the year's end:
    its name carries 31 December, and it holds that year's reports and answers owed."""
    data = _data_dir(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    assert (
        main(["export", "--data-dir", str(data), "--team", "t1", "-o", str(out), "--year", "2024"])
        == 0
    )
    (written,) = out.iterdir()
    assert written.name == "台账-县督查室-20241231.xlsx"
    tasks, reports, owed = load_workbook(written).worksheets
    assert "2024年度重点工作督办台账（2024年12月31日）" in tasks.oddHeader.center.text
    assert reports.max_row > 1
    assert owed.max_row > 1
    assert all(row[0].year == 2024 for row in reports.iter_rows(min_row=2, values_only=True))


def test_a_refused_year_names_the_cli_option(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """In the terminal a year outside the history points to `--year`, not to the chat's
    /export."""
    data = _data_dir(tmp_path)
    assert main(["export", "--data-dir", str(data), "--year", "2019"]) == 2
    err = capsys.readouterr().err
    assert "duban export --year" in err
    assert "/export" not in err


def test_an_output_that_cannot_be_written_is_one_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An output path under a file is refused with the path and the reason, exit 1."""
    data = _data_dir(tmp_path)
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    out = blocker / "ledger.xlsx"
    assert main(["export", "--data-dir", str(data), "--output", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"无法写入文件：{out}（")
    assert "Traceback" not in err


def test_a_missing_default_data_directory_is_named_in_full(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without DUBAN_DATA_DIR the default ./duban-data is named by its full path, so the
    operator sees where the export looked."""
    monkeypatch.chdir(tmp_path)
    assert main(["export"]) == 1
    assert f"{tmp_path / 'duban-data'} 处没有数据目录" in capsys.readouterr().err
