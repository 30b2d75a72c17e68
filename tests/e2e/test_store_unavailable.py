"""When the store cannot record what a user sent, the user is told plainly and nothing is kept."""

from __future__ import annotations

import contextlib
from typing import Any

from bot.domain.ports import StoreUnavailable
from sandbox import Sandbox
from storage.memory import MemoryStore
from storage.postgres import PostgresStore
from tests.e2e.harness import first_task_assigned, team
from tests.postgres_server import own_database, refusing


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
        task_id = await first_task_assigned(t, "张三")
        official = t.officials["张三"]
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


class GoesAway:
    """A repository over PostgreSQL whose next use, once armed, makes the database refuse
    connections first (it stays away until ``back()``), as if the server stopped then."""

    def __init__(self, inner: Any, admin_url: str, name: str) -> None:
        self._inner, self._admin, self._name = inner, admin_url, name
        self._outage = contextlib.ExitStack()
        self.armed = self.away = False

    def back(self) -> None:
        self.away = False
        self._outage.close()

    def __getattr__(self, name: str) -> Any:
        found = getattr(self._inner, name)
        if self.armed and callable(found):
            self.armed, self.away = False, True
            self._outage.enter_context(refusing(self._admin, self._name))
        return found


async def test_a_press_while_the_database_is_away_is_answered_before_it_is_back(
    sandbox: Sandbox, database_url: str
) -> None:
    """The database stops accepting connections while a pressed status is being handled (before
    its transaction takes a connection): the press is answered "not recorded, send again later"
    while the database is still away (the event loop waits a moment for a connection, not the
    pool's two minutes), nothing is kept; a text sent during the outage is answered once the
    database is back, and the press sent again is recorded."""
    with own_database(database_url) as (url, name):
        store = PostgresStore(url, timeout=120.0)
        outage = GoesAway(store.cycles, database_url, name)  # the report's cycle is read first
        store.cycles = outage  # type: ignore[assignment]
        try:
            async with team(sandbox, [("张三", "县发改委", "责任人", "")], store=store) as t:
                task_id = await first_task_assigned(t, "张三")
                official = t.officials["张三"]
                await official.send("/report")
                prompt = await official.wait_for_message("本周进展如何")
                outage.armed = True
                answer = await official.press("🔴 受阻", message=prompt, timeout=60)
                assert outage.away  # answered while the database still refuses connections
                assert answer.text is not None
                assert "未能记录" in answer.text
                before = len(t.lead.bot_messages())
                await t.lead.send("/mytasks")  # cannot even be journaled while it is away
                outage.back()
                await sandbox.driver.wait_for(
                    lambda: len(t.lead.bot_messages()) > before,
                    timeout=90, what="the lead's /mytasks answered once the database is back",
                )  # fmt: skip
                assert [r.measure_id for r in store.reports.all()] == []
                await official.press("🔴 受阻", message=prompt, timeout=60)
                await official.wait_for_edit(prompt, "已记录反馈", timeout=60)
                assert [r.measure_id for r in store.reports.all()] == [task_id]
        finally:
            outage.back()
            store.close()
