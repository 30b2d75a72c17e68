"""One person's views (``/mytasks``, ``/report``, their prompt, a press, a typed reply) and the
escalation check a report triggers read their own tasks and the cycles shown, not the team's
history: on both the memory store and PostgreSQL, the records they decode are as many for a
team with a long history as for a new one."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.domain.audit import Action, AuditEntry
from bot.domain.clock import ManualClock
from bot.domain.ids import seeded
from bot.domain.leaders import LeaderLink
from bot.domain.people import Person, Role, Team, Unit
from bot.domain.plan import Measure, Plan
from bot.domain.ports import Store
from bot.domain.settings import TeamSettings
from bot.domain.work import (
    AssigneeRole,
    Assignment,
    Cycle,
    CycleKind,
    Prompt,
    PromptState,
    Report,
    ReportStatus,
)
from bot.effects import recording
from bot.outbox.scope import handling
from bot.rhythm.calendar import WorkCalendar
from bot.rhythm.dispatch import prompt_id
from bot.rhythm.schedule import cycle_for, window_of
from bot.services import ReportFields, Services
from storage.memory import MemoryStore
from storage.postgres import PostgresStore
from tests.factories.history import counting
from tests.postgres_server import fresh_schema

TZ = ZoneInfo("Asia/Shanghai")
NOW = datetime(2024, 5, 16, 11, 0, tzinfo=TZ)  # a Thursday, after the week's prompt
PEOPLE = 8  # p0 is the viewer: M0 assigned ten days ago and never answered, M1 answered weekly
VIEWER = 100  # p0's Telegram id
OWN = {"M0", "M1"}


def _kind(_: str, item: object) -> str | None:
    """Others' reports and every prompt are counted (the viewer's own reports are theirs to
    read)."""
    if isinstance(item, Report) and item.measure_id not in OWN:
        return "others' reports"
    return "prompts" if isinstance(item, Prompt) else None


def _seed(store: Store, weeks: int) -> str:
    """A team with ``weeks`` of prompts and answers; the open cycle's id."""
    settings, calendar = TeamSettings("t1"), WorkCalendar()
    created = NOW - timedelta(weeks=weeks + 2)
    current = cycle_for(settings, calendar, NOW)
    with store.atomic():
        store.teams.save(Team("t1", "县委督查室", created))
        store.settings.save(settings)
        store.units.save(Unit("u1", "t1", "县发改委"))
        store.plans.save(Plan("plan", "t1", "2024年重点工作", created, year=2024))
        for n in range(PEOPLE):
            store.measures.save(Measure(f"M{n}", "plan", f"任务{n}", "推进。", position=n))
            store.people.save(Person(f"p{n}", "t1", f"官员{n}", Role.OFFICIAL, "u1",
                                     telegram_id=VIEWER + n, joined_at=created))  # fmt: skip
            who = "p0" if n < 2 else f"p{n}"
            since = NOW - timedelta(days=10) if n == 0 else created
            store.assignments.save(Assignment(f"a{n}", "t1", f"M{n}", AssigneeRole.LEAD, since,
                                              person_id=who))  # fmt: skip
        for back in range(weeks, -1, -1):
            start = current.period_start - timedelta(weeks=back)
            window = window_of(settings, calendar, start, TZ) if back else current
            store.cycles.save(Cycle(window.cycle_id, "t1", CycleKind.WEEKLY, window.period_start,
                                    window.prompt_at, window.cutoff_at,
                                    closed_at=window.cutoff_at if back else None))  # fmt: skip
            for n in range(1, PEOPLE):
                person = "p0" if n == 1 else f"p{n}"
                asked = (
                    ("M0", "M1")
                    if n == 1 and window.prompt_at > NOW - timedelta(days=10)
                    else (f"M{n}",)
                )
                key = prompt_id(window.cycle_id, person)
                store.prompts.save(Prompt(key, window.cycle_id, person, PromptState.SENT,
                                          window.prompt_at, asked))  # fmt: skip
                if back:
                    at = window.prompt_at + timedelta(minutes=5 + n)
                    report = Report(f"r{back}.{n}", "t1", f"M{n}", person, ReportStatus.ON_TRACK,
                                    at, window.cycle_id, progress_text="按计划推进。")  # fmt: skip
                    store.reports.save(report)
    return current.cycle_id


def _reads(store: Store, weeks: int) -> Counter[str]:
    """What the viewer's views and answers decode, over a team with ``weeks`` of history."""
    cycle = _seed(store, weeks)
    services = Services.build(store, ManualClock(NOW, TZ))
    tally = counting(store, ("reports", "prompts"), _kind)
    actor = services.auth.resolve(VIEWER)
    mine = services.tasks.mine(actor)  # /mytasks, and /report's list
    assert {t.measure.id for t in mine} == OWN
    assert services.tasks.task(actor, "M0").id == "M0"  # /report M0
    view = services.prompts.view(cycle, "p0")  # the prompt's view
    assert {t.measure.id for t in view.tasks} == OWN
    answered = services.prompts.answer(actor, cycle, "M0", ReportStatus.BEHIND)  # a press
    assert answered.view is not None
    typed = services.reports.submit(actor, "M1", ReportFields(text="进展：设备已进场。"))  # typed
    assert typed.carried is ReportStatus.ON_TRACK
    return tally


@pytest.fixture(params=["memory", "postgres"])
def stores(request: pytest.FixtureRequest) -> Iterator[Callable[[], Store]]:
    """New, empty stores of one adapter."""
    if request.param == "memory":
        yield MemoryStore
        return
    url = request.getfixturevalue("database_url")
    opened: list[PostgresStore] = []
    with fresh_schema(url) as first, fresh_schema(url) as second:
        urls = iter([first, second])

        def make() -> Store:
            opened.append(PostgresStore(next(urls)))
            return opened[-1]

        try:
            yield make
        finally:
            for store in opened:
                store.close()


def test_own_views_read_the_same_for_a_long_history_as_for_a_short_one(
    stores: Callable[[], Store],
) -> None:
    """A team with 24 weeks of others' reports and prompts costs the viewer's views exactly
    what one with 4 weeks does: none of its history beyond their tasks and the cycles shown."""
    short = _reads(stores(), weeks=4)
    long = _reads(stores(), weeks=24)
    assert short["prompts"] > 0  # the current cycle's prompts are read (the prompt's view)
    assert long == short


def _with_leader(store: Store) -> None:
    """A joined 包联领导 linked to every task."""
    with store.atomic():
        store.people.save(Person("boss", "t1", "李县长", Role.LEADER, "u1", telegram_id=99,
                                 joined_at=NOW - timedelta(weeks=30)))  # fmt: skip
        for n in range(PEOPLE):
            store.leader_links.save(LeaderLink(f"l{n}", "t1", "李县长", NOW - timedelta(weeks=30),
                                               measure_id=f"M{n}", person_id="boss"))  # fmt: skip


def test_a_report_checks_its_own_tasks_escalation_as_the_teams_check_does() -> None:
    """After 受阻 on M1, the escalation check of M1 alone, read from M1's history, claims and
    returns what the whole team's check returns for M1, and decodes none of the others'
    reports."""
    outs = []
    for scoped in (True, False):
        store = MemoryStore()
        _seed(store, weeks=12)
        _with_leader(store)
        services = Services.build(store, ManualClock(NOW, TZ))
        with seeded("press"):  # the same report id in both stores
            blocked = ReportFields(status=ReportStatus.BLOCKED)
            services.reports.submit(services.auth.resolve(VIEWER), "M1", blocked)
        tally = counting(store, ("reports",), _kind)
        if scoped:
            found = services.watch.escalations("t1", measure_ids={"M1"})
            assert tally["others' reports"] == 0
        else:
            found = [o for o in services.watch.escalations("t1") if o.measure.id == "M1"]
            assert tally["others' reports"] > 0
        outs.append(found)
    assert [o.measure.id for o in outs[0]] == ["M1"]
    assert outs[0] == outs[1]


def _press_and_reply_reads(store: Store, weeks: int) -> Counter[str]:
    """The reports, prompts and people a press on a prompt and a typed reply decode, over a
    team whose viewer answered M1 every week for ``weeks`` weeks."""
    cycle = _seed(store, weeks)
    services = Services.build(store, ManualClock(NOW, TZ))
    actor = services.auth.resolve(VIEWER)
    tally = counting(store, ("reports", "prompts", "people"))
    pressed = services.prompts.answer(actor, cycle, "M1", ReportStatus.BEHIND)
    assert pressed.view is not None
    typed = services.reports.add_reply(actor, "M1", "进展：设备已进场。")
    assert typed.report.id == pressed.saved.report.id  # the reply amends the press's report
    return tally


def test_a_press_and_a_reply_read_as_much_at_four_years_as_at_two(
    stores: Callable[[], Store],
) -> None:
    """Years of the viewer's own answers before the history start cost a press and a typed
    reply nothing: they decode exactly as many reports, prompts and people for a team with
    four years of history as for one with two, and the team's roster once each."""
    short = _press_and_reply_reads(stores(), weeks=2 * 52)
    long = _press_and_reply_reads(stores(), weeks=4 * 52)
    assert short["reports"] > 0
    assert long == short
    assert short["people"] <= 2 * PEOPLE + 2


def _audited_press_reads(store: Store, weeks: int) -> Counter[str]:
    """The audit entries a press on a prompt decodes while its update is handled (as the bot
    handles it), over a team whose task M1 has ``weeks`` weeks of audited reports."""
    cycle = _seed(store, weeks)
    for week in range(weeks):
        at = NOW - timedelta(weeks=week + 1)
        store.audit.append(AuditEntry(f"e{week}", "t1", at, "p0", Action.REPORTED, "M1"))
    tally = counting(store, ("audit",))
    services = Services.build(recording(store), ManualClock(NOW, TZ))
    with handling(1), seeded("press"):
        services.prompts.answer(services.auth.resolve(VIEWER), cycle, "M1", ReportStatus.BEHIND)
    assert [e.subject for e in store.audit.for_team("t1", since=NOW)] == ["M1"]  # appended
    return tally


def test_a_press_reads_none_of_its_tasks_audit_trail(stores: Callable[[], Store]) -> None:
    """The press's audit entry is checked against the log by its id (an update handled again
    appends it once), not against the task's whole trail: a task audited for four years costs
    a press no more audit reads than one audited for two."""
    short = _audited_press_reads(stores(), weeks=2 * 52)
    long = _audited_press_reads(stores(), weeks=4 * 52)
    assert long == short
    assert long["audit"] <= 1
