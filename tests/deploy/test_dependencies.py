"""Installs are reproducible: every imported package is declared, and every declared one is
pinned with hashes in the lock files that scripts/bootstrap.sh and the Dockerfile install from."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
#: The project's own top-level packages (bot, storage, the sandbox, the demo).
OWN = [p.rstrip("*") for p in PYPROJECT["tool"]["setuptools"]["packages"]["find"]["include"]]
LOCKS = {name: ROOT / "requirements" / f"{name}.txt" for name in ("runtime", "dev")}
PIN = re.compile(r"^([A-Za-z0-9_.-]+)==([^\s;\\]+)", re.MULTILINE)


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _requirement_name(requirement: str) -> str:
    match = re.match(r"[A-Za-z0-9_.-]+", requirement)
    assert match is not None, requirement
    return _canonical(match.group(0))


def _imported_top_levels() -> set[str]:
    names: set[str] = set()
    for package in OWN:
        for path in (ROOT / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    names.update(alias.name.split(".")[0] for alias in node.names)
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names.add(node.module.split(".")[0])
    return names - set(sys.stdlib_module_names) - set(OWN)


def _pins(lock: Path) -> dict[str, str]:
    return {_canonical(name): version for name, version in PIN.findall(lock.read_text())}


def test_every_imported_package_is_declared() -> None:
    """Each third-party module the code imports belongs to a distribution named in
    pyproject's dependencies or an optional extra (the PostgreSQL driver), not one that happens
    to come along with another."""
    extras = PYPROJECT["project"].get("optional-dependencies", {}).values()
    declared = {
        _requirement_name(r)
        for r in (*PYPROJECT["project"]["dependencies"], *(r for group in extras for r in group))
    }
    owners = packages_distributions()
    missing = {
        module: owners.get(module)
        for module in _imported_top_levels()
        if not {_canonical(dist) for dist in owners.get(module, [module])} & declared
    }
    assert missing == {}


@pytest.mark.parametrize("lock", sorted(LOCKS))
def test_lock_pins_every_declared_dependency_with_hashes(lock: str) -> None:
    """Each runtime dependency (and, in dev.txt, each test tool) is pinned to one version, and
    every pin carries at least one sha256 hash, so pip can run with --require-hashes."""
    text = LOCKS[lock].read_text(encoding="utf-8")
    wanted = [*PYPROJECT["project"]["dependencies"], "setuptools"]
    if lock == "dev":
        wanted += PYPROJECT["dependency-groups"]["test"]
    pins = _pins(LOCKS[lock])
    assert {_requirement_name(r) for r in wanted} - set(pins) == set()
    blocks = re.split(r"\n(?=[A-Za-z0-9_.-]+==)", text.split("\n", 1)[1])
    unhashed = [b.split()[0] for b in blocks if PIN.match(b) and "--hash=sha256:" not in b]
    assert unhashed == []


def test_installed_versions_match_the_lock() -> None:
    """The environment the tests run in is the locked one (bootstrap installs from dev.txt)."""
    from importlib.metadata import version

    pins = _pins(LOCKS["dev"])
    drift = {}
    for requirement in PYPROJECT["project"]["dependencies"]:
        name = _requirement_name(requirement)
        if version(name) != pins[name]:
            drift[name] = (version(name), pins[name])
    assert drift == {}


def test_install_paths_use_the_lock_with_hashes() -> None:
    """The bootstrap script and the Dockerfile install from the lock in hash-checking mode."""
    bootstrap = (ROOT / "scripts" / "bootstrap.sh").read_text(encoding="utf-8")
    dockerfile = (ROOT / "deploy" / "Dockerfile").read_text(encoding="utf-8")
    assert "--require-hashes -r requirements/dev.txt" in bootstrap
    assert "--require-hashes -r requirements/runtime.txt" in dockerfile
