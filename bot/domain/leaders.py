"""包联领导 (the leader in charge of a task or a section) and escalation on red (提请关注).

A :class:`LeaderLink` ties a task or a whole section of a plan to a leader: a ``Role.LEADER``
person of the team, or a name not yet in the team, kept as text until a leader of that name
joins (it is matched whenever it is read). A task's own link overrides its section's.

An :class:`Escalation` is the last light a task was escalated with: the 包联领导 is told once
each time the task turns red, never again while it stays red (across restarts and processes:
the record is claimed in the store before the notice goes out).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class LinkSource(StrEnum):
    """Where a leader link came from."""

    IMPORT = "import"  # the plan's 责任领导
    LEAD = "lead"  # set by a lead with /leader


def link_id(team_id: str, measure_id: str | None, section: str | None) -> str:
    """The id of the team's link of one task (``t:``) or one section (``s:``)."""
    target = f"t:{measure_id}" if measure_id is not None else f"s:{section}"
    return f"{team_id}:{target}"


@dataclass(frozen=True, slots=True)
class LeaderLink:
    """One task's or one section's 包联领导 (exactly one of ``measure_id`` and ``section``)."""

    id: str
    team_id: str
    name: str  # the leader's name as given (the plan's text or the lead's)
    set_at: datetime
    measure_id: str | None = None
    section: str | None = None
    person_id: str | None = None  # the matched leader, None until a leader of that name joins
    source: LinkSource = LinkSource.LEAD
    set_by: str | None = None  # the lead's person id


@dataclass(frozen=True, slots=True)
class Escalation:
    """A task's escalation state (id: the measure's): the light it was last seen with when that
    light mattered (red, or the first light after red), and the notice of its latest red spell."""

    id: str  # the measure id
    team_id: str
    light: str  # ``red`` while escalated; the next light once it left red
    changed_at: datetime
    spell: int = 0  # how many times it turned red and was escalated (keys the notice)
    leader_id: str | None = None  # who was told
    reasons: tuple[str, ...] = ()
    notified_at: datetime | None = None  # None: claimed, the notice not yet confirmed
    delivered: bool = True
