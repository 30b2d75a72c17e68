"""A task's deadline and extension request as they stood at a moment (延期, as of then).

Approving an extension moves the measure's deadline in the store (:class:`~bot.domain.work.
Extension`); a view as of an earlier moment (a month's review sent later, an earlier year's
ledger) must judge the deadline then in force and the request then awaiting a decision, so that
what a view shows never depends on what was decided after its moment.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from bot.domain.plan import Measure
from bot.domain.work import Extension, ExtensionState
from bot.rhythm.plan_then import revision_then, worded
from bot.rhythm.snapshot import TeamSnapshot


def deadline_then(snapshot: TeamSnapshot, measure: Measure, until: datetime) -> Measure:
    """``measure`` with its deadline and extensions as they stood at ``until``: as it read then
    (:func:`~bot.rhythm.plan_then.as_then`, a deadline a later re-import rewrote), and
    extensions approved after it undone (the deadline back to the one in force when the first
    of them was asked); an extension approved after the re-import is not in the wording it
    replaced, so is not undone twice."""
    was = revision_then(measure, until)
    measure = worded(measure, was)
    later = sorted(
        (
            x
            for x in snapshot.extensions_by_measure.get(measure.id, ())
            if x.state is ExtensionState.APPROVED
            and x.decided_at is not None
            and x.decided_at > until
        ),
        key=lambda x: x.requested_at,
    )
    if not later:
        return measure
    undone = [x for x in later if was is None or (x.decided_at and x.decided_at <= was.until)]
    return replace(
        measure,
        deadline=undone[0].old_deadline if undone else measure.deadline,
        extensions=max(measure.extensions - len(later), 0),
    )


def asked_then(snapshot: TeamSnapshot, measure_id: str, until: datetime) -> Extension | None:
    """The measure's extension request awaiting a decision at ``until``: asked by then and not
    yet decided then."""
    return next(
        (
            x
            for x in snapshot.extensions_by_measure.get(measure_id, ())
            if x.requested_at <= until and not _decided(x, until)
        ),
        None,
    )


def _decided(extension: Extension, until: datetime) -> bool:
    """Whether the request had been decided at ``until``."""
    if extension.state is ExtensionState.PENDING:
        return False
    return extension.decided_at is None or extension.decided_at <= until
