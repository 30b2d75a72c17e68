"""包联领导 and escalation on red: whose leader a task has, and when the leader is told."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from bot.domain.leaders import Escalation, LeaderLink, link_id
from bot.domain.people import Role
from bot.domain.work import ReportStatus
from bot.rhythm.escalation import Step, decide, escalated_since, leader_of
from bot.rhythm.lights import lights_for
from bot.rhythm.snapshot import TeamSnapshot
from tests.factories.snapshots import TEAM, assign, leave, local, measure, person, report, snapshot

NOW = local(2024, 3, 7, 10)


def _link(name: str, mid: str | None = None, section: str | None = None) -> LeaderLink:
    return LeaderLink(link_id(TEAM, mid, section), TEAM, name, local(2024, 1, 5), mid, section)


def _world(*links: LeaderLink, status: ReportStatus = ReportStatus.BLOCKED) -> TeamSnapshot:
    return snapshot(
        people=[
            person("p1", "李娜"),
            person("p5", "赵县长", Role.LEADER),
            person("p6", "钱县长", Role.LEADER),
        ],
        measures=[
            measure("m1", "加快园区建设", section="一、产业"),
            measure("m2", "强化招商引资", section="一、产业"),
        ],
        assignments=[assign("m1", "p1"), assign("m2", "p1")],
        reports=[report("m1", "p1", local(2024, 3, 6, 9), status)],
        leader_links=list(links),
    )


def _steps(snap: TeamSnapshot) -> list[tuple[Step, str, str | None]]:
    decisions = decide(snap, lights_for(snap, NOW), NOW)
    return [(d.step, d.measure.id, d.recipient.id if d.recipient else None) for d in decisions]


def test_a_tasks_own_link_overrides_its_sections() -> None:
    """The section's leader covers its tasks; a task's own link wins; names match leaders."""
    snap = _world(_link("赵县长", section="一、产业"), _link("钱县长", mid="m2"))
    first, second = (leader_of(snap, m) for m in snap.measures)
    assert first is not None
    assert (first.name, first.via_section, first.person and first.person.id) == (
        "赵县长",
        True,
        "p5",
    )
    assert second is not None
    assert (second.name, second.via_section) == ("钱县长", False)


def test_a_name_not_in_the_roster_stays_text_until_matched() -> None:
    """An unmatched name is kept (no person), and matched once a leader of that name exists."""
    snap = _world(_link("孙书记", mid="m1"))
    found = leader_of(snap, snap.measures[0])
    assert found is not None
    assert found.person is None
    joined = replace(snap, people=(*snap.people, person("p9", "孙书记", Role.LEADER)))
    matched = leader_of(joined, joined.measures[0])
    assert matched is not None
    assert matched.person is not None


def test_red_notifies_the_leader_once_per_turn_to_red() -> None:
    """Turning red notifies; a confirmed red state stays quiet; leaving red resets."""
    snap = _world(_link("赵县长", mid="m1"))
    assert _steps(snap) == [(Step.NOTIFY, "m1", "p5")]
    told = Escalation("m1", TEAM, "red", NOW, 1, "p5", notified_at=NOW)
    assert _steps(replace(snap, escalations=(told,))) == []
    claimed = replace(told, notified_at=None)
    assert _steps(replace(snap, escalations=(claimed,))) == [(Step.RESEND, "m1", "p5")]
    greener = _world(_link("赵县长", mid="m1"), status=ReportStatus.ON_TRACK)
    assert _steps(replace(greener, escalations=(told,))) == [(Step.RESET, "m1", None)]
    reset = replace(told, light="green")
    assert _steps(replace(snap, escalations=(reset,))) == [(Step.NOTIFY, "m1", "p5")]


def test_no_leader_or_no_way_to_tell_means_nothing() -> None:
    """No link, an unmatched name, a leader who blocked the bot or on leave without a deputy:
    nothing is decided (the task waits); with a deputy, the deputy is told."""
    assert _steps(_world()) == []
    assert _steps(_world(_link("孙书记", mid="m1"))) == []
    snap = _world(_link("赵县长", mid="m1"))
    blocked = replace(snap.people[1], unreachable_since=NOW)
    assert _steps(replace(snap, people=(snap.people[0], blocked, snap.people[2]))) == []
    away = leave("p5", date(2024, 3, 1), date(2024, 3, 9))
    assert _steps(replace(snap, leaves=(away,))) == []
    covered = replace(away, deputy_id="p6")
    assert _steps(replace(snap, leaves=(covered,))) == [(Step.NOTIFY, "m1", "p6")]


def test_the_digest_lists_what_was_escalated_since() -> None:
    """Escalations told at or after a moment are listed with the leader's name."""
    told = Escalation("m1", TEAM, "red", NOW, 1, "p5", notified_at=NOW)
    snap = replace(_world(_link("赵县长", mid="m1")), escalations=(told,))
    assert [(e.title, e.leader) for e in escalated_since(snap, local(2024, 3, 4))] == [
        ("加快园区建设", "赵县长")
    ]
    assert escalated_since(snap, local(2024, 3, 8)) == ()
