"""The tasks as they stood at a moment (任务, as of then): which measures were in the plan.

A view of a past moment (a month's review sent later, an earlier year's ledger, the digest that
went out last week shown again) lists the tasks of its moment: a measure counts from the moment
it entered the plan (:attr:`~bot.domain.plan.Measure.created_at`: the import that brought it,
or the 批示 or meeting decision filed) until it was removed from the plan by a re-import
(``removed_at``), so a plan imported or a task filed later is not in it and a task removed later
still is. Who answered for each task then is read from the assignments in force at the moment
(:func:`bot.rhythm.parties.parties`), its deadline from :mod:`.deadlines`.

What the store does not record, and what is read instead:

- a measure stored before ``created_at`` was kept: a task made from a 批示 or meeting decision
  counts from its ``recorded_at``; a task of the plan counts from the start of the history (its
  import is only in the audit, which views do not read);
- a measure a re-import removed and a later one brought back counts from the moment it first
  came, the time it was out of the plan not kept;
- a re-import that edits a measure in place (its title, section, order) keeps only the new
  text: a view of an earlier moment shows the task under its current title and section.
"""

from __future__ import annotations

from datetime import datetime

from bot.domain.plan import Measure
from bot.rhythm.snapshot import TeamSnapshot


def entered_at(measure: Measure) -> datetime | None:
    """When the measure entered the plan, as the record allows (None: since the start)."""
    if measure.created_at is not None:
        return measure.created_at
    return measure.source.recorded_at if measure.source is not None else None


def in_plan_then(measure: Measure, until: datetime) -> bool:
    """Whether the measure was a task of the plan at ``until``: entered by then and not yet
    removed then."""
    entered = entered_at(measure)
    if entered is not None and entered > until:
        return False
    return measure.removed_at is None or measure.removed_at > until


def measures_then(snapshot: TeamSnapshot, until: datetime) -> tuple[Measure, ...]:
    """The tasks of the plan at ``until``, in plan order (worked out once per moment)."""
    memo = snapshot.memo.setdefault("measures_then", {})
    found: tuple[Measure, ...] | None = memo.get(until)
    if found is None:
        live = (m for m in snapshot.measures if in_plan_then(m, until))
        found = memo[until] = tuple(sorted(live, key=lambda m: (m.plan_id, m.position)))
    return found
