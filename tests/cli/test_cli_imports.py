"""What the ``duban`` command imports before it does anything (start-up stays quick)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from bot.importer import load_sample_plan

HEAVY = ("telegram", "docx", "openpyxl", "tinydb", "numpy", "matplotlib", "psycopg")

PROBE = """
import contextlib, io, json, sys
from bot.cli.main import main
with contextlib.redirect_stdout(io.StringIO()):
    try:
        code = main({argv!r})
    except SystemExit as stop:
        code = stop.code
print(json.dumps({{"code": code, "modules": sorted(sys.modules)}}))
"""


def imported_by(argv: list[str]) -> tuple[object, set[str]]:
    """The exit code of ``duban <argv>`` in a fresh interpreter and the top-level packages it
    imported."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(argv=argv)],
        capture_output=True, text=True, check=True, timeout=120,
    )  # fmt: skip
    found = json.loads(done.stdout.strip().splitlines()[-1])
    return found["code"], {name.split(".")[0] for name in found["modules"]}


def test_help_imports_no_heavy_package() -> None:
    """``duban --help`` loads neither Telegram, the store nor the document readers."""
    code, packages = imported_by(["--help"])
    assert code == 0
    assert packages.isdisjoint(HEAVY), sorted(packages & set(HEAVY))


def test_help_leaves_the_sandbox_and_the_demo_unloaded() -> None:
    """The packages beside the bot load only when their command runs, not for ``duban --help``
    (nor for the sandbox command's own help)."""
    for argv in (["--help"], ["sandbox", "--help"], ["demo", "--help"]):
        code, packages = imported_by(argv)
        assert code == 0
        assert packages.isdisjoint({"sandbox", "demo"}), (argv, sorted(packages))


def test_plan_parse_of_text_leaves_office_readers_unloaded(tmp_path: Path) -> None:
    """Parsing a plain-text plan imports no Word or Excel reader, Telegram or the store."""
    plan = tmp_path / "plan.txt"
    plan.write_bytes(load_sample_plan())
    code, packages = imported_by(["plan", "parse", str(plan), "--format", "json"])
    assert code == 0
    assert packages.isdisjoint(HEAVY), sorted(packages & set(HEAVY))


def test_the_bot_loads_chart_and_workbook_code_on_first_use() -> None:
    """Importing the bot (what ``duban run`` loads before it starts) leaves matplotlib and
    openpyxl unloaded: they come with the first chart or ledger, not with every process."""
    probe = "import json, sys, bot.app; print(json.dumps(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True, text=True, check=True, timeout=120,
    )  # fmt: skip
    packages = {name.split(".")[0] for name in json.loads(done.stdout.strip().splitlines()[-1])}
    assert "telegram" in packages
    assert packages.isdisjoint({"matplotlib", "openpyxl", "numpy"}), sorted(packages)
