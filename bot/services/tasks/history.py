"""A task's history (留痕): every audited step about it, oldest first.

交办 and 取消交办 (with the assignee), 签收, 反馈 and 修改反馈 (with the report, and for whom: a
liaison's principal or, for a deputy, the colleague on leave), 办结申请, 销号 or 退回 (with the
reason), and 催办 (manual, automatic and deadline reminders, with the person reminded). Steps at
the same moment keep the order they were logged in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.domain.audit import Action, AuditEntry, AuditValue
from bot.domain.people import Person
from bot.domain.work import Report
from bot.services.common.base import Deps


@dataclass(frozen=True, slots=True)
class HistoryItem:
    """One step of a task's history: 交办, 签收, 反馈, 办结申请, 销号/退回, 催办..."""

    at: datetime
    action: Action
    actor: Person | None
    detail: dict[str, AuditValue]
    report: Report | None = None
    target: str | None = None  # whom the step concerned: the assignee, the person reminded
    for_person: Person | None = None  # acted for: a liaison's principal, a deputy's colleague


class TaskHistory:
    """Reads a task's steps from the audit log, with the people and units they name."""

    def __init__(self, deps: Deps) -> None:
        self._deps = deps

    def of(self, measure_id: str, reports: tuple[Report, ...]) -> tuple[HistoryItem, ...]:
        """Every audited step about the measure, oldest first."""
        by_id = {r.id: r for r in reports}
        items = [self.item(e, by_id) for e in self._deps.store.audit.for_subject(measure_id)]
        return tuple(sorted(items, key=lambda i: i.at))

    def item(self, entry: AuditEntry, reports: dict[str, Report]) -> HistoryItem:
        """One audited step, with the report (from ``reports``) and the people it names."""
        actor = self._deps.store.people.get(entry.actor_id) if entry.actor_id else None
        detail = entry.detail
        report_id = detail.get("report")
        report = reports.get(report_id) if isinstance(report_id, str) else None
        return HistoryItem(
            entry.at,
            entry.action,
            actor,
            dict(detail),
            report,
            target=self._name(detail.get("person"), detail.get("unit")),
            for_person=self._person(detail.get("on_behalf_of")),
        )

    def _person(self, person_id: AuditValue) -> Person | None:
        return self._deps.store.people.get(person_id) if isinstance(person_id, str) else None

    def _name(self, person_id: AuditValue, unit_id: AuditValue) -> str | None:
        person = self._person(person_id)
        unit = self._deps.store.units.get(unit_id) if isinstance(unit_id, str) else None
        return person.name if person else unit.name if unit else None
