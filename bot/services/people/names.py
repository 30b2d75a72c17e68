"""What a lead types to name someone of the team: ``张三``, ``张三 县发改委`` or a person id.

A name that several active people share is refused with the candidates listed, so the lead can
add the unit; the unit is matched like plan texts name units (``发改委`` finds 县发改委).
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.domain.people import Person, Unit
from bot.domain.ports import Store
from bot.services.common import unitmatch
from bot.services.common.errors import InvalidInput, NotFound
from bot.services.people.onboarding import describe, named


def person_by_ref(store: Store, team_id: str, ref: str) -> Person:
    """The one active person of the team that ``ref`` names (NotFound / ambiguous otherwise)."""
    key = " ".join(ref.split())
    if not key:
        raise InvalidInput("err.name_required")
    by_id = store.people.get(key)
    if by_id is not None and by_id.team_id == team_id and by_id.active:
        return by_id
    people = store.people.for_team(team_id)
    units = store.units.for_team(team_id)
    words = key.split(" ")
    for cut in range(len(words), 0, -1):
        name, unit = " ".join(words[:cut]), " ".join(words[cut:])
        found = named(people, name)
        if found and unit:
            found = [p for p in found if _in_unit(p, unit, units)]
        if found:
            return _one(name, found, units)
    raise NotFound("err.person_not_found", name=key)


def _one(name: str, found: Sequence[Person], units: Sequence[Unit]) -> Person:
    if len(found) == 1:
        return found[0]
    candidates = "、".join(describe(p, units) for p in found)
    raise InvalidInput("err.person_ambiguous", name=name, count=len(found), candidates=candidates)


def _in_unit(person: Person, unit_ref: str, units: Sequence[Unit]) -> bool:
    unit = next((u for u in units if u.id == person.unit_id), None)
    return unit is not None and unitmatch.score(unit_ref, unit) >= unitmatch.THRESHOLD
