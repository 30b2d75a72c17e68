"""Traffic lights and 序时进度: the rule table, and facts drawn from a snapshot."""

from __future__ import annotations

from datetime import date

import pytest

from bot.domain.work import CloseoutState, ReportStatus
from bot.rhythm.lights import Light, Reason, TaskFacts, expected_progress, judge, lights_for
from tests.factories.snapshots import (
    assign,
    closeout,
    cycle,
    local,
    measure,
    person,
    plan,
    prompt,
    report,
    snapshot,
)

TODAY = date(2024, 7, 1)  # 182 of 366 days into 2024: 序时进度 50% for a year-long task
YEAR = (date(2024, 1, 1), date(2024, 12, 31))


@pytest.mark.parametrize(
    ("start", "end", "today", "expected"),
    [
        (date(2024, 1, 1), date(2024, 12, 31), date(2024, 7, 1), 50),
        (date(2024, 1, 1), date(2024, 12, 31), date(2023, 12, 1), 0),
        (date(2024, 1, 1), date(2024, 12, 31), date(2025, 1, 1), 100),
        (date(2024, 1, 1), date(2024, 3, 31), date(2024, 2, 15), 50),
        (date(2024, 5, 1), date(2024, 5, 1), date(2024, 5, 1), 100),  # zero-length span
    ],
)
def test_expected_progress(start: date, end: date, today: date, expected: int) -> None:
    """序时进度 is the elapsed share of the span, clamped to 0..100."""
    assert expected_progress(start, end, today) == expected


def _facts(**kw: object) -> TaskFacts:
    fields: dict[str, object] = {"measure_id": "m1", "start": YEAR[0], "end": YEAR[1]}
    fields.update(kw)
    return TaskFacts(**fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("facts", "light", "reasons"),
    [
        (_facts(), Light.GREEN, ()),  # nothing known yet
        (_facts(status=ReportStatus.ON_TRACK, progress=50), Light.GREEN, ()),
        (_facts(status=ReportStatus.ON_TRACK, progress=40), Light.GREEN, ()),  # exactly −10
        (_facts(status=ReportStatus.ON_TRACK, progress=39), Light.YELLOW, (Reason.LAGGING,)),
        (_facts(status=ReportStatus.ON_TRACK, progress=25), Light.YELLOW, (Reason.LAGGING,)),
        (_facts(status=ReportStatus.ON_TRACK, progress=24), Light.RED, (Reason.FAR_BEHIND,)),
        (_facts(status=ReportStatus.BLOCKED, progress=60), Light.RED, (Reason.BLOCKED,)),
        (_facts(status=ReportStatus.BEHIND, progress=60), Light.YELLOW, (Reason.BEHIND,)),
        (_facts(silent_cycles=1), Light.GREEN, ()),
        (_facts(silent_cycles=2), Light.YELLOW, (Reason.SILENT,)),
        # deadline within the 3 warning days (today .. today+3), not done
        (
            _facts(deadline=date(2024, 7, 4), end=date(2024, 7, 4), progress=99),
            Light.YELLOW,
            (Reason.DUE_SOON,),
        ),
        (_facts(deadline=date(2024, 7, 5), end=date(2024, 7, 5), progress=99), Light.GREEN, ()),
        # overdue and not done
        (
            _facts(deadline=date(2024, 6, 30), end=date(2024, 6, 30), progress=100),
            Light.RED,
            (Reason.OVERDUE,),
        ),
        (
            _facts(deadline=date(2024, 6, 30), end=date(2024, 6, 30), progress=10),
            Light.RED,
            (Reason.OVERDUE, Reason.FAR_BEHIND),
        ),
        # reported done: past deadline is fine, awaiting 销号 stays green
        (
            _facts(deadline=date(2024, 6, 30), end=date(2024, 6, 30), status=ReportStatus.DONE),
            Light.GREEN,
            (),
        ),
        (
            _facts(status=ReportStatus.DONE, closeout=CloseoutState.PENDING),
            Light.GREEN,
            (Reason.AWAITING_CLOSEOUT,),
        ),
        (
            _facts(status=ReportStatus.BLOCKED, closeout=CloseoutState.APPROVED),
            Light.CLOSED,
            (Reason.CLOSED,),
        ),
        (_facts(status=ReportStatus.DONE, closeout=CloseoutState.RETURNED), Light.GREEN, ()),
        # several reasons are all kept; the worst decides the colour
        (
            _facts(status=ReportStatus.BEHIND, progress=20, silent_cycles=3),
            Light.RED,
            (Reason.FAR_BEHIND, Reason.BEHIND, Reason.SILENT),
        ),
    ],
)
def test_judge_rule_table(facts: TaskFacts, light: Light, reasons: tuple[Reason, ...]) -> None:
    """The light and its reasons follow the documented rule."""
    verdict = judge(facts, TODAY, warning_days=3)
    assert (verdict.light, verdict.reasons) == (light, reasons)


def test_done_without_number_counts_as_full_progress() -> None:
    """A "done" report without a percentage counts as 100 %."""
    verdict = judge(_facts(status=ReportStatus.DONE), TODAY, 3)
    assert (verdict.progress, verdict.expected, verdict.gap) == (100, 50, -50)


def test_facts_from_snapshot_use_plan_year_latest_number_and_silence() -> None:
    """task_facts takes the plan year, the latest number and cycles asked without a report."""
    m1 = measure("m1", "建设产业园", deadline=date(2024, 12, 31))
    c1 = cycle(date(2024, 6, 10), local(2024, 6, 13, 9), local(2024, 6, 14, 17))
    c2 = cycle(date(2024, 6, 17), local(2024, 6, 20, 9), local(2024, 6, 21, 17))
    snap = snapshot(
        people=[person("p1", "张三")],
        measures=[m1],
        assignments=[assign("m1", "p1")],
        cycles=[c1, c2],
        prompts=[prompt(c1, "p1", ("m1",)), prompt(c2, "p1", ("m1",))],
        reports=[
            report("m1", "p1", local(2024, 5, 1), progress=20),
            report("m1", "p1", local(2024, 6, 1), ReportStatus.BEHIND),  # no number
        ],
    )
    verdicts = lights_for(snap, local(2024, 7, 1, 9))
    assert verdicts["m1"].progress == 20
    assert verdicts["m1"].expected == 50
    assert verdicts["m1"].light is Light.RED
    assert verdicts["m1"].reasons == (Reason.FAR_BEHIND, Reason.BEHIND, Reason.SILENT)


def test_facts_as_of_ignore_later_reports_and_decisions() -> None:
    """Looking back to a date ignores reports and close-out decisions made after it."""
    snap = snapshot(
        people=[person("p1", "张三")],
        measures=[measure("m1", "修路")],
        assignments=[assign("m1", "p1")],
        reports=[report("m1", "p1", local(2024, 6, 20), ReportStatus.DONE)],
        closeouts=[closeout("m1", CloseoutState.APPROVED, local(2024, 6, 25))],
    )
    assert lights_for(snap, local(2024, 7, 1))["m1"].light is Light.CLOSED
    assert lights_for(snap, local(2024, 6, 25, 1))["m1"].reasons == (Reason.AWAITING_CLOSEOUT,)
    assert lights_for(snap, local(2024, 6, 1))["m1"].progress is None


def test_span_without_plan_year_starts_at_assignment() -> None:
    """Without a plan year 序时进度 runs from the first assignment to the deadline."""
    snap = snapshot(
        plans=[plan(year=None)],
        measures=[measure("m1", "修路", deadline=date(2024, 3, 10))],
        assignments=[assign("m1", "p1", assigned_at=local(2024, 1, 10))],
    )
    assert lights_for(snap, local(2024, 2, 9))["m1"].expected == 50


def test_a_closed_task_counts_as_done_whatever_progress_was_last_reported() -> None:
    """销号 approved means the office verified the task done: its progress is 100 in every view
    (the averages of its section and unit included), not the 25 % last reported before it;
    before the approval the reported figure stands."""
    snap = snapshot(
        people=[person("p1", "张三")],
        measures=[measure("m1", "修路")],
        assignments=[assign("m1", "p1")],
        reports=[report("m1", "p1", local(2024, 6, 20), ReportStatus.ON_TRACK, progress=25)],
        closeouts=[closeout("m1", CloseoutState.APPROVED, local(2024, 6, 25))],
    )
    closed = lights_for(snap, local(2024, 7, 1))["m1"]
    assert (closed.light, closed.progress) == (Light.CLOSED, 100)
    assert lights_for(snap, local(2024, 6, 24))["m1"].progress == 25
