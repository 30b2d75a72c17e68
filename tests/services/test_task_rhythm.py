"""The rhythm in the task views: lights and 序时进度 in /task and /mytasks, deputies reporting for
a colleague on leave, and every audited step of a task in its history, in order."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from bot.domain.audit import Action
from bot.domain.work import ReminderKind, ReportStatus
from bot.rhythm.lights import Light, Reason
from bot.services import ReportFields
from bot.services.common.errors import NotAllowed
from bot.services.rhythm.reminders import ReminderOut
from tests.factories.service_world import TZ, World


def at(month: int, day: int, hour: int = 10, minute: int = 0) -> datetime:
    """A moment of 2024 in the team's zone."""
    return datetime(2024, month, day, hour, minute, tzinfo=TZ)


def assign(world: World, number: int, name: str) -> str:
    """The lead assigns the plan's measure ``number`` (1-based) to ``name``; its id."""
    measure_id = world.measures[number - 1].id
    world.services.assignments.assign_from_args(world.actor(world.lead), "tA", measure_id, [name])
    return measure_id


def test_task_view_shows_the_light_with_expected_and_reported_progress(world: World) -> None:
    """/task's light: 序时进度 49% by 05-01 against a reported 20% is red (far behind)."""
    # 序时进度 runs from the assignment (03-04) to the deadline (06-30)
    measure_id = assign(world, 4, "李四")
    world.clock.set(at(5, 1))
    world.services.reports.submit(
        world.actor(world.official2),
        measure_id,
        ReportFields(status=ReportStatus.ON_TRACK, progress=20),
    )
    verdict = world.services.tasks.view(world.actor(world.lead), measure_id).summary.verdict
    assert verdict is not None
    assert (verdict.light, verdict.reasons) == (Light.RED, (Reason.FAR_BEHIND,))
    assert (verdict.expected, verdict.progress, verdict.gap) == (49, 20, 29)


def test_my_tasks_carry_their_lights_most_urgent_first(world: World) -> None:
    """Each of my tasks has its light; red before yellow before green."""
    due_soon = assign(world, 1, "张三")  # deadline 03-06: yellow on 03-04, red after
    plain = assign(world, 2, "张三")
    assign(world, 4, "张三")
    zhang = world.actor(world.official)
    world.services.reports.submit(zhang, plain, ReportFields(status=ReportStatus.BLOCKED))
    lights = [
        (t.measure.id, t.verdict.light) for t in world.services.tasks.mine(zhang) if t.verdict
    ]
    assert lights == [(plain, Light.RED), (due_soon, Light.YELLOW), ("m4", Light.GREEN)]
    world.clock.set(at(3, 7))
    overdue = world.services.tasks.mine(zhang)[:2]
    assert {t.measure.id for t in overdue} == {due_soon, plain}
    assert all(t.verdict is not None and t.verdict.light is Light.RED for t in overdue)


def test_a_deputy_reports_for_a_colleague_only_during_the_leave(world: World) -> None:
    """A deputy sees and reports on a colleague's task during the leave only, filed for them."""
    # 李四 on leave 03-06..03-08 with 张三 as deputy; the audit entry says it was the deputy
    measure_id = assign(world, 4, "李四")
    lead, zhang = world.actor(world.lead), world.actor(world.official)
    world.services.leave.request(lead, "tA", ["李四", "3月6日", "3月8日", "张三"])
    world.clock.set(at(3, 5))
    with pytest.raises(NotAllowed):
        world.services.reports.submit(
            zhang, measure_id, ReportFields(status=ReportStatus.ON_TRACK)
        )
    assert measure_id not in {t.measure.id for t in world.services.tasks.mine(zhang)}

    world.clock.set(at(3, 7))
    (covered,) = [t for t in world.services.tasks.mine(zhang) if t.measure.id == measure_id]
    assert covered.covering_for == world.official2
    assert world.services.tasks.view(zhang, measure_id).measure.id == measure_id
    saved = world.services.reports.submit(
        zhang, measure_id, ReportFields(status=ReportStatus.BEHIND, progress=10)
    )
    assert (saved.report.author_id, saved.report.on_behalf_of) == (
        world.official.id,
        world.official2.id,
    )
    entry = world.store.audit.for_subject(measure_id)[-1]
    assert entry.action is Action.REPORTED
    assert (entry.actor_id, entry.detail["on_behalf_of"]) == (world.official.id, "p李四")
    assert entry.detail["as_deputy"] is True
    with pytest.raises(NotAllowed):  # only for the colleague on leave, nobody else
        world.services.reports.submit(
            zhang, measure_id, ReportFields(status=ReportStatus.DONE), on_behalf_of=world.leader.id
        )

    world.clock.set(at(3, 9))
    with pytest.raises(NotAllowed):
        world.services.reports.submit(
            zhang, measure_id, ReportFields(status=ReportStatus.ON_TRACK)
        )
    with pytest.raises(NotAllowed):
        world.services.tasks.view(zhang, measure_id)
    assert measure_id not in {t.measure.id for t in world.services.tasks.mine(zhang)}


def test_the_history_has_every_step_in_order_with_who_and_whom(world: World) -> None:
    """Every audited step of a task is in its history, oldest first, with time and whom."""
    # 交办, 签收, 反馈, 催办 (by the lead, automatic), 办结申请, 退回, 办结申请, 销号
    lead, zhang = world.actor(world.lead), world.actor(world.official)
    services = world.services

    def step_at(minutes: int) -> datetime:
        return at(3, 4, 9) + timedelta(minutes=minutes)

    def step(minutes: int) -> None:
        world.clock.set(step_at(minutes))

    step(0)
    measure_id = assign(world, 1, "张三")
    step(10)
    services.signing.acknowledge(zhang, measure_id)
    step(20)
    services.reports.submit(
        zhang, measure_id, ReportFields(status=ReportStatus.ON_TRACK, progress=60)
    )
    step(30)
    (manual,) = services.reminders.manual(lead, "tA", "张三").send
    services.reminders.record(manual, "tA", delivered=True)
    step(40)
    measure = world.measures[0]
    auto = ReminderOut(world.official, ReminderKind.AUTO, (measure,), None)
    services.reminders.record(auto, "tA", delivered=False)
    step(50)
    first = services.closeouts.request(zhang, measure_id, "已完成").closeout
    step(60)
    services.closeouts.return_(lead, first.id, "缺少验收材料")
    step(70)
    second = services.closeouts.request(zhang, measure_id, "补齐材料").closeout
    step(80)
    services.closeouts.approve(lead, second.id)

    history = services.tasks.view(lead, measure_id).history
    assert [item.action for item in history] == [
        Action.ASSIGNED,
        Action.ACKNOWLEDGED,
        Action.REPORTED,
        Action.REMINDED,
        Action.REMINDED,
        Action.CLOSEOUT_REQUESTED,
        Action.CLOSEOUT_RETURNED,
        Action.CLOSEOUT_REQUESTED,
        Action.CLOSEOUT_APPROVED,
    ]
    assert [item.at for item in history] == [
        at(3, 4, 9) + timedelta(minutes=10 * n) for n in range(9)
    ]
    assert [
        item.target for item in history if item.action in {Action.ASSIGNED, Action.REMINDED}
    ] == [
        "张三",
        "张三",
        "张三",
    ]
    assert [item.detail.get("kind") for item in history if item.action is Action.REMINDED] == [
        "manual",
        "auto",
    ]
    assert history[2].report is not None
    assert history[2].report.progress == 60
    assert history[6].detail["reason"] == "缺少验收材料"
