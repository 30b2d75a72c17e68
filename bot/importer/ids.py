"""Stable measure ids: ``M`` plus four hex digits, short enough for callback data.

A fresh id hashes the section's ordinal and the measure's normalised title, so the
same plan always gets the same ids. Collisions inside one plan are resolved by
re-hashing with a counter, never by reusing an id that is already taken.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection, Iterable

ID_PREFIX = "M"
_HEX_DIGITS = 4
_NON_WORD = re.compile(r"[\W_]+")


def normalise_title(title: str) -> str:
    """A title with white space and punctuation removed, for comparisons and hashing."""
    return _NON_WORD.sub("", title).lower()


def new_id(
    section_ordinal: int | None, title: str, taken: Collection[str] = (), first_attempt: int = 0
) -> str:
    """A fresh id for a measure that is not in ``taken``."""
    return _fresh(_seed(section_ordinal, title), taken, first_attempt)[0]


def assign_ids(keys: Iterable[tuple[int | None, str]]) -> list[str]:
    """Ids for measures given as (section ordinal, title), unique within the plan.

    Measures with the same seed continue re-hashing where the previous one stopped, so a
    plan of many identical titles stays linear.
    """
    taken: set[str] = set()
    attempts: dict[str, int] = {}
    ids = []
    for ordinal, title in keys:
        seed = _seed(ordinal, title)
        measure_id, attempt = _fresh(seed, taken, attempts.get(seed, 0))
        attempts[seed] = attempt + 1
        taken.add(measure_id)
        ids.append(measure_id)
    return ids


def _seed(section_ordinal: int | None, title: str) -> str:
    return f"{section_ordinal if section_ordinal is not None else '-'}|{normalise_title(title)}"


def _fresh(seed: str, taken: Collection[str], attempt: int) -> tuple[str, int]:
    used = taken if isinstance(taken, set | frozenset | dict) else set(taken)
    while True:
        salt = f"{seed}|{attempt}" if attempt else seed
        digest = hashlib.sha1(salt.encode("utf-8"), usedforsecurity=False).hexdigest()
        width = _HEX_DIGITS if attempt < 64 else _HEX_DIGITS + 2
        candidate = ID_PREFIX + digest[:width]
        if candidate not in used:
            return candidate, attempt
        attempt += 1
