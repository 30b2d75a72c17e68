"""Contract: 包联领导 links and escalation states, identical on every adapter."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.domain.leaders import Escalation, LeaderLink, LinkSource, link_id
from bot.domain.ports import Store
from tests.storage.store_backends import Reopen

TZ = ZoneInfo("Asia/Shanghai")
T0 = datetime(2025, 3, 3, 9, 0, tzinfo=TZ)


def _link(team: str, measure: str | None = None, section: str | None = None) -> LeaderLink:
    return LeaderLink(
        link_id(team, measure, section),
        team,
        "赵县长",
        T0,
        measure,
        section,
        source=LinkSource.IMPORT,
    )


def test_leader_links_are_listed_per_team_and_survive_reopen(store: Store, reopen: Reopen) -> None:
    """A team's task and section links come back for that team only, replaced in place."""
    task, section, other = _link("t1", "M1"), _link("t1", section="一、产业"), _link("t2", "M9")
    for link in (task, section, other):
        store.leader_links.save(link)
    store.leader_links.save(replace(task, name="钱县长", person_id="p7"))
    for current in (store, reopen()):
        assert [(k.id, k.name) for k in current.leader_links.for_team("t1")] == [
            ("t1:t:M1", "钱县长"),
            ("t1:s:一、产业", "赵县长"),
        ]
        assert current.leader_links.get(task.id) == replace(task, name="钱县长", person_id="p7")
        assert [k.id for k in current.leader_links.for_team("t2")] == [other.id]


def test_a_cleared_leader_link_is_gone(store: Store, reopen: Reopen) -> None:
    """Deleting a link forgets it; unknown ids are ignored."""
    store.leader_links.save(_link("t1", "M1"))
    store.leader_links.delete("t1:t:M1")
    store.leader_links.delete("unknown")
    for current in (store, reopen()):
        assert current.leader_links.get("t1:t:M1") is None
        assert list(current.leader_links.for_team("t1")) == []


def test_escalation_states_are_kept_per_task(store: Store, reopen: Reopen) -> None:
    """A task's escalation state is replaced in place and listed under its team."""
    first = Escalation("M1", "t1", "red", T0, 1, "p7", ("blocked",))
    store.escalations.save(first)
    store.escalations.save(Escalation("M2", "t2", "yellow", T0))
    store.escalations.save(replace(first, light="yellow", notified_at=T0))
    for current in (store, reopen()):
        (state,) = current.escalations.for_team("t1")
        assert state == replace(first, light="yellow", notified_at=T0)
        assert current.escalations.get("M2") is not None
