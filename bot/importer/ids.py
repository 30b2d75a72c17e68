"""Stable measure ids: ``M`` plus four hex digits, short enough for callback data.

A fresh id hashes the section's ordinal and the measure's normalised title, so the
same plan always gets the same ids. Collisions inside one plan are resolved by
re-hashing with a counter, never by reusing an id that is already taken.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

ID_PREFIX = "M"
_HEX_DIGITS = 4
_NON_WORD = re.compile(r"[\W_]+")


def normalise_title(title: str) -> str:
    """A title with white space and punctuation removed, for comparisons and hashing."""
    return _NON_WORD.sub("", title).lower()


def new_id(section_ordinal: int | None, title: str, taken: Iterable[str] = ()) -> str:
    """A fresh id for a measure that is not in ``taken``."""
    used = set(taken)
    seed = f"{section_ordinal if section_ordinal is not None else '-'}|{normalise_title(title)}"
    attempt = 0
    while True:
        salt = f"{seed}|{attempt}" if attempt else seed
        digest = hashlib.sha1(salt.encode("utf-8"), usedforsecurity=False).hexdigest()
        width = _HEX_DIGITS if attempt < 64 else _HEX_DIGITS + 2
        candidate = ID_PREFIX + digest[:width]
        if candidate not in used:
            return candidate
        attempt += 1


def assign_ids(keys: Iterable[tuple[int | None, str]]) -> list[str]:
    """Ids for measures given as (section ordinal, title), unique within the plan."""
    taken: set[str] = set()
    ids = []
    for ordinal, title in keys:
        measure_id = new_id(ordinal, title, taken)
        taken.add(measure_id)
        ids.append(measure_id)
    return ids
