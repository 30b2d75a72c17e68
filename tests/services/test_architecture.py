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


# --- The feature packages and their order, as docs/architecture.md draws them ---------------

ARCHITECTURE = SERVICES.parents[1] / "docs" / "architecture.md"


def _package_table() -> dict[str, tuple[set[str], set[str]]]:
    """The page's package table: package → (the modules its row names, the packages it may
    import besides ``common``)."""
    text = ARCHITECTURE.read_text(encoding="utf-8")
    table = text.split("<!-- service-packages -->", 1)[1].split("<!-- /service-packages -->")[0]
    rows = [line for line in table.splitlines() if line.startswith("| `")]
    declared: dict[str, tuple[set[str], set[str]]] = {}
    for row in rows:
        name, holds, imports = (cell.strip() for cell in row.strip().strip("|").split("|"))
        modules = set(re.findall(r"`([a-z_]+)`", holds))
        declared[name.strip("`")] = (modules, set(re.findall(r"`([a-z_]+)`", imports)))
    return declared


def _package_imports() -> dict[str, set[str]]:
    """Package → the other service packages its modules import (``common`` left out)."""
    found: dict[str, set[str]] = {}
    for path in SERVICES.glob("*/*.py"):
        package = path.parent.name
        for name in _imports(path):
            parts = name.split(".")
            inside = parts[:2] == ["bot", "services"] and len(parts) > 2
            if inside and parts[2] not in {package, "common"}:
                found.setdefault(package, set()).add(parts[2])
    return found


def test_every_service_module_sits_in_a_documented_package() -> None:
    """No module lies loose in bot/services, and the page names every package and module."""
    loose = sorted(p.name for p in SERVICES.glob("*.py") if p.name != "__init__.py")
    assert loose == []
    real = {
        p.name: {m.stem for m in p.glob("*.py") if m.name != "__init__.py"}
        for p in SERVICES.iterdir()
        if (p / "__init__.py").exists()
    }
    assert {name: modules for name, (modules, _) in _package_table().items()} == real


def test_packages_import_only_what_the_page_allows() -> None:
    """Every import between feature packages is drawn in the table, and every drawn one is
    made: the features depend on one another in one direction."""
    allowed = {name: imports for name, (_, imports) in _package_table().items() if imports}
    assert _package_imports() == allowed


def test_the_package_table_is_read() -> None:
    """The table parses into the eight packages, ``common`` importing no feature."""
    table = _package_table()
    assert len(table) == 8
    assert table["common"][1] == set()
    assert "ownership" in table["tasks"][0]
