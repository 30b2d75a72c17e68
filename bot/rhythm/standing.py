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
from bot.rhythm.parties import Party, parties, party_of_person, reporter_of
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
    at = until
    found = parties(snapshot, measure_id, at)
    by_party: dict[str, list[Report]] = {p.key: [] for p in found}
    remarks: list[Report] = []
    party_by_reporter: dict[str, Party | None] = {}
    for report in snapshot.reports_on(measure_id, until=until):
        who = reporter_of(report)
        if who not in party_by_reporter:
            party_by_reporter[who] = party_of_person(snapshot, measure_id, who, at, found)
        party = party_by_reporter[who]
        if party is None or party.key not in by_party:
            remarks.append(report)
        else:
            by_party[party.key].append(report)
    answers = tuple(_answer(party, by_party[party.key]) for party in found if by_party[party.key])
    lead = [a for a in answers if a.party.leads]
    return Standing(
        status=combined_status([a.status for a in lead if a.status is not None]),
        progress=min((a.progress for a in lead if a.progress is not None), default=None),
        parties=tuple(found),
        answers=answers,
        remarks=tuple(remarks),
        disagreements=tuple(
            d for party in found if (d := _disagreement(party, by_party[party.key])) is not None
        ),
    )


def _answer(party: Party, reports: list[Report]) -> Answer:
    stated = [r.status for r in reports if r.status is not None]
    numbers = [r.progress for r in reports if r.progress is not None]
    problems: str | None = None
    for report in reports:
        if report.problems and report.problems.strip():
            problems = report.problems
        elif report.status in _CLEARS:
            problems = None
    return Answer(
        party=party,
        report=reports[-1],
        status=stated[-1] if stated else None,
        progress=numbers[-1] if numbers else None,
        problems=problems,
    )


def _disagreement(party: Party, reports: list[Report]) -> Disagreement | None:
    """Different statuses from different members in the party's latest cycle."""
    if not reports:
        return None
    cycle_id = reports[-1].cycle_id
    latest: dict[str, Report] = {}
    for report in reports:
        if report.cycle_id == cycle_id and report.status is not None:
            latest.pop(report.author_id, None)
            latest[report.author_id] = report
    if len({r.status for r in latest.values()}) < 2:
        return None
    return Disagreement(party, cycle_id, tuple(latest.values()))
