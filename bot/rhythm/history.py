"""A task's reports grouped by the party they count for, read backwards from a moment.

Standing and 停滞天数 weigh a party's earlier answers: its last stated status and number, its
open problem, whether its latest words repeat anything it said before. Walking every report of
a task from the history start, for every view and moment, cost most of a digest at five years
(34,400 reports for a county, twice for the monthly review). Instead a task's reports are
grouped once per snapshot by the party they count for (:func:`task_history`, shared by every
moment whose parties group them alike), and each question is answered by reading a party's
reports backwards from the moment, stopping at the first report that settles it (usually the
latest). What a report changed depends only on its party's earlier reports, so it is worked out
once per report and kept for every moment of the snapshot.

The rules are :mod:`.standing`'s and :mod:`.movement`'s; the tests compare these readings with
the rules applied report by report from the oldest, on generated histories.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from itertools import compress
from operator import attrgetter

from bot.domain.attachments import identity
from bot.domain.questions import TEXT_QUESTIONS
from bot.domain.work import Report, ReportStatus
from bot.rhythm.parties import Party, party_of_person
from bot.rhythm.snapshot import TeamSnapshot
from bot.rhythm.substance import Flag, normalise, similar

#: What groups a report: whom it was made for, its author and the unit it recorded.
_Who = tuple[str | None, str, str | None]
_WHO: Callable[[Report], _Who] = attrgetter("on_behalf_of", "author_id", "unit_id")
_CREATED, _AUTHOR = attrgetter("created_at"), attrgetter("author_id")

#: The report fields whose words are judged (进展, 下步打算), in the order they are joined.
WORDED = tuple(q.field for q in TEXT_QUESTIONS if q.worded)


def update_words(report: Report) -> str | None:
    """The words of an update that are judged: its answers to the worded questions (进展,
    下步打算), joined by lines."""
    parts = []
    for name in WORDED:
        text = getattr(report, name)
        if text and text.strip():
            parts.append(text.strip())
    return "\n".join(parts) or None


@dataclass(slots=True)
class PartyReports:
    """The reports counting for one party of a task (or one outsider's remarks), oldest
    first, with what each changed worked out on demand and kept."""

    key: str  # the party's key, or ``remark:<person id>``
    reports: list[Report] = field(default_factory=list)
    times: list[datetime] = field(default_factory=list)
    places: Sequence[int] = field(default_factory=list)  # places among the task's reports
    single_author: bool = False  # one author wrote them all: no member disagrees with another
    _by_cycle: dict[str | None, list[int]] | None = None
    _words: dict[int, str | None] = field(default_factory=dict)
    _moved: dict[int, tuple[bool, bool]] = field(default_factory=dict)
    _first_sent: dict[str, int] | None = None  # each file's first report, by identity
    verdicts: dict[int, Flag | None] = field(default_factory=dict)  # by movement, kept

    @classmethod
    def of(
        cls, key: str, reports: list[Report], places: Sequence[int], authors: int | None = None
    ) -> PartyReports:
        """The reports ``reports`` (made in this order) at ``places`` among the task's
        (``authors``: how many people wrote them, when the caller knows)."""
        times = list(map(_CREATED, reports))
        if authors is None:
            authors = len(set(map(_AUTHOR, reports)))
        return cls(key, reports, times, places, authors < 2)

    def in_cycle(self, cycle_id: str | None) -> list[int]:
        """The indices of the reports filed in cycle ``cycle_id``, oldest first."""
        if self._by_cycle is None:
            self._by_cycle = {}
            for index, report in enumerate(self.reports):
                self._by_cycle.setdefault(report.cycle_id, []).append(index)
        return self._by_cycle.get(cycle_id, [])

    def upto(self, until: datetime | None) -> int:
        """How many of the reports were made up to ``until`` included (all when None)."""
        return len(self.reports) if until is None else bisect_right(self.times, until)

    def words(self, index: int) -> str | None:
        """The judged words of report ``index`` (:func:`update_words`)."""
        if index not in self._words:
            self._words[index] = update_words(self.reports[index])
        return self._words[index]

    def stated(self, before: int) -> ReportStatus | None:
        """The latest status stated in the reports before ``before``."""
        for index in range(before - 1, -1, -1):
            status = self.reports[index].status
            if status is not None:
                return status
        return None

    def number(self, before: int) -> int | None:
        """The latest progress stated in the reports before ``before``."""
        for index in range(before - 1, -1, -1):
            progress = self.reports[index].progress
            if progress is not None:
                return progress
        return None

    def value(self, name: str, before: int) -> float | None:
        """The latest value of indicator ``name`` stated before ``before``."""
        for index in range(before - 1, -1, -1):
            values = self.reports[index].indicator_values
            if values:
                found = dict(values)
                if name in found:
                    return found[name]
        return None

    def last_words(self, before: int) -> int | None:
        """The index of the latest report with judged words before ``before``."""
        for index in range(before - 1, -1, -1):
            if self.words(index) is not None:
                return index
        return None

    def said_like(self, text: str, before: int) -> bool:
        """Whether any words of the reports before ``before`` are like ``text`` (normalised),
        nearest first."""
        sent: set[str] = set()  # words already compared, as sent
        seen: set[str] = set()  # and normalised
        for index in range(before - 1, -1, -1):
            words = self.words(index)
            if words is None or words in sent:
                continue
            sent.add(words)
            said = normalise(words)
            if said not in seen:
                seen.add(said)
                if similar(text, said):
                    return True
        return False

    def moved(self, index: int) -> tuple[bool, bool]:
        """Whether report ``index`` states a new status, and whether it states a new number
        (progress or an indicator value), against the party's earlier reports."""
        if index not in self._moved:
            report = self.reports[index]
            status = report.status is not None and report.status != self.stated(index)
            numbers = report.progress is not None and report.progress != self.number(index)
            if not numbers and report.indicator_values:
                numbers = any(
                    self.value(name, index) != v
                    for name, v in dict(report.indicator_values).items()
                )
            self._moved[index] = (status, numbers)
        return self._moved[index]

    def evidence(self, index: int) -> bool:
        """Whether report ``index`` brings evidence (a photo or a file) the party had not sent
        before: it then says something, whatever its words. A file is known by its
        ``file_unique_id`` (Telegram gives a file sent again a new file id), by its file id
        when stored without one."""
        files = self.reports[index].attachments
        if not files:
            return False
        if self._first_sent is None:  # once per group: where each file was first sent
            self._first_sent = {}
            for place, report in enumerate(self.reports):
                for file in report.attachments:
                    self._first_sent.setdefault(identity(file), place)
        return any(self._first_sent[identity(file)] == index for file in files)


@dataclass(frozen=True, slots=True)
class TaskHistory:
    """A task's reports by the party (or outsider) they count for."""

    groups: dict[str, PartyReports]

    def of(self, key: str) -> PartyReports | None:
        """The reports counting for the party ``key``."""
        return self.groups.get(key)


def task_history(snapshot: TeamSnapshot, measure_id: str, found: Sequence[Party]) -> TaskHistory:
    """The task's reports grouped by party, for parties ``found`` (in force at some moment);
    worked out once per snapshot for every moment whose parties group reporters alike."""
    signature = tuple((p.key, p.is_unit, p.unit_id) for p in found)
    memo = snapshot.memo.setdefault("history", {})
    history: TaskHistory | None = memo.get((measure_id, signature))
    if history is None:
        history = memo[(measure_id, signature)] = _grouped(snapshot, measure_id, list(found))
    return history


def _grouped(snapshot: TeamSnapshot, measure_id: str, found: list[Party]) -> TaskHistory:
    reports = snapshot.reports_on(measure_id)
    # (each report's who is read again rather than kept: 34,400 kept tuples cost more)
    keys = {
        who: _key(snapshot, measure_id, who, found) for who in dict.fromkeys(map(_WHO, reports))
    }
    if len(set(keys.values())) == 1:  # one party (or outsider) wrote every report
        (key,) = set(keys.values())
        authors = len({author for _, author, _ in keys})
        return TaskHistory({key: PartyReports.of(key, reports, range(len(reports)), authors)})
    keyed = list(map(keys.__getitem__, map(_WHO, reports)))  # each report's group
    groups = {}
    for key in dict.fromkeys(keyed):  # in the order of their first reports
        mine = list(map(key.__eq__, keyed))
        places = list(compress(range(len(reports)), mine))
        groups[key] = PartyReports.of(key, list(compress(reports, mine)), places)
    return TaskHistory(groups)


def _key(snapshot: TeamSnapshot, measure_id: str, who: _Who, found: list[Party]) -> str:
    """The group of a reporter's reports (``who``: whom they were made for, their author and
    the unit they recorded): the party the reporter (:attr:`~bot.domain.work.Report.reporter_id`)
    counts for, else the reporter's remarks."""
    on_behalf_of, author_id, unit_id = who
    reporter = on_behalf_of or author_id
    party = party_of_person(snapshot, measure_id, reporter, None, found, unit_id)
    return party.key if party is not None else f"remark:{reporter}"
