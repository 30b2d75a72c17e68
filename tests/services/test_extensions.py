"""Deadline extensions and instruction tasks in the services: one request at a time, later
deadlines only, the first deadline kept across extensions, and a re-import keeping both."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from bot.domain.audit import Action
from bot.domain.plan import SourceKind
from bot.domain.work import ExtensionState
from bot.rhythm.lights import Reason
from bot.rhythm.snapshot import load_snapshot
from bot.rhythm.tasks import task_lines
from bot.services import Conflict, InvalidInput, Target
from tests.factories.service_world import World


@pytest.fixture
def assigned(world: World) -> World:
    """m4 (deadline 30 June) assigned to 县发改委 (张三)."""
    world.services.assignments.assign(world.actor(world.lead), "m4", [Target.unit(world.fgw.id)])
    return world


def _ask(world: World, text: str) -> str:
    service, official = world.services.extensions, world.actor(world.official)
    return service.submit(official, service.start(official, "m4", None, text)).extension.id


def test_two_approvals_keep_the_first_deadline(assigned: World) -> None:
    """Each approval moves the deadline; the original stays the plan's, the count grows, and
    every step is audited with its date."""
    lead = assigned.actor(assigned.lead)
    assigned.services.extensions.approve(lead, _ask(assigned, "2024-08-31 设备推迟"))
    assigned.clock.advance(timedelta(days=1))
    result = assigned.services.extensions.approve(lead, _ask(assigned, "9月30日 再次推迟"))
    measure = assigned.store.measures.get("m4")
    assert measure is not None
    assert (measure.deadline, measure.original_deadline) == (date(2024, 9, 30), date(2024, 6, 30))
    assert measure.extensions == 2
    assert result.extension.old_deadline == date(2024, 8, 31)
    actions = [e.action for e in assigned.store.audit.for_subject("m4")]
    assert actions.count(Action.EXTENSION_REQUESTED) == 2
    assert actions.count(Action.EXTENSION_APPROVED) == 2


def test_one_waiting_request_and_later_deadlines_only(assigned: World) -> None:
    """A second request waits for the first; an earlier or equal deadline is refused; a
    refusal needs a reason and leaves the deadline."""
    first = _ask(assigned, "2024-08-31 设备推迟")
    with pytest.raises(Conflict) as caught:
        _ask(assigned, "2024-09-30 另一理由")
    assert caught.value.code == "err.extension_pending"
    lead = assigned.actor(assigned.lead)
    with pytest.raises(InvalidInput):
        assigned.services.extensions.refuse(lead, first, "  ")
    refused = assigned.services.extensions.refuse(lead, first, "可以追回")
    assert refused.extension.state is ExtensionState.REFUSED
    assert [p.id for p in refused.notify] == [assigned.official.id]
    with pytest.raises(InvalidInput) as earlier:
        _ask(assigned, "2024-06-30 同一天")
    assert earlier.value.code == "err.extension_not_later"
    measure = assigned.store.measures.get("m4")
    assert measure is not None
    assert (measure.deadline, measure.extensions) == (date(2024, 6, 30), 0)


def test_decided_request_cannot_be_decided_again(assigned: World) -> None:
    """Approving twice (two leads pressing at once) is a conflict, not a second extension."""
    lead = assigned.actor(assigned.lead)
    request = _ask(assigned, "2024-08-31 设备推迟")
    assigned.services.extensions.approve(lead, request)
    with pytest.raises(Conflict):
        assigned.services.extensions.approve(lead, request)
    measure = assigned.store.measures.get("m4")
    assert measure is not None
    assert measure.extensions == 1


def test_instruction_task_follows_the_plan_and_survives_reimport(world: World) -> None:
    """A decision made a task sits after the plan's measures with its source; re-importing
    the plan neither removes it nor shows it as removed."""
    lead = world.actor(world.lead)
    service = world.services.instructions
    draft = service.start(lead, world.team.id, SourceKind.MEETING, "会议：常务会议\n抓好防汛")
    measure = service.create(lead, draft)
    assert measure.position == 6
    assert measure.source is not None
    assert (measure.source.kind, measure.source.meeting) == (SourceKind.MEETING, "常务会议")
    text = "XX县2024年工作计划\n一、产业发展\n（一）举措1。第1项工作\n"
    preview = world.services.plans.preview(lead, world.team.id, text.encode(), "p.txt")
    assert preview.diff is not None
    assert measure.id not in {c.id for c in preview.diff.removed}
    world.services.plans.confirm(lead, preview.token)
    kept = world.store.measures.get(measure.id)
    assert kept is not None
    assert kept.active
    assert kept.source == measure.source


def test_reimport_keeps_an_extended_deadline(world: World) -> None:
    """A revised plan re-imported after an approved extension keeps the extended deadline and
    the original one; the plan's text still states the original."""
    from tests.services.test_plans import EDITED, ROSTER, _import, _team_with_lead

    services = world.services
    team_id, lead = _team_with_lead(world)
    services.people.import_roster(lead, team_id, ROSTER.encode(), "r.csv")
    _import(world, lead, team_id)
    park = next(m for m in services.plans.measures(lead, team_id, 0, 10).items
                if m.title == "推进园区建设")  # fmt: skip
    assert park.deadline == date(2024, 6, 30)
    services.assignments.assign(lead, park.id, [Target.person(lead.persons[0].id)])
    draft = services.extensions.start(lead, park.id, None, "2024-09-30 设计变更")
    services.extensions.approve(lead, services.extensions.submit(lead, draft).extension.id)
    world.clock.advance(timedelta(days=1))
    _import(world, lead, team_id, EDITED)
    kept = world.store.measures.get(park.id)
    assert kept is not None
    assert (kept.deadline, kept.original_deadline, kept.extensions) == (
        date(2024, 9, 30), date(2024, 6, 30), 1,
    )  # fmt: skip


def test_views_as_of_a_moment_before_an_approval_judge_the_deadline_then(
    assigned: World,
) -> None:
    """m4 (deadline 30 June) asked on 1 July and extended on 3 July: June's review read later
    (as of June's end) shows it with its first deadline, not extended, its request not yet
    made; a view as of 2 July shows the request awaiting a decision and the task overdue; a
    view now shows the new deadline and one extension."""
    tz = assigned.clock.now().tzinfo
    lead = assigned.actor(assigned.lead)
    assigned.clock.set(datetime(2024, 7, 1, 10, tzinfo=tz))
    asked = _ask(assigned, "2024-09-30 设备推迟")
    assigned.clock.set(datetime(2024, 7, 3, 10, tzinfo=tz))
    assigned.services.extensions.approve(lead, asked)
    snapshot = load_snapshot(assigned.store, "tA")
    june_end = datetime(2024, 7, 1, tzinfo=tz) - timedelta(microseconds=1)
    (june,) = [line for line in task_lines(snapshot, june_end) if line.measure_id == "m4"]
    assert (june.deadline, june.extensions, june.extension_asked) == (date(2024, 6, 30), 0, None)
    (then,) = [
        line
        for line in task_lines(snapshot, datetime(2024, 7, 2, 10, tzinfo=tz))
        if line.measure_id == "m4"
    ]
    assert (then.deadline, then.extension_asked) == (date(2024, 6, 30), date(2024, 9, 30))
    assert Reason.OVERDUE in then.reasons
    (now,) = [
        line for line in task_lines(snapshot, assigned.clock.now()) if line.measure_id == "m4"
    ]
    assert (now.deadline, now.original_deadline, now.extensions) == (
        date(2024, 9, 30),
        date(2024, 6, 30),
        1,
    )
    assert Reason.OVERDUE not in now.reasons
