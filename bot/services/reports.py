"""Reports (反馈): status in one tap, then details; edits, replies, carry-forward, late flag."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.domain.plan import Measure
from bot.domain.work import Report, ReportStatus
from bot.services.actor import Actor
from bot.services.base import Deps
from bot.services.tasks import TaskService

MAX_TEXT = 4000
MAX_ATTACHMENTS = 20

#: A value for an indicator: a number, or text such as ``"12.5"``, ``"12.5亿元"``.
IndicatorInput = tuple[str, float | str]


@dataclass(frozen=True, slots=True)
class ReportSaved:
    """A report as recorded, to confirm back exactly what was kept.

    ``recorded_fields`` names the fields this call set or changed (``status``, ``progress``,
    ``indicator_values``, ``progress_text``, ``problems``, ``next_steps``, ``attachments``).
    """

    report: Report
    measure: Measure
    recorded_fields: tuple[str, ...]
    created: bool  # a new report (False: an existing one was amended or edited)

    @property
    def late(self) -> bool:
        """Filed after the cycle's cutoff."""
        return self.report.late


class ReportService:
    """File and amend reports."""

    def __init__(self, deps: Deps, tasks: TaskService) -> None:
        self._deps = deps
        self._tasks = tasks

    def submit(
        self,
        actor: Actor,
        measure_id: str,
        status: ReportStatus | str,
        *,
        progress: int | None = None,
        indicator_values: Sequence[IndicatorInput] = (),
        progress_text: str | None = None,
        problems: str | None = None,
        next_steps: str | None = None,
        attachments: Sequence[str] = (),
        source: tuple[int, int] | None = None,
        on_behalf_of: str | None = None,
        cycle_id: str | None = None,
    ) -> ReportSaved:
        """File a new report. A liaison's report is attributed to their principal automatically
        (``on_behalf_of`` may name the principal explicitly; anything else is refused)."""
        raise NotImplementedError

    def amend(
        self,
        actor: Actor,
        report_id: str,
        *,
        progress: int | None = None,
        indicator_values: Sequence[IndicatorInput] = (),
        text: str | None = None,
        progress_text: str | None = None,
        problems: str | None = None,
        next_steps: str | None = None,
        attachments: Sequence[str] = (),
        status: ReportStatus | str | None = None,
    ) -> ReportSaved:
        """Add details to one's report. ``text`` is split on labels (进展：… 问题：… 下步：…),
        unlabelled text is progress text; attachments are appended."""
        raise NotImplementedError

    def edit_from_message(
        self, actor: Actor, chat_id: int, message_id: int, new_text: str
    ) -> ReportSaved:
        """Re-read the text of an edited message that created a report."""
        raise NotImplementedError

    def add_reply(
        self,
        actor: Actor,
        measure_id: str,
        text: str | None = None,
        attachments: Sequence[str] = (),
        *,
        source: tuple[int, int] | None = None,
    ) -> ReportSaved:
        """A reply to the bot's message about a task: amends the actor's report in the open
        cycle, else files a new one (status carried from the last report, else on track)."""
        raise NotImplementedError

    def same_as_last(
        self, actor: Actor, measure_id: str, cycle_id: str | None = None
    ) -> ReportSaved:
        """Carry forward: a new report repeating the latest one (同上周)."""
        raise NotImplementedError

    def history(self, actor: Actor, measure_id: str) -> tuple[Report, ...]:
        """The measure's reports, oldest first."""
        raise NotImplementedError
