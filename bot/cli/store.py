"""``duban store check|backup|migrate``: look after the store.

The store is the data directory, or the PostgreSQL database when a URL is given
(``--database-url``, else ``$DUBAN_DATABASE_URL`` unless ``--data-dir`` is given). ``check``
verifies integrity and prints counts per collection (exit 1 on problems); ``backup`` writes a
verified, consistent copy (``pg_dump`` for PostgreSQL). Both work while the bot is running:
neither takes a lock. ``migrate --from DIR --to URL`` moves a data directory into an empty
PostgreSQL database and proves the counts match (stop the bot first).
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


def database_url_of(args: argparse.Namespace) -> str | None:
    """``--database-url``, else ``$DUBAN_DATABASE_URL`` when no ``--data-dir`` is given."""
    if args.database_url:
        return str(args.database_url)
    if args.data_dir:
        return None
    return os.environ.get("DUBAN_DATABASE_URL") or None


def postgres_url(value: str) -> str:
    """An argument naming a PostgreSQL database; anything else is refused by argparse with
    what is expected (never echoing the value: it may hold a password)."""
    if not value.startswith(("postgresql://", "postgres://")):
        raise argparse.ArgumentTypeError(
            "must be a postgresql:// URL, e.g. postgresql://duban:PASSWORD@HOST:5432/duban"
        )
    return value


def register(subparsers: Any) -> None:
    """Add ``duban store`` and its sub-commands."""
    parser = subparsers.add_parser(
        "store",
        help="数据检查、备份、迁移 / check, back up or migrate the store",
        description="Look after the store: the data directory (--data-dir, else "
        "$DUBAN_DATA_DIR or ./duban-data) or the PostgreSQL database ($DUBAN_DATABASE_URL or "
        "--database-url). `duban store ACTION --help` for each action.",
    )
    commands = parser.add_subparsers(dest="store_command", metavar="ACTION", required=True)
    check = commands.add_parser(
        "check",
        help="verify integrity and print counts",
        description="Verify the store (the data directory, or the PostgreSQL database) and print "
        "the count of each collection; exit 1 on any problem. Safe while the bot runs.",
    )
    _add_location(check)
    check.set_defaults(func=run_check)
    backup = commands.add_parser(
        "backup",
        help="write a consistent copy (bot may be running)",
        description="Write a consistent, verified copy of the store into DEST, a new or empty "
        "directory (PostgreSQL: DEST/duban.pgdump by pg_dump). Safe while the bot runs; restore "
        "as deploy/README.md section 6 says.",
    )
    backup.add_argument("dest", type=Path, help="new or empty directory for the copy")
    _add_location(backup)
    backup.set_defaults(func=run_backup)
    migrate = commands.add_parser(
        "migrate",
        help="move a data directory into PostgreSQL (bot stopped)",
        description="Copy a data directory into an empty PostgreSQL database, then prove it: "
        "every collection's count must match and every entity read back equal. Stop the bot "
        "first (deploy/README.md section 13).",
    )
    migrate.add_argument(
        "--from",
        dest="source",
        type=Path,
        required=True,
        metavar="DIR",
        help="the data directory (the bot stopped)",
    )
    migrate.add_argument(
        "--to",
        dest="target",
        required=True,
        metavar="URL",
        type=postgres_url,
        help="an empty PostgreSQL database: postgresql://USER:PASSWORD@HOST:PORT/DB",
    )
    migrate.set_defaults(func=run_migrate)


def _add_location(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help=f"data directory (default: $DUBAN_DATA_DIR or {DEFAULT_DATA_DIR})",
    )
    parser.add_argument(
        "--database-url",
        metavar="URL",
        type=postgres_url,
        help="PostgreSQL database (default: $DUBAN_DATABASE_URL unless --data-dir is given)",
    )


def run_check(args: argparse.Namespace) -> int:
    """Check the store; 0 if sound, 1 if problems were found."""
    from bot.cli.say import language, say

    lang = language()
    url = database_url_of(args)
    if url is not None:
        from storage.postgres.check import check_database

        found = check_database(url)
        heading = [
            say("store.heading_db", lang, where=found.location),
            say("store.heading_db_version", lang, version=found.version),
        ]
        print(_render(heading, found.counts, found.warnings, found.problems, lang))
        return 0 if found.ok else 1
    from storage.integrity import check_store

    report = check_store(data_dir_of(args))
    print(render_check(report, lang))
    return 0 if report.ok else 1


def render_check(report: CheckReport, lang: str) -> str:
    """The check report as text, in ``lang``."""
    from bot.cli.say import say

    lines = [say("store.heading_dir", lang, path=report.data_dir)]
    if report.version is not None:
        lines.append(
            say(
                "store.heading_version",
                lang,
                version=report.version,
                generation=report.generation,
                records=report.log_records,
            )
        )
    return _render(lines, report.counts, report.warnings, report.problems, lang)


def _render(
    lines: list[str],
    counts: dict[str, int],
    warnings: list[str],
    problems: list[str],
    lang: str,
) -> str:
    from bot.cli.say import reason, say

    width = max((len(name) for name in counts), default=0)
    lines = [*lines, *(f"  {name:<{width}}  {count:>8}" for name, count in counts.items())]
    lines += [say("store.warning", lang, text=reason(warning, lang)) for warning in warnings]
    lines += [say("store.problem", lang, text=reason(problem, lang)) for problem in problems]
    found = say("store.problems_found", lang, count=len(problems))
    lines.append(say("store.ok", lang) if not problems else found)
    return "\n".join(lines)


def run_backup(args: argparse.Namespace) -> int:
    """Back up the store to ``args.dest``; 0 once the copy is verified."""
    from bot.cli.say import language, reason, say

    lang = language()
    dest = args.dest.expanduser().absolute()
    url = database_url_of(args)
    if url is not None:
        from storage.postgres.check import shown
        from storage.postgres.dump import DumpError, dump_database

        try:
            written = dump_database(url, dest)
        except DumpError as error:
            print(say("store.backup_failed", lang, reason=reason(error, lang)), file=sys.stderr)
            return 1
        print(say("store.pg_dump_done", lang, where=shown(url), path=written))
        return 0
    from storage.backup import BackupError, backup_store
    from storage.files import CorruptFileError
    from storage.layout import CorruptStoreError

    source = data_dir_of(args)
    try:
        counts = backup_store(source, dest)
    except (BackupError, CorruptStoreError, CorruptFileError) as error:
        print(say("store.backup_failed", lang, reason=reason(error, lang)), file=sys.stderr)
        return 1
    except OSError as error:  # the destination cannot be made or written
        where = error.filename or dest
        unwritable = say("store.cannot_write", lang, path=where, reason=error.strerror or error)
        print(say("store.backup_failed", lang, reason=unwritable), file=sys.stderr)
        return 1
    total = ", ".join(f"{count} {name}" for name, count in counts.items() if count)
    total = total or say("store.backup_empty", lang)
    print(say("store.backup_done", lang, source=source, dest=dest, total=total))
    return 0


def run_migrate(args: argparse.Namespace) -> int:
    """Move the data directory into the database; 0 once every count matches."""
    from bot.cli.say import language, reason, say
    from storage.files import CorruptFileError
    from storage.postgres.check import shown
    from storage.postgres.transfer import TransferError, migrate_directory

    lang = language()
    source = args.source.expanduser().absolute()
    try:
        moved = migrate_directory(source, args.target)
    except (TransferError, RuntimeError, OSError, CorruptFileError) as error:
        print(say("store.migrate_failed", lang, reason=reason(error, lang)), file=sys.stderr)
        return 1
    width = max(len(m.name) for m in moved)
    heads = [say(f"store.column.{c}", lang) for c in ("collection", "directory", "database")]
    print(f"{source} -> {shown(args.target)}")
    print(f"  {heads[0]:<{width}}  {heads[1]:>9}  {heads[2]:>9}")
    print("\n".join(f"  {m.name:<{width}}  {m.source:>9}  {m.target:>9}" for m in moved))
    print(say("store.migrate_ok", lang))
    return 0
