"""Plan import through the services: preview, confirm, re-import in place, pickers, flow."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from bot.domain.audit import Action
from bot.domain.plan import Measure, SourceKind
from bot.domain.work import AssigneeRole, ReportStatus
from bot.importer import load_sample_plan
from bot.render.common import render_error
from bot.rhythm.events import EventKind
from bot.rhythm.snapshot import load_snapshot
from bot.rhythm.tasks import task_lines
from bot.services import Actor, InvalidInput, NotAllowed, NotFound, ReportFields, Target
from tests.factories.files import workbook
from tests.factories.service_world import World
from tests.factories.settings import TZ

PLAN = """XX县2024年重点工作任务分解
一、重点工作安排
（一）产业发展
1. 推进园区建设。加快产业园基础设施建设（县发改委牵头，县财政局配合），2024年6月底前完成。
2. 招商引资攻坚。全年招商引资到位资金XXX亿元（县商务局负责）。
（二）民生保障
3. 推进农村安全饮水改造。完成改造工程XX处（县水利局牵头）。
4. 提升养老服务水平。新建养老服务中心（县民政局负责）。
"""

EDITED = """XX县2024年重点工作任务分解（修订）
一、重点工作安排
（一）产业发展
1. 推进园区建设。加快产业园基础设施建设（县发改委牵头，县财政局配合），2024年6月底前完成。
2. 招商引资攻坚。全年招商引资到位资金XXX亿元，新签约项目XX个（县商务局负责）。
（二）民生保障
3. 推进农村安全饮水改造。完成改造工程XX处（县水利局牵头）。
4. 加强基层医疗服务。建设紧密型县域医共体（县卫健委负责）。
"""

ROSTER = (
    "姓名,单位,角色\n张三,发改委,责任人\n王五,县商务局,责任人\n钱六,县财政局,责任人\n"
    "赵县长,,领导\n小周,县政府办,联络员\n"
)


def _team_with_lead(world: World, name: str = "ZZ县督查室") -> tuple[str, Actor]:
    """A new team whose lead joined through the deep link."""
    services = world.services
    team = services.teams.create(world.admin, name).team
    lead = services.teams.add_lead(world.admin, team.id, "督办员甲")
    assert lead.invite is not None
    services.people.join(7000 + len(world.store.teams.all()), lead.invite.token)
    return team.id, services.auth.resolve(7000 + len(world.store.teams.all()))


def _import(world: World, lead: Actor, team_id: str, text: str = PLAN) -> str:
    preview = world.services.plans.preview(lead, team_id, text.encode(), "plan.txt")
    result = world.services.plans.confirm(lead, preview.token)
    return result.plan.id


def test_full_flow_onboard_import_assign_join_report(world: World) -> None:
    """Onboarding → import → auto-assign → join → 签收 → 反馈 → task history."""
    services = world.services
    team_id, lead = _team_with_lead(world)
    roster = services.people.import_roster(lead, team_id, ROSTER.encode("gbk"), "名单.csv")
    assert [(e.row, e.code) for e in roster.errors] == [(6, "err.principal_required")]
    preview = services.plans.preview(lead, team_id, PLAN.encode(), "plan.txt")
    assert (preview.plan_title, preview.measure_count, preview.diff) == (
        "XX县2024年重点工作任务分解",
        4,
        None,
    )
    assert preview.sections == ("产业发展", "民生保障")
    assert (preview.owned_measures, preview.matched_measures) == (4, 2)
    result = services.plans.confirm(lead, preview.token)
    assert result.created
    assert result.plan.version == 1
    assert len(result.diff.added) == 4
    suggestions = services.assignments.auto_suggest(lead, team_id)
    assert sorted(suggestions.unmatched_names) == ["县民政局", "县水利局"]
    applied = services.assignments.auto_apply(lead, team_id)
    first = applied.results[0]
    assert {(a.unit_id is not None, a.role) for a in first.active} == {
        (True, AssigneeRole.LEAD),
        (True, AssigneeRole.CO),
    }
    assert first.notify == ()  # nobody joined yet
    zhang = next(a for a in roster.added if a.person.name == "张三")
    assert zhang.invite is not None
    joined = services.people.join(8001, zhang.invite.token, "zh-hans")
    assert [t.measure.title for t in joined.tasks] == ["推进园区建设"]
    official = services.auth.resolve(8001)
    measure_id = joined.tasks[0].measure.id
    services.signing.acknowledge(official, measure_id)
    saved = services.reports.submit(
        official, measure_id, ReportFields(status=ReportStatus.ON_TRACK, progress=30)
    )
    view = services.tasks.view(lead, measure_id)
    assert view.deadline is not None
    assert view.deadline.isoformat() == "2024-06-30"
    assert [h.action for h in view.history][-2:] == [Action.ACKNOWLEDGED, Action.REPORTED]
    assert view.reports == (saved.report,)


def test_reimport_updates_in_place_keeping_history(world: World) -> None:
    """Re-import bumps the version, keeps ids, assignments and reports of kept measures,
    and ends the assignments of removed ones."""
    services = world.services
    team_id, lead = _team_with_lead(world)
    services.people.import_roster(lead, team_id, ROSTER.encode(), "r.csv")
    plan_id = _import(world, lead, team_id)
    measures = {m.title: m for m in services.plans.measures(lead, team_id, 0, 10).items}
    park, invest = measures["推进园区建设"], measures["招商引资攻坚"]
    elderly = measures["提升养老服务水平"]
    wang = next(p for p in world.store.people.for_team(team_id) if p.name == "王五")
    services.assignments.assign(lead, park.id, [Target.person(wang.id)])
    services.assignments.assign(lead, elderly.id, [Target.person(wang.id)])
    services.reports.submit(lead, park.id, ReportFields(status="on_track"))
    world.clock.advance(timedelta(days=1))
    preview = services.plans.preview(lead, team_id, EDITED.encode(), "plan-v2.txt")
    assert preview.diff is not None
    assert [c.title for c in preview.diff.added] == ["加强基层医疗服务"]
    assert [c.id for c in preview.diff.changed] == [invest.id]
    assert [c.id for c in preview.diff.removed] == [elderly.id]
    assert preview.diff.unchanged == 2
    result = services.plans.confirm(lead, preview.token)
    assert not result.created
    assert (result.plan.id, result.plan.version) == (plan_id, 2)
    assert result.ended_assignments == 1
    removed = world.store.measures.get(elderly.id)
    assert removed is not None
    assert removed.removed_at == world.clock.now()
    assert [a.person_id for a in services.tasks.view(lead, park.id).summary.assignments] == [
        wang.id
    ]
    assert len(world.store.reports.for_measure(park.id)) == 1
    active = [m.id for m in services.plans.measures(lead, team_id, 0, 10).items]
    assert elderly.id not in active
    assert park.id in active
    assert invest.id in active
    again = services.plans.preview(lead, team_id, EDITED.encode(), "plan-v2.txt")
    assert again.diff is not None
    assert again.diff.empty


def test_same_plan_in_two_teams_keeps_ids_apart(world: World) -> None:
    """Importer ids repeat across teams; the second team's measures get ids of their own."""
    team_a, lead_a = _team_with_lead(world, "A县")
    team_b, lead_b = _team_with_lead(world, "B县")
    _import(world, lead_a, team_a)
    _import(world, lead_b, team_b)
    ids_a = {m.id for m in world.services.plans.measures(lead_a, team_a, 0, 10).items}
    ids_b = {m.id for m in world.services.plans.measures(lead_b, team_b, 0, 10).items}
    assert len(ids_a) == len(ids_b) == 4
    assert not ids_a & ids_b
    again = world.services.plans.preview(lead_b, team_b, PLAN.encode(), "plan.txt")
    assert again.diff is not None
    assert again.diff.empty
    with pytest.raises(NotFound):  # the other team's task is answered as an unknown id
        world.services.tasks.view(lead_a, next(iter(ids_b)))


def test_cancel_and_expiry(world: World) -> None:
    """A cancelled or expired preview cannot be confirmed."""
    team_id, lead = _team_with_lead(world)
    plans = world.services.plans
    preview = plans.preview(lead, team_id, PLAN.encode(), "plan.txt")
    plans.cancel(lead, preview.token)
    with pytest.raises(NotFound) as caught:
        plans.confirm(lead, preview.token)
    assert caught.value.code == "err.preview_expired"
    late = plans.preview(lead, team_id, PLAN.encode(), "plan.txt")
    world.clock.advance(timedelta(hours=2))
    with pytest.raises(NotFound):
        plans.confirm(lead, late.token)


def test_preview_token_is_team_bound(world: World) -> None:
    """Another team's lead cannot confirm someone else's preview."""
    team_id, lead = _team_with_lead(world)
    preview = world.services.plans.preview(lead, team_id, PLAN.encode(), "plan.txt")
    with pytest.raises(NotAllowed):
        world.services.plans.confirm(world.actor(world.other_lead), preview.token)


@pytest.mark.parametrize(
    ("lang", "words"),
    [("zh", "计划文件无法导入：文件是空的"), ("en", "imported: The file is empty")],
)
def test_a_refused_plan_file_is_explained_in_the_readers_language(
    world: World, lang: str, words: str
) -> None:
    """The importer's reason reaches an English reader in English, a Chinese one in Chinese."""
    team_id, lead = _team_with_lead(world)
    with pytest.raises(InvalidInput) as caught:
        world.services.plans.preview(lead, team_id, b"", "plan.txt")
    text = render_error(caught.value, lang).text
    assert words in text
    assert ("文件是空的" in text) is (lang == "zh")


@pytest.mark.parametrize(
    ("data", "filename", "code"),
    [
        (b"", "plan.txt", "err.plan_invalid"),
        (b"\x00\x01\x02" * 100, "plan.bin", "err.plan_invalid"),
        (b"x" * (5 * 1024 * 1024 + 1), "plan.txt", "err.file_too_large"),
    ],
)
def test_bad_plan_files(world: World, data: bytes, filename: str, code: str) -> None:
    """Empty, binary and oversized files are refused with the importer's message."""
    team_id, lead = _team_with_lead(world)
    with pytest.raises(InvalidInput) as caught:
        world.services.plans.preview(lead, team_id, data, filename)
    assert caught.value.code == code
    if code == "err.plan_invalid":
        assert caught.value.params["message"]


def test_sample_plan_sections_and_pages(world: World) -> None:
    """The bundled sample imports; sections and measures page for the pickers."""
    team_id, lead = _team_with_lead(world)
    plans = world.services.plans
    preview = plans.preview(lead, team_id, load_sample_plan(), "sample-plan.txt")
    assert preview.warnings
    plans.confirm(lead, preview.token)
    sections = plans.sections(lead, team_id)
    assert [s.title for s in sections] == [
        "产业发展壮大升级",
        "项目建设快马加鞭",
        "城镇融合增量提质",
        "社会治理科学高效",
        "从严治党毫不松懈",
    ]
    assert sum(s.measure_count for s in sections) == preview.measure_count
    page = plans.measures_in_section(lead, team_id, 3, page=1, page_size=2)
    assert page.page == 1
    assert page.total == sections[3].measure_count
    with pytest.raises(NotFound):
        plans.measures_in_section(lead, team_id, 9)
    assert plans.measure(lead, team_id, "1").title == "一产转型升级"


def test_responsibility_table_goes_through_importer(world: World) -> None:
    """An .xlsx responsibility table imports through the same preview/confirm."""
    table = workbook(
        [
            ["序号", "工作任务", "牵头单位", "配合单位", "完成时限"],
            [1, "推进园区建设", "县发改委", "县财政局", "2024年6月底"],
            [2, "招商引资攻坚", "县商务局", "", "2024年12月底"],
        ]
    )
    team_id, lead = _team_with_lead(world)
    preview = world.services.plans.preview(lead, team_id, table, "分解表.xlsx")
    assert preview.measure_count == 2
    assert preview.owned_measures == 2


def test_imports_and_instructions_record_when_a_task_entered_the_plan(world: World) -> None:
    """The first import and a re-import date the tasks they bring, a re-import keeps the date
    of those already there, a 批示 dates its task; the review drawn up as of a moment before
    the re-import lists the tasks of the plan then (the removed one, not the added ones)."""
    services = world.services
    team_id, lead = _team_with_lead(world)
    _import(world, lead, team_id)
    first = world.clock.now()
    before = first + timedelta(hours=12)
    world.clock.advance(timedelta(days=1))
    services.plans.confirm(
        lead, services.plans.preview(lead, team_id, EDITED.encode(), "v2").token
    )
    world.clock.advance(timedelta(days=1))
    draft = services.instructions.start(lead, team_id, SourceKind.INSTRUCTION, "抓紧推进项目")
    filed = services.instructions.create(lead, draft)
    plans = world.store.plans.for_team(team_id)
    stored = {m.title: m for p in plans for m in world.store.measures.for_plan(p.id)}
    assert stored["推进园区建设"].created_at == first
    assert stored["加强基层医疗服务"].created_at == first + timedelta(days=1)
    assert filed.created_at == world.clock.now()
    snapshot = load_snapshot(world.store, team_id)
    then = [line.title for line in task_lines(snapshot, before)]
    assert then == ["推进园区建设", "招商引资攻坚", "推进农村安全饮水改造", "提升养老服务水平"]
    now = [line.title for line in task_lines(snapshot, world.clock.now())]
    assert "提升养老服务水平" not in now
    assert {"加强基层医疗服务", filed.title} <= set(now)


REWORDED = PLAN.replace(
    "1. 推进园区建设。加快产业园基础设施建设（县发改委牵头，县财政局配合），2024年6月底前完成。",
    "1. 推进园区建设提质增效。加快产业园基础设施和配套设施建设（县发改委牵头，县财政局配合），"
    "2024年12月底前完成。",
)


def test_a_digest_as_of_its_moment_shows_the_wording_a_later_reimport_replaced(
    world: World,
) -> None:
    """A week's digest drawn up again as of its moment, after a re-import reworded a task and
    moved its deadline, shows the task's old title, old deadline and old 序时进度; as of now,
    the new ones; the rewritten measure keeps the wording it replaced and when."""
    services = world.services
    team_id, lead = _team_with_lead(world)
    roster = services.people.import_roster(lead, team_id, ROSTER.encode("gbk"), "名单.csv")
    _import(world, lead, team_id)
    services.assignments.auto_apply(lead, team_id)
    zhang = next(a for a in roster.added if a.person.name == "张三")
    assert zhang.invite is not None
    services.people.join(8001, zhang.invite.token, "zh-hans")
    official = services.auth.resolve(8001)
    world.clock.set(datetime(2024, 3, 7, 9, 0, tzinfo=TZ))
    (event,) = [e for e in services.rhythm.due(team_id) if e.kind is EventKind.PROMPT]
    assert event.window is not None
    services.rhythm.open_cycle(event.window)
    (task,) = [m for m in _measures(world, team_id) if m.title == "推进园区建设"]
    services.reports.submit(official, task.id, ReportFields(status=ReportStatus.BEHIND))
    moment = event.window.digest_at
    world.clock.set(moment)
    sent = services.digests.digest(team_id, event.cycle_id).digest
    services.digests.mark_digest_sent(event.cycle_id, moment)
    world.clock.advance(timedelta(days=3))
    reimported = services.plans.preview(lead, team_id, REWORDED.encode(), "plan-v2.txt")
    assert reimported.diff is not None
    assert [c.id for c in reimported.diff.changed] == [task.id]
    services.plans.confirm(lead, reimported.token)

    stored = world.store.measures.get(task.id)
    assert stored is not None
    assert (stored.title, stored.deadline) == ("推进园区建设提质增效", date(2024, 12, 31))
    assert [(r.until, r.title, r.deadline, r.deadline_raw) for r in stored.revisions] == [
        (world.clock.now(), "推进园区建设", date(2024, 6, 30), "2024年6月底前")
    ]
    again = services.digests.digest(team_id, event.cycle_id, moment).digest
    (then,) = [line for line in again.troubled if line.measure_id == task.id]
    (first,) = [line for line in sent.troubled if line.measure_id == task.id]
    assert then == first  # the task as the digest showed it when it went out
    assert (then.title, then.deadline) == ("推进园区建设", date(2024, 6, 30))
    assert again.sections == sent.sections
    now = services.digests.digest(team_id, event.cycle_id).digest
    (current,) = [line for line in now.troubled if line.measure_id == task.id]
    assert (current.title, current.deadline) == ("推进园区建设提质增效", date(2024, 12, 31))
    assert current.expected < then.expected  # the same day is earlier in a longer term
    shown = services.digests.latest(lead, team_id).digest  # a lead's /digest: as it went out
    assert shown.troubled == again.troubled


def _measures(world: World, team_id: str) -> list[Measure]:
    """The team's stored measures, every plan's."""
    plans = world.store.plans.for_team(team_id)
    return [m for p in plans for m in world.store.measures.for_plan(p.id)]
