"""Keeping measure ids stable when a plan is edited and imported again.

Matching runs in three rounds, each only over what is still unmatched:

1. the same normalised title (same section first, then nearest position);
2. similar titles (difflib ratio ≥ 0.6), or similar bodies (≥ 0.8) when a title was
   rewritten, among measures of the same section or nearby positions; a match in the
   same section scores higher and position breaks ties;
3. everything left is added (a fresh id never reuses an old one) or removed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from difflib import SequenceMatcher

from bot.importer.ids import new_id, normalise_title
from bot.importer.model import ParsedMeasure, ParsedPlan, PlanDiff

TITLE_SIMILARITY = 0.6
BODY_SIMILARITY = 0.8
_SAME_SECTION_BONUS = 0.1
_WINDOW = 60
"""Measures further apart than this are compared only when they share a section."""


def reconcile(previous: Sequence[ParsedMeasure], new: ParsedPlan) -> tuple[ParsedPlan, PlanDiff]:
    """``new`` with ids carried over from ``previous``, and what changed between them."""
    pairs = _exact(previous, new.measures)
    pairs.update(_similar(previous, new.measures, pairs))
    taken = {m.id for m in previous}
    measures: list[ParsedMeasure] = []
    added: list[ParsedMeasure] = []
    changed: list[ParsedMeasure] = []
    unchanged: list[ParsedMeasure] = []
    for index, measure in enumerate(new.measures):
        if index in pairs:
            old = previous[pairs[index]]
            kept = replace(measure, id=old.id)
            (unchanged if _same(old, kept) else changed).append(kept)
        else:
            kept = replace(measure, id=new_id(None, measure.title, taken))
            added.append(kept)
        taken.add(kept.id)
        measures.append(kept)
    matched = set(pairs.values())
    removed = tuple(m for i, m in enumerate(previous) if i not in matched)
    diff = PlanDiff(tuple(added), tuple(changed), removed, tuple(unchanged))
    return replace(new, measures=tuple(measures)), diff


def _exact(previous: Sequence[ParsedMeasure], new: Sequence[ParsedMeasure]) -> dict[int, int]:
    by_title: dict[str, list[int]] = {}
    for index, measure in enumerate(previous):
        by_title.setdefault(normalise_title(measure.title), []).append(index)
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for index, measure in enumerate(new):
        options = [i for i in by_title.get(normalise_title(measure.title), []) if i not in used]
        if options:
            best = min(
                options, key=lambda i: (previous[i].section != measure.section, abs(i - index))
            )
            pairs[index] = best
            used.add(best)
            if len(options) == 1:
                by_title[normalise_title(measure.title)] = []
    return pairs


def _similar(
    previous: Sequence[ParsedMeasure], new: Sequence[ParsedMeasure], taken: dict[int, int]
) -> dict[int, int]:
    used = set(taken.values())
    by_section: dict[str | None, list[int]] = {}
    for old_index, old in enumerate(previous):
        if old_index not in used:
            by_section.setdefault(old.section, []).append(old_index)
    candidates: list[tuple[float, int, int, int]] = []
    for index, measure in enumerate(new):
        if index in taken:
            continue
        nearby = range(max(0, index - _WINDOW), min(len(previous), index + _WINDOW + 1))
        for old_index in sorted({*by_section.get(measure.section, ()), *nearby}):
            if old_index in used:
                continue
            score = _score(previous[old_index], measure)
            if score is not None:
                candidates.append((-score, abs(old_index - index), index, old_index))
    pairs: dict[int, int] = {}
    for _, _, index, old_index in sorted(candidates):
        if index not in pairs and old_index not in used:
            pairs[index] = old_index
            used.add(old_index)
    return pairs


def _score(old: ParsedMeasure, new: ParsedMeasure) -> float | None:
    bonus = _SAME_SECTION_BONUS if old.section == new.section else 0.0
    titles = SequenceMatcher(None, normalise_title(old.title), normalise_title(new.title))
    if titles.real_quick_ratio() >= TITLE_SIMILARITY and titles.ratio() >= TITLE_SIMILARITY:
        return titles.ratio() + bonus
    bodies = SequenceMatcher(None, old.body, new.body, autojunk=False)
    if bodies.real_quick_ratio() >= BODY_SIMILARITY and bodies.quick_ratio() >= BODY_SIMILARITY:
        ratio = bodies.ratio()
        if ratio >= BODY_SIMILARITY:
            return ratio * TITLE_SIMILARITY + bonus
    return None


def _same(old: ParsedMeasure, new: ParsedMeasure) -> bool:
    return old == new
