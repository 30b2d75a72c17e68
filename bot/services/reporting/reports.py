"""Reports (反馈): status in one tap, then details; edits, replies, carry-forward, late flag."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from bot import metrics
from bot.domain.audit import Action
from bot.domain.ids import new_id
from bot.domain.people import Person
from bot.domain.plan import Indicator, Measure
from bot.domain.questions import TEXT_FIELDS, TEXT_QUESTIONS
from bot.domain.work import Report, ReportStatus, late_for
from bot.rhythm.movement import flag_of
from bot.rhythm.parties import party_of_person, party_of_report
from bot.rhythm.scoped import measure_snapshot
from bot.rhythm.snapshot import TeamSnapshot
from bot.rhythm.standing import standing
from bot.rhythm.substance import Flag
from bot.services.common.actor import Actor
from bot.services.common.base import Deps
from bot.services.common.errors import InvalidInput, NotAllowed, NotFound
from bot.services.common.permissions import Perm, require_known
from bot.services.common.typed import MAX_ATTACHMENTS, MAX_TEXT
from bot.services.reporting import fields
from bot.services.reporting import parsing as rin
from bot.services.reporting.fields import Changes, ReportFields
from bot.services.reporting.parsing import IndicatorInput, Unread
from bot.services.reporting.reporters import Reporters
from bot.services.tasks.ownership import Ownership
from bot.services.tasks.views import TaskService

__all__ = [
    "MAX_ATTACHMENTS",
    "MAX_TEXT",
    "IndicatorInput",
    "ReportFields",
    "ReportSaved",
    "ReportService",
    "Unread",
]

#: Before any cycle, a reply amends the actor's report made within this window (after one,
#: the actor's report in the cycle of the reply's time).
REPLY_WINDOW = timedelta(hours=12)


@dataclass(frozen=True, slots=True)
class ReportSaved:
    """A report as recorded, to confirm back exactly what was kept.

    ``recorded_fields`` names the fields this call set or changed (``status``, ``progress``,
    ``indicator_values``, the questions' text fields, ``attachments``);
    ``unread`` the parts that could not be read as asked (kept as text, or cut); ``carried`` the
    status the same party last stated, which still holds when this report states none.
    """

    report: Report
    measure: Measure
    recorded_fields: tuple[str, ...]
    created: bool  # a new report (False: an existing one was amended or edited)
    unread: tuple[Unread, ...] = ()
    carried: ReportStatus | None = None
    nudge: Flag | None = None  # the words were vague or repeated: tip the author, privately
    repeated: bool = False  # a bare status pressed again: the report already filed, unchanged

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
        #: Told a team's id and a task's after each report on it or edit (its light may have
        #: changed).
        self.listeners: list[Callable[[str, str], None]] = []

    def submit(
        self,
        actor: Actor,
        measure_id: str,
        given: ReportFields,
        *,
        source: tuple[int, int] | None = None,
        on_behalf_of: str | None = None,
        cycle_id: str | None = None,
    ) -> ReportSaved:
        """File a new report saying ``given``. A liaison's report is attributed to their
        principal automatically (``on_behalf_of`` may name the principal explicitly; anything
        else is refused), and a deputy's, during the leave, to the colleague on leave (see
        :mod:`.reporters`). ``given.text`` is read as in :meth:`amend`; a part that cannot be
        read is kept as text and named in ``unread``, never refused. The report's cycle and
        lateness follow :func:`bot.domain.work.cycle_at` and :func:`~bot.domain.work.late_for`
        (``cycle_id``, from a prompt's button, must be the team's but does not choose it)."""
        measure, person = self._reporters.reporter(actor, measure_id)
        for_whom = self._reporters.attribution(person, measure, on_behalf_of)
        reporter = person if for_whom is None else self._deps.store.people.get(for_whom)
        report = Report(
            id=new_id("r"),
            team_id=person.team_id,
            measure_id=measure.id,
            author_id=person.id,
            status=None if given.status is None else rin.parse_status(given.status),
            created_at=self._deps.now(),
            on_behalf_of=for_whom,
            source_chat_id=source[0] if source else None,
            source_message_id=source[1] if source else None,
            unit_id=reporter.unit_id if reporter is not None else None,  # the answer's unit
        )
        report = self._in_cycle(report, cycle_id)
        repeated = self._repeat_of(report, given)
        if repeated is not None:  # a double tap: the report is filed already
            return ReportSaved(repeated, measure, ("status",), created=False, repeated=True)
        read = fields.read(report, self._known(measure), measure.indicators, given)
        report = replace(report, **read.changes)
        with self._deps.store.atomic():
            self._deps.store.reports.save(report)
            self._audit_report(actor, report)
        metrics.reply_recorded()
        stated = ("status",) if report.status is not None else ()
        task = self._task_read(report.team_id, measure)
        return self._nudged(
            ReportSaved(
                report,
                measure,
                (*stated, *read.changes),
                created=True,
                unread=read.unread,
                carried=self._carried(report, task),
            ),
            task,
        )

    def amend(
        self,
        actor: Actor,
        report_id: str,
        given: ReportFields,
        *,
        source: tuple[int, int] | None = None,
    ) -> ReportSaved:
        """Add the details ``given`` to one's report. Lines of its ``text`` naming one of the
        task's indicators and a number (``产值 12.5``) are indicator values, a line ``进度 60%``
        is the progress; the rest is split on labels (进展：… 问题：… 下步：…), unlabelled text
        is progress text (appended to what is there); attachments are appended; other fields
        replace. What cannot be read (a value in another unit, a percent over 100) is kept as
        text and named in ``unread``. ``source`` (chat, message) is the message the details
        came in: the first one maps later edits of it back to this report. The report keeps its
        cycle and its lateness (:func:`bot.domain.work.late_for`)."""
        report, measure = self._own_report(actor, report_id)
        read = fields.read(report, self._known(measure), measure.indicators, given)
        changes = read.changes
        if given.status is not None and rin.parse_status(given.status) is not report.status:
            changes["status"] = rin.parse_status(given.status)
        with self._deps.store.atomic():
            if source and report.source_chat_id is None:
                report = self._set_source(report, source)
            return self._save_edit(actor, report, measure, changes, unread=read.unread)

    def edit_from_message(
        self, actor: Actor, chat_id: int, message_id: int, new_text: str
    ) -> ReportSaved:
        """Re-read the text of an edited message that created a report: its texts are replaced,
        indicator values and a ``进度 60%`` line read as in :meth:`amend` (values merge)."""
        require_known(actor)
        found = self._deps.store.reports.by_source_message(chat_id, message_id)
        if found is None:
            raise NotFound("err.report_not_found")
        report, measure = self._own_report(actor, found.id)
        no_words: Changes = dict.fromkeys(TEXT_FIELDS)
        blank = replace(report, **no_words)
        given = ReportFields(text=_required(new_text))
        read = fields.read(blank, self._known(measure), measure.indicators, given)
        changes: Changes = {**dict.fromkeys(TEXT_FIELDS), **read.changes}
        changes = {k: v for k, v in changes.items() if getattr(report, k) != v}
        return self._save_edit(actor, report, measure, changes, edited=True, unread=read.unread)

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
        given = ReportFields(text=text, attachments=attachments)
        if current is not None and _free_source(current, source):
            return self.amend(actor, current.id, given, source=source)
        return self.submit(actor, measure.id, given, source=source)

    async def add_reply_off_loop(
        self,
        actor: Actor,
        measure_id: str,
        text: str | None = None,
        attachments: Sequence[str] = (),
        *,
        source: tuple[int, int] | None = None,
    ) -> ReportSaved:
        """:meth:`add_reply` where heavy reads run: a report with no status reads the team's
        snapshot for the status that still holds (a second of queries over a database)."""
        return await self._deps.offload.run(
            self.add_reply, actor, measure_id, text, attachments, source=source
        )

    def same_as_last(
        self, actor: Actor, measure_id: str, cycle_id: str | None = None
    ) -> ReportSaved:
        """Carry forward (与上周相同): a new report repeating the party's own current answer (its
        latest report, with the status and progress it holds), never another party's; for
        someone in no party of the task, the task's latest report."""
        measure, person = self._reporters.reporter(actor, measure_id)
        on_behalf_of = self._reporters.attribution(person, measure, None)
        last = self._party_answer(measure.id, on_behalf_of or person.id)
        if last is None:
            raise NotFound("err.no_previous_report", ref=measure.id)
        report = replace(
            last,
            id=new_id("r"),
            author_id=person.id,
            created_at=self._deps.now(),
            on_behalf_of=on_behalf_of,
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
        return ReportSaved(
            report, measure, _filled(report), created=True, carried=self._carried(report)
        )

    def indicator(self, actor: Actor, measure_id: str, index: int) -> tuple[Measure, Indicator]:
        """The task's ``index``-th indicator (0-based), to ask for its value (refused when the
        task no longer has it, e.g. the button is older than a re-import)."""
        measure = self._tasks.view(actor, measure_id).measure
        if not 0 <= index < len(measure.indicators):
            raise InvalidInput("err.indicator_unknown", name=str(index + 1))
        return measure, measure.indicators[index]

    def history(self, actor: Actor, measure_id: str) -> tuple[Report, ...]:
        """The measure's reports, oldest first."""
        require_known(actor)
        measure, plan = self._deps.measure(measure_id, actor=actor)
        self._own.check(actor, Perm.TASK_VIEW, measure.id, plan.team_id)
        return tuple(self._deps.store.reports.for_measure(measure.id))

    # -- internals ----------------------------------------------------------------------------

    def _repeat_of(self, report: Report, given: ReportFields) -> Report | None:
        """The report ``report`` repeats, if any: a bare status (a button) the same as the
        party's latest report on the task, in the same cycle and as timely, which says nothing
        more either (a double tap, or the same button pressed again) adds nothing and is not
        filed twice."""
        if report.status is None or report.cycle_id is None or given != ReportFields(given.status):
            return None
        latest = self._deps.store.reports.latest_for_measure(report.measure_id)
        if latest is None:
            return None
        # the same party, task, cycle and status, and not a field more
        bare = replace(latest, id=report.id, created_at=report.created_at)
        return latest if bare == report else None

    def _in_cycle(self, report: Report, cycle_id: str | None) -> Report:
        """The report in the cycle of its time, late after that cycle's cutoff (one rule for
        every path; a prompt button's ``cycle_id`` is only checked to be the team's)."""
        if cycle_id is not None:
            self._deps.cycle(report.team_id, cycle_id)
        cycle = self._deps.cycle(report.team_id, None)
        if cycle is None:
            return report
        return replace(report, cycle_id=cycle.id, late=late_for(cycle, report.created_at))

    def _task_read(self, team_id: str, measure: Measure) -> Callable[[], TeamSnapshot]:
        """The task's :func:`~bot.rhythm.scoped.measure_snapshot`, read on first use and then
        shared by the steps of one update that need it (the team's roster is read once)."""
        found: list[TeamSnapshot] = []

        def read() -> TeamSnapshot:
            if not found:
                found.append(measure_snapshot(self._deps.store, team_id, measure))
            return found[0]

        return read

    def _carried(
        self, report: Report, task: Callable[[], TeamSnapshot] | None = None
    ) -> ReportStatus | None:
        """For a report stating no status: the status that still holds, i.e. its party's held
        status (:mod:`bot.rhythm.standing`), or the task's for a note by someone in no party.
        ``task`` reads the task's snapshot (after the report was saved)."""
        if report.status is not None:
            return None
        if task is None:
            measure = self._deps.store.measures.get(report.measure_id)
            if measure is None:
                return None
            task = self._task_read(report.team_id, measure)
        snapshot = task()
        now = standing(snapshot, report.measure_id)
        party = party_of_report(snapshot, report)
        held = [a.status for a in now.answers if party is not None and a.party.key == party.key]
        return held[0] if held else (now.status if party is None else None)

    def _party_answer(self, measure_id: str, reporter_id: str) -> Report | None:
        """The current answer of ``reporter_id``'s party on the task (its latest report, with
        the status and progress the party holds), or the task's latest report when the
        reporter is in no party."""
        measure, plan = self._deps.measure(measure_id)
        snapshot = measure_snapshot(self._deps.store, plan.team_id, measure)
        party = party_of_person(snapshot, measure.id, reporter_id)
        if party is None:
            return self._deps.store.reports.latest_for_measure(measure.id)
        for answer in standing(snapshot, measure.id).answers:
            if answer.party.key == party.key:
                return replace(
                    answer.report,
                    status=answer.status,
                    progress=answer.progress,
                    problems=answer.problems,
                )
        return None

    def _known(self, measure: Measure) -> tuple[Indicator, ...]:
        plan = self._deps.store.plans.get(measure.plan_id)
        return (*measure.indicators, *(plan.targets if plan else ()))

    def _own_report(self, actor: Actor, report_id: str) -> tuple[Report, Measure]:
        require_known(actor)
        report = self._deps.store.reports.get(report_id)
        if report is None:
            raise NotFound("err.report_not_found")
        self._deps.visible(actor, report.team_id, NotFound("err.report_not_found"))
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
        unread: tuple[Unread, ...] = (),
    ) -> ReportSaved:
        task = self._task_read(report.team_id, measure)
        if not changes:
            return ReportSaved(report, measure, (), False, unread, self._carried(report, task))
        overwrote = any(getattr(report, k) not in (None, (), []) for k in changes)
        if edited or (edited is None and overwrote):
            changes["edited_at"] = self._deps.now()
        updated = replace(report, **changes)
        fields = tuple(k for k in changes if k != "edited_at")
        with self._deps.store.atomic():
            self._deps.store.reports.save(updated)
            self._deps.audit(
                actor,
                Action.REPORT_EDITED,
                report.measure_id,
                report.team_id,
                report=report.id,
                fields=",".join(fields),
            )
        self._changed(report.team_id, report.measure_id)
        return self._nudged(
            ReportSaved(updated, measure, fields, False, unread, self._carried(updated, task)),
            task,
        )

    def _nudged(self, saved: ReportSaved, task: Callable[[], TeamSnapshot]) -> ReportSaved:
        """Flag vague or repeated words (:mod:`bot.rhythm.movement`) for a private tip to the
        author, at most once per task and round: the flag is stored on the report, so a
        restart or a repeated update never tips twice. The report is recorded either way.
        ``task`` reads the task's snapshot (after the report was saved)."""
        report = saved.report
        if not _WORDS & set(saved.recorded_fields):
            return saved
        flag = flag_of(task(), report)
        if flag is None:
            return saved
        siblings = self._deps.store.reports.for_measure(
            report.measure_id, self._opened(report.cycle_id)
        )
        if any(r.nudged and r.cycle_id == report.cycle_id for r in siblings):
            return saved
        updated = replace(report, nudged=flag.value)
        self._deps.store.reports.save(updated)
        return replace(saved, report=updated, nudge=flag)

    def _opened(self, cycle_id: str | None) -> datetime | None:
        """When a cycle opened: no report filed in it is older (a report belongs to the
        latest cycle opened at or before it, :func:`~bot.domain.work.cycle_at`), so a task's
        reports in the cycle are among those since then. None (every report) without one."""
        cycle = None if cycle_id is None else self._deps.store.cycles.get(cycle_id)
        return None if cycle is None else cycle.opened_at

    def _recent_own(self, person: Person, measure: Measure) -> Report | None:
        cycle = self._deps.cycle(person.team_id, None)
        since = self._deps.now() - REPLY_WINDOW
        mine = [
            r
            for r in self._deps.store.reports.for_measure(
                measure.id, cycle.opened_at if cycle else since
            )
            if r.author_id == person.id
            and (r.cycle_id == cycle.id if cycle else r.created_at >= since)
        ]
        return mine[-1] if mine else None

    def _set_source(self, report: Report, source: tuple[int, int]) -> Report:
        updated = replace(report, source_chat_id=source[0], source_message_id=source[1])
        self._deps.store.reports.save(updated)
        return updated

    def _audit_report(self, actor: Actor, report: Report, **extra: str) -> None:
        self._changed(report.team_id, report.measure_id)
        self._deps.audit(
            actor,
            Action.REPORTED,
            report.measure_id,
            report.team_id,
            report=report.id,
            status=report.status.value if report.status else None,
            late=report.late,
            on_behalf_of=report.on_behalf_of,
            cycle=report.cycle_id,
            **self._reporters.audit_detail(report),
            **extra,
        )

    def _changed(self, team_id: str, measure_id: str) -> None:
        for listener in self.listeners:
            listener(team_id, measure_id)


_WORDS = frozenset(q.field for q in TEXT_QUESTIONS if q.worded)


def _free_source(report: Report, source: tuple[int, int] | None) -> bool:
    """The report has no source message yet, or this very one."""
    if report.source_chat_id is None or source is None:
        return True
    return (report.source_chat_id, report.source_message_id) == source


def _filled(report: Report) -> tuple[str, ...]:
    names = ("status", "progress", "indicator_values", *TEXT_FIELDS)
    return tuple(n for n in names if getattr(report, n) not in (None, ()))


def _required(text: str) -> str:
    if not text.strip():
        raise _empty_text()
    return text


def _empty_text() -> InvalidInput:
    return InvalidInput("err.text_required")
