"""Property tests: a generated month of supervision reads the same in every view.

Each example is a history of :mod:`tests.rhythm.histories` (assignments and reassignment,
leave and deputies, answers of every kind with indicator numbers, a week missed while the bot
was down, a paused week, digests sent on time, later, out of order or never, extensions and
close-outs decided either way). Then the digest of every week, the monthly review, its chart data
and the ledger workbook read back with openpyxl must agree: the same answers owed and given per
week, per unit and per party, the same issue numbers, the same tasks closed, overdue and extended.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import fields, is_dataclass, replace
from datetime import date, datetime
from io import BytesIO

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from bot.domain.work import CloseoutState, ExtensionState
from bot.i18n import t
from bot.render.rhythm.digest import render_digest
from bot.render.rhythm.ledger import ledger_bytes, tasks_header
from bot.render.rhythm.review import render_monthly_review
from bot.rhythm.calendar import WorkCalendar
from bot.rhythm.digest import Digest, NotOpened, weekly_digest
from bot.rhythm.figures import Tally, cycle_items
from bot.rhythm.lights import Light, Reason
from bot.rhythm.movement import STALE_DAYS
from bot.rhythm.parties import parties
from bot.rhythm.review import monthly_review
from bot.rhythm.schedule import window_of
from bot.rhythm.snapshot import TeamSnapshot
from bot.rhythm.tasks import TaskLine, task_lines
from tests.factories.snapshots import TZ
from tests.rhythm.histories import (
    INDICATOR,
    MONDAYS,
    MOVED_AT,
    REVIEW_AT,
    Options,
    as_recorded_at,
    digest_time,
    month,
    moved,
    worded_then,
)

EXAMPLES = 200 if os.environ.get("DUBAN_STRESS") == "1" else 25
STATES_ZH = {
    "on_time": "按时报送",
    "late": "逾时报送",
    "missing": "未报",
    "unreachable": "未报（无法送达）",
    "on_leave": "请假",
}
#: the histories the earlier checks ran on: every week held, every digest out on time
#: moments the views are drawn up at: three digests going out, after a re-import brought tasks
#: and after one removed some, and the review
MOMENTS = (*(digest_time(monday) for monday in MONDAYS[:3]), REVIEW_AT)
PLAIN = Options(missed=False, paused=False, publication=False, plan_changes=False)


def _month(seed: int) -> TeamSnapshot:
    return month(seed)


def _digests(snap: TeamSnapshot, at: datetime | None = None, due: bool = False) -> list[Digest]:
    """Each week's digest as it would go out the next Monday 08:30 (or as shown at ``at``;
    with ``due``, only the weeks whose prompt time had come by then)."""
    found = []
    for monday in MONDAYS:
        window = window_of(snap.settings, WorkCalendar(), monday, TZ)
        if due and at is not None and window.prompt_at > at:
            continue
        found.append(weekly_digest(snap, window, at or digest_time(monday)))
    return found


def _day(value: object) -> object:
    """A date cell as a date (openpyxl reads dates back as datetimes)."""
    return value.date() if isinstance(value, datetime) else value


def _sheets(
    snap: TeamSnapshot, at: datetime = REVIEW_AT
) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    book = load_workbook(BytesIO(ledger_bytes(snap, at, "zh")))
    tasks, _, owed = book.worksheets
    return list(tasks.iter_rows(min_row=2, values_only=True)), list(
        owed.iter_rows(min_row=2, values_only=True)
    )


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(min_value=0, max_value=2**32 - 1))
def test_digest_review_and_ledger_agree(seed: int) -> None:
    """Every figure the digest, the review and the ledger share is the same number."""
    snap = _month(seed)
    digests, review = _digests(snap, REVIEW_AT), monthly_review(snap, REVIEW_AT)
    task_rows, item_rows = _sheets(snap)
    # the month's answers owed: the review = the sum of the weekly digests = the ledger's items
    assert sum((d.responses for d in digests), Tally()) == review.responses
    ledger_counts = Counter(row[6] for row in item_rows)
    expected = {STATES_ZH[k]: getattr(review.responses, k) for k in STATES_ZH}
    assert {k: v for k, v in expected.items() if v} == dict(ledger_counts)
    # per week: the digest's figures are the ledger's rows of that week
    for monday, digest in zip(MONDAYS, digests, strict=True):
        rows = Counter(r[6] for r in item_rows if _day(r[0]) == monday)
        assert rows[STATES_ZH["on_time"]] == digest.responses.on_time
        assert rows[STATES_ZH["late"]] == digest.responses.late
        assert sum(rows.values()) == digest.responses.expected + digest.responses.on_leave
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
    # the year's cycles are November's: the digests' figures as of the year's end, per week
    digests = _digests(snap, year_end)
    total = sum((d.responses for d in digests), Tally())
    expected = {STATES_ZH[k]: getattr(total, k) for k in STATES_ZH}
    assert {k: v for k, v in expected.items() if v} == dict(Counter(r[6] for r in item_rows))
    for monday, digest in zip(MONDAYS, digests, strict=True):
        rows = Counter(r[6] for r in item_rows if _day(r[0]) == monday)
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
    figures = f"应报 {last.responses.expected} 项：按时报送 {last.responses.on_time} 项"
    assert (figures in digest_text) is last.opened  # a paused week's says so, with no figures
    window = window_of(snap.settings, WorkCalendar(), MONDAYS[-1], TZ)
    same_moment = weekly_digest(snap, window, REVIEW_AT)
    assert same_moment.lights == review.lights
    # (a review's section may have no task left: its tasks removed, their answers owed kept)
    assert [s.tasks for s in same_moment.sections] == [s.tasks for s in review.sections if s.tasks]
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
        snap = month(seed, PLAIN if seed % 2 else None)
        for cycle in snap.weekly_cycles:
            keys = [(i.measure_id, i.party.key) for i in cycle_items(snap, cycle)]
            assert len(keys) == len(set(keys))


def _book(snap: TeamSnapshot, at: datetime = REVIEW_AT) -> list[list[tuple[object, ...]]]:
    """The ledger drawn up at ``at`` (the review), every sheet's rows below its header."""
    book = load_workbook(BytesIO(ledger_bytes(snap, at, "zh")))
    return [list(sheet.iter_rows(min_row=2, values_only=True)) for sheet in book.worksheets]


def _tally(rows: list[tuple[object, ...]]) -> Tally:
    """The answers owed the ledger's rows count, by their 报送情况."""
    states = Counter(row[6] for row in rows)
    return Tally(**{k: states[zh] for k, zh in STATES_ZH.items()})


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(min_value=0, max_value=2**32 - 1))
def test_every_view_gives_a_week_the_same_issue_number(seed: int) -> None:
    """第N期 counts the digests that went out, in the order they went out: the digest, its
    masthead and the ledger's 期数 agree; a week never published has no number (the ledger's
    cell is blank) and leaves no gap, and its digest, sent now, takes the next; a missed week
    owes nothing anywhere, and the review counts it apart from the weeks held."""
    snap = _month(seed)
    _, _, item_rows = _book(snap)
    weekly = {c.id: c for c in snap.weekly_cycles}
    out = sorted(
        (c for c in weekly.values() if c.digest_sent_at is not None),
        key=lambda c: (c.digest_sent_at, c.period_start),
    )
    numbers = {c.id: n for n, c in enumerate(out, start=1)}
    for monday, digest in zip(MONDAYS, _digests(snap, REVIEW_AT), strict=True):
        cycle = weekly.get(digest.cycle_id)
        expected = numbers.get(digest.cycle_id)
        if expected is None and cycle is not None and cycle.cutoff_at <= REVIEW_AT:
            expected = len(out) + 1  # the number it takes if it goes out now
        assert digest.issue == expected
        masthead = render_digest(digest, "zh")[0].split("\n")[1]
        assert masthead.startswith(f"第{expected}期") is (expected is not None)
        rows = [r for r in item_rows if _day(r[0]) == monday]
        assert {r[1] for r in rows} == ({numbers.get(digest.cycle_id)} if rows else set())
        assert _tally(rows) == digest.responses
        if cycle is None:
            assert digest.not_opened is NotOpened.PAUSED
        elif cycle.missed:
            assert digest.not_opened is NotOpened.MISSED
            assert (rows, digest.responses) == ([], Tally())
    review = monthly_review(snap, REVIEW_AT)
    assert review.missed == sum(c.missed for c in weekly.values())
    assert review.cycles == sum(not c.missed for c in weekly.values())
    assert review.cycles + review.missed == len(weekly)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(min_value=0, max_value=2**32 - 1))
def test_units_and_parties_count_the_same_in_every_view(seed: int) -> None:
    """Per unit, the month's answers owed and given are the digests' sum, the review's unit
    row and the ledger's rows of that unit; per week, the parties the digest names as 未报
    are the ledger's 未报 rows of that week, with as many items each."""
    snap = _month(seed)
    digests, review = _digests(snap, REVIEW_AT), monthly_review(snap, REVIEW_AT)
    _, _, item_rows = _book(snap)
    by_digests: dict[str, Tally] = {}
    for digest in digests:
        for name, counts in digest.units:
            by_digests[name or ""] = by_digests.get(name or "", Tally()) + counts
    by_review = {t.name or "": t.responses for t in review.units if t.responses != Tally()}
    assert by_review == by_digests
    units = {r[5] or "" for r in item_rows}
    assert {u: _tally([r for r in item_rows if (r[5] or "") == u]) for u in units} == by_digests
    for monday, digest in zip(MONDAYS, digests, strict=True):
        week = [r for r in item_rows if _day(r[0]) == monday and r[6] == STATES_ZH["missing"]]
        assert Counter(r[3] for r in week) == Counter(dict(digest.missing))


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(min_value=0, max_value=2**32 - 1))
def test_deadlines_extensions_and_closeouts_read_the_same_in_every_view(seed: int) -> None:
    """The deadline in force, the first one and the extensions granted are the ledger's
    columns; only approved close-outs are 已销号 (a returned one is not), counted alike by the
    review, the digest and the ledger; the digest's 逾期 tasks are the ledger's open, assigned
    tasks past their deadline in force, and its 延期申请待审批 the requests awaiting a decision,
    all as they stood at the review (an extension decided after it is still awaiting then)."""
    snap = _month(seed)
    task_rows, _, _ = _book(snap)
    header = tasks_header("zh")
    first, extended = header.index("原定时限"), header.index("延期次数")
    rows = {row[2]: row for row in task_rows}
    then = as_recorded_at(snap, REVIEW_AT)
    granted = Counter(x.measure_id for x in then.extensions if x.state is ExtensionState.APPROVED)
    for m in then.active_measures:
        row = rows[m.title]
        assert (_day(row[7]) or None, row[extended]) == (m.deadline, granted[m.id])
        assert _day(row[first]) == (m.first_deadline if granted[m.id] else None)
    approved = {
        then.measure_by_id[c.measure_id].title  # as worded then
        for c in snap.closeouts
        if c.state is CloseoutState.APPROVED
    }
    assert {row[2] for row in task_rows if row[8] == "已销号"} == approved
    window = window_of(snap.settings, WorkCalendar(), MONDAYS[-1], TZ)
    digest, review = weekly_digest(snap, window, REVIEW_AT), monthly_review(snap, REVIEW_AT)
    assert review.count(Light.CLOSED) == dict(digest.lights).get(Light.CLOSED, 0) == len(approved)
    past = {
        row[2]
        for row in task_rows
        if isinstance(_day(row[7]), date)
        and _day(row[7]) < REVIEW_AT.date()
        and row[8] not in ("已完成", "已销号")
        and row[12] != "未交办"  # nobody answers for it: the light says so, not 逾期
    }
    assert {line.title for line in digest.overdue} == past
    assert all(Reason.OVERDUE in line.reasons for line in digest.overdue)
    waiting = {
        then.measure_by_id[x.measure_id].title
        for x in then.extensions
        if x.state is ExtensionState.PENDING
    }
    assert {line.title for line in digest.extension_requests} == waiting


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(min_value=0, max_value=2**32 - 1))
def test_indicator_numbers_are_the_ledgers_as_reported(seed: int) -> None:
    """The numbers answered for an indicator the plan left as XXX are the ledger's 指标 cells
    of the year's reports, each report's once."""
    snap = _month(seed)
    _, report_rows, _ = _book(snap)
    reported = Counter(
        (worded_then(snap.measure_by_id[r.measure_id], REVIEW_AT).title, f"{INDICATOR}={v:g}")
        for r in snap.reports
        if r.created_at <= REVIEW_AT
        for name, v in r.indicator_values
        if name == INDICATOR
    )
    assert Counter((row[1], row[7]) for row in report_rows if row[7]) == reported


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(min_value=0, max_value=2**32 - 1))
def test_a_view_as_of_a_moment_counts_only_what_was_recorded_by_then(seed: int) -> None:
    """The review, the digests and the ledger drawn up at the review read the same whether or
    not what came later is in the store (late answers after the last cutoff, extensions decided
    after the review): a view as of a moment never depends on what came after it, so the
    ledger's 应报事项 never counts an answer its 反馈记录 does not list, and a deadline moved
    later does not move it back then."""
    snap = _month(seed)
    then = as_recorded_at(snap, REVIEW_AT)
    assert monthly_review(snap, REVIEW_AT) == monthly_review(then, REVIEW_AT)
    assert _digests(snap, REVIEW_AT) == _digests(then, REVIEW_AT)
    assert _book(snap) == _book(then)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(min_value=0, max_value=2**32 - 1))
def test_a_view_of_a_past_moment_is_unchanged_by_the_plan_changing_later(seed: int) -> None:
    """At each moment of the month (a digest going out, the review), the review, every digest
    and the ledger drawn up then read the same whether or not the store holds what came later:
    tasks imported or filed after it, measures removed after it, assignments ended after it."""
    snap = _month(seed)
    for moment in MOMENTS:
        then = as_recorded_at(snap, moment)
        assert monthly_review(snap, moment) == monthly_review(then, moment)
        assert _digests(snap, moment, due=True) == _digests(then, moment, due=True)
        assert _book(snap, moment) == _book(then, moment)


def _in_plan(snap: TeamSnapshot, moment: datetime) -> list[str]:
    """The titles of the tasks in the plan at ``moment``, as worded then, from the history's own
    facts (a 批示's task recorded before ``created_at`` was kept: its ``recorded_at``)."""
    return [
        worded_then(m, moment).title
        for m in sorted(snap.measures, key=lambda m: m.position)
        if (m.created_at or (m.source and m.source.recorded_at) or moment) <= moment
        and (m.removed_at is None or m.removed_at > moment)
    ]


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(min_value=0, max_value=2**32 - 1))
def test_every_view_lists_the_tasks_of_the_plan_at_its_moment(seed: int) -> None:
    """At each moment, the digest, the review and the ledger list the same tasks: those in the
    plan then (a task imported or filed later is not among them, one removed later is), with
    the same lights; the review compares with the month's start only the tasks of the plan
    then, and nobody answers then for a task removed by then."""
    snap = _month(seed)
    start = datetime(2024, 11, 1, tzinfo=TZ)
    at_start = {line.measure_id for line in task_lines(snap, start)}
    for moment in MOMENTS:
        expected = _in_plan(snap, moment)
        lines = task_lines(snap, moment)
        review = monthly_review(snap, moment)
        digest = _digests(snap, moment)[-1]
        task_rows, _ = _sheets(snap, moment)
        assert [line.title for line in lines] == expected
        assert [row[2] for row in task_rows] == expected
        assert review.tasks == digest.tasks == len(expected)
        assert review.lights == digest.lights
        assert {c.measure_id for c in review.changes} <= at_start
        for line in lines:
            assert all(p.assignment.ended_at is None for p in line.standing.parties)
    removed_early = [m for m in snap.measures if m.removed_at and m.removed_at <= REVIEW_AT]
    for m in removed_early:
        assert not parties(snap, m.id, REVIEW_AT)


def _figures(view: object) -> object:
    """A view without the names of the people to contact on each task (read from the roster
    as it is now: a move changes them), keeping every figure."""
    if isinstance(view, TaskLine):
        return replace(view, people=())
    if isinstance(view, tuple | list):
        return type(view)(_figures(item) for item in view)
    if is_dataclass(view) and not isinstance(view, type):
        changes = {f.name: _figures(getattr(view, f.name)) for f in fields(view) if f.init}
        return replace(view, **changes)
    return view


def _ledger_figures(snap: TeamSnapshot, at: datetime) -> list[list[tuple[object, ...]]]:
    """The ledger's rows without the tasks sheet's 责任人 names (see :func:`_figures`)."""
    tasks, *others = _book(snap, at)
    names = tasks_header("zh").index("责任人")
    return [[(*row[:names], *row[names + 1 :]) for row in tasks], *others]


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(min_value=0, max_value=2**32 - 1))
def test_a_view_of_a_past_moment_is_unchanged_by_members_moving_to_other_units_later(
    seed: int,
) -> None:
    """After the month a new roster moves unit members to other units: every figure of the
    review, the digests and the ledger drawn up at each moment of the month reads the same,
    each prompt and answer counted for the unit it was made in, not the member's unit now."""
    snap = _month(seed)
    later = moved(snap, datetime(2024, 12, 2, 10, tzinfo=TZ))  # after the month
    for moment in MOMENTS:
        review = monthly_review(snap, moment), monthly_review(later, moment)
        assert _figures(review[0]) == _figures(review[1])
        digests = _digests(snap, moment, due=True), _digests(later, moment, due=True)
        assert _figures(digests[0]) == _figures(digests[1])
        assert _ledger_figures(snap, moment) == _ledger_figures(later, moment)


def _always_there(snap: TeamSnapshot) -> TeamSnapshot:
    """The history as if the moved people had been in their new units all along (their
    prompts and answers recording those, no move dated)."""
    units = {p.id: p.unit_id for p in snap.people if p.unit_since is not None}
    people = tuple(replace(p, unit_since=None, unit_before=None) for p in snap.people)

    def unit_of(who: str, recorded: str | None) -> str | None:
        return units[who] if who in units and recorded else recorded

    prompts = tuple(replace(p, unit_id=unit_of(p.person_id, p.unit_id)) for p in snap.prompts)
    reports = tuple(
        replace(r, unit_id=unit_of(r.on_behalf_of or r.author_id, r.unit_id)) for r in snap.reports
    )
    return replace(snap, people=people, prompts=prompts, reports=reports)


def _task_units(snap: TeamSnapshot, at: datetime) -> object:
    """Where the views of ``at`` count each task: the task lines' 牵头/配合 units, the
    review's tasks per unit and the ledger's unit columns (not the answers owed, which stay
    with the unit they were asked of)."""
    lines = [(x.measure_id, x.lead_units, x.co_units) for x in task_lines(snap, at)]
    review = monthly_review(snap, at).units
    units = sorted(
        (u.name or "", u.tasks, u.co_tasks, u.shared) for u in review if u.tasks or u.co_tasks
    )
    ledger = [row[3:5] for row in _sheets(snap, at)[0]]
    return lines, units, ledger


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(min_value=0, max_value=2**32 - 1))
def test_a_view_after_a_move_counts_the_moved_peoples_tasks_under_their_new_units(
    seed: int,
) -> None:
    """A new roster moves unit members to other units mid-month: a view of a moment after it
    counts a task assigned to a moved person by name under their new unit, as if they had
    always been there, at once (before any prompt or answer of theirs records it); a view of a
    moment before it reads as if nobody had moved."""
    snap = _month(seed)
    history = moved(snap, MOVED_AT)
    new_units = {p.id: p.unit_id for p in history.people if p.unit_since is not None}
    for moment in (*MOMENTS, MOVED_AT):
        if moment < MOVED_AT:
            assert _task_units(history, moment) == _task_units(snap, moment)
            continue
        for line in task_lines(history, moment):
            for party in line.standing.parties:
                who = party.assignment.person_id
                if who in new_units:
                    assert party.unit_id == new_units[who]
        assert _task_units(history, moment) == _task_units(_always_there(history), moment)
