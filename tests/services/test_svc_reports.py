"""Reports (反馈): one-tap status, details, edits, replies, carry-forward, late flag."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

import pytest
from svc_world import TZ, World

from bot.domain.audit import Action
from bot.domain.work import Cycle, CycleKind, ReportStatus
from bot.services import Conflict, InvalidInput, NotAllowed, NotFound, Target
from bot.services.report_input import split_labelled


@pytest.fixture
def assigned(world: World) -> World:
    """m1 assigned to 发改委 (张三's unit), m4 to 领导乙 (whose liaison is 联络丙)."""
    lead = world.actor(world.lead)
    world.services.assignments.assign(lead, "m1", [Target.unit(world.fgw.id)])
    world.services.assignments.assign(lead, "m4", [Target.person(world.leader.id)])
    return world


def test_status_first_then_amend(assigned: World) -> None:
    """One tap files the report; amend adds progress, indicators and labelled text."""
    reports = assigned.services.reports
    official = assigned.actor(assigned.official)
    saved = reports.submit(official, "m1", ReportStatus.ON_TRACK)
    assert saved.created
    assert saved.recorded_fields == ("status",)
    amended = reports.amend(
        official, saved.report.id, progress=60,
        indicator_values=[("招商引资到位资金", "12.5亿元"), ("固定资产投资", 3000)],
        text="进展：已完成立项。问题：资金未到位；下步：协调财政",
    )
    report = amended.report
    assert report.progress == 60
    assert dict(report.indicator_values) == {"招商引资到位资金": 12.5, "固定资产投资": 3000.0}
    assert (report.progress_text, report.problems, report.next_steps) == (
        "已完成立项。", "资金未到位", "协调财政",
    )
    assert set(amended.recorded_fields) == {
        "progress", "indicator_values", "progress_text", "problems", "next_steps",
    }
    assert report.edited_at is None  # filling in is not editing
    actions = [e.action for e in assigned.store.audit.for_subject("m1")]
    assert actions[-2:] == [Action.REPORTED, Action.REPORT_EDITED]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("按计划推进", {"progress_text": "按计划推进"}),
        ("本周开会。问题：缺人 下一步打算：招聘",
         {"progress_text": "本周开会。", "problems": "缺人", "next_steps": "招聘"}),
        ("【进展】：完成80% 【困难】：无", {"progress_text": "完成80%", "problems": "无"}),
        ("progress: done\nnext: audit", {"progress_text": "done", "next_steps": "audit"}),
    ],
)
def test_split_labelled(text: str, expected: dict[str, str]) -> None:
    """Labelled free text splits into 进展/问题/下步; unlabelled text is progress."""
    assert split_labelled(text) == expected


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"progress": 101}, "err.progress_range"),
        ({"progress": -1}, "err.progress_range"),
        ({"progress_text": "长" * 4001}, "err.text_too_long"),
        ({"indicator_values": [("不存在", 1)]}, "err.indicator_unknown"),
        ({"indicator_values": [("招商引资到位资金", "很多")]}, "err.indicator_value"),
        ({"indicator_values": [("招商引资到位资金", "5吨")]}, "err.indicator_unit"),
        ({"attachments": [f"f{i}" for i in range(21)]}, "err.too_many_attachments"),
    ],
)
def test_submit_validation(assigned: World, kwargs: dict[str, object], code: str) -> None:
    """Out-of-range progress, long text, unknown indicators and bad values are refused."""
    with pytest.raises(InvalidInput) as caught:
        assigned.services.reports.submit(
            assigned.actor(assigned.official), "m1", "on_track", **kwargs  # type: ignore[arg-type]
        )
    assert caught.value.code == code
    assert not assigned.store.reports.for_measure("m1")


def test_status_words_and_unknown_status(assigned: World) -> None:
    """Status accepts enum values and Chinese words; anything else is refused."""
    official = assigned.actor(assigned.official)
    saved = assigned.services.reports.submit(official, "m1", "滞后")
    assert saved.report.status is ReportStatus.BEHIND
    with pytest.raises(InvalidInput):
        assigned.services.reports.submit(official, "m1", "maybe")


def test_indicator_scale_conversion(assigned: World) -> None:
    """万元 converts to 亿元 for an indicator measured in 亿元."""
    saved = assigned.services.reports.submit(
        assigned.actor(assigned.official), "m1", "on_track",
        indicator_values=[("招商引资到位资金", "5000万元")],
    )
    assert saved.report.indicator_values == (("招商引资到位资金", 0.5),)


def test_liaison_report_is_attributed(assigned: World) -> None:
    """A liaison's report on the principal's task carries ``on_behalf_of``."""
    saved = assigned.services.reports.submit(assigned.actor(assigned.liaison), "m4", "done")
    assert saved.report.author_id == assigned.liaison.id
    assert saved.report.on_behalf_of == assigned.leader.id
    entry = assigned.store.audit.for_subject("m4")[-1]
    assert entry.detail["on_behalf_of"] == assigned.leader.id


def test_on_behalf_of_someone_else_is_refused(assigned: World) -> None:
    """Nobody may claim to report for a person they do not act for."""
    with pytest.raises(NotAllowed):
        assigned.services.reports.submit(
            assigned.actor(assigned.official), "m1", "done", on_behalf_of=assigned.leader.id
        )


def test_lead_reports_as_themself(assigned: World) -> None:
    """A lead may report on any task of the team, recorded as themself."""
    saved = assigned.services.reports.submit(assigned.actor(assigned.lead), "m3", "blocked")
    assert saved.report.author_id == assigned.lead.id
    assert saved.report.on_behalf_of is None


def test_late_flag_after_cutoff(assigned: World) -> None:
    """A report after the open cycle's cutoff is flagged late and tied to the cycle."""
    cycle = Cycle(
        "cy1", assigned.team.id, CycleKind.WEEKLY, assigned.clock.now().date(),
        opened_at=assigned.clock.now(), cutoff_at=datetime(2024, 3, 8, 17, 0, tzinfo=TZ),
    )
    assigned.store.cycles.save(cycle)
    official = assigned.actor(assigned.official)
    on_time = assigned.services.reports.submit(official, "m1", "on_track")
    assigned.clock.set(datetime(2024, 3, 8, 17, 1, tzinfo=TZ))
    late = assigned.services.reports.submit(official, "m1", "on_track")
    assert (on_time.report.cycle_id, on_time.late) == ("cy1", False)
    assert (late.report.cycle_id, late.late) == ("cy1", True)
    with pytest.raises(NotFound):
        assigned.services.reports.submit(official, "m1", "on_track", cycle_id="nope")


def test_reply_after_the_cycle_closed_is_late_until_the_digest(assigned: World) -> None:
    """A text reply after the cutoff, once the cycle is closed, is late and joins that cycle
    until its digest has gone out; after that it belongs to no cycle."""
    cutoff = datetime(2024, 3, 8, 17, 0, tzinfo=TZ)
    cycle = Cycle(
        "cy1", assigned.team.id, CycleKind.WEEKLY, assigned.clock.now().date(),
        opened_at=assigned.clock.now(), cutoff_at=cutoff, closed_at=cutoff,
    )
    assigned.store.cycles.save(cycle)
    official = assigned.actor(assigned.official)
    assigned.clock.set(datetime(2024, 3, 9, 10, 0, tzinfo=TZ))
    late = assigned.services.reports.add_reply(official, "m1", "进展：周六补报")
    assert (late.report.cycle_id, late.late) == ("cy1", True)
    digest_at = datetime(2024, 3, 11, 8, 30, tzinfo=TZ)
    assigned.store.cycles.save(replace(cycle, digest_sent_at=digest_at))
    assigned.clock.set(datetime(2024, 3, 11, 9, 0, tzinfo=TZ))
    after = assigned.services.reports.submit(official, "m1", "on_track")
    assert (after.report.cycle_id, after.late) == (None, False)


def test_edit_from_message_replaces_text(assigned: World) -> None:
    """Editing the message a report came from re-reads its text and marks it edited."""
    reports = assigned.services.reports
    official = assigned.actor(assigned.official)
    reports.add_reply(official, "m1", "进展：开工", source=(500, 7))
    assigned.clock.advance(timedelta(minutes=5))
    edited = reports.edit_from_message(official, 500, 7, "进展：已开工 问题：雨天")
    assert (edited.report.progress_text, edited.report.problems) == ("已开工", "雨天")
    assert edited.report.edited_at == assigned.clock.now()
    with pytest.raises(NotFound):
        reports.edit_from_message(official, 500, 8, "x")
    with pytest.raises(NotAllowed):
        reports.edit_from_message(assigned.actor(assigned.lead), 500, 7, "进展：改")


def test_reply_amends_recent_report_or_files_new(assigned: World) -> None:
    """A reply amends the actor's recent report, else files one stating no status of its own."""
    reports = assigned.services.reports
    official = assigned.actor(assigned.official)
    first = reports.submit(official, "m1", "behind")
    reply = reports.add_reply(official, "m1", "问题：缺资金", ["file1"], source=(500, 9))
    assert reply.report.id == first.report.id
    assert reply.report.problems == "缺资金"
    assert reply.report.attachments == ("document:file1",)  # a bare file id is a document
    assigned.clock.advance(timedelta(days=2))
    later = reports.add_reply(official, "m1", "进展：好转")
    assert later.created
    assert later.report.status is None  # nothing invented: the text stated no status
    assert "status" not in later.recorded_fields
    with pytest.raises(InvalidInput):
        reports.add_reply(official, "m1", "  ")


def test_same_as_last_carries_forward(assigned: World) -> None:
    """同上周 copies the latest report into a new one, without attachments."""
    reports = assigned.services.reports
    official = assigned.actor(assigned.official)
    reports.submit(official, "m1", "on_track", progress=40, progress_text="推进中",
                   attachments=["f"])
    assigned.clock.advance(timedelta(days=7))
    carried = reports.same_as_last(official, "m1")
    assert carried.created
    assert (carried.report.progress, carried.report.progress_text) == (40, "推进中")
    assert carried.report.attachments == ()
    assert carried.report.created_at == assigned.clock.now()
    assert "progress" in carried.recorded_fields
    with pytest.raises(NotFound):
        reports.same_as_last(assigned.actor(assigned.lead), "m3")


def test_only_assignees_report(assigned: World) -> None:
    """An official may not report on a task not assigned to them; leaders do not report."""
    with pytest.raises(NotAllowed) as caught:
        assigned.services.reports.submit(assigned.actor(assigned.official2), "m1", "done")
    assert caught.value.code == "err.not_assignee"
    with pytest.raises(NotAllowed):
        assigned.services.reports.submit(assigned.actor(assigned.leader), "m4", "done")


def test_closed_task_takes_no_reports(assigned: World) -> None:
    """After 销号 the task takes no more reports."""
    official = assigned.actor(assigned.official)
    request = assigned.services.closeouts.request(official, "m1", "已完成")
    assigned.services.closeouts.approve(assigned.actor(assigned.lead), request.closeout.id)
    with pytest.raises(Conflict) as caught:
        assigned.services.reports.submit(official, "m1", "done")
    assert caught.value.code == "err.measure_closed"
