"""``duban store check|backup``: look after the data directory.

``check`` verifies integrity and prints counts per collection (exit 1 on problems); ``backup``
writes a verified, consistent copy. Both work while the bot is running: neither takes the lock.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the store modules load when a sub-command runs, not for `duban --help`
    from storage.integrity import CheckReport

DEFAULT_DATA_DIR = "./duban-data"


def data_dir_of(args: argparse.Namespace) -> Path:
    """``--data-dir``, else ``$DUBAN_DATA_DIR``, else ``./duban-data``."""
    chosen = args.data_dir or os.environ.get("DUBAN_DATA_DIR") or DEFAULT_DATA_DIR
    return Path(chosen).expanduser().absolute()


def register(subparsers: Any) -> None:
    """Add ``duban store`` and its sub-commands."""
    parser = subparsers.add_parser("store", help="check or back up the data directory")
    commands = parser.add_subparsers(dest="store_command", metavar="ACTION", required=True)
    check = commands.add_parser("check", help="verify integrity and print counts")
    _add_data_dir(check)
    check.set_defaults(func=run_check)
    backup = commands.add_parser("backup", help="write a consistent copy (bot may be running)")
    backup.add_argument("dest", type=Path, help="new or empty directory for the copy")
    _add_data_dir(backup)
    backup.set_defaults(func=run_backup)


def _add_data_dir(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help=f"data directory (default: $DUBAN_DATA_DIR or {DEFAULT_DATA_DIR})",
    )


def run_check(args: argparse.Namespace) -> int:
    """Check the data directory; 0 if sound, 1 if problems were found."""
    from storage.integrity import check_store

    report = check_store(data_dir_of(args))
    print(render_check(report))
    return 0 if report.ok else 1


def render_check(report: CheckReport) -> str:
    """The check report as text."""
    lines = [f"data directory: {report.data_dir}"]
    if report.version is not None:
        lines.append(
            f"schema version {report.version}, checkpoint {report.generation}, "
            f"{report.log_records} log records since"
        )
    width = max((len(name) for name in report.counts), default=0)
    lines += [f"  {name:<{width}}  {count:>8}" for name, count in report.counts.items()]
    lines += [f"warning: {warning}" for warning in report.warnings]
    lines += [f"problem: {problem}" for problem in report.problems]
    lines.append("OK" if report.ok else f"{len(report.problems)} problem(s) found")
    return "\n".join(lines)


def run_backup(args: argparse.Namespace) -> int:
    """Back up the data directory to ``args.dest``; 0 once the copy is verified."""
    from storage.backup import BackupError, backup_store

    source, dest = data_dir_of(args), args.dest.expanduser().absolute()
    try:
        counts = backup_store(source, dest)
    except BackupError as error:
        print(f"backup failed: {error}", file=sys.stderr)
        return 1
    total = ", ".join(f"{count} {name}" for name, count in counts.items() if count)
    print(f"backup of {source} written to {dest} and verified: {total or 'empty store'}")
    return 0
