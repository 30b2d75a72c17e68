"""Naming people as leads type them: ``/invite 张三 [单位]``, ``/revoke``, ``/addlead``."""

from __future__ import annotations

import pytest

from bot.domain.people import Role
from bot.services import Conflict, InvalidInput, NotAllowed, NotFound
from tests.factories.service_world import World


def _namesakes(world: World) -> None:
    """Two 王二, of 县发改委 and 县财政局, neither joined."""
    lead = world.actor(world.lead)
    world.services.people.add_from_line(lead, world.team.id, "王二 县发改委")
    world.services.people.add_from_line(lead, world.team.id, "王二 县财政局")


def test_invite_by_name_gives_a_fresh_link_and_the_unit(world: World) -> None:
    """One call: the name resolves to the person, older links stop, the unit comes along."""
    lead = world.actor(world.lead)
    added = world.services.people.add_from_line(lead, world.team.id, "周八 县发改委")
    issued = world.services.people.invite_by_ref(lead, world.team.id, " 周八 ")
    assert issued.person.id == added.person.id
    assert issued.unit == world.fgw
    assert added.invite is not None
    assert issued.invite.token != added.invite.token
    assert world.store.invites.get(added.invite.token).revoked_at is not None  # type: ignore[union-attr]


def test_namesakes_are_refused_with_every_candidate(world: World) -> None:
    """A shared name is refused, listing each candidate with the unit to add."""
    _namesakes(world)
    with pytest.raises(InvalidInput) as caught:
        world.services.people.invite_by_ref(world.actor(world.lead), world.team.id, "王二")
    assert caught.value.code == "err.person_ambiguous"
    assert caught.value.params["count"] == 2
    assert caught.value.params["candidates"] == "王二（县发改委）、王二（县财政局）"


@pytest.mark.parametrize("unit", ["县财政局", "财政局"])
def test_a_unit_after_the_name_picks_the_namesake(world: World, unit: str) -> None:
    """``王二 县财政局`` (or the unit as plans shorten it) names one of the two."""
    _namesakes(world)
    people = world.services.people
    revoked = people.revoke_by_ref(world.actor(world.lead), world.team.id, f"王二 {unit}")
    assert (revoked.person.name, revoked.unit, revoked.count) == ("王二", world.czj, 1)


@pytest.mark.parametrize(
    ("ref", "error", "code"),
    [
        ("", InvalidInput, "err.name_required"),
        ("无此人", NotFound, "err.person_not_found"),
        ("王二 县教育局", NotFound, "err.person_not_found"),
        ("张三", Conflict, "err.already_joined"),
    ],
)
def test_refusals_when_inviting_by_name(
    world: World, ref: str, error: type[Exception], code: str
) -> None:
    """Nobody, nobody in that unit, or someone who already joined: each has its own code."""
    _namesakes(world)
    with pytest.raises(error) as caught:
        world.services.people.invite_by_ref(world.actor(world.lead), world.team.id, ref)
    assert getattr(caught.value, "code", None) == code


def test_only_leads_and_admins_invite_by_name(world: World) -> None:
    """An official may not hand out links, even naming someone who exists."""
    _namesakes(world)
    with pytest.raises(NotAllowed) as caught:
        world.services.people.invite_by_ref(world.actor(world.official), world.team.id, "王二")
    assert caught.value.code == "err.not_allowed"


def test_addlead_with_a_unit(world: World) -> None:
    """``/addlead 王督办 县委办``: a lead of that unit (created on the fly), with a link."""
    added = world.services.teams.add_lead(world.admin, world.team.id, "王督办", "县委办")
    assert added.person.role is Role.LEAD
    assert added.unit is not None
    assert added.unit.name == "县委办"
    assert added.person.unit_id == added.unit.id
    assert added.invite is not None
    again = world.services.teams.add_lead(world.admin, world.team.id, "王督办", "县委办")
    assert (again.person.id, again.created) == (added.person.id, False)


def test_leads_cannot_add_leads(world: World) -> None:
    """Only admins make leads; a lead is told so, not just "not allowed"."""
    with pytest.raises(NotAllowed) as caught:
        world.services.teams.add_lead(world.actor(world.lead), world.team.id, "某某")
    assert caught.value.code == "err.role_forbidden"
