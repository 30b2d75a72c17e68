"""Follow-up decisions: answers, non-responders, reminders (催办) and deadline notices."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest

from bot.domain.work import ReminderKind, ReportStatus
from bot.rhythm.followup import (
    deadline_notices,
    manual_reminder,
    non_responders,
    plan_auto_reminders,
    progress_of,
)
from tests.factories.office import cycle_world, opened_cycle, world
from tests.factories.snapshots import leave, local, reminder, report

CYCLE = opened_cycle()


def test_progress_of_counts_cycle_reports_by_author() -> None:
    """Answers are the prompted person's reports in the cycle, with or without a cycle id."""
    progress = {p.prompt.person_id: p for p in progress_of(cycle_world(), CYCLE)}
    assert progress["p1"].answered == ("m9", "m1", "m5")
    assert progress["p1"].outstanding == ("m2",)
    assert progress["p5"].responded is False


def test_liaison_report_on_behalf_counts_for_the_prompt() -> None:
    """A liaison's report (author p5, for p4) answers p5's prompt, and is marked late."""
    late = report(
        "m3", "p5", local(2024, 10, 12, 9), cycle_id=CYCLE.id, on_behalf_of="p4", late=True
    )
    snap = cycle_world()
    snap = replace(snap, reports=(*snap.reports, late))
    progress = {p.prompt.person_id: p for p in progress_of(snap, CYCLE)}
    assert progress["p5"].answered == ("m3",)
    assert progress["p5"].late is True


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (local(2024, 10, 11, 16), []),  # before the cutoff nobody is a non-responder yet
        (local(2024, 10, 11, 17), ["p5"]),  # p6 unreachable and p2 skipped are not counted
    ],
)
def test_non_responders(now: datetime, expected: list[str]) -> None:
    """After the cutoff, people sent a prompt who answered nothing."""
    assert non_responders(cycle_world(), CYCLE, now) == expected


def test_auto_reminders_go_to_outstanding_people() -> None:
    """The automatic round reminds people with unanswered tasks, about those tasks."""
    plans = plan_auto_reminders(cycle_world(), CYCLE, local(2024, 10, 11, 13))
    assert [(p.person_id, p.measure_ids, p.kind) for p in plans] == [
        ("p1", ("m2",), ReminderKind.AUTO),
        ("p5", ("m3",), ReminderKind.AUTO),
    ]


@pytest.mark.parametrize(
    ("reminders", "leaves", "expected"),
    [
        # p5 had one auto reminder in this cycle already: the round is not repeated
        (
            [reminder("p5", ReminderKind.AUTO, local(2024, 10, 11, 13), cycle_id=CYCLE.id)],
            [],
            ["p1"],
        ),
        # manual 催办 does not count against the automatic reminders
        (
            [
                reminder("p5", ReminderKind.MANUAL, local(2024, 10, 10, 15), cycle_id=CYCLE.id),
                reminder("p5", ReminderKind.MANUAL, local(2024, 10, 11, 10), cycle_id=CYCLE.id),
            ],
            [],
            ["p1", "p5"],
        ),
        # one manual reminder is below the cap
        (
            [reminder("p5", ReminderKind.MANUAL, local(2024, 10, 10, 15), cycle_id=CYCLE.id)],
            [],
            ["p1", "p5"],
        ),
        # a reminder in another cycle does not count
        (
            [reminder("p5", ReminderKind.AUTO, local(2024, 10, 4, 13), cycle_id="t1.w20240930")],
            [],
            ["p1", "p5"],
        ),
        # p1 went on leave on the reminder day
        ([], [leave("p1", date(2024, 10, 11), date(2024, 10, 12))], ["p5"]),
    ],
)
def test_auto_reminder_limits(
    reminders: list[object], leaves: list[object], expected: list[str]
) -> None:
    """Auto reminders run once a round, ignore manual 催办, and skip people on leave."""
    snap = cycle_world(reminders=tuple(reminders))
    snap = replace(snap, leaves=(*snap.leaves, *leaves))
    plans = plan_auto_reminders(snap, CYCLE, local(2024, 10, 11, 13))
    assert [p.person_id for p in plans] == expected


def test_no_auto_reminders_after_cutoff_or_close() -> None:
    """After the cutoff, or once the cycle is closed, there is no automatic round."""
    assert plan_auto_reminders(cycle_world(), CYCLE, local(2024, 10, 11, 17)) == []
    closed = replace(CYCLE, closed_at=local(2024, 10, 11, 12))
    assert (
        plan_auto_reminders(cycle_world(cycles=(closed,)), closed, local(2024, 10, 11, 13)) == []
    )


@pytest.mark.parametrize(
    ("minutes_ago", "allowed", "retry"),
    [
        (None, True, timedelta(0)),
        (3, False, timedelta(minutes=2)),
        (5, True, timedelta(0)),
        (60, True, timedelta(0)),
    ],
)
def test_manual_reminder_throttle(
    minutes_ago: int | None, allowed: bool, retry: timedelta
) -> None:
    """A manual 催办 reaches one person at most once per 5 minutes."""
    now = local(2024, 10, 11, 10)
    sent = (
        []
        if minutes_ago is None
        else [reminder("p1", ReminderKind.MANUAL, now - timedelta(minutes=minutes_ago))]
    )
    decision = manual_reminder(world(reminders=tuple(sent)), "p1", now)
    assert (decision.allowed, decision.retry_after) == (allowed, retry)


def test_deadline_notices_once_each() -> None:
    """Deadline warnings and overdue notices go once per person and task."""
    now = local(2024, 10, 12, 9)
    notices = {(n.person_id, n.measure_ids, n.kind) for n in deadline_notices(world(), now)}
    assert notices == {
        ("p1", ("m1",), ReminderKind.DEADLINE),  # due 10-15, within 3 days
        ("p1", ("m9",), ReminderKind.OVERDUE),  # due 10-01
    }
    sent = (reminder("p1", ReminderKind.DEADLINE, now, measure_id="m1"),)
    again = deadline_notices(world(reminders=sent), now)
    assert [(n.measure_ids, n.kind) for n in again] == [(("m9",), ReminderKind.OVERDUE)]


def test_deadline_notice_skips_done_and_goes_to_deputy() -> None:
    """A task reported done gets no notice; a person on leave's notice goes to the deputy."""
    now = local(2024, 10, 12, 9)
    done = report("m9", "p1", local(2024, 10, 2), ReportStatus.DONE)
    away = leave("p1", date(2024, 10, 12), date(2024, 10, 13), deputy_id="p2")
    snap = world()
    snap = replace(snap, reports=(*snap.reports, done), leaves=(*snap.leaves, away))
    notices = [(n.person_id, n.measure_ids, n.kind) for n in deadline_notices(snap, now)]
    assert notices == [("p2", ("m1",), ReminderKind.DEADLINE)]


def test_later_rounds_remind_again_up_to_the_cap() -> None:
    """A second round reminds again; once reminders_per_cycle automatic ones went, no more."""
    first = reminder("p5", ReminderKind.AUTO, local(2024, 10, 11, 13), cycle_id=CYCLE.id)
    snap = cycle_world(reminders=(first,))
    second_round = local(2024, 10, 11, 15)
    plans = plan_auto_reminders(snap, CYCLE, second_round, second_round)
    assert [p.person_id for p in plans] == ["p1", "p5"]
    second = reminder("p5", ReminderKind.AUTO, second_round, cycle_id=CYCLE.id)
    capped = replace(
        snap, settings=replace(snap.settings, reminders_per_cycle=2), reminders=(first, second)
    )
    later = local(2024, 10, 11, 16)
    assert "p5" not in [p.person_id for p in plan_auto_reminders(capped, CYCLE, later, later)]
    assert [p.person_id for p in plan_auto_reminders(capped, CYCLE, later, second_round)] == ["p1"]
