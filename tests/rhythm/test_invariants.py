"""Property tests: a generated month of assignments and answers reads the same in every view.

Each example builds a county office (units, officials, a leader and their liaison, unit
liaisons), a plan with sections, assignments (牵头/配合 units and people, some tasks left
unassigned), leave with and without deputies, November 2024's four weekly cycles dispatched by
the real dispatch planner, and answers of every kind (taps, text without a status, late ones,
colleagues adding, contradictions, none), plus close-outs. Then the digest of every cycle, the
monthly review, its chart data and the ledger workbook read back with openpyxl must agree.
"""

from __future__ import annotations

import os
import random
from collections import Counter
from dataclasses import replace
from datetime import date, datetime, timedelta
from io import BytesIO

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from bot.domain.people import Person, Role
from bot.domain.plan import Measure
from bot.domain.work import (
    AssigneeRole,
    Assignment,
    CloseoutState,
    Cycle,
    CycleKind,
    PromptState,
    Report,
)
from bot.domain.work import ReportStatus as S
from bot.i18n import t
from bot.render.rhythm.digest import render_digest
from bot.render.rhythm.ledger import ledger_bytes
from bot.render.rhythm.review import render_monthly_review
from bot.rhythm.calendar import WorkCalendar
from bot.rhythm.digest import Digest, weekly_digest
from bot.rhythm.dispatch import plan_dispatch
from bot.rhythm.figures import Tally, cycle_items
from bot.rhythm.lights import Light
from bot.rhythm.movement import STALE_DAYS
from bot.rhythm.parties import parties
from bot.rhythm.review import monthly_review
from bot.rhythm.schedule import window_of
from bot.rhythm.snapshot import TeamSnapshot
from bot.rhythm.tasks import task_lines
from tests.factories.snapshots import (
    TEAM,
    TZ,
    assign,
    closeout,
    leave,
    measure,
    person,
    report,
    snapshot,
    unit,
)

EXAMPLES = 200 if os.environ.get("DUBAN_STRESS") == "1" else 25
MONDAYS = (date(2024, 11, 4), date(2024, 11, 11), date(2024, 11, 18), date(2024, 11, 25))
REVIEW_AT = datetime(2024, 11, 29, 16, tzinfo=TZ)  # the month's last workday
SECTIONS = ("一、产业发展", "二、项目建设", "三、民生保障")
STATES_ZH = {
    "on_time": "按时报送",
    "late": "逾时报送",
    "missing": "未报",
    "unreachable": "未报（无法送达）",
    "on_leave": "请假",
}


def _people(rng: random.Random) -> list[Person]:
    people = []
    for u in range(3):
        for k in range(rng.randint(1, 3)):
            joined = rng.random() > 0.1
            people.append(
                person(f"p{u}{k}", f"官员{u}{k}", unit_id=f"u{u}", telegram_id=100 + u * 10 + k)
                if joined
                else person(f"p{u}{k}", f"官员{u}{k}", unit_id=f"u{u}", telegram_id=None)
            )
        if rng.random() < 0.4:
            people.append(person(f"l{u}", f"联络{u}", Role.LIAISON, unit_id=f"u{u}"))
    people.append(person("boss", "县长", Role.LEADER))
    people.append(person("sec", "秘书", Role.LIAISON, on_behalf_of="boss"))
    return people


def _assignments(
    rng: random.Random, measures: list[Measure], officials: list[Person]
) -> list[Assignment]:
    rows = []
    for m in measures:
        kind = rng.choice(("none", "unit", "unit", "person", "leader"))
        if kind == "none":
            continue
        if kind == "unit":
            rows.append(assign(m.id, unit_id=f"u{rng.randrange(3)}"))
        elif kind == "person":
            rows.append(assign(m.id, rng.choice(officials).id))
        else:
            rows.append(assign(m.id, "boss"))
        if rng.random() < 0.4:
            rows.append(assign(m.id, unit_id=f"u{rng.randrange(3)}", role=AssigneeRole.CO))
    return rows


def _month(seed: int) -> TeamSnapshot:
    """A generated month (see the module docstring)."""
    rng = random.Random(seed)
    people = _people(rng)
    officials = [p for p in people if p.role is Role.OFFICIAL]
    measures = [
        measure(f"m{i}", f"任务{i}", section=rng.choice(SECTIONS), position=i)
        for i in range(rng.randint(3, 9))
    ]
    leaves = []
    if rng.random() < 0.5:
        away, deputy = rng.sample(officials, 2) if len(officials) > 1 else (officials[0], None)
        start = MONDAYS[rng.randrange(4)]
        leaves.append(
            leave(
                away.id,
                start,
                start + timedelta(days=6),
                deputy_id=deputy.id if deputy and rng.random() < 0.5 else None,
            )
        )
    snap = snapshot(
        units=[unit(f"u{i}", f"县{i}局") for i in range(3)],
        people=people,
        measures=measures,
        assignments=_assignments(rng, measures, officials),
        leaves=leaves,
        reports=[],
    )
    for monday in MONDAYS:
        snap = _week(rng, snap, monday)
    return _close_some(rng, snap)


def _week(rng: random.Random, snap: TeamSnapshot, monday: date) -> TeamSnapshot:
    window = window_of(snap.settings, WorkCalendar(), monday, TZ)
    cycle = Cycle(
        id=window.cycle_id,
        team_id=TEAM,
        kind=CycleKind.WEEKLY,
        period_start=monday,
        opened_at=window.prompt_at,
        cutoff_at=window.cutoff_at,
        closed_at=window.cutoff_at,
    )
    prompts = [
        replace(p, state=PromptState.SENT) if p.state is PromptState.PENDING else p
        for p in plan_dispatch(snap, window).prompts(window.prompt_at)
    ]
    reports = list(snap.reports)
    for prompt in prompts:
        if prompt.state is not PromptState.SENT:
            continue
        for measure_id in prompt.measure_ids:
            reports += _answers(rng, snap, cycle, prompt.person_id, measure_id)
    return replace(
        snap,
        cycles=(*snap.cycles, cycle),
        prompts=(*snap.prompts, *prompts),
        reports=tuple(reports),
    )


def _answers(
    rng: random.Random, snap: TeamSnapshot, cycle: Cycle, person_id: str, measure_id: str
) -> list[Report]:
    kind = rng.choice(("none", "tap", "tap", "text", "late", "colleague", "conflict"))
    if kind == "none":
        return []
    at = cycle.opened_at + timedelta(hours=rng.randint(1, 30))
    late = kind == "late"
    if late:
        at = cycle.cutoff_at + timedelta(hours=rng.randint(1, 40))
    author = person_id
    asked = snap.person_by_id[person_id]
    on_behalf = asked.on_behalf_of if asked.role is Role.LIAISON else None
    status = None if kind == "text" else rng.choice(list(S))
    first = report(
        measure_id,
        author,
        at,
        status,
        cycle_id=cycle.id,
        late=late,
        on_behalf_of=on_behalf,
        progress=rng.choice((None, 20, 50, 80, 100)),
        problems=rng.choice((None, None, "资金缺口")),
        progress_text=rng.choice((None, None, "正在推进", "完成3个村的摸底", "本周完成选址")),
    )
    found = [first]
    colleagues = [
        p
        for p in snap.people
        if p.unit_id and p.unit_id == asked.unit_id and p.id != person_id and p.active
    ]
    if kind in ("colleague", "conflict") and colleagues:
        other = rng.choice(colleagues)
        again = S.DONE if kind == "conflict" and status is not S.DONE else status
        found.append(
            report(
                measure_id,
                other.id,
                at + timedelta(minutes=30),
                again,
                cycle_id=cycle.id,
                progress=rng.choice((None, 60)),
            )
        )
    return found


def _close_some(rng: random.Random, snap: TeamSnapshot) -> TeamSnapshot:
    closed = [
        closeout(m.id, CloseoutState.APPROVED, datetime(2024, 11, 27, 10, tzinfo=TZ))
        for m in snap.measures
        if rng.random() < 0.2
    ]
    return replace(snap, closeouts=tuple(closed))


def _digests(snap: TeamSnapshot) -> list[Digest]:
    """Each cycle's digest as it would go out the next Monday 08:30."""
    found = []
    for monday in MONDAYS:
        window = window_of(snap.settings, WorkCalendar(), monday, TZ)
        at = datetime.combine(monday + timedelta(days=7), datetime.min.time(), TZ)
        found.append(weekly_digest(snap, window, at + timedelta(hours=8, minutes=30)))
    return found


def _sheets(snap: TeamSnapshot) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    book = load_workbook(BytesIO(ledger_bytes(snap, REVIEW_AT, "zh")))
    tasks, _, owed = book.worksheets
    return list(tasks.iter_rows(min_row=2, values_only=True)), list(
        owed.iter_rows(min_row=2, values_only=True)
    )


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(min_value=0, max_value=2**32 - 1))
def test_digest_review_and_ledger_agree(seed: int) -> None:
    """Every figure the digest, the review and the ledger share is the same number."""
    snap = _month(seed)
    digests, review = _digests(snap), monthly_review(snap, REVIEW_AT)
    task_rows, item_rows = _sheets(snap)
    # the month's answers owed: the review = the sum of the weekly digests = the ledger's items
    assert sum((d.responses for d in digests), Tally()) == review.responses
    ledger_counts = Counter(row[6] for row in item_rows)
    expected = {STATES_ZH[k]: getattr(review.responses, k) for k in STATES_ZH}
    assert {k: v for k, v in expected.items() if v} == dict(ledger_counts)
    # per cycle: the digest's figures are the ledger's rows of that issue
    for issue, digest in enumerate(digests, start=1):
        rows = Counter(r[6] for r in item_rows if r[1] == issue)
        assert rows[STATES_ZH["on_time"]] == digest.responses.on_time
        assert rows[STATES_ZH["late"]] == digest.responses.late
        assert sum(rows.values()) == digest.responses.expected + digest.responses.on_leave
        assert digest.issue == issue
    # rows add up: units and sections partition the items; rates only with a denominator
    for digest in digests:
        assert sum((c for _, c in digest.units), Tally()) == digest.responses
        assert (digest.responses.rate is None) is (digest.responses.expected == 0)
    assert sum((t.responses for t in review.units), Tally()) == review.responses
    assert sum((t.responses for t in review.sections), Tally()) == review.responses
    assert sum(t.tasks for t in review.sections) == review.tasks == len(task_rows)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(min_value=0, max_value=2**32 - 1))
def test_an_earlier_years_ledger_agrees_with_the_views_at_its_end(seed: int) -> None:
    """The 2024 ledger drawn up in 2025 (``/export 2024``) shows the year's answers owed as the
    digests and the review count them, and each task as the views see it at the year's end."""
    snap = _month(seed)
    year_end = datetime(2025, 1, 1, tzinfo=TZ)
    book = load_workbook(
        BytesIO(ledger_bytes(snap, datetime(2025, 3, 2, 10, tzinfo=TZ), "zh", 2024))
    )
    tasks, _, owed = book.worksheets
    task_rows = list(tasks.iter_rows(min_row=2, values_only=True))
    item_rows = list(owed.iter_rows(min_row=2, values_only=True))
    # the year's cycles are November's: the review's figures, the digests' per issue
    review = monthly_review(snap, REVIEW_AT)
    expected = {STATES_ZH[k]: getattr(review.responses, k) for k in STATES_ZH}
    assert {k: v for k, v in expected.items() if v} == dict(Counter(r[6] for r in item_rows))
    for issue, digest in enumerate(_digests(snap), start=1):
        rows = Counter(r[6] for r in item_rows if r[1] == issue)
        assert sum(rows.values()) == digest.responses.expected + digest.responses.on_leave
    # the tasks as of the year's end: the task lines' and the lights the views count then
    lines = task_lines(snap, year_end)
    assert [row[2] for row in task_rows] == [line.title for line in lines]
    assert [row[16] for row in task_rows] == [line.still_days for line in lines]
    at_end = Counter(row[12] for row in task_rows)
    lights = monthly_review(snap, year_end).lights
    assert {t(f"rhythm.light.{k}", "zh"): v for k, v in lights if v} == dict(at_end)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(min_value=0, max_value=2**32 - 1))
def test_every_view_shows_the_same_task(seed: int) -> None:
    """Lights, statuses, progress and owners agree between the review, the ledger and the text."""
    snap = _month(seed)
    review = monthly_review(snap, REVIEW_AT)
    lines = task_lines(snap, REVIEW_AT)
    task_rows, _ = _sheets(snap)
    light_words = Counter(row[12] for row in task_rows)
    assert {t(f"rhythm.light.{k}", "zh"): v for k, v in review.lights if v} == dict(light_words)
    for line, row in zip(lines, task_rows, strict=True):
        assert row[2] == line.title
        assert row[8] == t(f"rhythm.status.{line.status_key}", "zh")
        assert row[10] == line.progress
        assert (row[8] == "已销号") is (line.light is Light.CLOSED)
        found = parties(snap, line.measure_id, REVIEW_AT)
        lead_units = {snap.unit_by_id[p.unit_id].name for p in found if p.leads and p.unit_id}
        assert set(filter(None, (row[3] or "").split("、"))) == lead_units
        if not found and line.light is not Light.CLOSED:
            assert line.light is Light.UNASSIGNED
            assert row[12] == "未交办"
    # the chart plots the review's own section figures; the texts print the same numbers
    text = "\n".join(render_monthly_review(review, "zh"))
    assert f"应报 {review.responses.expected} 项" in text
    assert f"共 {review.tasks} 项任务" in text
    last = _digests(snap)[-1]
    digest_text = "\n".join(render_digest(last, "zh"))
    assert (
        f"应报 {last.responses.expected} 项：按时报送 {last.responses.on_time} 项" in digest_text
    )
    window = window_of(snap.settings, WorkCalendar(), MONDAYS[-1], TZ)
    same_moment = weekly_digest(snap, window, REVIEW_AT)
    assert same_moment.lights == review.lights
    assert [s.tasks for s in same_moment.sections] == [s.tasks for s in review.sections]
    # 停滞天数: the ledger's column is the task line's; the leads' digest lists exactly the
    # rows at two weeks or more, and the tasks whose latest words were vague or repeated
    for line, row in zip(lines, task_rows, strict=True):
        assert row[16] == line.still_days
        assert (row[15] is None) is (line.still_days is None)
    stale_rows = {row[2] for row in task_rows if row[16] is not None and row[16] >= STALE_DAYS}
    assert {task.title for task in same_moment.stale} == stale_rows
    flagged = {x.title for x in lines if not x.closed and x.movement and x.movement.flag}
    assert {task.title for task in same_moment.vague} == flagged
    leads, group = (
        "\n".join(render_digest(same_moment, "zh", audience)) for audience in ("leads", "group")
    )
    assert ("长期无实质进展" in leads) is bool(same_moment.stale)
    assert ("反馈内容空泛或与上期重复" in leads) is bool(same_moment.vague)
    assert "长期无实质进展" not in group
    assert "反馈内容空泛或与上期重复" not in group


def test_a_unit_answers_once_however_many_members_write() -> None:
    """A unit task owes one item per cycle; colleagues' answers never add items."""
    for seed in range(20):
        snap = _month(seed)
        for cycle in snap.weekly_cycles:
            keys = [(i.measure_id, i.party.key) for i in cycle_items(snap, cycle)]
            assert len(keys) == len(set(keys))
