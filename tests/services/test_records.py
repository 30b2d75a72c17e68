"""The record searched (/history, /search, /evidence) within each role's scope, and the nudge
stored on the report so it is given at most once per task and round."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.rhythm.substance import Flag
from bot.services import InvalidInput, NotAllowed, ReportFields, Target
from tests.factories.service_world import World, build_world


def _world() -> World:
    """m1 to 发改委 (张三), m2 to 财政局 (李四); each has sent an update with a photo."""
    world = build_world()
    lead = world.actor(world.lead)
    assign = world.services.assignments.assign
    assign(lead, "m1", [Target.unit(world.fgw.id)])
    assign(lead, "m2", [Target.unit(world.czj.id)])
    reports = world.services.reports
    reports.submit(
        world.actor(world.official),
        "m1",
        ReportFields(
            status="on_track", text="幼儿园主体封顶，资金到位3000万元", attachments=["photo:ph1"]
        ),
    )
    world.clock.advance(timedelta(hours=1))
    reports.submit(
        world.actor(world.official2),
        "m2",
        ReportFields(status="behind", text="幼儿园资金缺口较大", attachments=["document:doc1"]),
    )
    world.clock.advance(timedelta(hours=1))
    return world


def _titles_of_updates(world: World, who: object, words: list[str]) -> list[str]:
    actor = world.actor(who)  # type: ignore[arg-type]
    found = world.services.records.search(actor, world.team.id, words).found.items
    return [f.measure.id for f in found if f.report is not None]


def test_search_matches_chinese_substrings_and_needs_every_word() -> None:
    """幼儿园 finds both units' updates for the lead; 幼儿园 + 缺口 only the second."""
    world = _world()
    assert sorted(_titles_of_updates(world, world.lead, ["幼儿园"])) == ["m1", "m2"]
    assert _titles_of_updates(world, world.lead, ["幼儿园", "缺口"]) == ["m2"]
    assert _titles_of_updates(world, world.lead, ["幼儿园", "铁路"]) == []


def test_an_official_never_sees_another_units_updates_by_search_or_history() -> None:
    """张三 (发改委) finds only 发改委's update and steps; 财政局's stay hidden."""
    world = _world()
    assert _titles_of_updates(world, world.official, ["幼儿园"]) == ["m1"]
    steps = world.services.records.history(world.actor(world.official), world.team.id, [])
    assert {s.measure.id for s in steps.steps.items} == {"m1"}
    lead_steps = world.services.records.history(world.actor(world.lead), world.team.id, [])
    assert {s.measure.id for s in lead_steps.steps.items} == {"m1", "m2"}


def test_history_filters_by_person_unit_section_task_and_dates() -> None:
    """Each filter narrows the steps; a wrong word is refused with the usage."""
    world = _world()
    records, lead, team = world.services.records, world.actor(world.lead), world.team.id

    def measures(*words: str) -> set[str]:
        return {s.measure.id for s in records.history(lead, team, list(words)).steps.items}

    assert measures("李四") == {"m2"}
    assert measures("财政局") == {"m2"}
    assert measures("2") == {"m2"}
    assert measures("张三", "2") == set()
    today = world.clock.now().date().isoformat()
    assert measures(today) == {"m1", "m2"}
    assert measures("2023-01-01..2023-12-31") == set()
    with pytest.raises(InvalidInput) as refused:
        records.history(lead, team, ["没有这个人"])
    assert refused.value.params["word"] == "没有这个人"


def test_history_lists_newest_first() -> None:
    """The latest step comes first."""
    world = _world()
    steps = world.services.records.history(world.actor(world.lead), world.team.id, []).steps
    times = [s.item.at for s in steps.items]
    assert times == sorted(times, reverse=True)


def test_evidence_lists_each_file_with_who_sent_it_and_when() -> None:
    """A report's photo and a close-out's file, oldest first, with sender and time."""
    world = _world()
    official = world.actor(world.official)
    world.services.closeouts.request(official, "m1", "已竣工", attachments=["document:acc"])
    files = world.services.records.evidence(world.actor(world.lead), "m1", None).files.items
    assert [(f.attachment.stored(), f.by.name if f.by else None, f.source) for f in files] == [
        ("photo:ph1", "张三", "report"),
        ("document:acc", "张三", "closeout"),
    ]
    with pytest.raises(NotAllowed):
        world.services.records.evidence(world.actor(world.official2), "m1", None)


def test_a_file_sent_again_is_listed_once_where_it_was_first_sent() -> None:
    """The same photo sent again (new file id, same unique id), with an update or a close-out
    request, is one file of evidence: listed at its first sending."""
    world = _world()
    official = world.actor(world.official)
    reports = world.services.reports
    reports.submit(official, "m1", ReportFields(attachments=["photo:f1:U"]))
    world.clock.advance(timedelta(days=7))
    reports.submit(official, "m1", ReportFields(attachments=["photo:f2:U", "photo:f3:V"]))
    world.services.closeouts.request(official, "m1", "已竣工", attachments=["photo:f4:U"])
    files = world.services.records.evidence(world.actor(world.lead), "m1", None).files
    assert [f.attachment.file_id for f in files.items] == ["ph1", "f1", "f3"]
    assert files.total == 3


def test_a_vague_update_is_recorded_and_flagged_once_per_round() -> None:
    """正在推进 is kept as sent and flagged; the second vague update of the round is not."""
    world = _world()
    reports, official = world.services.reports, world.actor(world.official)
    first = reports.submit(official, "m1", ReportFields(text="正在推进"))
    assert (first.report.progress_text, first.nudge) == ("正在推进", Flag.VAGUE)
    stored = world.store.reports.get(first.report.id)
    assert stored is not None
    assert stored.nudged == "vague"
    second = reports.submit(official, "m1", ReportFields(text="有序推进中"))
    assert second.nudge is None
    assert second.report.progress_text == "有序推进中"


def test_a_concrete_update_or_a_status_tap_is_never_flagged() -> None:
    """完成3个村的摸底 and a bare tap are not nudged."""
    world = _world()
    reports, official = world.services.reports, world.actor(world.official)
    assert reports.submit(official, "m1", ReportFields(text="完成3个村的摸底")).nudge is None
    assert reports.submit(official, "m1", ReportFields(status="on_track")).nudge is None


def test_a_repeated_update_is_flagged() -> None:
    """The same words as the unit's last update are flagged as repeated."""
    world = _world()
    saved = world.services.reports.submit(
        world.actor(world.official), "m1", ReportFields(text="幼儿园主体封顶，资金到位3000万元。")
    )
    assert saved.nudge is Flag.REPEATED


def test_many_files_are_paged_ten_at_a_time() -> None:
    """Twelve photos: ten on the first page, two on the second, oldest first."""
    world = _world()
    official = world.actor(world.official)
    for n in range(11):
        world.clock.advance(timedelta(minutes=5))
        world.services.reports.submit(official, "m1", ReportFields(attachments=[f"photo:x{n}"]))
    records, lead = world.services.records, world.actor(world.lead)
    first = records.evidence(lead, "m1", None, 0).files
    second = records.evidence(lead, "m1", None, 1).files
    assert (first.total, first.pages, len(first.items), len(second.items)) == (12, 2, 10, 2)
    assert [f.attachment.file_id for f in second.items] == ["x9", "x10"]
