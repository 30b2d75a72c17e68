"""Close-out evidence gathered over several messages: drafts, submitting, re-reading edits."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.domain.audit import Action
from bot.services import Conflict, InvalidInput, NotAllowed, NotFound, Target
from tests.factories.service_world import World


@pytest.fixture
def assigned(world: World) -> World:
    """m1 assigned to 县发改委 (张三), m4 to 领导乙 (liaison 联络丙)."""
    lead = world.actor(world.lead)
    world.services.assignments.assign(lead, "m1", [Target.unit(world.fgw.id)])
    world.services.assignments.assign(lead, "m4", [Target.person(world.leader.id)])
    return world


def test_pieces_are_kept_in_order_with_sender_and_time(assigned: World) -> None:
    """Text, then a photo with a caption, then a file: every piece is kept with who and when,
    nothing is filed until submitted, and the request carries all of it."""
    service, official = assigned.services.closeouts, assigned.actor(assigned.official)
    draft = service.start(official, "1", assigned.team.id, "厂房已竣工", source_message_id=10)
    assigned.clock.advance(timedelta(minutes=5))
    draft = service.add(official, draft, "验收现场", ["photo:P1"], 11)
    draft = service.add(official, draft, None, ["document:D1"], 12)
    assert not assigned.store.closeouts.for_measure("m1")
    result = service.submit(official, draft)
    closeout = result.closeout
    assert [(i.text, i.attachment, i.source_message_id) for i in closeout.items] == [
        ("厂房已竣工", None, 10),
        ("验收现场", None, 11),
        (None, "photo:P1", 11),
        (None, "document:D1", 12),
    ]
    assert {i.by for i in closeout.items} == {assigned.official.id}
    assert closeout.items[0].at + timedelta(minutes=5) == closeout.items[1].at
    assert closeout.evidence == "厂房已竣工\n验收现场"
    assert closeout.attachments == ("photo:P1", "document:D1")
    assert closeout.source_chat_id == assigned.official.telegram_id
    assert [p.id for p in result.notify] == [assigned.lead.id]
    assert result.senders[assigned.official.id].name == "张三"


def test_refusals_come_before_evidence_is_gathered(assigned: World) -> None:
    """Starting a draft is refused at once for someone else's task, and for a task already
    awaiting a decision."""
    service = assigned.services.closeouts
    with pytest.raises(NotAllowed):
        service.start(assigned.actor(assigned.official2), "m1")
    service.request(assigned.actor(assigned.official), "m1", "已完成")
    with pytest.raises(Conflict) as caught:
        service.start(assigned.actor(assigned.official), "m1")
    assert caught.value.code == "err.closeout_pending"


def test_an_empty_or_lost_draft_is_not_submitted(assigned: World) -> None:
    """Submitting nothing is refused; a draft that is gone (or on another task) is NotFound."""
    service, official = assigned.services.closeouts, assigned.actor(assigned.official)
    draft = service.start(official, "m1")
    with pytest.raises(InvalidInput) as caught:
        service.submit(official, draft)
    assert caught.value.code == "err.evidence_required"
    with pytest.raises(NotFound):
        service.draft_on(official, None, "m1")
    with pytest.raises(NotFound):
        service.draft_on(official, draft, "m4")
    assert service.draft_on(official, draft, "m1") is draft


def test_an_edit_rereads_the_draft_or_starts_over_on_another_task(assigned: World) -> None:
    """An edited command replaces its text in the draft; naming another task starts a draft
    there."""
    service, liaison = assigned.services.closeouts, assigned.actor(assigned.liaison)
    draft = service.start(liaison, "m4", None, "已签约3个", source_message_id=7)
    draft = service.add(liaison, draft, None, ["photo:P"], 8)
    again = service.reread(liaison, draft, "m4", None, 7, "已签约5个")
    pieces = [(i.text, i.attachment) for i in again.items]
    assert pieces == [("已签约5个", None), (None, "photo:P")]
    cleared = service.revise(liaison, again, 7, "")
    assert [i.attachment for i in cleared.items] == ["photo:P"]
    with pytest.raises(NotAllowed):
        service.reread(liaison, draft, "m1", assigned.team.id, 7, "别的任务")


def test_an_edit_rereads_a_pending_request_only(assigned: World) -> None:
    """While the lead has not decided, an edit updates the request (audited); afterwards it is
    refused; a message that filed nothing is NotFound."""
    service, official = assigned.services.closeouts, assigned.actor(assigned.official)
    chat = assigned.official.telegram_id
    assert chat is not None
    draft = service.start(official, "m1", None, "已签约3个", source_message_id=21)
    filed = service.submit(official, draft)
    amended = service.amend(official, chat, 21, "已签约6个")
    assert amended.closeout.evidence == "已签约6个"
    assert [p.id for p in amended.notify] == [assigned.lead.id]
    entry = assigned.store.audit.for_subject("m1")[-1]
    assert entry.action is Action.CLOSEOUT_REQUESTED
    assert entry.detail["amended"] is True
    with pytest.raises(NotFound):
        service.amend(official, chat, 99, "x")
    with pytest.raises(NotFound):
        service.amend(assigned.actor(assigned.official2), chat, 21, "x")
    assigned.services.closeouts.approve(assigned.actor(assigned.lead), filed.closeout.id)
    with pytest.raises(Conflict):
        service.amend(official, chat, 21, "已签约7个")


def test_a_request_waits_in_the_leads_pending_list_until_decided(assigned: World) -> None:
    """A submitted request is in the lead's pending list (what /closeouts shows) with its
    evidence and who asked, oldest first, whether or not a lead was told of it; once decided
    it is gone."""
    service, official = assigned.services.closeouts, assigned.actor(assigned.official)
    lead = assigned.actor(assigned.lead)
    assert service.pending(lead, assigned.team.id) == ()
    first = service.request(official, "m1", "厂房已竣工")
    assigned.clock.advance(timedelta(minutes=5))
    liaison = assigned.actor(assigned.liaison)
    second = service.request(liaison, "m4", "已完成")
    waiting = service.pending(lead, assigned.team.id)
    assert [r.closeout.id for r in waiting] == [first.closeout.id, second.closeout.id]
    assert waiting[0].closeout.evidence == "厂房已竣工"
    assert waiting[0].requester == assigned.official
    assert all(r.notify == () for r in waiting)
    service.approve(lead, first.closeout.id)
    assert [r.closeout.id for r in service.pending(lead, assigned.team.id)] == [second.closeout.id]
    with pytest.raises(NotAllowed):
        service.pending(official, assigned.team.id)
