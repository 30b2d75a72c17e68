"""When a task last really moved (停滞天数), and whether its latest words said anything.

A report is a **real change** when, against the same party's earlier reports, it states a new
status, a new progress number, a new indicator value, evidence it had not sent (a photo or a
file: 佐证), or words that are neither vague nor a repeat (:mod:`bot.rhythm.substance`); the
words of an update bringing a new number or new evidence are not judged (they may be a photo's
caption). A tap restating the same status, 与上周相同, "正在推进"
or words the party already sent (last week's, or any before) are recorded as answers but do not
move the task. Before any real change, the task's first assignment (交办) is where the count
starts; an unassigned task has none. Every view (``/task``, the leads' digest, the ledger)
reads it from :func:`movement` through the task line, so they show the same days.

A task is **stale** (长期无实质进展) at :data:`STALE_DAYS` days without a real change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.domain.work import Report
from bot.rhythm.history import PartyReports, task_history, update_words
from bot.rhythm.parties import Party, parties, party_of_person
from bot.rhythm.snapshot import TeamSnapshot
from bot.rhythm.substance import Flag, judge, normalise

__all__ = ["STALE_DAYS", "STALE_WEEKS", "Movement", "flag_of", "movement", "update_words"]

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


def movement(snapshot: TeamSnapshot, measure_id: str, as_of: datetime) -> Movement:
    """The task's :class:`Movement` from what was recorded up to ``as_of`` (pure)."""
    history = task_history(snapshot, measure_id, parties(snapshot, measure_id, as_of))
    changed: datetime | None = None
    latest: tuple[int, PartyReports, int] | None = None  # the task's latest words: place, where
    for group in history.groups.values():
        count = group.upto(as_of)
        last = _last_real(group, count)
        if last is not None and (changed is None or group.times[last] > changed):
            changed = group.times[last]
        worded = group.last_words(count)
        if worded is not None and (latest is None or group.places[worded] > latest[0]):
            latest = (group.places[worded], group, worded)
    flag: Flag | None = None
    flagged: Report | None = None
    if latest is not None:
        _, group, index = latest
        flag = _verdict(group, index)
        flagged = group.reports[index] if flag is not None else None
    if changed is None:
        started = [a.assigned_at for a in snapshot.assignments_of(measure_id)]
        changed = min((s for s in started if s <= as_of), default=None)
    days = None if changed is None else (as_of.date() - changed.astimezone(as_of.tzinfo).date())
    return Movement(changed, None if days is None else days.days, flag, flagged)


def _last_real(group: PartyReports, count: int) -> int | None:
    """The index of the party's latest real change among its first ``count`` reports."""
    for index in range(count - 1, -1, -1):
        status, numbers = group.moved(index)
        if status or numbers or group.evidence(index):
            return index
        if group.words(index) is not None and _verdict(group, index) is None:
            return index
    return None


def _verdict(group: PartyReports, index: int) -> Flag | None:
    """The flag of report ``index``'s words against the party's earlier ones (None without
    words, or when it brings a new number or new evidence: the update then says something,
    and its words may be a photo's caption); kept."""
    if index not in group.verdicts:
        group.verdicts[index] = _judged(group, index)
    return group.verdicts[index]


def _judged(group: PartyReports, index: int) -> Flag | None:
    words = group.words(index)
    if words is None or group.moved(index)[1] or group.evidence(index):
        return None
    previous = group.last_words(index)
    verdict = judge(words, group.words(previous) if previous is not None else None)
    if verdict is None and group.said_like(normalise(words), index):
        return Flag.REPEATED
    return verdict


def flag_of(snapshot: TeamSnapshot, report: Report) -> Flag | None:
    """The flag of ``report``'s words against its party's earlier reports (for the nudge)."""
    found = parties(snapshot, report.measure_id)
    key = _key(snapshot, report, found)
    mine = []
    for earlier in snapshot.reports_on(report.measure_id, until=report.created_at):
        if earlier.id == report.id:
            break
        if _key(snapshot, earlier, found) == key:
            mine.append(earlier)
    group = PartyReports.of(key, [*mine, report], range(len(mine) + 1))
    return _verdict(group, len(mine))


def _key(snapshot: TeamSnapshot, report: Report, found: list[Party]) -> str:
    who = report.reporter_id
    party = party_of_person(snapshot, report.measure_id, who, None, found, report.unit_id)
    return party.key if party is not None else f"remark:{who}"
