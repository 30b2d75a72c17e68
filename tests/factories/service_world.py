"""A small team world for service tests: people of every role, a plan, two teams."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from itertools import count

from bot.domain.clock import ManualClock
from bot.domain.people import Person, Role, Team, Unit
from bot.domain.plan import Indicator, Measure, Plan
from bot.services import Actor, Services
from storage.memory import MemoryStore
from tests.factories import entities as e
from tests.factories.settings import TZ

START = datetime(2024, 3, 4, 9, 0, tzinfo=TZ)  # a Monday
ADMIN_TG = 1
_next_tg = count(7_000_000_000)  # far from the small account ids tests write out (888, 901)


@dataclass
class World:
    """Services over a memory store, with two teams and one actor per role."""

    services: Services
    store: MemoryStore
    clock: ManualClock
    team: Team
    other: Team
    fgw: Unit  # 县发改委
    czj: Unit  # 县财政局
    plan: Plan
    measures: list[Measure]
    lead: Person
    leader: Person
    official: Person  # of 发改委
    official2: Person  # of 财政局
    liaison: Person  # for the leader
    other_lead: Person

    def actor(self, person: Person | None) -> Actor:
        """The resolved actor for a person (or the stranger for None)."""
        if person is None:
            return self.services.auth.resolve(99_999)
        assert person.telegram_id is not None
        return self.services.auth.resolve(person.telegram_id)

    @property
    def admin(self) -> Actor:
        """The admin (no person of their own)."""
        return self.services.auth.resolve(ADMIN_TG)

    def refresh(self, person: Person) -> Person:
        """The stored version of a person."""
        found = self.store.people.get(person.id)
        assert found is not None
        return found


def person(store: MemoryStore, team: Team, name: str, role: Role, **kw: object) -> Person:
    """A joined person saved in the store."""
    p = e.person(
        id=f"p{name}",
        team_id=team.id,
        name=name,
        role=role,
        telegram_id=next(_next_tg),
        joined_at=START,
        **kw,
    )
    store.people.save(p)
    return p


def measure(plan: Plan, n: int, **kw: object) -> Measure:
    """The n-th measure of a plan (no deadline or lead unit unless given)."""
    section = "（一）产业发展" if n <= 3 else "（二）项目建设"
    return e.measure(
        id=f"m{n}",
        plan_id=plan.id,
        title=f"举措{n}",
        body=f"第{n}项工作",
        position=n,
        **{"section": section, "deadline": None, "lead_units": (), **kw},
    )


def build_world() -> World:
    """Two teams; the first with a plan of five measures and people of each role."""
    store = MemoryStore()
    clock = ManualClock(START)
    services = Services.build(store, clock, frozenset({ADMIN_TG}))
    team = Team("tA", "XX县督查室", START)
    other = Team("tB", "YY县督查室", START)
    for t in (team, other):
        store.teams.save(t)
    fgw = Unit("uFGW", team.id, "县发改委", aliases=("发展改革委",))
    czj = Unit("uCZJ", team.id, "县财政局")
    store.units.save(fgw)
    store.units.save(czj)
    plan = Plan(
        "P1",
        team.id,
        "XX县2024年工作计划",
        START,
        sections=("（一）产业发展", "（二）项目建设"),
        targets=(Indicator("固定资产投资", "亿元"),),
    )
    store.plans.save(plan)
    measures = [
        measure(
            plan,
            1,
            lead_units=("县发改委",),
            co_units=("县财政局",),
            deadline=date(2024, 3, 6),
            indicators=(Indicator("招商引资到位资金", "亿元"),),
        ),
        measure(plan, 2, units=("发改委",)),
        measure(plan, 3, units=("县教育局",)),
        measure(plan, 4, lead_units=("财政局",), deadline=date(2024, 6, 30)),
        measure(plan, 5),
    ]
    for m in measures:
        store.measures.save(m)
    lead = person(store, team, "督办甲", Role.LEAD)
    leader = person(store, team, "领导乙", Role.LEADER)
    official = person(store, team, "张三", Role.OFFICIAL, unit_id=fgw.id)
    official2 = person(store, team, "李四", Role.OFFICIAL, unit_id=czj.id)
    liaison = person(store, team, "联络丙", Role.LIAISON, on_behalf_of=leader.id)
    other_lead = person(store, other, "督办丁", Role.LEAD)
    return World(
        services,
        store,
        clock,
        team,
        other,
        fgw,
        czj,
        plan,
        measures,
        lead,
        leader,
        official,
        official2,
        liaison,
        other_lead,
    )
