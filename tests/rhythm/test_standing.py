"""A task's standing with several assignees: the worst latest answer, every problem."""

from __future__ import annotations

from datetime import date

import pytest

from bot.domain.work import ReportStatus as S
from bot.rhythm.digest import task_line
from bot.rhythm.lights import Light, lights_for
from bot.rhythm.standing import combined_status, standing

from .factories import cycle, local, measure, plan, report, snapshot

W1 = "t1.w20241007"
W2 = "t1.w20241014"


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [
        ((), None),
        ((S.ON_TRACK,), S.ON_TRACK),
        ((S.BLOCKED, S.ON_TRACK), S.BLOCKED),
        ((S.ON_TRACK, S.BEHIND), S.BEHIND),
        ((S.BEHIND, S.BLOCKED, S.DONE), S.BLOCKED),
        ((S.DONE, S.ON_TRACK), S.ON_TRACK),
        ((S.DONE, S.DONE), S.DONE),
    ],
)
def test_combined_status_is_the_worst_and_done_only_when_all_agree(
    statuses: tuple[S, ...], expected: S | None
) -> None:
    """BLOCKED > BEHIND > ON_TRACK; DONE only if every reporter says done."""
    assert combined_status(statuses) is expected


def test_a_colleagues_later_green_does_not_hide_a_blocked_report() -> None:
    """In one cycle, p1's 受阻 then p2's 🟢 leaves the task blocked, with p1's problem."""
    reports = [
        report("m1", "p1", local(2024, 10, 10, 9), S.BLOCKED, cycle_id=W1, problems="缺资金"),
        report("m1", "p2", local(2024, 10, 10, 15), S.ON_TRACK, cycle_id=W1, problems="用地"),
    ]
    found = standing(reports)
    assert found.status is S.BLOCKED
    assert found.problems == ("缺资金", "用地")


def test_each_reporters_latest_counts_and_a_liaison_speaks_for_the_principal() -> None:
    """A reporter's own later answer replaces theirs; a liaison's report is the principal's."""
    reports = [
        report("m1", "p1", local(2024, 10, 10, 9), S.BLOCKED, cycle_id=W1, problems="缺资金"),
        report("m1", "p2", local(2024, 10, 10, 10), S.DONE, cycle_id=W1),
        report("m1", "l1", local(2024, 10, 10, 11), S.DONE, cycle_id=W1, on_behalf_of="p1"),
    ]
    found = standing(reports)
    assert found.status is S.DONE
    assert found.problems == ()
    assert len(found.reports) == 2


def test_only_the_latest_cycle_counts() -> None:
    """Last week's 受阻 does not carry into this week's round."""
    reports = [
        report("m1", "p1", local(2024, 10, 10, 9), S.BLOCKED, cycle_id=W1),
        report("m1", "p2", local(2024, 10, 17, 9), S.ON_TRACK, cycle_id=W2),
    ]
    assert standing(reports).status is S.ON_TRACK


def test_light_and_digest_line_use_the_standing() -> None:
    """The light is red and the digest lists both problems though the latest report is 🟢."""
    c = cycle(date(2024, 10, 7), local(2024, 10, 10, 9), local(2024, 10, 11, 17))
    problem = "缺资金"
    m = measure("m1", "建设产业园")
    snap = snapshot(
        plans=(plan(),),
        measures=(m,),
        cycles=(c,),
        reports=(
            report("m1", "p1", local(2024, 10, 10, 9), S.BLOCKED, cycle_id=c.id, problems=problem),
            report("m1", "p2", local(2024, 10, 10, 15), S.ON_TRACK, cycle_id=c.id, progress=80),
        ),
    )
    now = local(2024, 10, 12)
    verdict = lights_for(snap, now)["m1"]
    assert verdict.light is Light.RED
    line = task_line(snap, m, verdict, now)
    assert line.status is S.BLOCKED
    assert line.problems == "缺资金"
