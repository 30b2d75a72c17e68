"""The deployment guide an operator follows stays true: its contents line names its sections,
and its commands table names every action of the `duban` command."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from bot.cli.main import build_parser

GUIDE = Path(__file__).resolve().parents[2] / "deploy" / "README.md"


def _text() -> str:
    return GUIDE.read_text(encoding="utf-8")


def test_the_contents_line_names_every_numbered_section() -> None:
    """The contents line lists the numbered sections in order, each by its heading's words."""
    text = _text()
    contents = re.search(r"^Contents: (.*?)\n\n", text, re.M | re.S)
    assert contents is not None
    entries = [entry.strip() for entry in " ".join(contents.group(1).split()).split("·")]
    listed = {int(m.group(1)): m.group(2) for e in entries if (m := re.match(r"(\d+) (\S+)", e))}
    headings = {
        int(m.group(1)): m.group(2) for m in re.finditer(r"^## (\d+)[A-Z]?\. (.*)$", text, re.M)
    }
    assert sorted(listed) == sorted(headings)
    for number, word in listed.items():
        assert word.lower() in headings[number].lower(), (number, word, headings[number])


def _actions(parser: argparse.ArgumentParser, prefix: str = "duban") -> list[str]:
    """Every runnable command line, ``duban store backup`` and the like."""
    groups = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not groups:
        return [prefix]
    return [
        line
        for name, sub in groups[0].choices.items()
        for line in _actions(sub, f"{prefix} {name}")
    ]


def test_the_commands_table_names_every_operator_command() -> None:
    """Every `duban` command an operator runs on a server (not the demo or the sandbox, which
    need no deployment) has a row in the guide's commands table."""
    rows = [line for line in _text().splitlines() if line.startswith("| `duban ")]
    firsts = " ".join(row.split("|")[1] for row in rows)
    wanted = [a for a in _actions(build_parser()) if a.split()[1] not in ("demo", "sandbox")]
    missing = [action for action in wanted if f"`{action}" not in firsts]
    assert not missing, missing
