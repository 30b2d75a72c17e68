"""The rhythm package stays pure: no Telegram, TinyDB or storage imports (STYLE: pure domain)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import bot.rhythm

PACKAGE = Path(bot.rhythm.__file__).parent
FORBIDDEN = ("telegram", "tinydb", "storage", "bot.handlers", "bot.services", "bot.app")


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: p.name)
def test_no_forbidden_imports(path: Path) -> None:
    """No module of bot.rhythm imports the Bot API, the database or the adapters."""
    bad = {
        name
        for name in _imports(path)
        if name.split(".")[0] in FORBIDDEN
        or any(name == f or name.startswith(f + ".") for f in FORBIDDEN)
    }
    assert bad == set()


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: p.name)
def test_modules_stay_small(path: Path) -> None:
    """Modules stay around 300 lines at most."""
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 320
