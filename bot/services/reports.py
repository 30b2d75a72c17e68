"""Reports (反馈): status in one tap, then details; edits, replies, carry-forward, late flag."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import timedelta

from bot import metrics
from bot.domain.audit import Action
from bot.domain.ids import new_id
from bot.domain.people import Person
from bot.domain.plan import Indicator, Measure
from bot.domain.work import Report, ReportStatus
from bot.services import report_fields as fields
from bot.services import report_input as rin
from bot.services.actor import Actor
from bot.services.base import Deps
from bot.services.errors import InvalidInput, NotAllowed, NotFound
from bot.services.indicator_text import split_indicator_text
from bot.services.ownership import Ownership
from bot.services.permissions import Perm, require_known
from bot.services.report_fields import Changes
from bot.services.report_input import MAX_ATTACHMENTS, MAX_TEXT, IndicatorInput
from bot.services.reporters import Reporters
from bot.services.tasks import TaskService

__all__ = ["MAX_ATTACHMENTS", "MAX_TEXT", "IndicatorInput", "ReportSaved", "ReportService"]

#: Without an open cycle, a reply amends the actor's report made within this window.
REPLY_WINDOW = timedelta(hours=12)


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
        self._own = Ownership(deps)
        self._reporters = Reporters(deps, self._own)

    def submit(
        self,
        actor: Actor,
        measure_id: str,
        status: ReportStatus | str | None,
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
        (``on_behalf_of`` may name the principal explicitly; anything else is refused), and a
        deputy's, during the leave, to the colleague on leave (see :mod:`.reporters`)."""
        measure, person = self._reporters.reporter(actor, measure_id)
        report = Report(
            id=new_id("r"),
            team_id=person.team_id,
            measure_id=measure.id,
            author_id=person.id,
            status=None if status is None else rin.parse_status(status),
            created_at=self._deps.now(),
            on_behalf_of=self._reporters.attribution(person, measure, on_behalf_of),
            source_chat_id=source[0] if source else None,
            source_message_id=source[1] if source else None,
        )
        report = self._in_cycle(report, cycle_id)
        changes = fields.changes(
            report, self._known(measure), progress=progress, indicator_values=indicator_values,
            progress_text=progress_text, problems=problems, next_steps=next_steps,
            attachments=attachments,
        )
        report = replace(report, **changes)
        with self._deps.store.atomic():
            self._deps.store.reports.save(report)
            self._audit_report(actor, report)
        metrics.reply_recorded()
        stated = ("status",) if report.status is not None else ()
        return ReportSaved(report, measure, (*stated, *changes), created=True)

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
        source: tuple[int, int] | None = None,
    ) -> ReportSaved:
        """Add details to one's report. Lines of ``text`` naming one of the task's indicators
        and a number (``产值 12.5``) are indicator values; the rest is split on labels
        (进展：… 问题：… 下步：…), unlabelled text is progress text (appended to what is there);
        attachments are appended; other fields replace. ``source`` (chat, message) is the
        message the details came in: the first one maps later edits of it back to this
        report."""
        report, measure = self._own_report(actor, report_id)
        typed, text = split_indicator_text(text, measure.indicators)
        indicator_values = (*indicator_values, *typed)
        changes = fields.changes(
            report, self._known(measure), progress=progress, indicator_values=indicator_values,
            progress_text=progress_text, problems=problems, next_steps=next_steps,
            attachments=attachments,
        )
        changes.update(fields.appended_text(report, text))
        if status is not None and rin.parse_status(status) is not report.status:
            changes["status"] = rin.parse_status(status)
        with self._deps.store.atomic():
            if source and report.source_chat_id is None:
                report = self._set_source(report, source)
            return self._save_edit(actor, report, measure, changes)

    def edit_from_message(
        self, actor: Actor, chat_id: int, message_id: int, new_text: str
    ) -> ReportSaved:
        """Re-read the text of an edited message that created a report (its texts replaced)."""
        require_known(actor)
        found = self._deps.store.reports.by_source_message(chat_id, message_id)
        if found is None:
            raise NotFound("err.report_not_found")
        report, measure = self._own_report(actor, found.id)
        parts = rin.split_labelled(_required(new_text))
        changes: Changes = {f: rin.check_text(f, parts.get(f)) for f in rin.TEXT_FIELDS}
        changes = {k: v for k, v in changes.items() if getattr(report, k) != v}
        return self._save_edit(actor, report, measure, changes, edited=True)

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
        cycle, else files a new one with no status (the party's last stated status still holds)."""
        measure, person = self._reporters.reporter(actor, measure_id)
        if not (text and text.strip()) and not attachments:
            raise _empty_text()
        current = self._recent_own(person, measure)
        if current is not None and _free_source(current, source):
            return self.amend(actor, current.id, text=text, attachments=attachments, source=source)
        typed, text = split_indicator_text(text, measure.indicators)
        parts = rin.split_labelled(text or "")
        return self.submit(
            actor, measure.id, None, attachments=attachments, source=source,
            indicator_values=typed,
            progress_text=parts.get("progress_text"), problems=parts.get("problems"),
            next_steps=parts.get("next_steps"),
        )

    def same_as_last(
        self, actor: Actor, measure_id: str, cycle_id: str | None = None
    ) -> ReportSaved:
        """Carry forward: a new report repeating the latest one (同上周)."""
        measure, person = self._reporters.reporter(actor, measure_id)
        last = self._deps.store.reports.latest_for_measure(measure.id)
        if last is None:
            raise NotFound("err.no_previous_report", ref=measure.id)
        report = replace(
            last,
            id=new_id("r"),
            author_id=person.id,
            created_at=self._deps.now(),
            on_behalf_of=self._reporters.attribution(person, measure, None),
            attachments=(),
            edited_at=None,
            source_chat_id=None,
            source_message_id=None,
            cycle_id=None,
            late=False,
        )
        report = self._in_cycle(report, cycle_id)
        with self._deps.store.atomic():
            self._deps.store.reports.save(report)
            self._audit_report(actor, report, carried_from=last.id)
        metrics.reply_recorded()
        return ReportSaved(report, measure, _filled(report), created=True)

    def history(self, actor: Actor, measure_id: str) -> tuple[Report, ...]:
        """The measure's reports, oldest first."""
        require_known(actor)
        measure, plan = self._deps.measure(measure_id)
        self._own.check(actor, Perm.TASK_VIEW, measure.id, plan.team_id)
        return tuple(self._deps.store.reports.for_measure(measure.id))

    # -- internals ----------------------------------------------------------------------------

    def _in_cycle(self, report: Report, cycle_id: str | None) -> Report:
        cycle = self._deps.cycle(report.team_id, cycle_id)
        if cycle is None:
            return report
        return replace(report, cycle_id=cycle.id, late=report.created_at > cycle.cutoff_at)

    def _known(self, measure: Measure) -> tuple[Indicator, ...]:
        plan = self._deps.store.plans.get(measure.plan_id)
        return (*measure.indicators, *(plan.targets if plan else ()))

    def _own_report(self, actor: Actor, report_id: str) -> tuple[Report, Measure]:
        require_known(actor)
        report = self._deps.store.reports.get(report_id)
        if report is None:
            raise NotFound("err.report_not_found")
        person = actor.person_in(report.team_id)
        if person is None or person.id != report.author_id:
            if not actor.known:
                raise NotAllowed("err.not_registered")
            raise NotAllowed("err.not_author")
        measure, _ = self._deps.measure(report.measure_id)
        return report, measure

    def _save_edit(
        self,
        actor: Actor,
        report: Report,
        measure: Measure,
        changes: Changes,
        *,
        edited: bool | None = None,
    ) -> ReportSaved:
        if not changes:
            return ReportSaved(report, measure, (), created=False)
        overwrote = any(getattr(report, k) not in (None, (), []) for k in changes)
        if edited or (edited is None and overwrote):
            changes["edited_at"] = self._deps.now()
        updated = replace(report, **changes)
        fields = tuple(k for k in changes if k != "edited_at")
        with self._deps.store.atomic():
            self._deps.store.reports.save(updated)
            self._deps.audit(
                actor, Action.REPORT_EDITED, report.measure_id, report.team_id,
                report=report.id, fields=",".join(fields),
            )
        return ReportSaved(updated, measure, fields, created=False)

    def _recent_own(self, person: Person, measure: Measure) -> Report | None:
        cycle = self._deps.cycle(person.team_id, None)
        since = self._deps.now() - REPLY_WINDOW
        mine = [
            r for r in self._deps.store.reports.for_measure(measure.id)
            if r.author_id == person.id
            and (r.cycle_id == cycle.id if cycle else r.created_at >= since)
        ]
        return mine[-1] if mine else None

    def _set_source(self, report: Report, source: tuple[int, int]) -> Report:
        updated = replace(report, source_chat_id=source[0], source_message_id=source[1])
        self._deps.store.reports.save(updated)
        return updated

    def _audit_report(self, actor: Actor, report: Report, **extra: str) -> None:
        self._deps.audit(
            actor, Action.REPORTED, report.measure_id, report.team_id,
            report=report.id, status=report.status.value if report.status else None,
            late=report.late,
            on_behalf_of=report.on_behalf_of, cycle=report.cycle_id,
            **self._reporters.audit_detail(report), **extra,
        )


def _free_source(report: Report, source: tuple[int, int] | None) -> bool:
    """The report has no source message yet, or this very one."""
    if report.source_chat_id is None or source is None:
        return True
    return (report.source_chat_id, report.source_message_id) == source


def _filled(report: Report) -> tuple[str, ...]:
    names = ("status", "progress", "indicator_values", *rin.TEXT_FIELDS)
    return tuple(n for n in names if getattr(report, n) not in (None, ()))


def _required(text: str) -> str:
    if not text.strip():
        raise _empty_text()
    return text


def _empty_text() -> InvalidInput:
    return InvalidInput("err.text_required")
