"""The tasks as they stood at a moment (任务, as of then): which measures were in the plan.

A view of a past moment (a month's review sent later, an earlier year's ledger, the digest that
went out last week shown again) lists the tasks of its moment: a measure counts from the moment
it entered the plan (:attr:`~bot.domain.plan.Measure.created_at`: the import that brought it,
or the 批示 or meeting decision filed) until it was removed from the plan by a re-import
(``removed_at``), so a plan imported or a task filed later is not in it and a task removed later
still is. Who answered for each task then is read from the assignments in force at the moment
(:func:`bot.rhythm.parties.parties`), its deadline from :mod:`.deadlines`. A task a re-import
rewrote in place reads as it did then (:func:`as_then`): its title, body, section, deadline and
indicators from the :class:`~bot.domain.plan.Revision` in force at the moment, if any.

What the store does not record, and what is read instead:

- a measure stored before ``created_at`` was kept: a task made from a 批示 or meeting decision
  counts from its ``recorded_at``; a task of the plan counts from the start of the history (its
  import is only in the audit, which views do not read);
- a measure a re-import removed and a later one brought back counts from the moment it first
  came, the time it was out of the plan not kept;
- a re-import that rewrote a measure before its wording was kept (``revisions``), and a change
  of its order in the plan, keep only the new: a view of an earlier moment shows those as now.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from bot.domain.plan import Measure, Revision
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


def revision_then(measure: Measure, until: datetime) -> Revision | None:
    """The wording a re-import later replaced that was in force at ``until`` (None: the
    measure read then as it reads now)."""
    return next((r for r in measure.revisions if r.until > until), None)


def as_then(measure: Measure, until: datetime) -> Measure:
    """``measure`` as it read at ``until``: title, body, section, deadline and indicators from
    the revision then in force (the measure itself when none was rewritten since)."""
    if not measure.revisions:
        return measure
    return worded(measure, revision_then(measure, until))


def worded(measure: Measure, was: Revision | None) -> Measure:
    """``measure`` worded as the revision ``was`` (itself for None)."""
    if was is None:
        return measure
    return replace(
        measure, title=was.title, body=was.body, section=was.section, part=was.part,
        deadline_raw=was.deadline_raw, deadline=was.deadline, indicators=was.indicators,
        marks=was.marks,
    )  # fmt: skip


def measure_then(snapshot: TeamSnapshot, measure_id: str, until: datetime) -> Measure | None:
    """The measure ``measure_id`` as it read at ``until`` (:func:`as_then`), removed or not."""
    measure = snapshot.measure_by_id.get(measure_id)
    return as_then(measure, until) if measure is not None else None


def measures_then(snapshot: TeamSnapshot, until: datetime) -> tuple[Measure, ...]:
    """The tasks of the plan at ``until``, in plan order, each as it read then (worked out once
    per moment)."""
    memo = snapshot.memo.setdefault("measures_then", {})
    found: tuple[Measure, ...] | None = memo.get(until)
    if found is None:
        live = (as_then(m, until) for m in snapshot.measures if in_plan_then(m, until))
        found = memo[until] = tuple(sorted(live, key=lambda m: (m.plan_id, m.position)))
    return found
