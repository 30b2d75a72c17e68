"""The response figures (应报, 已报, 按时, 逾时, 未报, 请假, 反馈率), defined once.

The unit of account is an **item** (应报事项): one task owed one answer by one party in one
weekly cycle (:mod:`bot.rhythm.parties`). A task assigned to a 牵头 unit and a 配合 unit is two
items; a unit answers once however many of its members write. The items of a cycle are the
tasks the cycle's prompts asked about, each under the party the asked person answers for (a
deputy's under the party of the colleague on leave). An item is:

- **按时** (on time) when an answer for its party belongs to the cycle and was made before the
  cutoff; **逾时** (late) when its only answers came after the cutoff;
- **未报** (missing) when nobody answered for the party and its prompt went out (or was due);
  **无法送达** (unreachable) when it could not be delivered: also 未报, shown apart;
- **请假** (on leave) when everyone asked for it was on leave with no deputy: not owed.

应报 = 按时 + 逾时 + 未报 + 无法送达; 已报 = 按时 + 逾时; 反馈率 = 已报 ÷ 应报, and no rate
at all ("—") when nothing was owed. Each item counts under one unit (a unit party's own unit, a
person's unit), so the per-unit rows add up to the totals. Follow-up taps and several members'
answers do not add items: a figure counts items, never messages.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import datetime
from enum import StrEnum

from bot.domain.work import Cycle, PromptState, Report
from bot.rhythm.parties import Party, covering_parties, party_of_report
from bot.rhythm.snapshot import TeamSnapshot
from bot.rhythm.units_then import recorded_units


class ItemState(StrEnum):
    """Where one owed answer stands after (or during) its cycle."""

    ON_TIME = "on_time"  # 按时
    LATE = "late"  # 逾时
    MISSING = "missing"  # 未报
    UNREACHABLE = "unreachable"  # 无法送达 (a kind of 未报)
    ON_LEAVE = "on_leave"  # 请假 (not owed)


@dataclass(frozen=True, slots=True)
class Item:
    """One answer owed in a cycle: a task, for one party."""

    cycle_id: str
    measure_id: str
    party: Party
    state: ItemState
    asked: tuple[str, ...]  # the people the cycle asked for it

    @property
    def answered(self) -> bool:
        """按时 or 逾时."""
        return self.state in (ItemState.ON_TIME, ItemState.LATE)


@dataclass(frozen=True, slots=True)
class Tally:
    """Item counts by state, and the figures derived from them."""

    on_time: int = 0
    late: int = 0
    missing: int = 0
    unreachable: int = 0
    on_leave: int = 0

    @property
    def expected(self) -> int:
        """应报: every item owed (on-leave items are not)."""
        return self.on_time + self.late + self.missing + self.unreachable

    @property
    def answered(self) -> int:
        """已报: 按时 + 逾时."""
        return self.on_time + self.late

    @property
    def unanswered(self) -> int:
        """未报, unreachable included."""
        return self.missing + self.unreachable

    @property
    def rate(self) -> float | None:
        """反馈率: 已报 ÷ 应报, None when nothing was owed."""
        return self.answered / self.expected if self.expected else None

    def __add__(self, other: Tally) -> Tally:
        return Tally(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(Tally)))


def tally(items: Iterable[Item]) -> Tally:
    """The counts of ``items`` by state."""
    counts = dict.fromkeys(ItemState, 0)
    for item in items:
        counts[item.state] += 1
    return Tally(
        on_time=counts[ItemState.ON_TIME],
        late=counts[ItemState.LATE],
        missing=counts[ItemState.MISSING],
        unreachable=counts[ItemState.UNREACHABLE],
        on_leave=counts[ItemState.ON_LEAVE],
    )


def in_cycle(report: Report, cycle: Cycle) -> bool:
    """Whether ``report`` belongs to ``cycle``: its ``cycle_id``, or without one (older
    records), made between the cycle's opening and its close."""
    if report.cycle_id is not None:
        return report.cycle_id == cycle.id
    end = cycle.closed_at or cycle.cutoff_at
    return cycle.opened_at <= report.created_at < end


def cycle_reports(
    snapshot: TeamSnapshot, cycle: Cycle, until: datetime | None = None
) -> list[Report]:
    """The reports belonging to ``cycle``, oldest first; with ``until``, only those made by
    then (a view as of a moment counts what was recorded at that moment)."""
    filed = snapshot.reports_by_cycle.get(cycle.id, [])
    older = [r for r in snapshot.reports_by_cycle.get(None, []) if in_cycle(r, cycle)]
    found = sorted((*filed, *older), key=lambda r: r.created_at) if older else list(filed)
    if until is None or not found or found[-1].created_at <= until:
        return found
    return [r for r in found if r.created_at <= until]


def answers_in(
    snapshot: TeamSnapshot, cycle: Cycle, until: datetime | None = None
) -> dict[tuple[str, str], list[Report]]:
    """The cycle's reports (made by ``until``, if given) by (task, party key), oldest first;
    reports of no party left out."""
    found: dict[tuple[str, str], list[Report]] = defaultdict(list)
    known: dict[tuple[str, str, str | None], Party | None] = {}
    for report in cycle_reports(snapshot, cycle, until):
        key = (report.measure_id, report.reporter_id, report.unit_id)
        if key not in known:
            known[key] = party_of_report(snapshot, report, cycle.opened_at)
        party = known[key]
        if party is not None:
            found[(report.measure_id, party.key)].append(report)
    return found


def cycle_items(
    snapshot: TeamSnapshot, cycle: Cycle, until: datetime | None = None
) -> tuple[Item, ...]:
    """Every item the cycle's prompts asked for, in prompt order (see the module docstring),
    as of ``until`` if given: an answer made after it does not count (the monthly review of a
    month sent later, an earlier year's ledger, read as of their moment)."""
    prompts = snapshot.prompts_by_cycle.get(cycle.id, [])
    units = recorded_units(snapshot, cycle.id)  # a move to another unit since: items as asked
    covering = covering_parties(snapshot, cycle.opened_at.date(), cycle.opened_at, units)
    asked: dict[tuple[str, str], tuple[Party, list[str], list[PromptState]]] = {}
    for prompt in prompts:
        for measure_id in prompt.measure_ids:
            party = covering(measure_id, prompt.person_id)
            if party is None:
                continue
            entry = asked.get((measure_id, party.key))
            if entry is None:
                entry = asked[(measure_id, party.key)] = (party, [], [])
            entry[1].append(prompt.person_id)
            entry[2].append(prompt.state)
    answers = answers_in(snapshot, cycle, until)
    items = []
    for (measure_id, key), (party, people, states) in asked.items():
        state = _state(answers.get((measure_id, key), []), states)
        items.append(Item(cycle.id, measure_id, party, state, tuple(people)))
    return tuple(items)


def _state(answers: list[Report], states: list[PromptState]) -> ItemState:
    if answers:
        return ItemState.LATE if all(r.late for r in answers) else ItemState.ON_TIME
    if PromptState.SENT in states or PromptState.PENDING in states:
        return ItemState.MISSING
    if PromptState.UNREACHABLE in states:
        return ItemState.UNREACHABLE
    return ItemState.ON_LEAVE


def by_unit(snapshot: TeamSnapshot, items: Iterable[Item]) -> list[tuple[str | None, Tally]]:
    """Tallies per unit name (None: parties with no unit), lowest rate first, then in the
    team's order of units (the roster's, as the review lists them), those with no unit last."""
    groups: dict[str | None, list[Item]] = defaultdict(list)
    for item in items:
        unit = snapshot.unit_by_id.get(item.party.unit_id or "")
        groups[unit.name if unit else None].append(item)
    place: dict[str | None, int] = {}
    for index, unit in enumerate(snapshot.units):
        place.setdefault(unit.name, index)
    rows = [(name, tally(group)) for name, group in groups.items()]
    return sorted(
        rows, key=lambda row: (row[0] is None, _rate_key(row[1]), place.get(row[0], len(place)))
    )


def _rate_key(counts: Tally) -> float:
    return 2.0 if counts.rate is None else counts.rate


def missing_parties(items: Iterable[Item]) -> list[tuple[Party, int]]:
    """Parties that could answer and have something 未报, with how many items, in order
    (unreachable items are counted in the figures, not named: nobody could be asked)."""
    counts: dict[str, tuple[Party, int]] = {}
    for item in items:
        if item.state is ItemState.MISSING:
            party, count = counts.get(item.party.key, (item.party, 0))
            counts[item.party.key] = (party, count + 1)
    return list(counts.values())
