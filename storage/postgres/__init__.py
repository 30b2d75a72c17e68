"""The PostgreSQL adapter: the store in a PostgreSQL database, for several bot processes.

Chosen with ``DUBAN_DATABASE_URL=postgresql://…``; needs the ``postgres`` extra
(``pip install "duban[postgres]"``: psycopg 3 and its pool).
"""

from __future__ import annotations

from storage.postgres.store import DatabaseUnavailable, PostgresStore, ReadOnlyError

__all__ = ["DatabaseUnavailable", "PostgresStore", "ReadOnlyError", "is_database_url"]


def is_database_url(location: str) -> bool:
    """Whether a store location names a PostgreSQL database rather than a directory."""
    return location.startswith(("postgresql://", "postgres://"))
