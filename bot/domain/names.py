"""How typed names are compared: spaces ignored, case folded (``牵头 单位`` is ``牵头单位``)."""

from __future__ import annotations


def name_key(name: str) -> str:
    """``name`` as names are matched: without white space, case-folded."""
    return "".join(name.split()).casefold()
