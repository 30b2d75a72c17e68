"""The weekly digest (周调度通报): what came back in a cycle, aggregated; rendering is elsewhere.

Every figure is defined once: task lights, status and progress come from :mod:`.tasks` (the
same lines the review and the ledger use), response figures from :mod:`.figures` (items owed
by parties, never messages); the previous cycle's late replies no digest has shown are listed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from bot.domain.plan import SourceKind
from bot.domain.ports import Store
from bot.domain.questions import TEXT_QUESTIONS
from bot.domain.work import Cycle, Report
from bot.rhythm.annual import issue_of
from bot.rhythm.calendar import WorkCalendar
from bot.rhythm.claims import ClaimOverdue, overdue_claims
from bot.rhythm.escalation import Escalated, escalated_since
from bot.rhythm.figures import Tally, by_unit, cycle_items, missing_parties, tally
from bot.rhythm.heap import no_collection
from bot.rhythm.lights import Light, Reason
from bot.rhythm.plan_then import measure_then
from bot.rhythm.schedule import (
    CycleWindow,
    cycle_for,
    cycle_window,
    previous_cycle,
    window_of,
)
from bot.rhythm.snapshot import TeamSnapshot, load_snapshot
from bot.rhythm.tasks import (
    SectionProgress,
    TaskLine,
    light_totals,
    section_progress,
    task_lines,
)

__all__ = [
    "Digest",
    "Disputed",
    "LateReply",
    "NotOpened",
    "SectionProgress",
    "TaskLine",
    "build_weekly_digest",
    "digest_for",
    "disputes",
    "weekly_digest",
]

_TROUBLE = frozenset({Reason.BLOCKED, Reason.BEHIND, Reason.FAR_BEHIND, Reason.LAGGING})


class NotOpened(StrEnum):
    """Why a cycle has no prompts to count."""

    NOT_YET = "not_yet"  # its prompt time has not come, or came before the team existed
    PAUSED = "paused"  # the team's rhythm was paused
    MISSED = "missed"  # the prompt time passed while the bot was down


@dataclass(frozen=True, slots=True)
class LateReply:
    """A reply that came after its cycle's cutoff."""

    measure_title: str
    author: str
    created_at: datetime
    source: SourceKind | None = None  # the task's 批示 / 会议决定事项 mark, as every view names it


@dataclass(frozen=True, slots=True)
class Disputed:
    """A party whose members stated different statuses on a task this cycle."""

    measure_title: str
    party: str
    answers: tuple[tuple[str, str], ...]  # (member's name, status value), oldest first
    source: SourceKind | None = None  # the task's 批示 / 会议决定事项 mark


@dataclass(frozen=True, slots=True)
class Raised:
    """A task whose parties' current answers raise a question the digest lists (需协调事项…):
    the question's field and the words, each once, 牵头 first."""

    question: str
    task: TaskLine
    texts: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Digest:
    """Everything the weekly digest says about one cycle."""

    team_name: str
    cycle_id: str
    issue: int | None  # 第N期: its number among the year's published digests (annual.issue_of)
    period_start: date  # the first day covered: the cycle's Monday, or a week merged into it
    cutoff_at: datetime
    generated_at: datetime
    not_opened: NotOpened | None  # None: the cycle's prompts went out
    public_naming: bool
    responses: Tally = field(default_factory=Tally)
    units: tuple[tuple[str | None, Tally], ...] = ()
    missing: tuple[tuple[str, int], ...] = ()  # parties with something 未报, items each
    lights: tuple[tuple[Light, int], ...] = ()
    sections: tuple[SectionProgress, ...] = ()
    troubled: tuple[TaskLine, ...] = ()
    overdue: tuple[TaskLine, ...] = ()
    awaiting_closeout: tuple[TaskLine, ...] = ()
    disputed: tuple[Disputed, ...] = ()
    late_replies: tuple[LateReply, ...] = ()
    paused: bool = False  # the team's rhythm is paused (no prompts, reminders or digests)
    stale: tuple[TaskLine, ...] = ()  # leads only: no real change for two weeks or more
    vague: tuple[TaskLine, ...] = ()  # leads only: the latest words were vague or repeated
    extension_requests: tuple[TaskLine, ...] = ()  # 延期申请 awaiting the lead (leads' version)
    claims_overdue: tuple[ClaimOverdue, ...] = ()  # 领办逾期 (the leads' version lists them)
    escalated: tuple[Escalated, ...] = ()  # 已提请包联领导关注 since the period began (leads')
    raised: tuple[Raised, ...] = ()  # the digest's questions raised by open tasks' answers

    @property
    def opened(self) -> bool:
        """The cycle's prompts went out."""
        return self.not_opened is None

    @property
    def tasks(self) -> int:
        """Active tasks."""
        return sum(count for _, count in self.lights)

    @property
    def nobody_reported(self) -> bool:
        """The cycle asked for answers and not one came."""
        return self.responses.expected > 0 and self.responses.answered == 0


def build_weekly_digest(
    store: Store,
    team_id: str,
    now: datetime,
    calendar: WorkCalendar,
    cycle_id: str | None = None,
) -> Digest:
    """The digest of ``cycle_id`` (default: the latest cycle whose prompt time has come)."""
    return digest_for(load_snapshot(store, team_id), calendar, now, cycle_id)


def digest_for(
    snapshot: TeamSnapshot, calendar: WorkCalendar, now: datetime, cycle_id: str | None = None
) -> Digest:
    """:func:`build_weekly_digest` over a snapshot already read (pure)."""
    window = cycle_for(snapshot.settings, calendar, now)
    if cycle_id is not None and cycle_id != window.cycle_id:
        window = _window_by_id(snapshot, calendar, cycle_id, window)
    previous = previous_cycle(snapshot.settings, calendar, window)
    return weekly_digest(snapshot, window, now, previous_cycle_id=previous.cycle_id)


def _window_by_id(
    snapshot: TeamSnapshot, calendar: WorkCalendar, cycle_id: str, fallback: CycleWindow
) -> CycleWindow:
    cycle = next((c for c in snapshot.weekly_cycles if c.id == cycle_id), None)
    if cycle is None:
        return fallback
    tz = fallback.prompt_at.tzinfo
    assert tz is not None  # windows are built from aware times
    window = window_of(snapshot.settings, calendar, cycle.period_start, tz)
    if window.cycle_id != cycle.id:  # opened before its week was merged: its own times
        return cycle_window(snapshot.settings, calendar, cycle.period_start, tz)
    return window


@no_collection()
def weekly_digest(
    snapshot: TeamSnapshot,
    window: CycleWindow,
    now: datetime,
    previous_cycle_id: str | None = None,
) -> Digest:
    """The digest of the cycle in ``window`` from a snapshot (pure; no garbage collection)."""
    cycle = next((c for c in snapshot.weekly_cycles if c.id == window.cycle_id), None)
    lines = task_lines(snapshot, now)
    items = cycle_items(snapshot, cycle, now) if cycle else ()
    return Digest(
        team_name=snapshot.team.name if snapshot.team else snapshot.team_id,
        cycle_id=window.cycle_id,
        issue=_issue(snapshot, cycle, now),
        period_start=window.since,  # with a week merged into it after a long holiday
        cutoff_at=cycle.cutoff_at if cycle else window.cutoff_at,
        generated_at=now,
        not_opened=_not_opened(snapshot, cycle, window, now),
        public_naming=snapshot.settings.public_naming,
        responses=tally(items),
        units=tuple(by_unit(snapshot, items)),
        missing=tuple((party.name, count) for party, count in missing_parties(items)),
        lights=light_totals(lines),
        sections=section_progress(lines),
        troubled=tuple(t for t in lines if _TROUBLE & set(t.reasons)),
        overdue=tuple(t for t in lines if Reason.OVERDUE in t.reasons),
        awaiting_closeout=tuple(t for t in lines if Reason.AWAITING_CLOSEOUT in t.reasons),
        disputed=_disputed(snapshot, lines, cycle),
        late_replies=_late_replies(snapshot, previous_cycle_id, now),
        paused=snapshot.settings.paused,
        stale=tuple(t for t in lines if t.stale),
        vague=tuple(t for t in lines if _flagged(t)),
        extension_requests=tuple(t for t in lines if t.extension_asked is not None),
        claims_overdue=overdue_claims(snapshot, now),
        escalated=escalated_since(snapshot, _start_of(window.since, now), now),
        raised=raised_in(lines),
    )


def raised_in(lines: Sequence[TaskLine]) -> tuple[Raised, ...]:
    """For each question the digest lists, the open tasks whose current answers raise it."""
    found = []
    for question in TEXT_QUESTIONS:
        if not question.in_digest:
            continue
        for line in lines:
            words = (getattr(r, question.field) for r in line.standing.reports)
            texts = tuple(dict.fromkeys(w.strip() for w in words if w and w.strip()))
            if texts and not line.closed:
                found.append(Raised(question.field, line, texts))
    return tuple(found)


def _flagged(line: TaskLine) -> bool:
    """Open, and its latest update's words were vague or repeated."""
    return not line.closed and line.movement is not None and line.movement.flag is not None


def _start_of(day: date, now: datetime) -> datetime:
    return datetime.combine(day, datetime.min.time(), tzinfo=now.tzinfo)


def _issue(snapshot: TeamSnapshot, cycle: Cycle | None, now: datetime) -> int | None:
    if cycle is None:
        return None
    return issue_of(snapshot.weekly_cycles, cycle, now)


def _not_opened(
    snapshot: TeamSnapshot, cycle: Cycle | None, window: CycleWindow, now: datetime
) -> NotOpened | None:
    """Why the cycle has no prompts to count (None: they went out): a cycle recorded as missed
    reads as missed, the same as one not recorded at all."""
    if cycle is not None:
        return NotOpened.MISSED if cycle.missed else None
    return _why_not_opened(snapshot, window, now)


def _why_not_opened(snapshot: TeamSnapshot, window: CycleWindow, now: datetime) -> NotOpened:
    """Why a week with no cycle recorded has no prompts: paused now, or at its prompt time (a
    week passed during a pause since resumed is not an outage); not yet, or before the team
    existed; else missed while the bot was down (not yet recorded by the catch-up)."""
    settings = snapshot.settings
    if settings.paused or settings.paused_at(window.prompt_at):
        return NotOpened.PAUSED
    created = snapshot.team.created_at if snapshot.team else None
    if now < window.prompt_at or (created is not None and created >= window.prompt_at):
        return NotOpened.NOT_YET
    return NotOpened.MISSED


def disputes(snapshot: TeamSnapshot, cycle: Cycle, as_of: datetime) -> tuple[Disputed, ...]:
    """The cycle's conflicting answers within one party, as of ``as_of`` (for the cutoff)."""
    return _disputed(snapshot, task_lines(snapshot, as_of), cycle)


def _disputed(
    snapshot: TeamSnapshot, lines: list[TaskLine], cycle: Cycle | None
) -> tuple[Disputed, ...]:
    if cycle is None:
        return ()
    found = []
    for line in lines:
        for disagreement in line.standing.disagreements:
            if disagreement.cycle_id != cycle.id:
                continue
            answers = tuple(
                (_name(snapshot, r.author_id), r.status.value if r.status else "")
                for r in disagreement.reports
            )
            found.append(Disputed(line.name, disagreement.party.name, answers, line.source))
    return tuple(found)


def _name(snapshot: TeamSnapshot, person_id: str) -> str:
    person = snapshot.person_by_id.get(person_id)
    return person.name if person else person_id


def _late_replies(
    snapshot: TeamSnapshot, previous_cycle_id: str | None, now: datetime
) -> tuple[LateReply, ...]:
    """The previous cycle's late replies no digest has shown, made by ``now``: those since its
    digest went out, or all of them when it never did (refused by the leaders' group, or missed
    while the bot was down: no moment of sending to count from)."""
    previous = next((c for c in snapshot.weekly_cycles if c.id == previous_cycle_id), None)
    if previous is None:
        return ()
    since = previous.digest_sent_at
    late = [
        r
        for r in snapshot.reports
        if r.late and r.cycle_id == previous.id and (since or r.created_at) <= r.created_at <= now
    ]
    return tuple(_late_reply(snapshot, r, now) for r in sorted(late, key=lambda r: r.created_at))


def _late_reply(snapshot: TeamSnapshot, report: Report, now: datetime) -> LateReply:
    measure = measure_then(snapshot, report.measure_id, now)  # its wording then
    title, source = (measure.name, measure.source_kind) if measure else (report.measure_id, None)
    return LateReply(title, _name(snapshot, report.author_id), report.created_at, source)
