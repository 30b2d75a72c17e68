"""/task and the task lists show a task's standing: a colleague's 🟢 does not hide a 受阻."""

from __future__ import annotations

from bot.domain.work import ReportStatus
from bot.render.tasks import render_task
from bot.services import ReportFields, TaskFilter
from tests.factories.service_world import World


def test_the_worst_latest_answer_of_the_assignees_is_the_tasks_status(world: World) -> None:
    """张三 reports 受阻, then 李四 🟢: the task stays blocked in /task and in the behind list."""
    lead = world.actor(world.lead)
    world.services.assignments.assign_from_args(lead, "tA", "m2", ["张三", "李四"])
    reports = world.services.reports
    reports.submit(
        world.actor(world.official),
        "m2",
        ReportFields(status=ReportStatus.BLOCKED, texts={"problems": "缺资金"}),
    )
    reports.submit(world.actor(world.official2), "m2", ReportFields(status=ReportStatus.ON_TRACK))
    view = world.services.tasks.view(lead, "m2")
    assert view.summary.status is ReportStatus.BLOCKED
    assert view.summary.latest_report is not None
    assert view.summary.latest_report.status is ReportStatus.ON_TRACK
    behind = world.services.tasks.list(lead, "tA", TaskFilter.BEHIND).items
    assert [t.measure.id for t in behind] == ["m2"]
    assert "受阻" in render_task(view, 0, "zh", actions=False).text.split("\n\n")[0]
