"""Short, URL- and callback-safe identifiers.

Ids appear in Telegram callback data (at most 64 bytes) and in commands such as ``/task M3f2a``,
so they are short lowercase base32 strings behind a one-letter kind prefix.
"""

from __future__ import annotations

import base64
import secrets

_ALPHABET_BYTES = 5  # 5 random bytes -> 8 base32 characters, 40 bits


def new_id(prefix: str, nbytes: int = _ALPHABET_BYTES) -> str:
    """A new random id such as ``p7k2m9qra`` for prefix ``p``."""
    raw = base64.b32encode(secrets.token_bytes(nbytes)).decode("ascii").rstrip("=")
    return prefix + raw.lower()


def new_token(nbytes: int = 12) -> str:
    """An unguessable token for invite deep links (Telegram allows ``[A-Za-z0-9_-]{1,64}``)."""
    return secrets.token_urlsafe(nbytes)
