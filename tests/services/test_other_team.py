"""Another team's ids get the same answer as unknown ids: a member of one team learns nothing
about what exists in another (regression: `/task <other team's id>` confirmed it existed)."""

from __future__ import annotations

import asyncio
import inspect
from typing import Any

import pytest

from bot.services import ServiceError
from tests.factories.service_world import World, build_world
from tests.services.test_strangers import BOGUS, _methods, _real_ids, _value


def _outcome(world: World, qualified: str, known: dict[str, Any]) -> tuple[str, str]:
    """What the other team's lead is told: the refusal's kind and message key (or "ok")."""
    service_name, method_name = qualified.split(".")
    method = getattr(getattr(world.services, service_name), method_name)
    args = [
        _value(param.name, str(param.annotation), known)
        for param in list(inspect.signature(method).parameters.values())[1:]
        if param.kind not in (param.VAR_KEYWORD, param.VAR_POSITIONAL)
        and param.default is param.empty
    ]
    try:
        result = method(world.actor(world.other_lead), *args)
        if inspect.iscoroutine(result):
            asyncio.run(result)
    except ServiceError as refused:
        return type(refused).__name__, refused.code
    return "ok", ""


def _by_id(qualified: str) -> bool:
    """Whether the method is reached with ids a user can type or a button carries (a close-out,
    extension or instruction draft is the service's own object, kept in the user's state,
    never an id)."""
    service_name, method_name = qualified.split(".")
    method = getattr(getattr(build_world().services, service_name), method_name)
    annotations = [str(p.annotation) for p in inspect.signature(method).parameters.values()]
    drafts = ("CloseoutDraft", "ExtensionDraft", "InstructionDraft")
    return not any(d in annotation for annotation in annotations for d in drafts)


@pytest.mark.parametrize("qualified", sorted(q for q in _methods() if _by_id(q)))
def test_another_teams_ids_are_answered_like_unknown_ids(qualified: str) -> None:
    """The other team's lead calling with this team's ids is answered exactly as with ids
    that exist nowhere, and nothing is written."""
    world = build_world()
    known = _real_ids(world)
    before = len(list(world.store.audit))
    real = _outcome(world, qualified, known)
    assert len(list(world.store.audit)) == before
    unknown = _outcome(
        build_world(), qualified, {k: BOGUS if isinstance(v, str) else v for k, v in known.items()}
    )
    assert real == unknown
