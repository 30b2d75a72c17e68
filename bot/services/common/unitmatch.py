"""Pure fuzzy matching of unit names as plans write them (县发改委) to roster units (发改委)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from bot.domain.people import Unit

EXACT = 1.0
ALIAS = 0.95
STRIPPED = 0.9
CONTAINED = 0.7
THRESHOLD = 0.6

_NOISE = re.compile(r"[\s·•\-—_]|[（(][^）)]*[）)]")
_REGION = re.compile(r"^(?:[\u4e00-\u9fa5Xx某]{1,4}?[省市县区])")
_LEVEL = "省市县区镇乡"


def normalize(name: str) -> str:
    """Without spaces, bracketed notes and case."""
    return _NOISE.sub("", name).casefold()


def variants(name: str) -> set[str]:
    """The name, and the name without a leading administrative level (县, XX市, ...)."""
    base = normalize(name)
    found = {base}
    stripped = _REGION.sub("", base)
    if len(stripped) >= 2:
        found.add(stripped)
    if base[:1] in _LEVEL and len(base) >= 3:
        found.add(base[1:])
    return found


def score(stated: str, unit: Unit) -> float:
    """How well a plan's unit name matches a roster unit (0: not at all)."""
    key = normalize(stated)
    if not key:
        return 0.0
    if key == normalize(unit.name):
        return EXACT
    if key in {normalize(a) for a in unit.aliases}:
        return ALIAS
    mine = variants(stated)
    names = (unit.name, *unit.aliases)
    if any(mine & variants(n) for n in names):
        return STRIPPED
    if any(_contained(mine, variants(n)) for n in names):
        return CONTAINED
    return 0.0


def best(stated: str, units: Iterable[Unit]) -> tuple[Unit | None, float, Sequence[Unit]]:
    """The best matching unit, its score, and every unit tied at that score (>= threshold)."""
    scored = [(score(stated, u), u) for u in units]
    top = max((s for s, _ in scored), default=0.0)
    if top < THRESHOLD:
        return None, 0.0, ()
    tied = [u for s, u in scored if s == top]
    return tied[0], top, tied


def _contained(a: set[str], b: set[str]) -> bool:
    return any(len(x) >= 2 and len(y) >= 2 and (x in y or y in x) for x in a for y in b)
