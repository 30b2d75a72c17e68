"""The tasks of the plan at a moment (:mod:`bot.rhythm.plan_then`), as the record allows."""

from __future__ import annotations

from datetime import date, timedelta

from bot.domain.plan import Revision, SourceKind, TaskSource
from bot.domain.work import ExtensionState
from bot.rhythm.deadlines import deadline_then
from bot.rhythm.plan_then import measures_then
from bot.rhythm.review import monthly_review
from bot.rhythm.tasks import task_lines
from tests.factories import entities as e
from tests.factories.snapshots import TEAM, local, measure, snapshot

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


def test_a_task_reads_as_worded_then_and_an_extension_after_the_reword_is_undone_once() -> None:
    """A measure a re-import rewrote mid-month reads before it with the title, section and
    deadline it replaced; an extension asked and approved after the re-import moves back to
    the re-import's deadline between the two, and to the replaced one before the re-import."""
    was = Revision(MID, "旧任务", "旧正文", "一、产业发展", deadline=date(2024, 11, 30))
    extended = measure(
        "a", "新任务", section="二、项目建设", deadline=date(2025, 3, 31),
        original_deadline=date(2024, 12, 31), extensions=1, revisions=(was,),
    )  # fmt: skip
    decided = local(2024, 11, 20, 10)
    approved = e.extension(
        team_id=TEAM, measure_id="a", requested_at=local(2024, 11, 18), decided_at=decided,
        state=ExtensionState.APPROVED, old_deadline=date(2024, 12, 31),
        new_deadline=date(2025, 3, 31),
    )  # fmt: skip
    snap = snapshot(measures=[extended], extensions=[approved])
    (before,) = measures_then(snap, MID - timedelta(seconds=1))
    assert (before.title, before.body, before.section) == ("旧任务", "旧正文", "一、产业发展")
    assert [m.title for m in measures_then(snap, MID)] == ["新任务"]
    assert deadline_then(snap, extended, MID - timedelta(seconds=1)).deadline == date(2024, 11, 30)
    assert deadline_then(snap, extended, decided - timedelta(seconds=1)).deadline == date(
        2024, 12, 31
    )
    assert deadline_then(snap, extended, decided).deadline == date(2025, 3, 31)
    assert [line.deadline for line in task_lines(snap, MID - timedelta(seconds=1))] == [
        date(2024, 11, 30)
    ]
