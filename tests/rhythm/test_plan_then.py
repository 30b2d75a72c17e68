"""The tasks of the plan at a moment (:mod:`bot.rhythm.plan_then`), as the record allows."""

from __future__ import annotations

from datetime import timedelta

from bot.domain.plan import SourceKind, TaskSource
from bot.rhythm.plan_then import measures_then
from bot.rhythm.review import monthly_review
from tests.factories.snapshots import local, measure, snapshot

MID = local(2024, 11, 13, 15)
REVIEW = local(2024, 11, 29, 16)


def test_a_task_counts_from_when_it_entered_the_plan_until_its_removal() -> None:
    """Before its import a task is not listed, after its removal it is not; in between it is."""
    snap = snapshot(
        measures=[
            measure("a", "原有任务", position=0),
            measure("b", "新增任务", position=1, created_at=MID),
            measure("c", "删除任务", position=2, removed_at=MID),
        ]
    )
    assert [m.id for m in measures_then(snap, MID - timedelta(seconds=1))] == ["a", "c"]
    assert [m.id for m in measures_then(snap, MID)] == ["a", "b"]


def test_an_instruction_recorded_before_created_at_was_kept_counts_from_its_record() -> None:
    """A 批示's task stored without ``created_at`` counts from its source's ``recorded_at``; a
    task of the plan stored without it counts from the start of the history."""
    source = TaskSource(SourceKind.INSTRUCTION, "抓紧推进", recorded_at=MID)
    snap = snapshot(measures=[measure("a", "原有任务"), measure("i", "批示任务", source=source)])
    assert [m.id for m in measures_then(snap, local(2000, 1, 1))] == ["a"]
    assert [m.id for m in measures_then(snap, MID)] == ["a", "i"]


def test_the_reviews_start_of_month_leaves_out_tasks_that_entered_later() -> None:
    """A task imported mid-month is in the review's count now, has no colour change and no
    number at the month's start; the month's previous progress is over the tasks then."""
    snap = snapshot(measures=[measure("a", "原有任务"), measure("b", "新增任务", created_at=MID)])
    review = monthly_review(snap, REVIEW)
    assert review.tasks == 2
    assert review.changes == ()
    assert monthly_review(snap, MID - timedelta(minutes=1)).tasks == 1
