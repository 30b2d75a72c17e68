"""The small store the store tools' tests run on (``duban store …``, ``duban export``)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.domain.audit import Action, AuditEntry
from bot.domain.people import Person, Role, Team
from bot.domain.plan import Measure, Plan
from bot.domain.work import Report, ReportStatus
from storage.durable import TinyDBStore

T0 = datetime(2025, 3, 3, 9, tzinfo=UTC)


def small_store(
    data_dir: Path, *, measure: str = "m1", telegram_id: int | None = None
) -> TinyDBStore:
    """A small store with a history, left open: a team, a person, a plan with measure ``m1``
    and 40 days of reports on ``measure`` (another id: reports on a task that is not there),
    each with its audit entry."""
    store = TinyDBStore(data_dir)
    store.teams.save(Team("t1", "县督查室", T0))
    store.people.save(Person("p1", "t1", "张三", Role.OFFICIAL, telegram_id=telegram_id))
    store.plans.save(Plan("pl1", "t1", "要点", T0))
    store.measures.save(Measure("m1", "pl1", "推进项目", "正文"))
    for day in range(40):
        at = T0 + timedelta(days=day)
        with store.atomic():
            store.reports.save(Report(f"r{day}", "t1", measure, "p1", ReportStatus.ON_TRACK, at))
            entry = AuditEntry(f"audit-r{day}", "t1", at, "p1", Action.REPORTED, measure)
            store.audit.append(entry)
    return store
