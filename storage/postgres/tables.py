"""How each collection is laid out in PostgreSQL: one table, the document in a JSON column.

Every table has the same shape: ``id`` (primary key), ``seq`` (insertion order, from one shared
sequence, kept when a row is replaced), ``data`` (the entity as the shared codec encodes it) and
a few key columns copied from the entity for the queries of ``bot.domain.ports``. New entity
fields therefore need no migration: they live in ``data``. Only a new query (a new key column or
index) needs a schema step in :mod:`storage.postgres.migrations`.
"""

from __future__ import annotations

import types
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Union, get_args, get_origin, get_type_hints

from storage import schema
from storage.schema import CollectionSpec

_SQL_TYPES: dict[Any, str] = {str: "text", int: "bigint", datetime: "timestamptz", date: "date"}


@dataclass(frozen=True, slots=True)
class Table:
    """One collection's table: its spec and the entity fields copied into key columns."""

    spec: CollectionSpec
    keys: tuple[str, ...] = ()
    #: Columns only the adapter writes (name, SQL type), not copied from the entity.
    extra: tuple[tuple[str, str], ...] = ()

    @property
    def name(self) -> str:
        """The table's name (the collection's)."""
        return self.spec.name

    def key_values(self, item: object) -> tuple[Any, ...]:
        """The key columns' values of an entity, in ``keys`` order."""
        return tuple(getattr(item, key) for key in self.keys)

    def key_types(self) -> dict[str, str]:
        """The SQL type of each key column, from the entity's type hints."""
        hints = get_type_hints(self.spec.entity)
        return {key: _SQL_TYPES[_strip_optional(hints[key])] for key in self.keys}


def _strip_optional(hint: Any) -> Any:
    if get_origin(hint) in (Union, types.UnionType):
        (inner,) = (arg for arg in get_args(hint) if arg is not type(None))
        return inner
    return hint


TABLES: tuple[Table, ...] = (
    Table(schema.TEAMS),
    Table(schema.SETTINGS),
    Table(schema.UNITS, ("team_id",)),
    Table(schema.PEOPLE, ("team_id", "telegram_id")),
    Table(schema.INVITES, ("person_id",)),
    Table(schema.LEAVES, ("person_id",)),
    Table(schema.PLANS, ("team_id", "imported_at")),
    Table(schema.MEASURES, ("plan_id",)),
    Table(schema.ASSIGNMENTS, ("measure_id", "person_id", "unit_id")),
    Table(schema.CYCLES, ("team_id", "period_start")),
    Table(schema.CLOSEOUTS, ("team_id", "measure_id", "requested_at")),
    Table(schema.PROMPTS, ("cycle_id",)),
    Table(
        schema.REPORTS,
        (
            "team_id",
            "measure_id",
            "cycle_id",
            "author_id",
            "on_behalf_of",
            "created_at",
            "source_chat_id",
            "source_message_id",
        ),
    ),
    Table(schema.REMINDERS, ("person_id", "cycle_id", "sent_at")),
    Table(schema.AUDIT, ("team_id", "subject", "at")),
    Table(schema.PENDING_IMPORTS),
    # the claim of the process handling the update (several processes on one database)
    Table(
        schema.INBOUND,
        ("update_id", "handled_at", "user_id"),
        (("claimed_by", "text"), ("claimed_until", "timestamptz")),
    ),
    Table(schema.SENT, ("sent_at",)),
)
TABLE_BY_NAME: dict[str, Table] = {table.name: table for table in TABLES}
