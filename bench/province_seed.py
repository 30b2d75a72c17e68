"""A province's data for the benchmarks: teams of officials, measures and a year of history.

Each team (a county's supervision office) has one lead, ``officials`` joined officials in
``units`` units, one plan of ``measures`` measures, each measure assigned to one official (the
rest have no task), and ``weeks`` weekly cycles before :data:`NOW`: every cycle closed and
digested, one SENT prompt per assigned official and one report per measure (some late, a few
滞后 or 受阻, with text). The entities are the domain's own, encoded by the shared codec:

- :func:`copy_into` writes them into a PostgreSQL database with ``COPY``, into the tables the
  adapter reads (the schema is created by opening a ``PostgresStore`` first);
- :func:`save_into` writes one team through the ``Store`` port (the embedded store).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

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
from bot.rhythm.schedule import weekly_cycle_id
from storage.codec import encode
from storage.collection import key_of
from storage.postgres.repos import dumps
from storage.postgres.tables import TABLE_BY_NAME

TZ = ZoneInfo("Asia/Shanghai")
NOW = datetime(2024, 10, 10, 9, 0, tzinfo=TZ)  # a Thursday at the default prompt time
CREATED = datetime(2023, 9, 1, 9, 0, tzinfo=TZ)
TEXT = "已完成项目可研批复，正在开展施工图设计，预计下月开工建设。"
STATUSES = (ReportStatus.ON_TRACK,) * 16 + (ReportStatus.BEHIND,) * 3 + (ReportStatus.BLOCKED,)


@dataclass(frozen=True, slots=True)
class Shape:
    """How big the province is (per team, except ``teams``)."""

    teams: int = 100
    officials: int = 500
    measures: int = 400
    units: int = 25
    weeks: int = 52

    @property
    def total_officials(self) -> int:
        """Officials in the province."""
        return self.teams * self.officials

    @property
    def total_measures(self) -> int:
        """Measures in the province."""
        return self.teams * self.measures


def team_id(number: int) -> str:
    """The id of the province's ``number``-th team."""
    return f"t{number:03d}"


def telegram_id(team: int, person: int) -> int:
    """A distinct Telegram account for each person (0 is the lead, officials from 1)."""
    return 1_000_000_000 + team * 10_000 + person


def official_id(team: int, number: int) -> str:
    """The person id of a team's ``number``-th official."""
    return f"{team_id(team)}p{number:04d}"


def measure_id(team: int, number: int) -> str:
    """The id of a team's ``number``-th measure."""
    return f"{team_id(team)}m{number:04d}"


def working_state(shape: Shape, team: int) -> Iterator[tuple[str, Any]]:
    """One team's working state: (collection, entity)."""
    tid = team_id(team)
    yield "teams", Team(tid, f"第{team + 1}县督查室", CREATED, group_chat_id=-(10**12) - team)
    yield "settings", TeamSettings(tid, paused=True)  # each benchmark resumes what it runs
    for unit in range(shape.units):
        yield "units", Unit(f"{tid}u{unit:02d}", tid, f"第{team + 1}县第{unit + 1}局")
    yield "people", Person(f"{tid}lead", tid, "督办员", Role.LEAD,
                           telegram_id=telegram_id(team, 0), joined_at=CREATED)  # fmt: skip
    for number in range(shape.officials):
        yield "people", Person(
            official_id(team, number), tid, f"官员{team}-{number}", Role.OFFICIAL,
            f"{tid}u{number % shape.units:02d}", telegram_id=telegram_id(team, number + 1),
            joined_at=CREATED,
        )  # fmt: skip
    plan = Plan(f"{tid}plan", tid, "2024年重点工作", CREATED, year=2024)
    yield "plans", plan
    for number in range(shape.measures):
        yield "measures", Measure(
            measure_id(team, number), plan.id, f"重点任务{number + 1}", "推进重点项目建设。",
            "一、产业发展", position=number,
        )  # fmt: skip
        yield "assignments", Assignment(
            f"{tid}a{number:04d}", tid, measure_id(team, number), AssigneeRole.LEAD, CREATED,
            person_id=official_id(team, number % shape.officials),
        )  # fmt: skip


def history(shape: Shape, team: int) -> Iterator[tuple[str, Any]]:
    """One team's weekly cycles before :data:`NOW`, with their prompts and reports."""
    tid = team_id(team)
    for week in range(shape.weeks, 0, -1):
        monday = (NOW - timedelta(days=3, weeks=week)).date()
        opened = datetime.combine(monday, NOW.timetz()) + timedelta(days=3)
        cutoff = opened + timedelta(days=1, hours=8)
        cid = weekly_cycle_id(tid, monday)
        digested = cutoff + timedelta(days=3)
        yield "cycles", Cycle(cid, tid, CycleKind.WEEKLY, monday, opened, cutoff,
                              closed_at=cutoff, digest_sent_at=digested)  # fmt: skip
        for number in range(shape.measures):
            person = official_id(team, number % shape.officials)
            mid = measure_id(team, number)
            yield "prompts", Prompt(f"{cid}:{person}:{number}", cid, person, PromptState.SENT,
                                    opened, (mid,), sent_at=opened)  # fmt: skip
            at = opened + timedelta(minutes=(number * 7) % 1900)
            status = STATUSES[(number + week) % len(STATUSES)]
            yield "reports", Report(
                f"{cid}r{number:04d}", tid, mid, person, status, at, cid,
                progress=min(100, (shape.weeks - week) * 2), progress_text=TEXT,
                problems="资金缺口较大" if status is not ReportStatus.ON_TRACK else None,
                late=at > cutoff,
            )  # fmt: skip


def team_entities(shape: Shape, team: int) -> Iterator[tuple[str, Any]]:
    """Everything of one team."""
    yield from working_state(shape, team)
    yield from history(shape, team)


def copy_into(conn: Any, shape: Shape) -> dict[str, int]:
    """COPY the whole province into the adapter's (empty) tables; rows per table."""
    counts: dict[str, int] = {}
    for team in range(shape.teams):
        rows: dict[str, list[tuple[Any, ...]]] = {}
        for name, item in team_entities(shape, team):
            table = TABLE_BY_NAME[name]
            rows.setdefault(name, []).append(
                (key_of(item), dumps(encode(item)), *table.key_values(item))
            )
        with conn.transaction():
            for name, batch in rows.items():
                table = TABLE_BY_NAME[name]
                columns = ", ".join(f'"{c}"' for c in ("id", "data", *table.keys))
                with conn.cursor().copy(f"COPY {name} ({columns}) FROM STDIN") as copy:
                    for row in batch:
                        copy.write_row(row)
                counts[name] = counts.get(name, 0) + len(batch)
    conn.execute("ANALYZE")
    return counts


def save_into(store: Store, shape: Shape, team: int = 0) -> int:
    """One team through the ``Store`` port, a week's history per transaction; entities."""
    count = 0
    batch: list[tuple[str, Any]] = []
    for name, item in team_entities(shape, team):
        batch.append((name, item))
        if len(batch) >= 5_000:
            count += _save(store, batch)
            batch = []
    return count + _save(store, batch)


def _save(store: Store, batch: list[tuple[str, Any]]) -> int:
    with store.atomic():
        for name, item in batch:
            getattr(store, name).save(item)
    return len(batch)
