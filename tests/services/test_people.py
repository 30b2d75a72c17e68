"""Onboarding: teams, leads, people, rosters, units, invites and joining."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from bot.domain.audit import Action
from bot.domain.people import Role, Unreachable
from bot.render.people import render_roster_result
from bot.services import Conflict, InvalidInput, NotAllowed, NotFound, RosterRow, Target
from tests.factories.files import workbook
from tests.factories.service_world import ADMIN_TG, World


def test_admin_creates_team_with_default_settings(world: World) -> None:
    """An admin creates a team; its settings row is saved with defaults and audited."""
    created = world.services.teams.create(world.admin, "ZZ县督查室")
    assert world.store.settings.get(created.team.id) == created.settings
    entries = world.store.audit.for_subject(created.team.id)
    assert [e.action for e in entries] == [Action.TEAM_CREATED]
    assert entries[0].detail["admin"] == ADMIN_TG


def test_team_names_are_unique_and_required(world: World) -> None:
    """A duplicate or empty team name is refused."""
    with pytest.raises(Conflict):
        world.services.teams.create(world.admin, "XX县督查室")
    with pytest.raises(InvalidInput):
        world.services.teams.create(world.admin, "  ")


def test_admin_adds_lead_with_invite(world: World) -> None:
    """Adding a lead creates a LEAD person and a usable 14-day invite."""
    teams = world.services.teams
    added = teams.add_lead(world.admin, world.team.id, "新督办", phone="13800000001")
    assert added.person.role is Role.LEAD
    assert added.invite is not None
    assert added.invite.expires_at - added.invite.created_at == timedelta(days=14)


def test_lead_cannot_make_leads(world: World) -> None:
    """Only admins make leads, also through the people service."""
    lead = world.actor(world.lead)
    with pytest.raises(NotAllowed) as caught:
        world.services.people.add(lead, world.team.id, RosterRow.typed("某某", None, Role.LEAD))
    assert caught.value.code == "err.role_forbidden"


def test_set_group_requires_group_chat_id(world: World) -> None:
    """The leaders' group must be a group chat (negative id); clearing with None works."""
    lead = world.actor(world.lead)
    assert world.services.teams.set_group(lead, world.team.id, -100123).group_chat_id == -100123
    with pytest.raises(InvalidInput):
        world.services.teams.set_group(lead, world.team.id, 42)
    assert world.services.teams.set_group(lead, world.team.id, None).group_chat_id is None


def test_a_leaders_group_moved_to_a_supergroup_is_followed(world: World) -> None:
    """follow_group moves the team from the old group id to the new one (audited as the
    system's); a group that is no team's, or a bogus new id, moves nothing."""
    teams = world.services.teams
    teams.set_group(world.actor(world.lead), world.team.id, -4001)
    assert teams.follow_group(-4999, -1002001) == ()
    assert teams.follow_group(-4001, 42) == ()
    (moved,) = teams.follow_group(-4001, -1002001)
    assert world.store.teams.get(world.team.id).group_chat_id == moved.group_chat_id == -1002001
    audited = world.store.audit.for_subject(world.team.id)[-1]
    assert audited.detail["group_chat_id"] == -1002001
    assert teams.of_group(-4001) is None
    found = teams.of_group(-1002001)
    assert found is not None
    assert found.team.id == world.team.id
    (lost,) = teams.group_lost(-1002001)
    assert [p.id for p in lost.leads] == [world.lead.id]


def test_the_leaders_group_keeps_its_topic_until_it_is_gone(world: World) -> None:
    """set_group stores the forum topic it was sent in; forget_topic (Telegram said the topic
    is gone) returns the team to General, audited; a move to a supergroup drops the topic."""
    teams = world.services.teams
    teams.set_group(world.actor(world.lead), world.team.id, -1003001, thread=77)
    assert world.store.teams.get(world.team.id).group_thread_id == 77
    assert teams.forget_topic(-1003001, 78) == ()  # another topic: kept
    (changed,) = teams.forget_topic(-1003001, 77)
    assert changed.group_thread_id is None
    assert world.store.teams.get(world.team.id).group_thread_id is None
    assert world.store.audit.for_subject(world.team.id)[-1].detail == {"group_thread_id": None}
    teams.set_group(world.actor(world.lead), world.team.id, -4001, thread=5)
    teams.follow_group(-4001, -1002001)
    assert world.store.teams.get(world.team.id).group_thread_id is None


def test_update_settings_validates(world: World) -> None:
    """Settings change by field name; unknown fields and wrong types are refused."""
    lead = world.actor(world.lead)
    updated = world.services.teams.update_settings(lead, world.team.id, reminders_per_cycle=3)
    assert updated.reminders_per_cycle == 3
    with pytest.raises(InvalidInput):
        world.services.teams.update_settings(lead, world.team.id, nonsense=1)
    with pytest.raises(InvalidInput):
        world.services.teams.update_settings(lead, world.team.id, language="fr")


def test_add_from_line_creates_unit_and_invite(world: World) -> None:
    """A typed line adds a person, creating the unit on the fly, with an invite."""
    added = world.services.people.add_from_line(
        world.actor(world.lead), world.team.id, "王二 县教育局 责任人 13900000000"
    )
    assert added.created
    assert added.unit_created
    assert added.unit is not None
    assert added.unit.name == "县教育局"
    assert added.person.phone == "13900000000"
    assert added.invite is not None
    assert added.invite.person_id == added.person.id


def test_add_same_name_and_unit_updates(world: World) -> None:
    """Adding someone with the same name and unit updates them instead of duplicating."""
    lead = world.actor(world.lead)
    people = world.services.people
    first = people.add_from_line(lead, world.team.id, "王二 县教育局 责任人")
    second = people.add_from_line(lead, world.team.id, "王二 县教育局 责任人 13900000000")
    assert not second.created
    assert second.person.id == first.person.id
    assert second.invite == first.invite  # the usable invite is kept


def test_a_roster_naming_someone_with_their_phone_in_another_unit_moves_them(
    world: World,
) -> None:
    """张三 listed with his phone under 财政局 is moved there (调岗), dated by the clock and
    audited; listed again there he keeps that moment; a namesake without a phone (or with
    another) in another unit is someone new."""
    lead, people, team_id = world.actor(world.lead), world.services.people, world.team.id
    people.add_from_line(lead, team_id, "张三 县发改委 责任人 13800000000")
    assert world.refresh(world.official).unit_since is None
    moved_at = world.clock.now() + timedelta(days=3)
    world.clock.set(moved_at)
    roster = workbook([["姓名", "单位", "手机"], ["张三", "县财政局", "138 0000 0000"]])
    result = people.import_roster(lead, team_id, roster, "名单.xlsx")
    assert ([u.person.id for u in result.updated], result.added) == ([world.official.id], ())
    assert (result.updated[0].moved, result.updated[0].moved_from) == (True, world.fgw)
    moved = world.refresh(world.official)
    assert (moved.unit_id, moved.unit_since, moved.unit_before) == (
        world.czj.id,
        moved_at,
        world.fgw.id,
    )
    entry = world.store.audit.for_subject(moved.id)[-1]
    assert (entry.action, entry.detail["moved_from"]) == (Action.PERSON_UPDATED, world.fgw.id)
    world.clock.set(moved_at + timedelta(days=1))
    assert not people.add_from_line(lead, team_id, "张三 县财政局 责任人").moved
    assert world.refresh(world.official) == moved
    for line in ("张三 县教育局 责任人", "张三 县商务局 责任人 13900000000"):
        assert people.add_from_line(lead, team_id, line).created
    assert world.refresh(world.official) == moved


def test_a_named_reporter_moved_away_leaves_the_unit_to_the_default_rule(world: World) -> None:
    """张三, named 填报人 of 发改委, moved to 财政局 by a roster: 发改委 falls back to the default
    rule (audited, and the lead is told in the roster's answer); moved back he is not its
    reporter again unless named anew."""
    lead, people, team_id = world.actor(world.lead), world.services.people, world.team.id
    people.add_from_line(lead, team_id, "张三 县发改委 责任人 13800000000")
    people.set_reporter(lead, team_id, "张三")
    roster = workbook([["姓名", "单位", "手机"], ["张三", "县财政局", "13800000000"]])
    result = people.import_roster(lead, team_id, roster, "名单.xlsx")
    (moved,) = result.updated
    assert (moved.moved, moved.reporter_left) == (True, True)
    assert world.store.units.get(world.fgw.id).reporter_id is None
    entry = world.store.audit.for_subject(world.official.id)[-1]
    assert entry.detail["reporter_of_left"] == world.fgw.id
    reporters = {r.unit.id: r for r in people.reporters(lead, team_id)}
    assert reporters[world.fgw.id].named is False
    assert reporters[world.fgw.id].person != world.refresh(world.official)
    for lang, words in (("zh", "原为县发改委指定的填报人"), ("en", "reporter named for 县发改委")):
        assert words in render_roster_result(result, "bot", lang).text
    back = people.add_from_line(lead, team_id, "张三 县发改委 责任人 13800000000")
    assert (back.moved, back.reporter_left) == (True, False)
    assert world.store.units.get(world.fgw.id).reporter_id is None


def test_units_and_their_reporters_are_listed_in_the_teams_order(world: World) -> None:
    """/units and /reporter list units in the order the team's roster brought them, as the
    review does, not by the characters' code points (县政府办, added last, comes last)."""
    lead, people, team_id = world.actor(world.lead), world.services.people, world.team.id
    people.add_from_line(lead, team_id, "周八 县政府办 责任人")
    names = ["县发改委", "县财政局", "县政府办"]
    assert [u.name for u in people.units(lead, team_id)] == names
    assert [r.unit.name for r in people.reporters(lead, team_id)] == names


def test_liaison_needs_known_principal(world: World) -> None:
    """A liaison must name a principal who is in the team."""
    lead = world.actor(world.lead)
    with pytest.raises(InvalidInput) as missing:
        world.services.people.add_from_line(lead, world.team.id, "小刘 县政府办 联络员")
    assert missing.value.code == "err.principal_required"
    with pytest.raises(NotFound):
        world.services.people.add_from_line(lead, world.team.id, "小刘 县政府办 联络员 for 无名")
    added = world.services.people.add_from_line(
        lead, world.team.id, "小刘 县政府办 联络员 for 领导乙"
    )
    assert added.person.on_behalf_of == world.leader.id


def test_unit_alias_matches_existing_unit(world: World) -> None:
    """A unit written as one of its aliases is the existing unit, not a new one."""
    added = world.services.people.add_from_line(
        world.actor(world.lead), world.team.id, "周八 发展改革委"
    )
    assert added.unit == world.fgw
    assert not added.unit_created


def test_roster_upload_adds_updates_and_reports_errors(world: World) -> None:
    """A roster adds new people, updates known ones, creates units and reports bad rows."""
    roster = workbook(
        [
            ["人员名单"],
            ["姓名", "单位", "角色", "手机", "代理"],
            ["张三", "县发改委", "责任人", "13800000009", None],
            ["孙九", "县教育局", "责任人", None, None],
            ["小吴", "县政府办", "联络员", None, "孙九"],
            ["无名氏", "县政府办", "厨师", None, None],
            ["坏电话", "县政府办", "责任人", "abc", None],
            ["督办新", "督查室", "督办员", None, None],
        ]
    )
    result = world.services.people.import_roster(
        world.actor(world.lead), world.team.id, roster, "roster.xlsx"
    )
    assert sorted(a.person.name for a in result.added) == ["孙九", "小吴"]
    assert [u.person.name for u in result.updated] == ["张三"]
    assert world.refresh(world.official).phone == "13800000009"
    assert [(e.row, e.code) for e in result.errors] == [
        (6, "err.role_unknown"),
        (7, "err.phone_invalid"),
        (8, "err.role_forbidden"),
    ]
    assert sorted(u.name for u in result.units_created) == ["县政府办", "县教育局"]
    liaison = next(a.person for a in result.added if a.person.name == "小吴")
    principal = next(a.person for a in result.added if a.person.name == "孙九")
    assert liaison.on_behalf_of == principal.id


def test_regenerating_invite_revokes_previous(world: World) -> None:
    """A new invite revokes the earlier one; the old token is refused as revoked."""
    lead = world.actor(world.lead)
    people = world.services.people
    added = people.add_from_line(lead, world.team.id, "王二 县教育局")
    fresh = people.invite(lead, added.person.id)
    assert added.invite is not None
    assert fresh.token != added.invite.token
    with pytest.raises(Conflict) as caught:
        people.join(555, added.invite.token)
    assert caught.value.code == "err.invite_revoked"
    assert people.join(555, fresh.token).person.telegram_id == 555


def test_join_binds_account_and_lists_tasks(world: World) -> None:
    """Joining binds the account, uses the invite, sets the language and lists the tasks."""
    lead = world.actor(world.lead)
    added = world.services.people.add_from_line(lead, world.team.id, "周八 县发改委")
    world.services.assignments.assign(lead, "m1", [Target.unit(world.fgw.id)])
    assert added.invite is not None
    joined = world.services.people.join(777, added.invite.token, "en-US")
    assert joined.person.telegram_id == 777
    assert joined.person.language == "en"
    assert [t.measure.id for t in joined.tasks] == ["m1"]
    assert joined.team == world.team
    actor = world.services.auth.resolve(777)
    assert actor.person_id == added.person.id
    assert actor.language == "en"


@pytest.mark.parametrize(
    ("setup", "code"),
    [
        ("unknown", "err.invite_unknown"),
        ("used", "err.invite_used"),
        ("expired", "err.invite_expired"),
        ("revoked", "err.invite_revoked"),
        ("inactive", "err.person_inactive"),
        ("account_taken", "err.account_bound_in_team"),
    ],
)
def test_join_refusals(world: World, setup: str, code: str) -> None:
    """Unusable tokens and clashing accounts are refused with distinct codes."""
    lead = world.actor(world.lead)
    people = world.services.people
    added = people.add_from_line(lead, world.team.id, "周八 县发改委")
    assert added.invite is not None
    token, telegram_id = added.invite.token, 888
    if setup == "unknown":
        token = "nope"
    elif setup == "used":
        people.join(888, token)
        telegram_id = 889
    elif setup == "expired":
        world.clock.advance(timedelta(days=15))
    elif setup == "revoked":
        people.revoke_invites(lead, added.person.id)
    elif setup == "inactive":
        world.store.people.save(replace(world.refresh(added.person), active=False))
    elif setup == "account_taken":
        telegram_id = world.official.telegram_id or 0
    with pytest.raises((Conflict, NotFound)) as caught:
        people.join(telegram_id, token)
    assert caught.value.code == code


def test_rejoin_with_same_account_is_friendly(world: World) -> None:
    """Opening one's own used link again returns the join result marked ``already``."""
    added = world.services.people.add_from_line(world.actor(world.lead), world.team.id, "周八")
    assert added.invite is not None
    world.services.people.join(901, added.invite.token)
    again = world.services.people.join(901, added.invite.token)
    assert again.already


def test_person_bound_elsewhere_is_refused(world: World) -> None:
    """A token for a person already bound to another account is refused."""
    lead = world.actor(world.lead)
    people = world.services.people
    added = people.add_from_line(lead, world.team.id, "周八")
    assert added.invite is not None
    people.join(901, added.invite.token)
    world.store.invites.save(replace(added.invite, token="second", used_at=None))
    with pytest.raises(Conflict) as caught:
        people.join(902, "second")
    assert caught.value.code == "err.person_bound_elsewhere"


def test_pending_and_invite_pending(world: World) -> None:
    """Pending lists people who have not joined; invite_pending renews expired invites."""
    lead = world.actor(world.lead)
    people = world.services.people
    people.add_from_line(lead, world.team.id, "周八")
    world.clock.advance(timedelta(days=20))
    pending = people.pending(lead, world.team.id)
    assert [(p.person.name, p.invite) for p in pending] == [("周八", None)]
    renewed = people.invite_pending(lead, world.team.id)
    assert renewed[0].invite is not None
    assert renewed[0].invite.usable(world.clock.now())


def test_deep_link() -> None:
    """The deep link is the bot's t.me link with the token as start parameter."""
    from bot.services import PeopleService

    assert PeopleService.deep_link("@DubanBot", "abc") == "https://t.me/DubanBot?start=abc"


def test_unreachable_and_reachable(world: World) -> None:
    """A 403 marks the person unreachable (audited); writing again clears it."""
    from bot.services import SYSTEM

    people = world.services.people
    marked = people.mark_unreachable(SYSTEM, world.official.id)
    assert marked.unreachable_since == world.clock.now()
    assert world.store.audit.for_subject(world.official.id)[-1].action is Action.PERSON_UNREACHABLE
    cleared = people.mark_reachable(world.actor(world.official), world.official.id)
    assert cleared.unreachable_since is None


def test_the_unreachable_mark_keeps_why(world: World) -> None:
    """The mark records why (audited with it); a later send refused for another cause names
    the new one and keeps the mark's time; clearing the mark clears why."""
    from bot.services import SYSTEM

    people = world.services.people
    since = world.clock.now()
    marked = people.mark_unreachable(SYSTEM, world.official.id, Unreachable.BLOCKED)
    assert (marked.unreachable_since, marked.unreachable_why) == (since, Unreachable.BLOCKED)
    assert world.store.audit.for_subject(world.official.id)[-1].detail["why"] == "blocked"
    world.clock.advance(timedelta(days=1))
    again = people.mark_unreachable(SYSTEM, world.official.id, Unreachable.DELETED)
    assert (again.unreachable_since, again.unreachable_why) == (since, Unreachable.DELETED)
    assert world.store.people.get(world.official.id) == again
    cleared = people.mark_reachable(world.actor(world.official), world.official.id)
    assert (cleared.unreachable_since, cleared.unreachable_why) == (None, None)


def test_unblocking_clears_only_the_actors_own_marks(world: World) -> None:
    """reachable_again clears the unblocking actor's unreachable mark, audited, and nobody
    else's; a second call has nothing left to clear."""
    from bot.services import SYSTEM

    people = world.services.people
    people.mark_unreachable(SYSTEM, world.official.id)
    people.mark_unreachable(SYSTEM, world.lead.id)
    cleared = people.reachable_again(world.actor(world.official))
    assert [p.id for p in cleared] == [world.official.id]
    assert world.store.people.get(world.official.id).unreachable_since is None
    assert world.store.people.get(world.lead.id).unreachable_since is not None
    assert world.store.audit.for_subject(world.official.id)[-1].detail["reachable"] is True
    assert people.reachable_again(world.actor(world.official)) == ()


def test_set_language(world: World) -> None:
    """A user's language choice is stored and resolves into the actor."""
    actor = world.actor(world.official)
    world.services.people.set_language(actor, "en")
    assert world.actor(world.official).language == "en"
    with pytest.raises(InvalidInput):
        world.services.people.set_language(actor, "fr")


def test_listings_page(world: World) -> None:
    """People are listed by role then name, one page at a time."""
    page = world.services.people.list(world.actor(world.lead), world.team.id, 0, 2)
    assert page.total == 5
    assert page.pages == 3
    assert page.has_next
    assert [p.role for p in page.items] == [Role.LEAD, Role.LEADER]
    units = world.services.people.units(world.actor(world.lead), world.team.id)
    assert [u.name for u in units] == sorted(["县发改委", "县财政局"])


def test_stranger_resolves_unknown(world: World) -> None:
    """An unknown account resolves to a stranger, not admin, with no person."""
    stranger = world.services.auth.resolve(424242, "en")
    assert not stranger.known
    assert stranger.language == "en"


def test_deactivate_ends_direct_assignments(world: World) -> None:
    """A deactivated person loses their direct assignments and no longer resolves."""
    lead = world.actor(world.lead)
    world.services.assignments.assign(lead, "m5", [Target.person(world.official2.id)])
    world.services.people.deactivate(lead, world.official2.id)
    assert [m.id for m in world.services.assignments.unassigned(lead, world.team.id)] == [
        "m1",
        "m2",
        "m3",
        "m4",
        "m5",
    ]
    assert not world.actor(world.official2).known


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("every_n_weeks", 0),
        ("reminders_per_cycle", 9),
        ("paused", "yes"),
        ("prompt_day", "mon"),
        ("deadline_warning_days", -1),
    ],
)
def test_settings_out_of_range(world: World, field: str, value: object) -> None:
    """Out-of-range numbers, wrong types and the key field are refused."""
    with pytest.raises(InvalidInput) as caught:
        world.services.teams.update_settings(
            world.actor(world.lead), world.team.id, **{field: value}
        )
    assert caught.value.params == {"field": field}


def test_unit_reporter_is_named_by_the_lead_and_listed(world: World) -> None:
    """/reporter names who answers for a unit; the list says named or default; leaders can't."""
    lead = world.actor(world.lead)
    people = world.services.people
    world.services.people.add_from_line(lead, world.team.id, "王五 县发改委 责任人")
    listed = {r.unit.name: r for r in people.reporters(lead, world.team.id)}
    assert (listed["县发改委"].person, listed["县发改委"].named) == (world.official, False)
    chosen = people.set_reporter(lead, world.team.id, "王五")
    assert chosen.named
    assert chosen.person is not None
    assert chosen.person.name == "王五"
    assert world.store.units.get(world.fgw.id).reporter_id == chosen.person.id  # type: ignore[union-attr]
    again = {r.unit.name: r for r in people.reporters(lead, world.team.id)}["县发改委"]
    assert again.named
    assert again.person == chosen.person
    with pytest.raises(InvalidInput):
        people.set_reporter(lead, world.team.id, world.leader.name)  # a leader has no unit
    with pytest.raises(NotAllowed):
        people.set_reporter(world.actor(world.leader), world.team.id, "王五")
