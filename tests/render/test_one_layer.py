"""Every text, table and picture is made in bot/render: no other module of the bot or the store
looks a text up in the catalogs, writes a workbook or draws a chart (the sandbox and the demo are
programs beside the bot, with their own words)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _made_here(tree: ast.AST) -> list[str]:
    """What in ``tree`` words, tabulates or draws: catalog lookups, workbooks, charts."""
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            names = {alias.name for alias in node.names}
            if node.module == "bot.i18n" and names & {"t", "catalog_keys"}:
                found.append("catalog lookup")
            if node.module == "openpyxl" and "Workbook" in names:
                found.append("workbook")
            if node.module.split(".")[0] == "matplotlib":
                found.append("chart")
        elif isinstance(node, ast.Import) and any(
            alias.name.split(".")[0] == "matplotlib" for alias in node.names
        ):
            found.append("chart")
    return found


def _outside() -> dict[str, list[str]]:
    """Each module outside bot/render and bot/i18n that words, tabulates or draws."""
    found = {}
    for top in ("bot", "storage"):
        for path in sorted((ROOT / top).rglob("*.py")):
            name = path.relative_to(ROOT).as_posix()
            if name.startswith(("bot/render/", "bot/i18n/")):
                continue
            made = _made_here(ast.parse(path.read_text(encoding="utf-8")))
            if made:
                found[name] = made
    return found


def test_no_text_table_or_picture_is_made_outside_the_rendering_layer() -> None:
    """Handlers, jobs, services, the importer, the rhythm and the rest leave wording to
    bot/render."""
    assert _outside() == {}


def test_the_scan_recognises_wording_tabulating_and_drawing() -> None:
    """A catalog lookup, a new workbook and a chart are each found; reading a workbook is not."""
    source = (
        "from bot.i18n import t\nfrom openpyxl import Workbook, load_workbook\n"
        "import matplotlib.pyplot as plt\nfrom bot.i18n import LANGUAGES\n"
    )
    assert _made_here(ast.parse(source)) == ["catalog lookup", "workbook", "chart"]
    assert _made_here(ast.parse("from openpyxl import load_workbook\n")) == []
