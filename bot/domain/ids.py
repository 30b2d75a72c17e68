"""Short, URL- and callback-safe identifiers.

Ids appear in Telegram callback data (at most 64 bytes) and in commands such as ``/task M3f2a``,
so they are short lowercase base32 strings behind a one-letter kind prefix.

Inside :func:`seeded` (the handling of one update) ids are not random but derived from the seed
and their order: handling the same update again after a crash makes the same ids, so the
records it creates replace the ones the first attempt made instead of adding to them.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

_ALPHABET_BYTES = 5  # 5 random bytes -> 8 base32 characters, 40 bits


@dataclass
class _Seed:
    text: str
    count: int = 0


_SEED: ContextVar[_Seed | None] = ContextVar("id_seed", default=None)


@contextmanager
def seeded(seed: str) -> Iterator[None]:
    """Derive every id made inside the block (in this task) from ``seed`` and its order."""
    token = _SEED.set(_Seed(seed))
    try:
        yield
    finally:
        _SEED.reset(token)


def _bytes(nbytes: int) -> bytes:
    seed = _SEED.get()
    if seed is None:
        return secrets.token_bytes(nbytes)
    seed.count += 1
    return hashlib.blake2b(f"{seed.text}#{seed.count}".encode(), digest_size=nbytes).digest()


def new_id(prefix: str, nbytes: int = _ALPHABET_BYTES) -> str:
    """A new id such as ``p7k2m9qra`` for prefix ``p`` (random, or derived inside
    :func:`seeded`)."""
    raw = base64.b32encode(_bytes(nbytes)).decode("ascii").rstrip("=")
    return prefix + raw.lower()


def new_token(nbytes: int = 12) -> str:
    """An unguessable token for invite deep links (Telegram allows ``[A-Za-z0-9_-]{1,64}``)."""
    return secrets.token_urlsafe(nbytes)
