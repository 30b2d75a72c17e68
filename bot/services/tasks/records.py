"""The record, searched: ``/history`` (steps by person, unit, section, task and dates),
``/search`` (tasks and updates by words) and ``/evidence`` (a task's photos and files).

Leads, leaders and admins see the whole team; officials and liaisons only their own tasks
(``OWN`` scope in :mod:`bot.services.common.permissions`), so an official never reads another
unit's updates here.
History and updates are read through the range queries (``audit.for_team(since)``,
``reports.between``), never the team's whole history: a store with years of records reads
only the window asked for.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from bot.domain.attachments import Attachment
from bot.domain.audit import AuditEntry
from bot.domain.people import Person
from bot.domain.plan import Measure
from bot.domain.questions import TEXT_FIELDS
from bot.domain.work import Report
from bot.rhythm.snapshot import history_start
from bot.rhythm.substance import normalise
from bot.services.common.actor import Actor
from bot.services.common.base import Deps, Page, paginate
from bot.services.common.errors import InvalidInput
from bot.services.common.permissions import Perm, Scope, check, require_known, scope_of
from bot.services.tasks.history import HistoryItem, TaskHistory
from bot.services.tasks.ownership import Ownership
from bot.services.tasks.record_query import DEFAULT_DAYS, HistoryQuery, parse_history

#: Lines per page of /history and /search; files per page of /evidence.
RECORD_PAGE = 10
_END = datetime(9999, 1, 1, tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class Step:
    """One step of the record, with the task it is about and its number in the plan."""

    measure: Measure
    number: int | None
    item: HistoryItem


@dataclass(frozen=True, slots=True)
class HistoryResult:
    """A page of ``/history``: newest first."""

    query: HistoryQuery
    steps: Page[Step]


@dataclass(frozen=True, slots=True)
class Found:
    """A task or an update that matched ``/search``."""

    measure: Measure
    number: int | None
    report: Report | None = None  # None: the task itself matched
    author: Person | None = None


@dataclass(frozen=True, slots=True)
class SearchResult:
    """A page of ``/search``: tasks in plan order, then updates newest first."""

    words: tuple[str, ...]
    tasks: int
    updates: int
    found: Page[Found]


@dataclass(frozen=True, slots=True)
class EvidenceFile:
    """One photo or file sent for a task: who sent it, when, and with what."""

    attachment: Attachment
    by: Person | None
    at: datetime
    source: str  # ``report`` or ``closeout``


@dataclass(frozen=True, slots=True)
class EvidenceResult:
    """A page of a task's evidence, oldest first."""

    measure: Measure
    files: Page[EvidenceFile]


class Records:
    """History, search and evidence over the record, within the actor's scope."""

    def __init__(self, deps: Deps) -> None:
        self._deps = deps
        self._own = Ownership(deps)
        self._history = TaskHistory(deps)

    def history(
        self, actor: Actor, team_id: str, words: Sequence[str], page: int = 0
    ) -> HistoryResult:
        """Steps about the tasks in scope matching the filters, newest first (InvalidInput
        naming the first word that is no filter)."""
        require_known(actor)
        scope = self._scope(actor, Perm.HISTORY_VIEW, team_id)
        measures = self._deps.active_measures(team_id)
        query = parse_history(
            words,
            now=self._deps.now(),
            people=self._deps.store.people.for_team(team_id),
            units=self._deps.store.units.for_team(team_id),
            measures=measures,
        )
        if query.unknown:
            raise InvalidInput("err.history_filter", word=query.unknown[0], days=DEFAULT_DAYS)
        numbers, by_id = _numbers(measures), self._all_measures(team_id)
        allowed = self._allowed(actor, team_id, scope, by_id)
        reports = {
            r.id: r for r in self._deps.store.reports.between(team_id, query.start, query.end)
        }
        steps = [
            Step(by_id[e.subject], numbers.get(e.subject), self._history.item(e, reports))
            for e in self._deps.store.audit.for_team(team_id, query.start)
            if e.at < query.end
            and e.subject in allowed
            and self._matches(e, reports, by_id[e.subject], query)
        ]
        steps.reverse()
        return HistoryResult(query, paginate(steps, page, RECORD_PAGE))

    def search(
        self, actor: Actor, team_id: str, words: Sequence[str], page: int = 0
    ) -> SearchResult:
        """Tasks and updates (this record year: from 1 January of the year before the plan's)
        whose words contain every one of ``words`` (normalised substrings)."""
        require_known(actor)
        wanted = tuple(w for w in (normalise(x) for x in words) if w)
        if not wanted:
            raise InvalidInput("err.search_words")
        scope = self._scope(actor, Perm.SEARCH, team_id)
        measures = self._deps.active_measures(team_id)
        numbers, by_id = _numbers(measures), self._all_measures(team_id)
        allowed = self._allowed(actor, team_id, scope, by_id)
        tasks = [
            Found(m, numbers.get(m.id))
            for m in measures
            if m.id in allowed and _all_in(wanted, m.title, m.body, m.section)
        ]
        since = history_start(self._deps.store.plans.for_team(team_id)) or datetime.min.replace(
            tzinfo=UTC
        )
        updates = [
            Found(
                by_id[r.measure_id],
                numbers.get(r.measure_id),
                r,
                self._deps.store.people.get(r.author_id),
            )
            for r in self._deps.store.reports.between(team_id, since, _END)
            if r.measure_id in allowed
            and _all_in(wanted, *(getattr(r, name) for name in TEXT_FIELDS))
        ]
        updates.reverse()
        return SearchResult(
            tuple(words), len(tasks), len(updates), paginate([*tasks, *updates], page, RECORD_PAGE)
        )

    def evidence(
        self, actor: Actor, ref: str, team_id: str | None, page: int = 0
    ) -> EvidenceResult:
        """The photos and files sent for a task (its reports' attachments and its close-out
        evidence), oldest first, each with who sent it and when; a file sent again (the same
        ``file_unique_id``) is listed once, where it was first sent."""
        require_known(actor)
        measure, plan = self._deps.measure(ref, team_id, actor=actor)
        self._own.check(actor, Perm.EVIDENCE_VIEW, measure.id, plan.team_id)
        people = self._deps.store.people
        files = [
            EvidenceFile(Attachment.parse(a), people.get(r.author_id), r.created_at, "report")
            for r in self._deps.store.reports.for_measure(measure.id)
            for a in r.attachments
        ]
        for closeout in self._deps.store.closeouts.for_measure(measure.id):
            items = [(e.attachment, e.by, e.at) for e in closeout.items if e.attachment]
            if not closeout.items:
                items = [
                    (a, closeout.requested_by, closeout.requested_at) for a in closeout.attachments
                ]
            files += [
                EvidenceFile(Attachment.parse(a), people.get(by), at, "closeout")
                for a, by, at in items
                if a
            ]
        files.sort(key=lambda f: f.at)
        first = {f.attachment.identity: f for f in reversed(files)}  # (the earliest kept)
        files = [f for f in files if first[f.attachment.identity] is f]
        return EvidenceResult(measure, paginate(files, page, RECORD_PAGE))

    # -- internals ----------------------------------------------------------------------------

    def _scope(self, actor: Actor, perm: Perm, team_id: str) -> Scope:
        check(actor, perm, team_id, lambda _: True)
        return scope_of(actor, perm, team_id) or Scope.OWN

    def _all_measures(self, team_id: str) -> dict[str, Measure]:
        plans = self._deps.store.plans.for_team(team_id)
        return {m.id: m for p in plans for m in self._deps.store.measures.for_plan(p.id)}

    def _allowed(
        self, actor: Actor, team_id: str, scope: Scope, measures: dict[str, Measure]
    ) -> frozenset[str]:
        """The tasks the actor may read: all the team's, or (``OWN``) their own."""
        if scope is Scope.TEAM:
            return frozenset(measures)
        person = actor.person_in(team_id)
        mine = self._own.measure_ids_of(person) if person is not None else []
        return frozenset(m for m in mine if m in measures)

    def _matches(
        self, entry: AuditEntry, reports: dict[str, Report], measure: Measure, q: HistoryQuery
    ) -> bool:
        if q.measures and measure.id not in q.measures:
            return False
        if q.sections and measure.section not in q.sections:
            return False
        if not q.people and not q.units:
            return True
        people = _people_named(entry, reports)
        if q.people and not people & q.people:
            return False
        if q.units:
            unit = entry.detail.get("unit")
            units = {p.unit_id for p in map(self._deps.store.people.get, people) if p}
            units.add(unit if isinstance(unit, str) else None)
            return bool(units & q.units)
        return True


def _people_named(entry: AuditEntry, reports: dict[str, Report]) -> set[str]:
    """Who the step is by or about: its actor, the person it concerned, the one reported for."""
    detail = entry.detail
    found = {entry.actor_id, detail.get("person"), detail.get("on_behalf_of")}
    report = reports.get(str(detail.get("report")))
    if report is not None:
        found |= {report.author_id, report.on_behalf_of}
    return {p for p in found if isinstance(p, str)}


def _numbers(measures: Sequence[Measure]) -> dict[str, int]:
    return {m.id: n for n, m in enumerate(measures, start=1)}


def _all_in(words: tuple[str, ...], *texts: str | None) -> bool:
    haystack = normalise(" ".join(t for t in texts if t))
    return all(w in haystack for w in words)


__all__ = [
    "DEFAULT_DAYS",
    "RECORD_PAGE",
    "EvidenceFile",
    "EvidenceResult",
    "Found",
    "HistoryResult",
    "Records",
    "SearchResult",
    "Step",
]
