"""A task's standing: each party's current answer, and what the task as a whole says.

Each report counts for its party (:mod:`bot.rhythm.parties`). A party's **answer** is its latest
report; its status is the latest status it stated (a report that states none keeps the one
before, or 未报状态), its progress likewise. Then, for the task:

- the **status** is read from the 牵头 parties' answers: the worst of them, 受阻 > 滞后 > 正常推进;
  已完成 only when every 牵头 party that stated a status says so. 配合 answers are contributions
  and never set the status; a task without a stated 牵头 status is 未报状态 (``None``);
- the **progress** is the 牵头 party's latest number (the lowest, with several);
- **problems** are every party's open problem, 牵头 first: a problem stays visible until the
  party that raised it states a new one or answers 正常推进/已完成 without one (a repeated
  受阻 tap keeps it); 受阻 from any party colours the light too;
- a **disagreement** is a party whose members stated different statuses in the same cycle
  (e.g. 已完成 and 受阻 from two colleagues of one unit): the later answer is the unit's, but
  the lead is told, never silently merged.

Reports by someone outside every party (a lead writing on the task) are kept as remarks.
Pure: a snapshot in, a :class:`Standing` out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from bot.domain.work import Report, ReportStatus
from bot.rhythm.history import PartyReports, TaskHistory, task_history
from bot.rhythm.parties import Party, parties
from bot.rhythm.snapshot import TeamSnapshot

#: Statuses from worst to best; DONE is special (only when all agree).
WORST_FIRST = (ReportStatus.BLOCKED, ReportStatus.BEHIND, ReportStatus.ON_TRACK)
#: An answer with one of these and no problem text resolves the party's earlier problem.
_CLEARS = frozenset({ReportStatus.ON_TRACK, ReportStatus.DONE})


@dataclass(frozen=True, slots=True)
class Answer:
    """A party's current answer on a task."""

    party: Party
    report: Report  # the party's latest report
    status: ReportStatus | None  # the latest status it stated
    progress: int | None  # the latest progress it stated
    problems: str | None = None  # its open problem: stated, and not answered away since


@dataclass(frozen=True, slots=True)
class Disagreement:
    """Members of one party stated different statuses in one cycle."""

    party: Party
    cycle_id: str | None
    reports: tuple[Report, ...]  # each member's latest stated report of the cycle, oldest first

    @property
    def statuses(self) -> tuple[ReportStatus, ...]:
        """The statuses stated, in the order of the reports."""
        return tuple(r.status for r in self.reports if r.status is not None)


@dataclass(frozen=True, slots=True)
class Standing:
    """Where a task stands (see the module docstring)."""

    status: ReportStatus | None
    progress: int | None
    parties: tuple[Party, ...] = ()  # the task's parties in force, 牵头 first
    answers: tuple[Answer, ...] = ()  # 牵头 parties first
    remarks: tuple[Report, ...] = ()  # reports by people outside every party, oldest first
    disagreements: tuple[Disagreement, ...] = ()

    @property
    def problems(self) -> tuple[str, ...]:
        """Every problem stated in the parties' current answers, each once, 牵头 first."""
        texts = (a.problems.strip() for a in self.answers if a.problems)
        return tuple(dict.fromkeys(text for text in texts if text))

    @property
    def problems_text(self) -> str | None:
        """The problems as one text (one per line), None when nobody stated one."""
        return "\n".join(self.problems) if self.problems else None

    @property
    def blocked(self) -> bool:
        """Some party's current status is 受阻."""
        return any(a.status is ReportStatus.BLOCKED for a in self.answers)

    @property
    def behind(self) -> bool:
        """Some party's current status is 滞后."""
        return any(a.status is ReportStatus.BEHIND for a in self.answers)

    @property
    def done(self) -> bool:
        """The 牵头 answer is 已完成."""
        return self.status is ReportStatus.DONE

    @property
    def reports(self) -> tuple[Report, ...]:
        """The current answers' reports, 牵头 first."""
        return tuple(a.report for a in self.answers)


def combined_status(statuses: Sequence[ReportStatus]) -> ReportStatus | None:
    """The worst status; DONE only when every status is DONE (None for no status)."""
    if not statuses:
        return None
    for status in WORST_FIRST:
        if status in statuses:
            return status
    return ReportStatus.DONE


def standing(snapshot: TeamSnapshot, measure_id: str, until: datetime | None = None) -> Standing:
    """The task's standing from what was reported before ``until`` (everything when None)."""
    found = parties(snapshot, measure_id, until)
    history = task_history(snapshot, measure_id, found)
    answers, disagreements = [], []
    for party in found:
        group = history.of(party.key)
        count = group.upto(until) if group is not None else 0
        if group is None or not count:
            continue
        answers.append(_answer(party, group, count))
        if (disagreement := _disagreement(party, group, count)) is not None:
            disagreements.append(disagreement)
    lead = [a for a in answers if a.party.leads]
    return Standing(
        status=combined_status([a.status for a in lead if a.status is not None]),
        progress=min((a.progress for a in lead if a.progress is not None), default=None),
        parties=tuple(found),
        answers=tuple(answers),
        remarks=_remarks(history, until),
        disagreements=tuple(disagreements),
    )


def _answer(party: Party, group: PartyReports, count: int) -> Answer:
    """The party's answer from its first ``count`` reports, read from the latest back."""
    status: ReportStatus | None = None
    progress: int | None = None
    problems: str | None = None
    settled = False  # whether a later report already decided the open problem
    for report in reversed(group.reports[:count]):
        status = report.status if status is None else status
        progress = report.progress if progress is None else progress
        if not settled and report.problems and report.problems.strip():
            problems, settled = report.problems, True
        elif not settled and report.status in _CLEARS:
            settled = True
        if settled and status is not None and progress is not None:
            break
    return Answer(party, group.reports[count - 1], status, progress, problems)


def _disagreement(party: Party, group: PartyReports, count: int) -> Disagreement | None:
    """Different statuses from different members in the party's latest cycle."""
    if group.single_author:
        return None
    cycle_id = group.reports[count - 1].cycle_id
    latest: dict[str, Report] = {}  # each member's latest stated report, newest first
    for index in reversed(group.in_cycle(cycle_id)):
        report = group.reports[index]
        if index < count and report.status is not None and report.author_id not in latest:
            latest[report.author_id] = report
    if len({r.status for r in latest.values()}) < 2:
        return None
    return Disagreement(party, cycle_id, tuple(reversed(latest.values())))


def _remarks(history: TaskHistory, until: datetime | None) -> tuple[Report, ...]:
    """The reports by people outside every party, oldest first."""
    found = [
        (group.places[index], group.reports[index])
        for key, group in history.groups.items()
        if key.startswith("remark:")
        for index in range(group.upto(until))
    ]
    return tuple(report for _, report in sorted(found, key=lambda pair: pair[0]))
