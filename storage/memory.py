"""The in-memory adapter: the full store contract, kept in this process only.

For tests and the demo. It shares every index and the transaction logic with the TinyDB adapter,
so the contract suite that passes here passes there.
"""

from __future__ import annotations

from storage.core import IndexedStore


class MemoryStore(IndexedStore):
    """A ``bot.domain.ports.Store`` that lives in memory; ``atomic()`` rolls back on error."""

    def __init__(self) -> None:
        super().__init__(journal=None)
