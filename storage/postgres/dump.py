"""``duban store backup`` for a PostgreSQL database: ``pg_dump``, then a check of the dump.

PostgreSQL's own tool makes the copy: ``pg_dump --format=custom`` reads one consistent snapshot
while the bot runs and writes ``duban.pgdump`` into the destination directory. The copy is then
verified with ``pg_restore --list``: every Duban table and its data must be in it. Restore with
``pg_restore --dbname=URL --clean --if-exists DEST/duban.pgdump`` (see ``deploy/README.md``).
For point-in-time recovery and replicas, use PostgreSQL's WAL archiving instead.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from storage.layout import Sentence
from storage.postgres.tables import TABLES

DUMP_FILE = "duban.pgdump"


class DumpError(RuntimeError):
    """The dump could not be made or does not hold every table."""


def dump_database(url: str, dest: Path) -> Path:
    """Write a verified ``pg_dump`` of the database at ``url`` into the new directory ``dest``."""
    if dest.exists() and any(dest.iterdir()):
        raise DumpError(Sentence(f"{dest} exists and is not empty", "dest_not_empty", path=dest))
    pg_dump, pg_restore = shutil.which("pg_dump"), shutil.which("pg_restore")
    if pg_dump is None or pg_restore is None:
        text = "pg_dump and pg_restore are needed (Debian: apt install postgresql-client)"
        raise DumpError(Sentence(text, "pg_tools_missing"))
    dest.mkdir(parents=True, exist_ok=True, mode=0o700)
    target = dest / DUMP_FILE
    made = subprocess.run(
        [pg_dump, "--format=custom", "--no-owner", f"--file={target}", f"--dbname={url}"],
        capture_output=True,
        text=True,
        check=False,
    )
    if made.returncode != 0:
        why = made.stderr.strip()
        raise DumpError(Sentence(f"pg_dump failed: {why}", "pg_dump_failed", reason=why))
    listed = subprocess.run(
        [pg_restore, "--list", str(target)], capture_output=True, text=True, check=False
    )
    if listed.returncode != 0:
        why = listed.stderr.strip()
        text = f"the dump does not read back: {why}"
        raise DumpError(Sentence(text, "dump_unreadable", path=target, reason=why))
    found = set(re.findall(r" TABLE DATA \S+ (\S+) ", listed.stdout))
    missing = [table.name for table in TABLES if table.name not in found]
    if missing:
        tables = ", ".join(missing)
        text = f"the dump lacks the data of {tables}"
        raise DumpError(Sentence(text, "dump_incomplete", path=target, tables=tables))
    return target
