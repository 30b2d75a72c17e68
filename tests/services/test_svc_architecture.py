"""Guards on the services package: its dependencies and its documented error codes."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from bot.services.common.errors import CODES

SERVICES = Path(__file__).resolve().parents[2] / "bot" / "services"
FORBIDDEN = ("telegram", "tinydb", "storage", "bot.handlers", "bot.render", "bot.app")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize(
    "path", sorted(SERVICES.rglob("*.py")), ids=lambda p: str(p.relative_to(SERVICES))
)
def test_services_import_no_telegram_or_storage(path: Path) -> None:
    """Services depend on the domain only: no Telegram, TinyDB, storage or handler imports."""
    bad = {n for n in _imports(path) if n.split(".")[0] in FORBIDDEN or n.startswith(FORBIDDEN)}
    assert not bad


def _raised_codes() -> set[str]:
    pattern = re.compile(r"""["'](err\.[a-z_]+)["']""")
    found: set[str] = set()
    for path in SERVICES.rglob("*.py"):
        if path.name != "errors.py":
            found.update(pattern.findall(path.read_text(encoding="utf-8")))
    return found


def test_every_raised_code_is_documented() -> None:
    """Every error code a service raises is listed in ``CODES`` (so it has texts)."""
    assert _raised_codes() - set(CODES) == set()


def test_every_documented_code_is_raised() -> None:
    """``CODES`` lists no code that nothing raises."""
    assert set(CODES) - _raised_codes() == set()
