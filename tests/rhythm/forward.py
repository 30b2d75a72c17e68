"""The forward definitions of standing and movement, as they were written first: every report
of a task walked from the oldest, per view and moment. Kept as the oracle the fast readings of
:mod:`bot.rhythm.history` are compared with (``test_history.py``); not used by the bot."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from bot.domain.attachments import Attachment
from bot.domain.work import Report, ReportStatus
from bot.rhythm.movement import Movement, update_words
from bot.rhythm.parties import Party, parties, party_of_person
from bot.rhythm.snapshot import TeamSnapshot
from bot.rhythm.standing import _CLEARS, Answer, Disagreement, Standing, combined_status
from bot.rhythm.substance import Flag, judge, normalise, similar


def forward_standing(
    snapshot: TeamSnapshot, measure_id: str, until: datetime | None = None
) -> Standing:
    """The task's standing from what was reported before ``until`` (everything when None)."""
    at = until
    found = parties(snapshot, measure_id, at)
    by_party: dict[str, list[Report]] = {p.key: [] for p in found}
    remarks: list[Report] = []
    party_by_reporter: dict[str, Party | None] = {}
    for report in snapshot.reports_on(measure_id, until=until):
        who = report.reporter_id
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


@dataclass
class _Held:
    status: ReportStatus | None = None
    progress: int | None = None
    values: dict[str, float] | None = None
    words: str | None = None
    said: set[str] = field(default_factory=set)  # every earlier text of the party, normalised
    files: set[str] = field(default_factory=set)  # every file the party sent, by identity


def forward_movement(snapshot: TeamSnapshot, measure_id: str, as_of: datetime) -> Movement:
    """The task's :class:`Movement` from what was recorded up to ``as_of`` (pure)."""
    found = parties(snapshot, measure_id, as_of)
    held: dict[str, _Held] = {}
    changed: datetime | None = None
    flag: Flag | None = None
    flagged: Report | None = None
    keys: dict[str, str] = {}  # reporter -> party key, read once each (as standing does)
    for report in snapshot.reports_on(measure_id, until=as_of):
        who = report.reporter_id
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


def _key(
    snapshot: TeamSnapshot,
    measure_id: str,
    report: Report,
    at: datetime | None,
    found: list[Party] | None,
) -> str:
    who = report.reporter_id
    party = party_of_person(snapshot, measure_id, who, at, found)
    return party.key if party is not None else f"remark:{who}"


def _weigh(report: Report, state: _Held, words: str | None) -> tuple[bool, Flag | None]:
    """Whether the report really changes its party's record, and its words' flag (none when
    it brings a new number or new evidence: the update then says something); updates the held
    record."""
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
    files = {Attachment.parse(file).identity for file in report.attachments}
    if not state.files.issuperset(files):  # evidence not sent before (the same file sent
        real = numbers = True  # again has a new file id but the same unique id)
        state.files.update(files)
    verdict = judge(words, state.words) if words is not None and not numbers else None
    if verdict is None and words is not None and not numbers:
        now = normalise(words)
        verdict = Flag.REPEATED if any(similar(now, said) for said in state.said) else None
    if words is not None:
        real = real or verdict is None
        state.words = words
        state.said.add(normalise(words))
    return real, verdict
