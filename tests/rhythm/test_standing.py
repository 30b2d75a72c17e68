"""A task's standing: each party's current answer, the 牵头 status, problems and disagreements."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from bot.domain.people import Role
from bot.domain.work import AssigneeRole
from bot.domain.work import ReportStatus as S
from bot.render.rhythm.messages import render_cutoff
from bot.rhythm.digest import disputes
from bot.rhythm.lights import Light, Reason, lights_for
from bot.rhythm.snapshot import TeamSnapshot
from bot.rhythm.standing import combined_status, standing
from bot.rhythm.tasks import task_lines
from tests.factories.snapshots import (
    assign,
    cycle,
    local,
    measure,
    person,
    plan,
    report,
    snapshot,
    unit,
)

W1 = "t1.w20241007"
W2 = "t1.w20241014"


def _county(*reports: Any, **kw: Any) -> TeamSnapshot:
    """m1 led by 县工信局 (p1, p2) and supported by 县发改委 (p3); p4 a leader, l1 his liaison."""
    fields: dict[str, Any] = {
        "plans": (plan(),),
        "units": (unit("u1", "县工信局"), unit("u2", "县发改委")),
        "people": (
            person("p1", "李娜", unit_id="u1"),
            person("p2", "王强", unit_id="u1"),
            person("p3", "赵敏", unit_id="u2"),
            person("p4", "周县长", Role.LEADER),
            person("l1", "小吴", Role.LIAISON, on_behalf_of="p4"),
            person("lead", "督办员", Role.LEAD),
        ),
        "measures": (measure("m1", "抓好党的政治建设"),),
        "assignments": (
            assign("m1", unit_id="u1"),
            assign("m1", unit_id="u2", role=AssigneeRole.CO),
        ),
        "reports": reports,
    }
    fields.update(kw)
    return snapshot(**fields)


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
    """BLOCKED > BEHIND > ON_TRACK; DONE only if every 牵头 party says done."""
    assert combined_status(statuses) is expected


def test_status_is_the_lead_answer_and_a_co_partys_problem_stays_visible() -> None:
    """A 配合 unit's 滞后 with its problem stays in view after the 牵头 unit answers 🟢."""
    snap = _county(
        report("m1", "p3", local(2024, 10, 10, 9), S.BEHIND, cycle_id=W1, problems="资金未到位"),
        report("m1", "p1", local(2024, 10, 10, 15), S.ON_TRACK, cycle_id=W1, progress=60),
    )
    found = standing(snap, "m1")
    assert found.status is S.ON_TRACK
    assert found.progress == 60
    assert found.behind
    assert found.problems == ("资金未到位",)
    assert [(a.party.name, a.status) for a in found.answers] == [
        ("县工信局", S.ON_TRACK),
        ("县发改委", S.BEHIND),
    ]
    verdict = lights_for(snap, local(2024, 10, 12))["m1"]
    assert (verdict.light, Reason.BEHIND in verdict.reasons) == (Light.YELLOW, True)


def test_a_colleagues_done_is_the_units_answer_and_the_disagreement_is_flagged() -> None:
    """Within one unit the latest answer is the unit's; different statuses are flagged."""
    snap = _county(
        report("m1", "p1", local(2024, 10, 10, 9), S.DONE, cycle_id=W1, attachments=("photo:x",)),
        report("m1", "p2", local(2024, 10, 10, 15), S.BLOCKED, cycle_id=W1, problems="停工"),
    )
    found = standing(snap, "m1")
    assert found.status is S.BLOCKED
    assert found.problems == ("停工",)
    (disagreement,) = found.disagreements
    assert disagreement.party.name == "县工信局"
    assert disagreement.statuses == (S.DONE, S.BLOCKED)


def test_one_member_answering_twice_is_no_disagreement() -> None:
    """A member correcting their own answer in the round is not a disagreement."""
    snap = _county(
        report("m1", "p1", local(2024, 10, 10, 9), S.BLOCKED, cycle_id=W1),
        report("m1", "p1", local(2024, 10, 10, 15), S.ON_TRACK, cycle_id=W1),
    )
    assert standing(snap, "m1").disagreements == ()
    assert standing(snap, "m1").status is S.ON_TRACK


def test_an_answer_without_a_status_keeps_the_last_stated_one() -> None:
    """A text-only answer keeps the party's last status; none at all is 未报状态."""
    stated = _county(
        report("m1", "p1", local(2024, 10, 10, 9), S.BEHIND, cycle_id=W1),
        report("m1", "p1", local(2024, 10, 17, 9), None, cycle_id=W2, progress_text="已开工"),
    )
    assert standing(stated, "m1").status is S.BEHIND
    assert standing(stated, "m1").answers[0].report.progress_text == "已开工"
    silent = _county(report("m1", "p1", local(2024, 10, 10, 9), None, problems="问题：停工"))
    assert standing(silent, "m1").status is None


def test_a_co_partys_done_does_not_make_the_task_done() -> None:
    """Only the 牵头 answer sets the status: a 配合 unit's 已完成 leaves it 未报状态."""
    snap = _county(report("m1", "p3", local(2024, 10, 10, 9), S.DONE, cycle_id=W1))
    assert standing(snap, "m1").status is None
    assert not standing(snap, "m1").done


def test_a_problem_clears_when_its_party_answers_again_without_it() -> None:
    """A party's later answer without the problem resolves it; nobody else's answer does."""
    snap = _county(
        report("m1", "p3", local(2024, 10, 10, 9), S.BLOCKED, cycle_id=W1, problems="缺资金"),
        report("m1", "p1", local(2024, 10, 17, 9), S.ON_TRACK, cycle_id=W2),
    )
    assert standing(snap, "m1").blocked
    resolved = _county(
        *snap.reports, report("m1", "p3", local(2024, 10, 17, 10), S.ON_TRACK, cycle_id=W2)
    )
    assert not standing(resolved, "m1").blocked
    assert standing(resolved, "m1").problems == ()


def test_a_repeated_blocked_tap_keeps_the_problem() -> None:
    """Tapping 受阻 again without text, or a text without status, keeps the stated problem."""
    snap = _county(
        report("m1", "p1", local(2024, 10, 10, 9), S.BLOCKED, cycle_id=W1, problems="征地未完成"),
        report("m1", "p1", local(2024, 10, 17, 9), S.BLOCKED, cycle_id=W2),
        report("m1", "p2", local(2024, 10, 17, 10), None, cycle_id=W2, progress_text="协调中"),
    )
    assert standing(snap, "m1").problems == ("征地未完成",)


def test_a_liaison_answers_for_the_leader_and_a_leads_note_is_a_remark() -> None:
    """A liaison's report is the leader's party's; a 督办员's note sets no status."""
    snap = _county(
        report("m1", "l1", local(2024, 10, 10, 9), S.ON_TRACK, on_behalf_of="p4"),
        report("m1", "lead", local(2024, 10, 10, 10), S.DONE),
        assignments=(assign("m1", "p4"),),
    )
    found = standing(snap, "m1")
    assert [a.party.name for a in found.answers] == ["周县长"]
    assert found.status is S.ON_TRACK
    assert [r.author_id for r in found.remarks] == ["lead"]


def test_light_and_digest_line_use_the_standing() -> None:
    """The light is red and the task line shows the blocking problem though the 牵头 is 🟢."""
    c = cycle(date(2024, 10, 7), local(2024, 10, 10, 9), local(2024, 10, 11, 17))
    snap = _county(
        report("m1", "p3", local(2024, 10, 10, 9), S.BLOCKED, cycle_id=c.id, problems="缺资金"),
        report("m1", "p1", local(2024, 10, 10, 15), S.ON_TRACK, cycle_id=c.id, progress=80),
        cycles=(c,),
    )
    (line,) = task_lines(snap, local(2024, 10, 12))
    assert line.light is Light.RED
    assert (line.status, line.progress, line.problems) == (S.ON_TRACK, 80, "缺资金")
    assert (line.lead, line.co) == (("县工信局",), ("县发改委",))
    assert (line.lead_units, line.co_units) == (("县工信局",), ("县发改委",))
    assert line.people == ("李娜", "赵敏")  # each unit's reporter (填报人)


def test_the_cutoff_notice_lists_conflicting_answers_for_the_lead() -> None:
    """At the cutoff the leads read which unit's members stated different statuses."""
    c = cycle(date(2024, 10, 7), local(2024, 10, 10, 9), local(2024, 10, 11, 17))
    snap = _county(
        report("m1", "p1", local(2024, 10, 10, 9), S.DONE, cycle_id=c.id),
        report("m1", "p2", local(2024, 10, 10, 15), S.BLOCKED, cycle_id=c.id),
        cycles=(c,),
    )
    found = disputes(snap, c, local(2024, 10, 11, 17))
    assert [(d.party, d.answers) for d in found] == [
        ("县工信局", (("李娜", "done"), ("王强", "blocked")))
    ]
    text = render_cutoff(c, (), "zh", found).text
    assert "所有人均已反馈" in text
    assert "抓好党的政治建设（县工信局）：李娜报「已完成」、王强报「受阻」" in text
    assert disputes(snap, replace(c, id="t1.w20241014"), local(2024, 10, 18)) == ()
