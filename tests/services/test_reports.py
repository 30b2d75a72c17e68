"""Reports (反馈): one-tap status, details, edits, replies, carry-forward, late flag."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

import pytest

from bot.domain.audit import Action
from bot.domain.people import Role
from bot.domain.work import Cycle, CycleKind, ReportStatus
from bot.rhythm.review import monthly_review
from bot.rhythm.snapshot import load_snapshot
from bot.rhythm.standing import standing
from bot.rhythm.tasks import task_lines
from bot.services import Conflict, InvalidInput, NotAllowed, NotFound, ReportFields, Target
from bot.services.reporting.parsing import Unread, read_progress, split_labelled
from tests.factories.service_world import TZ, World, person


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
    saved = reports.submit(official, "m1", ReportFields(status=ReportStatus.ON_TRACK))
    assert saved.created
    assert saved.recorded_fields == ("status",)
    amended = reports.amend(
        official,
        saved.report.id,
        ReportFields(
            progress=60,
            indicator_values=[("招商引资到位资金", "12.5亿元"), ("固定资产投资", 3000)],
            text="进展：已完成立项。问题：资金未到位；下步：协调财政",
        ),
    )
    report = amended.report
    assert report.progress == 60
    assert dict(report.indicator_values) == {"招商引资到位资金": 12.5, "固定资产投资": 3000.0}
    assert (report.progress_text, report.problems, report.next_steps) == (
        "已完成立项。",
        "资金未到位",
        "协调财政",
    )
    assert set(amended.recorded_fields) == {
        "progress",
        "indicator_values",
        "progress_text",
        "problems",
        "next_steps",
    }
    assert report.edited_at is None  # filling in is not editing
    actions = [e.action for e in assigned.store.audit.for_subject("m1")]
    assert actions[-2:] == [Action.REPORTED, Action.REPORT_EDITED]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("按计划推进", {"progress_text": "按计划推进"}),
        (
            "本周开会。问题：缺人 下一步打算：招聘",
            {"progress_text": "本周开会。", "problems": "缺人", "next_steps": "招聘"},
        ),
        ("【进展】：完成80% 【困难】：无", {"progress_text": "完成80%", "problems": "无"}),
        ("progress: done\nnext: audit", {"progress_text": "done", "next_steps": "audit"}),
    ],
)
def test_split_labelled(text: str, expected: dict[str, str]) -> None:
    """Labelled free text splits into 进展/问题/下步; unlabelled text is progress."""
    assert split_labelled(text) == expected


@pytest.mark.parametrize(
    ("value", "percent"),
    [
        ("60", 60),
        ("60%", 60),
        (" 100％ ", 100),
        ("60 %", 60),
        (0, 0),
        (100, 100),
        ("abc", None),
        ("1000", None),
        ("-5", None),
        ("", None),
        (101, None),
        (True, None),
    ],
)
def test_read_progress(value: object, percent: int | None) -> None:
    """A progress is a whole number 0..100 with an optional percent sign, else unreadable."""
    assert read_progress(value) == percent


@pytest.mark.parametrize(
    ("kwargs", "kept", "note"),
    [
        ({"progress": 101}, {"progress": None}, Unread.of("progress", value=101)),
        (
            {"progress": "大约六成"},
            {"progress": None, "progress_text": "大约六成"},
            Unread.of("progress", value="大约六成"),
        ),
        (
            {"texts": {"progress_text": "长" * 4001}},
            {"progress_text": "长" * 4000},
            Unread.of("text_cut", max=4000),
        ),
        (
            {"indicator_values": [("不存在", 1)]},
            {"indicator_values": (), "progress_text": "不存在 1"},
            Unread.of(
                "indicator_unknown",
                name="不存在",
                known="「招商引资到位资金」、「固定资产投资」",
                example="招商引资到位资金 1亿元",
            ),
        ),
        (
            {"indicator_values": [("招商引资到位资金", "很多")]},
            {"indicator_values": (), "progress_text": "招商引资到位资金 很多"},
            Unread.of(
                "indicator_unit",
                name="招商引资到位资金",
                unit="亿元",
                example="招商引资到位资金 1亿元",
            ),
        ),
        (
            {"indicator_values": [("招商引资到位资金", "5吨"), ("固定资产投资", 30)]},
            {
                "indicator_values": (("固定资产投资", 30.0),),
                "progress_text": "招商引资到位资金 5吨",
            },
            Unread.of(
                "indicator_unit",
                name="招商引资到位资金",
                unit="亿元",
                example="招商引资到位资金 5亿元",
            ),
        ),
        (
            {"attachments": [f"f{i}" for i in range(21)]},
            {"attachments": tuple(f"document:f{i}" for i in range(20))},
            Unread.of("attachments_cut", max=20, dropped=1),
        ),
    ],
)
def test_nothing_is_refused_for_a_detail(
    assigned: World, kwargs: dict[str, object], kept: dict[str, object], note: Unread
) -> None:
    """A detail that cannot be read is kept as text or cut and noted, never refused."""
    saved = assigned.services.reports.submit(
        assigned.actor(assigned.official),
        "m1",
        ReportFields(status="on_track", **kwargs),  # type: ignore[arg-type]
    )
    assert saved.unread == (note,)
    assert {name: getattr(saved.report, name) for name in kept} == kept
    assert assigned.store.reports.get(saved.report.id) == saved.report


def test_only_truly_empty_input_is_refused(assigned: World) -> None:
    """A reply with neither text nor files is the only report refused."""
    with pytest.raises(InvalidInput) as caught:
        assigned.services.reports.add_reply(assigned.actor(assigned.official), "m1", "  \n ")
    assert caught.value.code == "err.text_required"
    assert not assigned.store.reports.for_measure("m1")


def test_a_reply_without_a_status_keeps_the_last_one(assigned: World) -> None:
    """A reply stating no status is stored with none; the author's last status still holds."""
    official = assigned.actor(assigned.official)
    reports = assigned.services.reports
    first = reports.add_reply(official, "m1", "问题：资金不到位，项目已停工。")
    assert (first.report.status, first.carried, first.report.problems) == (
        None,
        None,
        "资金不到位，项目已停工。",
    )
    reports.submit(official, "m1", ReportFields(status="behind"))
    assigned.clock.advance(timedelta(hours=13))  # beyond the reply window: a new report
    second = reports.add_reply(official, "m1", "进度 40%\n本周复工")
    assert second.created
    assert (second.report.status, second.carried) == (None, ReportStatus.BEHIND)
    assert (second.report.progress, second.report.progress_text) == (40, "本周复工")
    assert "status" not in second.recorded_fields


def test_status_words_and_unknown_status(assigned: World) -> None:
    """Status accepts enum values and Chinese words; anything else is refused."""
    official = assigned.actor(assigned.official)
    saved = assigned.services.reports.submit(official, "m1", ReportFields(status="滞后"))
    assert saved.report.status is ReportStatus.BEHIND
    with pytest.raises(InvalidInput):
        assigned.services.reports.submit(official, "m1", ReportFields(status="maybe"))


def test_indicator_scale_conversion(assigned: World) -> None:
    """万元 converts to 亿元 for an indicator measured in 亿元."""
    saved = assigned.services.reports.submit(
        assigned.actor(assigned.official),
        "m1",
        ReportFields(status="on_track", indicator_values=[("招商引资到位资金", "5000万元")]),
    )
    assert saved.report.indicator_values == (("招商引资到位资金", 0.5),)


def test_liaison_report_is_attributed(assigned: World) -> None:
    """A liaison's report on the principal's task carries ``on_behalf_of``."""
    saved = assigned.services.reports.submit(
        assigned.actor(assigned.liaison), "m4", ReportFields(status="done")
    )
    assert saved.report.author_id == assigned.liaison.id
    assert saved.report.on_behalf_of == assigned.leader.id
    entry = assigned.store.audit.for_subject("m4")[-1]
    assert entry.detail["on_behalf_of"] == assigned.leader.id


def test_on_behalf_of_someone_else_is_refused(assigned: World) -> None:
    """Nobody may claim to report for a person they do not act for."""
    with pytest.raises(NotAllowed):
        assigned.services.reports.submit(
            assigned.actor(assigned.official),
            "m1",
            ReportFields(status="done"),
            on_behalf_of=assigned.leader.id,
        )


def test_lead_reports_as_themself(assigned: World) -> None:
    """A lead may report on any task of the team, recorded as themself."""
    saved = assigned.services.reports.submit(
        assigned.actor(assigned.lead), "m3", ReportFields(status="blocked")
    )
    assert saved.report.author_id == assigned.lead.id
    assert saved.report.on_behalf_of is None


CUTOFF = datetime(2024, 3, 8, 17, 0, tzinfo=TZ)  # of the week ``_open_cycle`` opens


def _open_cycle(world: World, closed_at: datetime | None = None) -> Cycle:
    """Weekly cycle ``cy1``, opened now with its cutoff at :data:`CUTOFF`, saved."""
    cycle = Cycle(
        "cy1",
        world.team.id,
        CycleKind.WEEKLY,
        world.clock.now().date(),
        opened_at=world.clock.now(),
        cutoff_at=CUTOFF,
        closed_at=closed_at,
    )
    world.store.cycles.save(cycle)
    return cycle


def test_late_flag_after_cutoff(assigned: World) -> None:
    """A report after the open cycle's cutoff is flagged late and tied to the cycle."""
    _open_cycle(assigned)
    official = assigned.actor(assigned.official)
    on_time = assigned.services.reports.submit(official, "m1", ReportFields(status="on_track"))
    assigned.clock.set(datetime(2024, 3, 8, 17, 1, tzinfo=TZ))
    late = assigned.services.reports.submit(official, "m1", ReportFields(status="on_track"))
    assert (on_time.report.cycle_id, on_time.late) == ("cy1", False)
    assert (late.report.cycle_id, late.late) == ("cy1", True)
    with pytest.raises(NotFound):
        assigned.services.reports.submit(
            official, "m1", ReportFields(status="on_track"), cycle_id="nope"
        )


def test_every_path_after_the_cutoff_is_late_in_that_cycle_until_the_next_opens(
    assigned: World,
) -> None:
    """Reply, tap and 与上周相同 after the cutoff are late in that cycle until the next opens."""
    cycle = _open_cycle(assigned, closed_at=CUTOFF)
    official = assigned.actor(assigned.official)
    reports = assigned.services.reports
    assigned.clock.set(datetime(2024, 3, 9, 10, 0, tzinfo=TZ))
    late = reports.add_reply(official, "m1", "进展：周六补报")
    assert (late.report.cycle_id, late.late) == ("cy1", True)
    digested = replace(cycle, digest_sent_at=datetime(2024, 3, 11, 8, 30, tzinfo=TZ))
    assigned.store.cycles.save(digested)
    assigned.clock.set(datetime(2024, 3, 11, 9, 0, tzinfo=TZ))
    filed = [
        reports.add_reply(assigned.actor(assigned.lead), "m1", "周一补报"),
        reports.submit(official, "m1", ReportFields(status="on_track"), cycle_id="cy1"),
        reports.submit(official, "m1", ReportFields(status="on_track")),
        reports.same_as_last(official, "m1"),
    ]
    assert {(f.report.cycle_id, f.late) for f in filed} == {("cy1", True)}
    assigned.store.cycles.save(
        replace(
            cycle,
            id="cy2",
            period_start=cycle.period_start + timedelta(days=7),
            opened_at=datetime(2024, 3, 14, 9, 0, tzinfo=TZ),
            cutoff_at=datetime(2024, 3, 15, 17, 0, tzinfo=TZ),
            closed_at=None,
        )
    )
    assigned.clock.set(datetime(2024, 3, 14, 10, 0, tzinfo=TZ))
    old_button = reports.submit(official, "m1", ReportFields(status="done"), cycle_id="cy1")
    assert (old_button.report.cycle_id, old_button.late) == ("cy2", False)


def test_an_on_time_report_amended_after_the_cutoff_stays_on_time(assigned: World) -> None:
    """Adding to an on-time report after the cutoff keeps it on time; a new report is late."""
    _open_cycle(assigned)
    official = assigned.actor(assigned.official)
    reports = assigned.services.reports
    saved = reports.submit(official, "m1", ReportFields(status="behind"))
    assigned.clock.set(datetime(2024, 3, 8, 18, 0, tzinfo=TZ))
    amended = reports.amend(
        official, saved.report.id, ReportFields(text="问题：缺资金", attachments=["photo:p1"])
    )
    replied = reports.add_reply(official, "m1", "下步：协调财政")
    assert amended.report.id == replied.report.id == saved.report.id
    assert (replied.report.cycle_id, replied.late) == ("cy1", False)
    newer = reports.submit(assigned.actor(assigned.lead), "m1", ReportFields(status="on_track"))
    assert (newer.report.cycle_id, newer.late) == ("cy1", True)


def test_the_same_photo_sent_twice_into_a_report_is_kept_once(assigned: World) -> None:
    """A photo sent again (a new file id, the same unique id) adds nothing to the report;
    another photo does."""
    official = assigned.actor(assigned.official)
    reports = assigned.services.reports
    saved = reports.add_reply(official, "m1", "施工现场", ["photo:f1:U"])
    again = reports.add_reply(official, "m1", "", ["photo:f2:U", "photo:f3:V"])
    assert again.report.id == saved.report.id
    assert again.report.attachments == ("photo:f1:U", "photo:f3:V")


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


def test_a_colleagues_reply_without_a_status_keeps_the_units_status(assigned: World) -> None:
    """A unit member's text-only reply, and a lead's note, show the unit's held 受阻."""
    unit = assigned.fgw.id
    colleague = person(assigned.store, assigned.team, "王五", Role.OFFICIAL, unit_id=unit)
    reports = assigned.services.reports
    reports.submit(assigned.actor(assigned.official), "m1", ReportFields(status="blocked"))
    assigned.clock.advance(timedelta(minutes=1))
    added = reports.add_reply(assigned.actor(colleague), "m1", "补充：已协调财政")
    assert (added.report.status, added.carried) == (None, ReportStatus.BLOCKED)
    note = reports.add_reply(assigned.actor(assigned.lead), "m1", "督办意见：本周内解决")
    assert (note.report.status, note.carried) == (None, ReportStatus.BLOCKED)


def test_same_as_last_repeats_the_partys_own_held_answer(assigned: World) -> None:
    """与上周相同 repeats the party's own answer with its held status, never a lead's note."""
    reports = assigned.services.reports
    official = assigned.actor(assigned.official)
    reports.submit(
        official, "m1", ReportFields(status="behind", progress=40, texts={"problems": "缺资金"})
    )
    assigned.clock.advance(timedelta(hours=13))
    reports.add_reply(official, "m1", "本周在协调")
    reports.submit(
        assigned.actor(assigned.lead), "m1", ReportFields(status="on_track", progress=90)
    )
    carried = reports.same_as_last(official, "m1").report
    assert (carried.status, carried.progress, carried.problems, carried.progress_text) == (
        ReportStatus.BEHIND,
        40,
        "缺资金",
        "本周在协调",
    )


def test_an_edited_message_is_read_again_without_refusing(assigned: World) -> None:
    """An edit re-reads indicator values and progress; a value it cannot read stays text."""
    reports = assigned.services.reports
    official = assigned.actor(assigned.official)
    reports.add_reply(official, "m1", "进展：开工", source=(500, 7))
    edited = reports.edit_from_message(
        official, 500, 7, "招商引资到位资金 3亿元\n进度 30%\n进展：已开工"
    )
    report = edited.report
    assert (report.indicator_values, report.progress, report.progress_text) == (
        (("招商引资到位资金", 3.0),),
        30,
        "已开工",
    )
    again = reports.edit_from_message(official, 500, 7, "招商引资到位资金 5吨")
    assert again.report.progress_text == "招商引资到位资金 5吨"
    assert again.report.indicator_values == (("招商引资到位资金", 3.0),)  # kept, not cleared
    assert [u.code for u in again.unread] == ["indicator_unit"]


def test_reply_amends_recent_report_or_files_new(assigned: World) -> None:
    """A reply amends the actor's recent report, else files one stating no status of its own."""
    reports = assigned.services.reports
    official = assigned.actor(assigned.official)
    first = reports.submit(official, "m1", ReportFields(status="behind"))
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
    reports.submit(
        official,
        "m1",
        ReportFields(
            status="on_track", progress=40, texts={"progress_text": "推进中"}, attachments=["f"]
        ),
    )
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
        assigned.services.reports.submit(
            assigned.actor(assigned.official2), "m1", ReportFields(status="done")
        )
    assert caught.value.code == "err.not_assignee"
    with pytest.raises(NotAllowed):
        assigned.services.reports.submit(
            assigned.actor(assigned.leader), "m4", ReportFields(status="done")
        )


def test_closed_task_takes_no_reports(assigned: World) -> None:
    """After 销号 the task takes no more reports."""
    official = assigned.actor(assigned.official)
    request = assigned.services.closeouts.request(official, "m1", "已完成")
    assigned.services.closeouts.approve(assigned.actor(assigned.lead), request.closeout.id)
    with pytest.raises(Conflict) as caught:
        assigned.services.reports.submit(official, "m1", ReportFields(status="done"))
    assert caught.value.code == "err.measure_closed"


def test_a_bare_status_pressed_again_is_not_filed_twice(assigned: World) -> None:
    """The same status tapped twice in a cycle (a double tap) is the report already filed,
    unchanged; another status, or the same status after details were added, is a new report."""
    _open_cycle(assigned)
    reports = assigned.services.reports
    official = assigned.actor(assigned.official)
    on_track = ReportFields(status=ReportStatus.ON_TRACK)
    first = reports.submit(official, "m1", on_track)
    again = reports.submit(official, "m1", on_track)
    assert (again.repeated, again.created, again.report) == (True, False, first.report)
    assert len(assigned.store.reports.for_measure("m1")) == 1
    assert not reports.submit(official, "m1", ReportFields(status=ReportStatus.BEHIND)).repeated
    detailed = reports.submit(official, "m1", on_track)
    reports.amend(official, detailed.report.id, ReportFields(progress=40))
    assert not reports.submit(official, "m1", on_track).repeated
    assert len(assigned.store.reports.for_measure("m1")) == 4


def test_a_task_reassigned_away_says_so_to_its_former_holder(assigned: World) -> None:
    """Once m1 moves from 发改委 to 财政局, 张三 (who held it through 发改委) is told it is no
    longer theirs to report on; 李四 reports on it now, and someone who never held it is
    still told only assignees report."""
    lead = assigned.actor(assigned.lead)
    assigned.services.assignments.assign(lead, "m1", [Target.unit(assigned.czj.id)])
    assigned.services.assignments.unassign(lead, "m1", Target.unit(assigned.fgw.id))
    on_track = ReportFields(status="on_track")
    with pytest.raises(Conflict) as caught:
        assigned.services.reports.submit(assigned.actor(assigned.official), "m1", on_track)
    assert caught.value.code == "err.no_longer_assigned"
    assert assigned.services.reports.submit(assigned.actor(assigned.official2), "m1", on_track)
    with pytest.raises(NotAllowed) as never:
        assigned.services.reports.submit(assigned.actor(assigned.official2), "m3", on_track)
    assert never.value.code == "err.not_assignee"


def test_an_answer_stays_its_units_after_the_reporter_moves(assigned: World) -> None:
    """A report records its reporter's unit when made: after a new roster moves 张三 to another
    unit, his earlier answer is still 发改委's on the task, not nobody's; a liaison's report
    for a leader records the leader's unit (none)."""
    reports, store = assigned.services.reports, assigned.store
    saved = reports.submit(assigned.actor(assigned.official), "m1", ReportFields(status="done"))
    for_leader = reports.submit(
        assigned.actor(assigned.liaison), "m4", ReportFields(status="done")
    )
    assert (saved.report.unit_id, for_leader.report.unit_id) == (assigned.fgw.id, None)
    store.people.save(replace(assigned.official, unit_id=assigned.czj.id))
    found = standing(load_snapshot(store, assigned.team.id), "m1")
    assert [(a.party.unit_id, a.report.id, a.status) for a in found.answers] == [
        (assigned.fgw.id, saved.report.id, ReportStatus.DONE)
    ]


def test_a_task_assigned_by_name_stays_under_the_unit_its_person_was_in(assigned: World) -> None:
    """A task assigned to 张三 by name counts under 发改委 in the week's digest as of its
    moment, also after a new roster moves him to 财政局; a view of now shows 财政局."""
    lead, services, store = assigned.actor(assigned.lead), assigned.services, assigned.store
    services.assignments.assign(lead, "m2", [Target.person(assigned.official.id)])
    assigned.clock.set(datetime(2024, 3, 7, 9, 0, tzinfo=TZ))
    rhythm = services.rhythm
    opened = rhythm.open_cycle(rhythm.window_to_open(lead, assigned.team.id))
    assigned.clock.set(datetime(2024, 3, 7, 10, 0, tzinfo=TZ))
    services.reports.submit(assigned.actor(assigned.official), "m2", ReportFields(status="done"))
    moment = datetime(2024, 3, 11, 8, 30, tzinfo=TZ)
    assigned.clock.set(moment)

    def per_unit() -> dict[str | None, tuple[int, int]]:
        digest = services.digests.digest(assigned.team.id, opened.cycle.id, moment).digest
        return {name: (n.expected, n.answered) for name, n in digest.units}

    before = per_unit()  # m1 (发改委's, unanswered) and m2 (his, answered); m4 a leader's
    assert before == {"县发改委": (2, 1), None: (1, 0)}
    store.people.save(replace(assigned.official, unit_id=assigned.czj.id))
    assert per_unit() == before
    now = standing(load_snapshot(store, assigned.team.id), "m2")
    assert [p.unit_id for p in now.parties] == [assigned.czj.id]


def test_a_roster_move_counts_a_task_by_name_under_the_new_unit_from_then(assigned: World) -> None:
    """A new roster moves 张三 (same name and phone) from 发改委 to 财政局 on Friday: the task
    lines (digest, ledger, lists) and the month's review as of Monday count his task by name
    under 财政局 at once, those as of a moment before the move still under 发改委."""
    lead, services, store = assigned.actor(assigned.lead), assigned.services, assigned.store
    team_id = assigned.team.id

    def roster(unit: str, phone: str) -> None:
        data = f"姓名,单位,角色,电话\n张三,{unit},责任人,{phone}\n".encode()
        services.people.import_roster(lead, team_id, data, "名单.csv")

    roster("县发改委", "13800000000")  # the same person: his phone recorded
    services.assignments.assign(lead, "m2", [Target.person(assigned.official.id)])
    assigned.clock.set(datetime(2024, 3, 7, 9, 0, tzinfo=TZ))
    rhythm = services.rhythm
    opened = rhythm.open_cycle(rhythm.window_to_open(lead, team_id))
    assigned.clock.set(datetime(2024, 3, 7, 10, 0, tzinfo=TZ))
    services.reports.submit(assigned.actor(assigned.official), "m2", ReportFields(status="done"))
    before = datetime(2024, 3, 8, 9, 0, tzinfo=TZ)
    assigned.clock.set(datetime(2024, 3, 8, 10, 0, tzinfo=TZ))
    roster("县财政局", "138-0000-0000")
    moved = assigned.refresh(assigned.official)
    assert (moved.unit_id, moved.unit_before) == (assigned.czj.id, assigned.fgw.id)
    assert [p.name for p in store.people.for_team(team_id)].count("张三") == 1
    now = datetime(2024, 3, 11, 8, 30, tzinfo=TZ)
    assigned.clock.set(now)

    def per_unit(at: datetime) -> dict[str | None, tuple[int, int]]:
        digest = services.digests.digest(team_id, opened.cycle.id, at).digest
        return {name: (n.expected, n.answered) for name, n in digest.units}

    def tasks_by_unit(at: datetime) -> dict[str | None, int]:
        return {t.name: t.tasks for t in monthly_review(load_snapshot(store, team_id), at).units}

    def lead_units(at: datetime) -> dict[str, tuple[str, ...]]:
        return {t.measure_id: t.lead_units for t in task_lines(load_snapshot(store, team_id), at)}

    assert (lead_units(before)["m2"], lead_units(now)["m2"]) == (("县发改委",), ("县财政局",))
    assert tasks_by_unit(before) == {"县发改委": 2, None: 0}
    assert tasks_by_unit(now) == {"县发改委": 1, "县财政局": 1, None: 0}
    # the week's items stay as they were asked (of him as 发改委's, before the move)
    assert per_unit(before) == per_unit(now) == {"县发改委": (2, 1), None: (1, 0)}
