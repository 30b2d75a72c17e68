"""The documentation stays true to the code: settings, commands, links and the Quick start."""

from __future__ import annotations

import re
from pathlib import Path

from telegram.ext import CommandHandler

from bot import config
from bot.cli.main import build_parser
from bot.handlers import build_handlers

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
DOCS = ROOT / "docs"
QUICK_START_COMMANDS = ("bash scripts/demo.sh", "bash scripts/test.sh")

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_INLINE_LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_REFERENCE_LINK = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+.*)?$")
_CODE_SPAN = re.compile(r"`[^`\n]*`")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def _prose(text: str) -> str:
    """The text without fenced code blocks (links in code are examples, not links)."""
    kept: list[str] = []
    fenced = False
    for line in text.splitlines():
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if not fenced:
            kept.append(line)
    return "\n".join(kept)


def _section(text: str, title: str, *, code: bool = False) -> str:
    """The body of the first heading whose text starts with ``title``, up to the next heading
    of the same or a higher level; fenced code is dropped unless ``code``."""
    lines = text.splitlines()
    headings: list[int | None] = []
    fenced = False
    for line in lines:  # which lines are headings (a "#" inside a code block is not)
        if _FENCE.match(line):
            fenced = not fenced
        match = None if fenced else _HEADING.match(line)
        headings.append(len(match.group(1)) if match else None)
    for start, line in enumerate(lines):
        level = headings[start]
        if level is not None and line.lstrip("#").strip().startswith(title):
            end = next(
                (i for i in range(start + 1, len(lines)) if (headings[i] or 99) <= level),
                len(lines),
            )
            body = "\n".join(lines[start + 1 : end])
            return body if code else _prose(body)
    raise AssertionError(f"README.md has no section titled {title!r}")


def _first_cells(section: str) -> list[str]:
    """The first cell of every table row in a section (header and separator rows included)."""
    return [
        line.strip().strip("|").split("|")[0].strip()
        for line in section.splitlines()
        if line.strip().startswith("|")
    ]


def _settings() -> set[str]:
    """Every ``DUBAN_*`` name bot/config.py reads: its keys, the config-file variable, and any
    other name written in its source."""
    names = {config.PREFIX + key.upper() for key in config.KEYS}
    names.add(config.CONFIG_VARIABLE)
    source = Path(config.__file__).read_text(encoding="utf-8")
    names.update(re.findall(r"\bDUBAN_[A-Z][A-Z0-9_]*\b", source))
    return names


def _commands() -> set[str]:
    """Every command name a registered CommandHandler answers."""
    return {
        name
        for handler in build_handlers()
        if isinstance(handler, CommandHandler)
        for name in handler.commands
    }


def _links(path: Path) -> list[str]:
    """Every link target in a Markdown file, outside code blocks and code spans."""
    prose = _CODE_SPAN.sub("", _prose(path.read_text(encoding="utf-8")))
    targets = _INLINE_LINK.findall(prose)
    targets += [m.group(1) for line in prose.splitlines() if (m := _REFERENCE_LINK.match(line))]
    return targets


def _documents() -> list[Path]:
    return [README, *sorted(DOCS.glob("*.md"))]


def test_every_setting_is_in_the_configuration_table() -> None:
    """Every DUBAN_* setting of bot/config.py has a row in the README's configuration table."""
    rows = " ".join(_first_cells(_section(README.read_text(encoding="utf-8"), "Configuration")))
    missing = sorted(name for name in _settings() if f"`{name}`" not in rows)
    assert not missing, f"settings missing from the README configuration table: {missing}"


def test_every_command_is_in_the_commands_table() -> None:
    """Every command a CommandHandler is registered for has a row in the README commands table."""
    rows = " ".join(_first_cells(_section(README.read_text(encoding="utf-8"), "Commands")))
    documented = set(re.findall(r"/([a-z_]+)", rows))
    missing = sorted(_commands() - documented)
    assert not missing, f"commands missing from the README commands table: {missing}"


def test_commands_table_lists_no_unknown_command() -> None:
    """The README's commands table names no command that has no handler."""
    rows = " ".join(_first_cells(_section(README.read_text(encoding="utf-8"), "Commands")))
    unknown = sorted(set(re.findall(r"`/([a-z_]+)", rows)) - _commands())
    assert not unknown, f"commands in the README table without a handler: {unknown}"


def test_every_cli_subcommand_is_documented() -> None:
    """Every `duban` sub-command appears in the README."""
    parser = build_parser()
    actions = [a for a in parser._actions if a.dest == "command"]
    names = sorted(actions[0].choices) if actions else []
    text = README.read_text(encoding="utf-8")
    assert names, "the duban parser has no sub-commands"
    missing = [name for name in names if f"duban {name}" not in text]
    assert not missing, f"duban sub-commands missing from the README: {missing}"


def test_relative_links_point_to_existing_files() -> None:
    """Every relative link in README.md and docs/*.md points to a file or folder that exists."""
    broken: list[str] = []
    for document in _documents():
        for target in _links(document):
            if target.startswith("#") or _SCHEME.match(target):
                continue
            path = target.split("#", 1)[0].split("?", 1)[0]
            if not (document.parent / path).exists():
                broken.append(f"{document.relative_to(ROOT)}: {target}")
    assert not broken, "broken relative links:\n" + "\n".join(broken)


def test_every_guide_is_linked_from_the_readme() -> None:
    """Each page in docs/ is reachable from the README."""
    links = {Path(target.split("#", 1)[0]).as_posix() for target in _links(README)}
    unlinked = [
        page.relative_to(ROOT).as_posix()
        for page in sorted(DOCS.glob("*.md"))
        if page.relative_to(ROOT).as_posix() not in links
    ]
    assert not unlinked, f"docs pages the README does not link to: {unlinked}"


def test_quick_start_has_the_two_commands() -> None:
    """The Quick start shows exactly `bash scripts/demo.sh` and `bash scripts/test.sh`."""
    quick_start = _section(README.read_text(encoding="utf-8"), "Quick start", code=True)
    for command in QUICK_START_COMMANDS:
        assert re.search(rf"^{re.escape(command)}(\s|$)", quick_start, re.MULTILINE), command
        assert (ROOT / command.split()[1]).is_file(), command


def test_ci_runs_the_test_command() -> None:
    """`.ci/run` runs the README's test command, `bash scripts/test.sh`."""
    lines = [
        line.strip()
        for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.strip().startswith("#")
    ]
    assert any(re.search(r"\bbash scripts/test\.sh\b", line) for line in lines), lines


def test_readme_keeps_the_transcript_placeholder() -> None:
    """The README has one `<!-- transcript -->` … `<!-- /transcript -->` block, in that order."""
    text = README.read_text(encoding="utf-8")
    assert text.count("<!-- transcript -->") == 1
    assert text.count("<!-- /transcript -->") == 1
    assert text.index("<!-- transcript -->") < text.index("<!-- /transcript -->")
