"""When a task last really moved (停滞天数), and whether its latest words said anything.

A report is a **real change** when, against the same party's earlier reports, it states a new
status, a new progress number, a new indicator value, or words that are neither vague nor a
repeat (:mod:`bot.rhythm.substance`). A tap restating the same status, 与上周相同, "正在推进"
or words the party already sent (last week's, or any before) are recorded as answers but do not
move the task. Before any real change, the task's first assignment (交办) is where the count
starts; an unassigned task has none. Every view (``/task``, the leads' digest, the ledger)
reads it from :func:`movement` through the task line, so they show the same days.

A task is **stale** (长期无实质进展) at :data:`STALE_DAYS` days without a real change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from bot.domain.questions import answered
from bot.domain.work import Report, ReportStatus
from bot.rhythm.parties import Party, parties, party_of_person, reporter_of
from bot.rhythm.snapshot import TeamSnapshot
from bot.rhythm.substance import Flag, judge, normalise, similar

#: Two weeks (two weekly rounds) without a real change make a task stale.
STALE_WEEKS = 2
STALE_DAYS = 7 * STALE_WEEKS


@dataclass(frozen=True, slots=True)
class Movement:
    """A task's last real change as of a moment, and its latest update's words."""

    changed_at: datetime | None  # the last real change, else the first 交办, else None
    days: int | None  # whole days from ``changed_at`` to the moment
    flag: Flag | None = None  # the latest update with words was vague or repeated
    flagged: Report | None = None  # that update

    @property
    def stale(self) -> bool:
        """No real change for :data:`STALE_DAYS` days or more."""
        return self.days is not None and self.days >= STALE_DAYS


@dataclass
class _Held:
    status: ReportStatus | None = None
    progress: int | None = None
    values: dict[str, float] | None = None
    words: str | None = None
    said: set[str] = field(default_factory=set)  # every earlier text of the party, normalised


def update_words(report: Report) -> str | None:
    """The words of an update that are judged: its answers to the worded questions (进展,
    下步打算)."""
    parts = [text for question, text in answered(report) if question.worded]
    return "\n".join(parts) or None


def movement(snapshot: TeamSnapshot, measure_id: str, as_of: datetime) -> Movement:
    """The task's :class:`Movement` from what was recorded up to ``as_of`` (pure)."""
    found = parties(snapshot, measure_id, as_of)
    held: dict[str, _Held] = {}
    changed: datetime | None = None
    flag: Flag | None = None
    flagged: Report | None = None
    keys: dict[str, str] = {}  # reporter -> party key, read once each (as standing does)
    for report in snapshot.reports_on(measure_id, until=as_of):
        who = reporter_of(report)
        if who not in keys:
            keys[who] = _key(snapshot, measure_id, report, as_of, found)
        state = held.setdefault(keys[who], _Held())
        words = update_words(report)
        real, verdict = _weigh(report, state, words)
        if real:
            changed = report.created_at
        if words is not None:
            flag, flagged = verdict, report if verdict is not None else None
    if changed is None:
        started = [a.assigned_at for a in snapshot.assignments_of(measure_id)]
        changed = min((s for s in started if s <= as_of), default=None)
    days = None if changed is None else (as_of.date() - changed.astimezone(as_of.tzinfo).date())
    return Movement(changed, None if days is None else days.days, flag, flagged)


def flag_of(snapshot: TeamSnapshot, report: Report) -> Flag | None:
    """The flag of ``report``'s words against its party's earlier reports (for the nudge)."""
    key = _key(snapshot, report.measure_id, report, None, None)
    state = _Held()
    keys: dict[str, str] = {}  # reporter -> party key, read once each
    for earlier in snapshot.reports_on(report.measure_id, until=report.created_at):
        if earlier.id == report.id:
            break
        who = reporter_of(earlier)
        if who not in keys:
            keys[who] = _key(snapshot, report.measure_id, earlier, None, None)
        if keys[who] == key:
            _weigh(earlier, state, update_words(earlier))
    return _weigh(report, state, update_words(report))[1]


def _key(
    snapshot: TeamSnapshot,
    measure_id: str,
    report: Report,
    at: datetime | None,
    found: list[Party] | None,
) -> str:
    who = reporter_of(report)
    party = party_of_person(snapshot, measure_id, who, at, found)
    return party.key if party is not None else f"remark:{who}"


def _weigh(report: Report, state: _Held, words: str | None) -> tuple[bool, Flag | None]:
    """Whether the report really changes its party's record, and its words' flag (none when
    it brings a new number: the update then says something); updates the held record."""
    real = numbers = False
    if report.status is not None and report.status != state.status:
        real, state.status = True, report.status
    if report.progress is not None and report.progress != state.progress:
        real = numbers = True
        state.progress = report.progress
    values = dict(report.indicator_values)
    if values and any((state.values or {}).get(k) != v for k, v in values.items()):
        real = numbers = True
        state.values = {**(state.values or {}), **values}
    verdict = judge(words, state.words) if words is not None and not numbers else None
    if verdict is None and words is not None and not numbers:
        now = normalise(words)
        verdict = Flag.REPEATED if any(similar(now, said) for said in state.said) else None
    if words is not None:
        real = real or verdict is None
        state.words = words
        state.said.add(normalise(words))
    return real, verdict
