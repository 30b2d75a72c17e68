"""The changelog keeps pace with the version and tells the operator about the yearly calendar."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from bot import __version__

ROOT = Path(__file__).resolve().parents[2]
CHANGELOG = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")


def test_latest_release_is_the_package_version() -> None:
    """The newest dated release heading is the version pyproject.toml and bot.__version__ say."""
    released = re.findall(r"^## \[(\d+\.\d+\.\d+)\] - \d{4}-\d\d-\d\d$", CHANGELOG, re.MULTILINE)
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert released
    assert released[0] == project["project"]["version"] == __version__


def test_changelog_explains_the_yearly_calendar_update() -> None:
    """The upgrade notes name the package, the lock command and the holiday file fallback."""
    section = CHANGELOG.split("## Every year: the holiday calendar", 1)[1]
    assert "--upgrade-package chinese-calendar" in section
    assert "DUBAN_HOLIDAY_FILE" in section
