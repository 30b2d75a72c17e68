"""Storage adapters implementing the domain's repository protocols.

``open_store`` is the one entry point: the composition root and the CLI call it; nothing else
imports this package.
"""

from __future__ import annotations

from pathlib import Path

from bot.domain.ports import Store
from storage.memory import MemoryStore

__all__ = ["MemoryStore", "open_store"]


def open_store(
    data_dir: Path | None,
    *,
    read_only: bool = False,
    database_url: str | None = None,
    pool_max: int | None = None,
) -> Store:
    """Open the store kept in ``data_dir`` (created if missing), or an in-memory one for None.

    ``read_only``: a consistent view of the directory as it is now, taken without its lock (so
    while the bot runs) and refusing every write; the directory must exist. For commands that
    only read, such as ``duban export``.

    ``database_url``: the store is in this PostgreSQL database instead (``data_dir`` unused);
    its schema is created or upgraded unless ``read_only``; ``pool_max`` bounds its connections.
    """
    if database_url is not None:
        return _open_postgres(database_url, read_only=read_only, pool_max=pool_max)
    if data_dir is None:
        return MemoryStore()
    if read_only:
        from storage.readonly import open_read_only

        view: Store = open_read_only(data_dir)
        return view
    from storage.durable import TinyDBStore  # the memory path stays light

    store: Store = TinyDBStore.open(data_dir)
    return store


def _open_postgres(url: str, *, read_only: bool, pool_max: int | None) -> Store:
    try:
        from storage.postgres import PostgresStore
        from storage.postgres.store import DEFAULT_POOL_MAX
    except ImportError as error:  # the optional extra is not installed
        raise RuntimeError(
            'the PostgreSQL store needs psycopg: pip install "duban[postgres]"'
        ) from error
    store: Store = PostgresStore(url, read_only=read_only, pool_max=pool_max or DEFAULT_POOL_MAX)
    return store
