"""``duban store check`` for a PostgreSQL database: schema, decoding, keys and references.

Reads without locking anything (the bot may be running): the schema version, the row count of
every table, that each document decodes as its entity and agrees with its key columns, and that
references between collections resolve (the same list as the data directory's check).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import psycopg

from storage.codec import CodecError, decode
from storage.integrity import MAX_LISTED, REFERENCES, dangling, limited
from storage.layout import Sentence
from storage.postgres import migrations
from storage.postgres.tables import TABLES, Table

BATCH = 2000  # rows fetched at a time while decoding


@dataclass
class DatabaseReport:
    """What ``check_database`` found."""

    location: str
    version: int | None = None
    counts: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """No problems (warnings allowed)."""
        return not self.problems


def shown(url: str) -> str:
    """The URL with its password hidden, for messages."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urlunsplit(parts._replace(netloc=netloc))


def check_database(url: str) -> DatabaseReport:
    """Verify the Duban data in the database at ``url``."""
    report = DatabaseReport(shown(url))
    try:
        with psycopg.connect(url, autocommit=True, connect_timeout=10) as conn:
            _check(conn, report)
    except psycopg.Error as error:
        why = str(error).strip()
        report.problems.append(Sentence(f"database error: {why}", "db_error", reason=why))
    return report


def _check(conn: psycopg.Connection[Any], report: DatabaseReport) -> None:
    report.version = migrations.schema_version(conn)
    if report.version == 0:
        report.problems.append(Sentence("no Duban schema in this database", "db_no_schema"))
        return
    if report.version > migrations.CURRENT_VERSION:
        text = f"schema {report.version} is newer than this Duban reads"
        newer = Sentence(
            text, "db_newer", version=report.version, current=migrations.CURRENT_VERSION
        )
        report.problems.append(newer)
        return
    if report.version < migrations.CURRENT_VERSION:
        current = migrations.CURRENT_VERSION
        text = f"schema {report.version}; it is upgraded to {current} on next open"
        report.warnings.append(
            Sentence(text, "db_schema_old", version=report.version, current=current)
        )
        return
    with conn.transaction():  # one snapshot for every count and scan
        conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        for table in TABLES:
            row = conn.execute(f"SELECT count(*) FROM {table.name}").fetchone()
            report.counts[table.name] = int(row[0]) if row else 0
        report.problems += limited(_bad_rows(conn), "bad_rows")
        report.problems += limited(_dangling(conn), "dangling")


def _bad_rows(conn: psycopg.Connection[Any]) -> Iterator[str]:
    for table in TABLES:
        columns = "".join(f', "{key}"' for key in table.keys)
        with conn.cursor(name=f"check_{table.name}") as cursor:
            cursor.itersize = BATCH
            cursor.execute(f"SELECT id, data{columns} FROM {table.name} ORDER BY seq")
            for key, doc, *keys in cursor:
                problem = _row_problem(table, key, doc, tuple(keys))
                if problem:
                    text = f"{table.name}/{key}: {problem}"
                    yield Sentence(text, "bad_row", table=table.name, key=key, problem=problem)


def _row_problem(table: Table, key: str, doc: Any, keys: tuple[Any, ...]) -> Sentence | None:
    try:
        item = decode(table.spec.entity, doc)
    except CodecError as error:
        return Sentence(str(error), "row_undecodable", reason=error)
    found = getattr(item, "id", None)
    if found != key:
        return Sentence(f"the document's id is {found!r}", "row_id", id=repr(found))
    if table.key_values(item) != keys:
        text = f"key columns {keys!r} disagree with the document"
        return Sentence(text, "row_keys", keys=repr(keys))
    return None


def _dangling(conn: psycopg.Connection[Any]) -> Iterator[str]:
    for source, name, target in REFERENCES:
        if name == "measure_ids":  # a list of ids
            value = f"json_array_elements_text(s.data->'{name}')"
            query = (
                f"SELECT s.id, v FROM {source} s, {value} AS v "
                f"WHERE NOT EXISTS (SELECT 1 FROM {target} t WHERE t.id = v)"
            )
        else:
            query = (
                f"SELECT s.id, s.data->>'{name}' FROM {source} s "
                f"WHERE s.data->>'{name}' IS NOT NULL AND NOT EXISTS "
                f"(SELECT 1 FROM {target} t WHERE t.id = s.data->>'{name}')"
            )
        for key, value in conn.execute(f"{query} LIMIT {MAX_LISTED + 1}"):
            yield dangling(source, key, name, value, target)
