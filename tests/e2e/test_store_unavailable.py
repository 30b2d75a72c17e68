"""When the store cannot record what a user sent, the user is told plainly and nothing is kept."""

from __future__ import annotations

from typing import Any

from bot.domain.ports import StoreUnavailable
from sandbox import Sandbox
from storage.memory import MemoryStore
from tests.e2e.harness import PLAN, import_plan, team


class Outage:
    """A report repository whose writes fail while ``down`` (the database unreachable)."""

    def __init__(self, inner: Any) -> None:
        self._inner, self.down = inner, False

    def save(self, item: Any) -> None:
        if self.down:
            raise StoreUnavailable("no database connection")
        self._inner.save(item)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


async def test_a_report_that_cannot_be_recorded_is_not_claimed_as_saved(
    sandbox: Sandbox,
) -> None:
    """A status pressed while the store is down: the button says it was not recorded and to
    send it again later, no report is kept, the admins are alerted; pressed again once the
    store is back, it is recorded."""
    store = MemoryStore()
    outage = Outage(store.reports)
    store.reports = outage  # type: ignore[assignment]
    async with team(sandbox, [("张三", "县发改委", "责任人", "")], store=store) as t:
        await import_plan(t.lead, PLAN)
        await t.lead.send("/unassigned")
        task_id = (await t.lead.wait_for_message("未交办")).text.split("#", 1)[1].split()[0]
        await t.lead.send(f"/assign {task_id} 张三")
        await t.lead.wait_for_message("已交办")
        official = t.officials["张三"]
        await official.wait_for_message("您有一项新任务")
        await official.send("/report")
        prompt = await official.wait_for_message("本周进展如何")
        outage.down = True
        answer = await official.press("🔴 受阻", message=prompt)
        assert answer.show_alert
        assert answer.text is not None
        assert "未能记录" in answer.text
        assert "请稍后重发" in answer.text
        assert store.reports.all() == ()
        alert = await t.admin.wait_for_message("StoreUnavailable")
        assert "no database connection" in alert.text
        outage.down = False
        await official.press("🔴 受阻", message=prompt)
        await official.wait_for_edit(prompt, "已记录反馈")
        assert [report.measure_id for report in store.reports.all()] == [task_id]
