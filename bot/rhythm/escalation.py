"""包联领导 of a task and escalation on red (提请包联领导关注), as pure decisions.

A task's 包联领导 is its own link, else its section's (:class:`~bot.domain.leaders.LeaderLink`).
A link names a leader: the matched person, else the active ``Role.LEADER`` person of the team
with that name (a name kept as text is matched as soon as such a leader exists).

When a task's light (from :func:`bot.rhythm.lights.lights_for`, never recomputed) is red and its
escalation state is not, its 包联领导 is told once (:attr:`Step.NOTIFY`); a red state whose notice
was claimed but never confirmed is sent again under the same key (:attr:`Step.RESEND`: the outbox
skips it if it went out); a red state whose task is no longer red is reset (:attr:`Step.RESET`),
so the next red is told again. A task with no 包联领导, or one who cannot be told now (not joined,
unreachable, on leave without a deputy), waits: nothing is recorded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from bot.domain.leaders import Escalation, LeaderLink
from bot.domain.people import Person, Role
from bot.domain.plan import Measure, SourceKind
from bot.rhythm.dispatch import reachable
from bot.rhythm.lights import Light, Verdict
from bot.rhythm.plan_then import as_then
from bot.rhythm.snapshot import TeamSnapshot

RED = Light.RED.value


@dataclass(frozen=True, slots=True)
class LeaderRef:
    """A task's 包联领导: the link's name, the person once matched, and through what."""

    name: str
    person: Person | None
    link: LeaderLink

    @property
    def via_section(self) -> bool:
        """Inherited from the task's section."""
        return self.link.section is not None


def match_leader(people: tuple[Person, ...], link: LeaderLink) -> Person | None:
    """The leader a link names: its matched person, else an active leader of that name."""
    leaders = [p for p in people if p.active and p.role is Role.LEADER]
    by_id = next((p for p in leaders if p.id == link.person_id), None)
    wanted = link.name.replace(" ", "")
    return by_id or next((p for p in leaders if p.name.replace(" ", "") == wanted), None)


def leader_of(snapshot: TeamSnapshot, measure: Measure) -> LeaderRef | None:
    """The task's 包联领导: its own link, else its section's; None without either."""
    own = next((k for k in snapshot.leader_links if k.measure_id == measure.id), None)
    section = next(
        (k for k in snapshot.leader_links if k.section and k.section == measure.section), None
    )
    link = own or section
    if link is None:
        return None
    return LeaderRef(link.name, match_leader(snapshot.people, link), link)


class Step(StrEnum):
    """What to do about one task's escalation now."""

    NOTIFY = "notify"  # turned red: claim the next spell and tell the 包联领导
    RESEND = "resend"  # a claimed notice not confirmed: send again under the same key
    RESET = "reset"  # left red: remember it, so the next red is told again


@dataclass(frozen=True, slots=True)
class Decision:
    """One task's escalation step, with its light and the leader to tell (and through whom)."""

    step: Step
    measure: Measure
    verdict: Verdict
    leader: LeaderRef | None = None
    recipient: Person | None = None  # the leader, or their deputy while on leave
    state: Escalation | None = None


def decide(snapshot: TeamSnapshot, verdicts: dict[str, Verdict], now: datetime) -> list[Decision]:
    """Every task's escalation step at ``now`` (tasks needing none are left out)."""
    states = {e.id: e for e in snapshot.escalations}
    decisions: list[Decision] = []
    for measure in snapshot.active_measures:
        verdict = verdicts.get(measure.id)
        if verdict is None:
            continue
        state = states.get(measure.id)
        was_red = state is not None and state.light == RED
        if verdict.light is not Light.RED:
            if was_red:
                decisions.append(Decision(Step.RESET, measure, verdict, state=state))
            continue
        if was_red and state is not None and state.notified_at is not None:
            continue
        leader = leader_of(snapshot, measure)
        recipient = _recipient(snapshot, leader, now)
        if recipient is None:
            continue
        step = Step.RESEND if was_red else Step.NOTIFY
        decisions.append(Decision(step, measure, verdict, leader, recipient, state))
    return decisions


def _recipient(snapshot: TeamSnapshot, leader: LeaderRef | None, now: datetime) -> Person | None:
    if leader is None or leader.person is None:
        return None
    leave = snapshot.on_leave(leader.person.id, now)
    chosen = snapshot.person_by_id.get(leave.deputy_id or "") if leave else leader.person
    return chosen if chosen is not None and reachable(chosen) else None


@dataclass(frozen=True, slots=True)
class Escalated:
    """A task whose 包联领导 was told it turned red (已提请包联领导关注), for the leads' digest."""

    measure_id: str
    title: str
    leader: str
    at: datetime
    source: SourceKind | None = None  # the task's 批示 / 会议决定事项 mark


def escalated_since(
    snapshot: TeamSnapshot, since: datetime, until: datetime | None = None
) -> tuple[Escalated, ...]:
    """The tasks escalated (and told) at or after ``since`` (and by ``until``), oldest first."""
    found = []
    for state in sorted(snapshot.escalations, key=lambda e: e.notified_at or since):
        measure = snapshot.measure_by_id.get(state.id)
        told = state.notified_at
        if measure is None or told is None or told < since or (until and told > until):
            continue
        measure = as_then(measure, until) if until is not None else measure  # as worded then
        leader = leader_of(snapshot, measure)
        leader_name = leader.name if leader else ""
        found.append(Escalated(measure.id, measure.name, leader_name, told, measure.source_kind))
    return tuple(found)
