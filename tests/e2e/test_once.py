"""Exactly once for the update in flight at a crash, and conversation state across a restart.

A process killed while it handles an update has made some of that update's store writes; the
next start handles the update again. Its writes must not happen twice (a report filed twice by
one tap), and what the person was in the middle of (the question a typed answer answers) must
survive the restart. The crash is simulated at the store's edge, at the worst moment: the write
that marks the update handled raises, as a ``kill -9`` just before it would stop the work (kills
at random moments: ``test_kill_mid_work.py``).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
from telegram import Update

from bot.app import build_application
from bot.domain.audit import Action
from bot.domain.delivery import Inbound
from bot.domain.ports import InboundRepo, Store
from bot.domain.work import Report
from sandbox import MessageView, Sandbox, UserChat
from storage.durable import TinyDBStore
from tests.e2e.harness import (
    clock,
    plan_assigned,
    running_bot,
    team,
)
from tests.factories.settings import settings_for


class Killed(BaseException):
    """The process died here (nothing after this point of the handler ran)."""


class DiesBeforeHandled:
    """The intake journal on a machine about to die: once armed, the write that marks an
    update handled kills the process (every effect of the handlers is made, the mark is not)."""

    def __init__(self, repo: InboundRepo) -> None:
        self.repo = repo
        self.armed = False

    def save(self, item: Inbound) -> None:
        """Journal an update or mark it handled; die at the mark if armed."""
        if self.armed and item.handled:
            raise Killed
        self.repo.save(item)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.repo, name)


@asynccontextmanager
async def official_asked(
    sandbox: Sandbox, data: Path
) -> AsyncIterator[tuple[UserChat, MessageView, int]]:
    """A team with the test plan assigned; 张三 has asked to report (``/report``) and sees
    the status buttons. Yields his chat, that prompt and the admin's Telegram id; the bot is
    stopped."""
    async with team(sandbox, store=TinyDBStore(data)) as t:
        await plan_assigned(t.lead)
        zhang = t.officials["张三"]
        await zhang.send("/report")
        prompt = await zhang.wait_for_message("本周进展如何")
        admin_id = t.admin.user.id
    yield zhang, prompt, admin_id


def reports_by(store: Store, person_name: str) -> list[Report]:
    """Every report filed by the named person."""
    (person,) = [p for p in store.people.all() if p.name == person_name]
    return list(store.reports.for_author(person.id))


async def first_attempt_dies(sandbox: Sandbox, data: Path, admin_id: int) -> None:
    """Handle the pending update with a bot whose process dies once the handlers are done,
    before the update is marked handled: it stays journaled, its effects made."""
    store = TinyDBStore(data)
    journal = DiesBeforeHandled(store.inbound)
    store.inbound = journal  # type: ignore[misc]
    app = build_application(settings_for(sandbox, [admin_id]), store=store, clock=clock())
    async with app:
        (update,) = await app.bot.get_updates(timeout=5)
        assert isinstance(update, Update)
        app.bot_data.intake.journal(update)
        journal.armed = True
        with pytest.raises(Killed):
            await app.process_update(update)
    assert [e.update_id for e in store.inbound.pending()] == [update.update_id]
    store.abandon()  # the process is gone: no checkpoint, the log replays at the next start


@asynccontextmanager
async def bot_on(sandbox: Sandbox, data: Path, admin_id: int) -> AsyncIterator[None]:
    """The bot running over the data directory until the block ends (stopped cleanly)."""
    settings = settings_for(sandbox, [admin_id])
    async with running_bot(sandbox, settings, TinyDBStore(data), clock()):
        yield


def reopened(data: Path) -> Store:
    """The store as the next process would open it."""
    return TinyDBStore(data)


async def test_a_status_tap_in_flight_at_a_crash_is_filed_once(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    """A status tap whose handling died after the report was saved and confirmed is handled
    again at the next start: one report (the first attempt's id), one audit row."""
    async with official_asked(sandbox, tmp_path) as (zhang, _prompt, admin_id):
        await zhang.press_nowait("🟡 滞后")
        await first_attempt_dies(sandbox, tmp_path, admin_id)
        store = reopened(tmp_path)
        (first,) = reports_by(store, "张三")  # the first attempt's write is in the store
        store.close()
        async with bot_on(sandbox, tmp_path, admin_id):
            await sandbox.wait_idle()
        store = reopened(tmp_path)
        assert store.inbound.pending() == ()
        assert [r.id for r in reports_by(store, "张三")] == [first.id]
        audited = [e for e in store.audit if e.action is Action.REPORTED]
        assert [e.detail.get("report") for e in audited] == [first.id]
        assert store.effects.all() == ()  # none kept once the update is handled
        store.close()


async def test_a_typed_report_in_flight_at_a_crash_is_filed_once(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    """A typed report whose handling died after it was saved is filed once after the restart,
    its text not doubled."""
    async with official_asked(sandbox, tmp_path) as (zhang, prompt, admin_id):
        async with bot_on(sandbox, tmp_path, admin_id):
            await zhang.press("🟡 滞后")
            await zhang.wait_for_edit(prompt, "已记录反馈")
        await zhang.send("进展：完成组培 问题：资金不足")
        await first_attempt_dies(sandbox, tmp_path, admin_id)
        async with bot_on(sandbox, tmp_path, admin_id):
            await sandbox.wait_idle()
        store = reopened(tmp_path)
        (report,) = reports_by(store, "张三")
        assert (report.progress_text, report.problems) == ("完成组培", "资金不足")
        store.close()


async def test_the_question_a_typed_answer_answers_survives_a_restart(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    """After 🟡 滞后 the bot waits for the text; a restart in between does not forget it: the
    text sent to the new process is filed on the same report."""
    async with official_asked(sandbox, tmp_path) as (zhang, prompt, admin_id):
        async with bot_on(sandbox, tmp_path, admin_id):
            await zhang.press("🟡 滞后")
            await zhang.wait_for_edit(prompt, "已记录反馈")
        async with bot_on(sandbox, tmp_path, admin_id):
            await zhang.send("问题：资金不足")
            await zhang.wait_for_message("资金不足")
        store = reopened(tmp_path)
        (report,) = reports_by(store, "张三")
        assert report.problems == "资金不足"
        assert store.user_state.get(str(zhang.user.id)) is not None
        store.close()


async def test_a_status_tap_waits_for_one_fsync_and_its_writes_are_durable_with_its_mark(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    """A status tap's replies go out after one fsync, the journal entry's: the report and the
    reply's record are written lazily and made durable just before the update is marked
    handled (one fsync for them, one for the mark), all after the last reply."""
    async with official_asked(sandbox, tmp_path) as (zhang, prompt, admin_id):
        store = TinyDBStore(tmp_path)
        calls: list[tuple[str, int]] = []
        handle = sandbox.dispatcher.handle

        async def counted(token: str, method: str, params: Any, gone: Any) -> Any:
            if method.lower() != "getupdates":
                calls.append((method, store.fsyncs))
            return await handle(token, method, params, gone)

        sandbox.dispatcher.handle = counted  # type: ignore[method-assign]
        async with running_bot(sandbox, settings_for(sandbox, [admin_id]), store, clock()):
            await sandbox.wait_idle()
            before, calls[:] = store.fsyncs, []
            await zhang.press("🟡 滞后")
            await zhang.wait_for_edit(prompt, "已记录反馈")
            await sandbox.wait_idle()
            after = store.fsyncs
        (report,) = reports_by(store, "张三")
    assert [method for method, _ in calls] == ["editMessageText", "answerCallbackQuery"]
    assert {fsyncs - before for _, fsyncs in calls} == {1}
    assert after - before == 3
    again = reopened(tmp_path)
    assert reports_by(again, "张三") == [report]
    assert again.inbound.pending() == ()
    again.close()
