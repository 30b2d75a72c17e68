"""Reading ``/assign`` arguments: names of people and units with 牵头/配合 markers."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.domain.people import Person, Unit
from bot.domain.work import AssigneeRole
from bot.services.common import unitmatch
from bot.services.common.errors import InvalidInput, NotFound

_ROLE_WORDS: dict[str, AssigneeRole] = {
    **dict.fromkeys(("牵头", "lead", "主办", "牵头单位"), AssigneeRole.LEAD),
    **dict.fromkeys(("配合", "co", "协办", "配合单位"), AssigneeRole.CO),
}
_SPLIT = re.compile(r"[\s,，、;；]+")
_PREFIX = re.compile(r"^(?P<word>[^:：]+)[:：](?P<rest>.*)$")


@dataclass(frozen=True, slots=True)
class Named:
    """One resolved argument: a person or a unit, with the role the user marked (if any)."""

    person: Person | None
    unit: Unit | None
    role: AssigneeRole | None


def tokens(args: Sequence[str] | str) -> list[str]:
    """Split arguments on spaces, commas and 、 (a sequence is split again, item by item)."""
    items = [args] if isinstance(args, str) else list(args)
    return [t for item in items for t in _SPLIT.split(item.strip()) if t]


def parse(
    args: Sequence[str] | str, units: Sequence[Unit], people: Sequence[Person]
) -> list[Named]:
    """Resolve every name; a role marker applies to the names after it."""
    mode: AssigneeRole | None = None
    found: list[Named] = []
    for token in tokens(args):
        word, rest = _split_marker(token)
        if word is not None:
            mode = _ROLE_WORDS[word]
            if not rest:
                continue
            token = rest
        person, unit = resolve(token, units, people)
        found.append(Named(person, unit, mode))
    return found


def resolve(
    name: str, units: Sequence[Unit], people: Sequence[Person]
) -> tuple[Person | None, Unit | None]:
    """A person or unit by id, exact name, alias, or (units) fuzzy name; refuses ambiguity."""
    key = unitmatch.normalize(name)
    by_id_p = [p for p in people if p.id == name]
    by_id_u = [u for u in units if u.id == name]
    if by_id_p or by_id_u:
        return (by_id_p[0], None) if by_id_p else (None, by_id_u[0])
    exact_u = [u for u in units if unitmatch.score(name, u) >= unitmatch.ALIAS]
    exact_p = [p for p in people if unitmatch.normalize(p.name) == key]
    exact: list[Person | Unit] = [*exact_u, *exact_p]
    if len(exact) > 1:
        raise InvalidInput(
            "err.assignee_ambiguous", name=name, candidates="、".join(_label(x) for x in exact)
        )
    if exact_u:
        return None, exact_u[0]
    if exact_p:
        return exact_p[0], None
    unit, _, tied = unitmatch.best(name, units)
    if len(tied) > 1:
        raise InvalidInput(
            "err.assignee_ambiguous", name=name, candidates="、".join(u.name for u in tied)
        )
    if unit is None:
        raise NotFound("err.assignee_not_found", name=name)
    return None, unit


def _split_marker(token: str) -> tuple[str | None, str]:
    if token.casefold() in _ROLE_WORDS:
        return token.casefold(), ""
    match = _PREFIX.match(token)
    if match and match["word"].casefold() in _ROLE_WORDS:
        return match["word"].casefold(), match["rest"]
    return None, token


def _label(item: Person | Unit) -> str:
    return item.name
