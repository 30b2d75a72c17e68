"""Authorisation before lookup: a stranger learns nothing from any service method.

Every public method that takes an actor is called by a stranger, once with ids that exist and
once with ids that do not. Both must be refused as "not registered", never "not found" or
"expired" (which would tell a stranger which ids exist), and nothing may be written.
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import pytest

from bot.domain.people import Role
from bot.domain.work import ReportStatus
from bot.services import NotAllowed, ReportFields, RosterRow, Services, Target
from tests.factories.service_world import World, build_world

#: Methods taking an actor that answer for anyone by design (menus ask them).
OPEN_TO_ALL = {"auth.can", "auth.scope"}
BOGUS = "zzNope9"


def _services() -> Services:
    return build_world().services


def _methods() -> Iterator[str]:
    services = _services()
    for name in services.__dataclass_fields__:
        if name == "deps":
            continue
        for method_name, method in inspect.getmembers(getattr(services, name), inspect.ismethod):
            params = list(inspect.signature(method).parameters)
            qualified = f"{name}.{method_name}"
            if method_name.startswith("_") or not params or params[0] != "actor":
                continue
            if qualified not in OPEN_TO_ALL:
                yield qualified


def _real_ids(world: World) -> dict[str, Any]:
    """Values naming things that exist, by parameter name."""
    lead = world.actor(world.lead)
    world.services.assignments.assign(lead, "m1", [Target.unit(world.fgw.id)])
    official = world.actor(world.official)
    saved = world.services.reports.submit(
        official, "m1", ReportFields(status="on_track"), source=(5, 6)
    )
    request = world.services.closeouts.request(official, "m1", "完成")
    asked = world.services.extensions.start(official, "m1", None, "2024-12-31 设备到货推迟")
    extension = world.services.extensions.submit(official, asked).extension
    return {
        "team_id": world.team.id,
        "measure_id": "m1",
        "measure_ref": "1",
        "ref": "1",
        "report_id": saved.report.id,
        "closeout_id": request.closeout.id,
        "extension_id": extension.id,
        "person_id": world.official.id,
        "unit_id": world.fgw.id,
        "person": world.official,
        "name": world.official.name,
        "chat_id": 5,
        "message_id": 6,
    }


def _value(name: str, annotation: str, known: dict[str, Any]) -> Any:
    if name in known:
        return known[name]
    by_type: dict[str, Callable[[], Any]] = {
        "Role": lambda: Role.OFFICIAL,
        "ReportStatus": lambda: ReportStatus.ON_TRACK,
        "ReportFields": lambda: ReportFields(status=ReportStatus.ON_TRACK),
        "RosterRow": lambda: RosterRow.typed(BOGUS, BOGUS, Role.OFFICIAL),
        "bytes": lambda: "姓名,单位\n张三,县发改委\n".encode(),
        "date": lambda: date(2024, 3, 8),
        "int": lambda: 1,
        "list[str]": lambda: ["3月8日"],
        "tuple[str, ...]": lambda: ("别名",),
        "Sequence[Target]": lambda: (Target.unit("uFGW"),),
        "Person": lambda: known.get("person"),
    }
    for key, make in by_type.items():
        if annotation.startswith(key):
            return make()
    return BOGUS


def _call(world: World, qualified: str, known: dict[str, Any]) -> None:
    service_name, method_name = qualified.split(".")
    method = getattr(getattr(world.services, service_name), method_name)
    args = []
    for param in list(inspect.signature(method).parameters.values())[1:]:
        if param.kind in (param.VAR_KEYWORD, param.VAR_POSITIONAL):
            continue
        if param.default is not param.empty:
            continue
        args.append(_value(param.name, str(param.annotation), known))
    result = method(world.actor(None), *args)
    if inspect.iscoroutine(result):  # an async method (e.g. parsing off the event loop)
        asyncio.run(result)


@pytest.mark.parametrize("existing", [True, False], ids=["existing-ids", "unknown-ids"])
@pytest.mark.parametrize("qualified", sorted(_methods()))
def test_strangers_are_refused_before_any_lookup(qualified: str, existing: bool) -> None:
    """A stranger gets err.not_registered from the method, whatever the ids, and no write."""
    world = build_world()
    known = _real_ids(world)
    if not existing:
        known = {k: BOGUS if isinstance(v, str) else v for k, v in known.items()}
    before = len(list(world.store.audit))
    with pytest.raises(NotAllowed) as refused:
        _call(world, qualified, known)
    assert refused.value.code == "err.not_registered", refused.value
    assert len(list(world.store.audit)) == before


def test_the_sweep_covers_every_service() -> None:
    """The sweep above finds the methods of every service that takes an actor."""
    found = {q.split(".")[0] for q in _methods()}
    assert {"plans", "closeouts", "people", "teams", "tasks", "reports", "assignments"} <= found
    assert {"leave", "prompts", "reminders", "digests", "rhythm_settings"} <= found
