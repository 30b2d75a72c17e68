"""Generated months of a county office's supervision, for the cross-view property tests.

Each history builds a county office (units, officials, a leader and their liaison, unit
liaisons), a plan with sections, deadlines (some passed) and indicators left as XXX, assignments
(牵头/配合 units and people, some tasks left unassigned, some reassigned mid-month; signed
(签收) in one of the weeks, after the review, or never), leave with
and without deputies, November 2024's weekly cycles dispatched by the real dispatch planner, and
answers of every kind (taps, text without a status, late ones, colleagues adding, deputies and
liaisons answering, contradictions, indicator numbers, none). Then the newer features: a week
missed while the bot was down (no prompts), a paused week (no cycle; resumed, or still paused
in the last week), digests that went out
on time, were not delivered and sent later (perhaps after the next week's), or never went out;
extensions granted, refused or awaiting; close-outs approved, returned or awaiting. And the plan
changing under the month: tasks a re-import brought mid-month or after the review, a 批示 filed
mid-month (recorded before the moment a task entered the plan was kept: its ``recorded_at``
says), measures a re-import removed mid-month or after the review (their assignments ended
with them), measures a re-import reworded in place mid-month or after the review (title, body,
section, deadline and indicators rewritten, the wording replaced kept as a revision), a task
whose only assignee was ended mid-month, left unassigned.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

from bot.domain.people import Person, Role
from bot.domain.plan import Indicator, Measure, Revision, SourceKind, TaskSource
from bot.domain.settings import TeamSettings
from bot.domain.work import (
    AssigneeRole,
    Assignment,
    CloseoutState,
    Cycle,
    CycleKind,
    ExtensionState,
    PromptState,
    Report,
)
from bot.domain.work import ReportStatus as S
from bot.rhythm.calendar import WorkCalendar
from bot.rhythm.dispatch import plan_dispatch
from bot.rhythm.plan_then import entered_at, in_plan_then
from bot.rhythm.schedule import window_of
from bot.rhythm.snapshot import TeamSnapshot
from tests.factories import entities as e
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

MONDAYS = (date(2024, 11, 4), date(2024, 11, 11), date(2024, 11, 18), date(2024, 11, 25))
REVIEW_AT = datetime(2024, 11, 29, 16, tzinfo=TZ)  # the month's last workday
SECTIONS = ("一、产业发展", "二、项目建设", "三、民生保障")
INDICATOR = "新增规上企业"  # left as XXX in the plan, filled by the answers
REASSIGNED_AT = datetime(2024, 11, 13, 10, tzinfo=TZ)
DEADLINES = (None, date(2024, 10, 31), date(2024, 11, 15), date(2024, 12, 31))
EXTENDED_TO = date(2025, 3, 31)
DECIDED_LATER = datetime(2024, 12, 3, 10, tzinfo=TZ)  # after the review
IMPORTED_AT = datetime(2024, 11, 13, 15, tzinfo=TZ)  # a re-import brings tasks mid-month
FILED_AT = datetime(2024, 11, 20, 9, tzinfo=TZ)  # a 批示 made a task
REMOVED_AT = datetime(2024, 11, 20, 11, tzinfo=TZ)  # a re-import drops measures mid-month
REWORDED_AT = datetime(2024, 11, 18, 15, tzinfo=TZ)  # a re-import rewrites measures mid-month
ASKED_AT = datetime(2024, 11, 12, 10, tzinfo=TZ)  # extensions asked
ENDED_AT = datetime(2024, 11, 19, 10, tzinfo=TZ)  # a task's only assignee ended, none after
MOVED_AT = datetime(2024, 11, 21, 15, tzinfo=TZ)  # a new roster moves unit members (调岗)
#: when an assignment was signed (签收): never, in one of the weeks, or after the review
SIGNED = (None, None, *(datetime(2024, 11, d, 10, tzinfo=TZ) for d in (5, 14, 26)), DECIDED_LATER)


@dataclass(frozen=True, slots=True)
class Options:
    """Which of the newer features a history has (all on by default)."""

    missed: bool = True  # a week missed while the bot was down may occur
    paused: bool = True  # the rhythm may be paused over a week
    publication: bool = True  # digests may go out late, out of order or never
    plan_changes: bool = True  # tasks may enter or leave the plan, or lose their assignee


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
    rng: random.Random, measures: list[Measure], officials: list[Person], changes: bool
) -> list[Assignment]:
    rows = []
    for m in measures:
        entered = entered_at(m)
        found = _assigned(rng, m, officials, entered is None)
        if entered is not None:  # assigned once it entered the plan
            found = [replace(a, assigned_at=entered + timedelta(hours=1)) for a in found]
        elif changes and len(found) == 1 and rng.random() < 0.15:  # its only assignee ended
            found = [replace(found[0], ended_at=ENDED_AT)]
        if m.removed_at is not None:  # a removal ends the assignments in force with it
            found = [a if a.ended_at else replace(a, ended_at=m.removed_at) for a in found]
        rows += [_signed(rng, a, officials) for a in found]
    return rows


def _signed(rng: random.Random, row: Assignment, officials: list[Person]) -> Assignment:
    """The assignment signed (签收) at one of ``SIGNED``'s times after it was made, or never."""
    at = rng.choice(SIGNED)
    if at is None or at <= row.assigned_at:
        return row
    return replace(row, acknowledged_at=at, acknowledged_by=row.person_id or officials[0].id)


def _assigned(
    rng: random.Random, m: Measure, officials: list[Person], from_the_start: bool
) -> list[Assignment]:
    rows: list[Assignment] = []
    kind = rng.choice(("none", "unit", "unit", "person", "leader"))
    if kind == "none":
        return rows
    if kind == "unit":
        first = rng.randrange(3)
        if rng.random() < 0.25 and from_the_start:  # reassigned mid-month to another unit
            rows.append(assign(m.id, unit_id=f"u{first}", ended_at=REASSIGNED_AT))
            rows.append(assign(m.id, unit_id=f"u{(first + 1) % 3}", assigned_at=REASSIGNED_AT))
        else:
            rows.append(assign(m.id, unit_id=f"u{first}"))
    elif kind == "person":
        rows.append(assign(m.id, rng.choice(officials).id))
    else:
        rows.append(assign(m.id, "boss"))
    if rng.random() < 0.4:
        rows.append(assign(m.id, unit_id=f"u{rng.randrange(3)}", role=AssigneeRole.CO))
    return rows


#: how a measure stands in a plan that changes: (entered the plan, removed from it)
_FATES = (
    (IMPORTED_AT, None),  # a re-import brought it mid-month
    (DECIDED_LATER, None),  # a re-import after the review brought it
    (None, REMOVED_AT),  # a re-import dropped it mid-month
    (None, DECIDED_LATER),  # a re-import after the review dropped it
)


def _measures(rng: random.Random, changes: bool) -> list[Measure]:
    found = []
    count = rng.randint(3, 9)
    for i in range(count):
        fields: dict[str, object] = {"section": rng.choice(SECTIONS), "position": i}
        fields["deadline"] = rng.choice(DEADLINES)
        if rng.random() < 0.3:
            fields["indicators"] = (Indicator(INDICATOR, "家", None, placeholder=True),)
        if changes and rng.random() < 0.4:
            fields["created_at"], fields["removed_at"] = rng.choice(_FATES)
        elif changes and rng.random() < 0.3:
            fields = _reworded(rng, f"任务{i}", fields, rng.choice((REWORDED_AT, DECIDED_LATER)))
        title = str(fields.pop("title", f"任务{i}"))
        found.append(measure(f"m{i}", title, **fields))
    if changes and rng.random() < 0.4:  # a 批示 filed mid-month, recorded before created_at was
        source = TaskSource(SourceKind.INSTRUCTION, "抓紧推进", "县长", recorded_at=FILED_AT)
        found.append(measure(f"m{count}", "落实县长批示", position=count, source=source))
    return found


_WORDING = ("section", "deadline", "indicators")  # what a reword may change besides the text


def _reworded(
    rng: random.Random, title: str, fields: dict[str, object], at: datetime
) -> dict[str, object]:
    """A measure a re-import at ``at`` rewrote (its title and body, perhaps its section,
    deadline and indicators), the wording it replaced kept as a revision."""
    old: dict[str, Any] = {k: fields[k] for k in _WORDING if k in fields}
    was = Revision(at, title, title, **old)
    return {
        **fields,
        "title": f"{title}（修订）",
        "body": f"{title}（修订）",
        "section": rng.choice(SECTIONS),
        "deadline": rng.choice(DEADLINES),
        "indicators": rng.choice(((), (Indicator(INDICATOR, "家", None, placeholder=True),))),
        "revisions": (was,),
    }


def worded_then(m: Measure, moment: datetime) -> Measure:
    """The measure as the store held it at ``moment``: the wording a later re-import replaced
    (from the history's revisions), none of the revisions made after it."""
    later = [r for r in m.revisions if r.until > moment]
    if not later:
        return m
    was = later[0]
    return replace(
        m,
        title=was.title,
        body=was.body,
        section=was.section,
        part=was.part,
        deadline_raw=was.deadline_raw,
        deadline=was.deadline,
        indicators=was.indicators,
        revisions=tuple(r for r in m.revisions if r.until <= moment),
    )


def month(seed: int, options: Options | None = None) -> TeamSnapshot:
    """A generated month (see the module docstring)."""
    options = options or Options()
    rng = random.Random(seed)
    people = _people(rng)
    officials = [p for p in people if p.role is Role.OFFICIAL]
    measures = _measures(rng, options.plan_changes)
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
        assignments=_assignments(rng, measures, officials, options.plan_changes),
        leaves=leaves,
        reports=[],
    )
    # down over a whole week (from its Tuesday to the next one's): only a week whose digest's
    # turn came before the review can have been recorded missed by then
    missed = rng.choice((None, *MONDAYS[1:3])) if options.missed else None
    # paused over the last week (still paused), or over an earlier one and resumed after it
    paused = rng.choice((None, *MONDAYS[1:])) if options.paused and rng.random() < 0.3 else None
    for monday in MONDAYS:
        if monday == paused:
            snap = _paused_week(snap, monday)
        elif monday == missed:
            snap = _missed_week(snap, monday)
        else:
            snap = _week(rng, snap, monday)
    snap = _publish(rng, snap) if options.publication else _publish_on_time(snap)
    return _decide(rng, snap)


def _window(settings: TeamSettings, monday: date) -> tuple[str, datetime, datetime]:
    window = window_of(settings, WorkCalendar(), monday, TZ)
    return window.cycle_id, window.prompt_at, window.cutoff_at


def digest_time(monday: date) -> datetime:
    """When a week's digest is due: the next Monday 08:30."""
    return datetime.combine(monday + timedelta(days=7), datetime.min.time(), TZ) + timedelta(
        hours=8, minutes=30
    )


def _paused_week(snap: TeamSnapshot, monday: date) -> TeamSnapshot:
    """The rhythm paused from the week's Monday: still paused in the last week, else resumed
    the next Monday (no cycle either way: nothing was due)."""
    start = datetime.combine(monday, datetime.min.time(), TZ) + timedelta(hours=10)
    end = None if monday == MONDAYS[-1] else start + timedelta(days=7)
    settings = replace(snap.settings, paused=end is None, paused_from=start, resumed_at=end)
    return replace(snap, settings=settings)


def _missed_week(snap: TeamSnapshot, monday: date) -> TeamSnapshot:
    """The bot was down over the whole week: recorded when it came back, after the digest's
    grace, as the catch-up records it (opened at its scheduled prompt time)."""
    cycle_id, prompt_at, cutoff_at = _window(snap.settings, monday)
    back = digest_time(monday) + timedelta(days=1, hours=2)
    cycle = Cycle(
        id=cycle_id,
        team_id=TEAM,
        kind=CycleKind.WEEKLY,
        period_start=monday,
        opened_at=prompt_at,
        cutoff_at=cutoff_at,
        closed_at=back,
        digest_failed_at=back,
        missed=True,
    )
    return replace(snap, cycles=(*snap.cycles, cycle))


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
        for p in plan_dispatch(as_recorded_at(snap, window.prompt_at), window).prompts(
            window.prompt_at
        )
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
    task = snap.measure_by_id[measure_id]
    numbers = ((INDICATOR, float(rng.randint(1, 40))),) if task.indicators else ()
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
        indicator_values=numbers if rng.random() < 0.7 else (),
        unit_id=snap.person_by_id[on_behalf or author].unit_id,
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
                unit_id=other.unit_id,
            )
        )
    return found


def _publish_on_time(snap: TeamSnapshot) -> TeamSnapshot:
    """Every held week's digest went out at its time; a missed week's never did."""
    cycles = tuple(
        c if c.missed else replace(c, digest_sent_at=digest_time(c.period_start))
        for c in snap.cycles
    )
    return replace(snap, cycles=cycles)


def _publish(rng: random.Random, snap: TeamSnapshot) -> TeamSnapshot:
    """Each week's digest: out at its time; or not delivered at its time and sent by a lead's
    /digest later (a day later, or after the next week's went out); or never sent. Only what
    went out before the review counts as sent by then."""
    cycles = []
    for cycle in snap.cycles:
        due = digest_time(cycle.period_start)
        if due > REVIEW_AT:  # its turn has not come by the review
            cycles.append(cycle)
            continue
        fate = rng.choice(("on_time", "on_time", "later", "after_next", "never"))
        if cycle.missed and fate == "on_time":
            fate = "never"
        if fate == "on_time":
            cycle = replace(cycle, digest_sent_at=due)
        else:
            failed = cycle.digest_failed_at or due
            sent = {"later": failed + timedelta(days=1), "after_next": failed + timedelta(days=8)}
            at = sent.get(fate)
            cycle = replace(cycle, digest_failed_at=failed, digest_sent_at=at)
        if cycle.digest_sent_at is not None and cycle.digest_sent_at > REVIEW_AT:
            cycle = replace(cycle, digest_sent_at=None)  # not yet, as of the review
        cycles.append(cycle)
    return replace(snap, cycles=tuple(cycles))


def _decide(rng: random.Random, snap: TeamSnapshot) -> TeamSnapshot:
    """Close-outs approved, returned or awaiting; extensions granted (the deadline moved, the
    first one kept), refused or awaiting, on tasks with a deadline."""
    closeouts, extensions, measures = [], [], []
    when = datetime(2024, 11, 27, 10, tzinfo=TZ)
    for m in snap.measures:
        if not (in_plan_then(m, ASKED_AT) and in_plan_then(m, when)):  # not a task then
            measures.append(m)
            continue
        fate = rng.random()
        if fate < 0.2:
            closeouts.append(closeout(m.id, CloseoutState.APPROVED, when))
        elif fate < 0.3:
            state = rng.choice((CloseoutState.RETURNED, CloseoutState.PENDING))
            closeouts.append(closeout(m.id, state, when))
        # (a reworded task asks none: the history's extensions record no deadline it replaced)
        if m.deadline is not None and not m.revisions and rng.random() < 0.4:
            state = rng.choice(list(ExtensionState))
            asked = ASKED_AT
            # decided within the month, or after the review (the review does not know yet)
            later = rng.choice((timedelta(hours=3), DECIDED_LATER - asked))
            decided = None if state is ExtensionState.PENDING else asked + later
            extensions.append(
                e.extension(
                    team_id=TEAM,
                    measure_id=m.id,
                    requested_at=asked,
                    old_deadline=m.deadline,
                    new_deadline=EXTENDED_TO,
                    state=state,
                    decided_at=decided,
                    decided_by="boss" if decided else None,
                )
            )
            if state is ExtensionState.APPROVED:
                m = replace(m, original_deadline=m.deadline, deadline=EXTENDED_TO, extensions=1)
        measures.append(m)
    return replace(
        snap,
        measures=tuple(measures),
        closeouts=tuple(closeouts),
        extensions=tuple(extensions),
    )


def moved(snap: TeamSnapshot, at: datetime) -> TeamSnapshot:
    """The history after a new roster at ``at`` moved every unit's officials and liaisons to
    the next unit (调岗), those assigned a task by name among them: each person's move dated
    (``unit_since``, ``unit_before``) as the roster import records it."""

    def move(p: Person) -> Person:
        if not p.unit_id or p.role not in (Role.OFFICIAL, Role.LIAISON):
            return p
        to = f"u{(int(p.unit_id[1:]) + 1) % 3}"
        return replace(p, unit_id=to, unit_since=at, unit_before=p.unit_id)

    return replace(snap, people=tuple(move(p) for p in snap.people))


def as_recorded_at(snap: TeamSnapshot, moment: datetime) -> TeamSnapshot:
    """The history as the store held it at ``moment``: the reports made by then, extensions
    decided after it still awaiting a decision (the deadline not yet moved), the measures in
    the plan by then (one removed after it not yet removed), the assignments made by then (one
    ended after it still in force, one signed after it still unsigned), the cycles opened by
    then as they stood (closed, their digest sent or refused only by then), each measure as
    worded then (:func:`worded_then`)."""
    measures = {
        m.id: m if m.removed_at is None or m.removed_at <= moment else replace(m, removed_at=None)
        for m in (worded_then(m, moment) for m in snap.measures)
        if (entered_at(m) or moment) <= moment
    }
    extensions = []
    for x in snap.extensions:
        if x.decided_at is not None and x.decided_at > moment:
            if x.state is ExtensionState.APPROVED:
                m = measures[x.measure_id]
                measures[m.id] = replace(
                    m, deadline=x.old_deadline, original_deadline=None, extensions=0
                )
            x = replace(x, state=ExtensionState.PENDING, decided_at=None, decided_by=None)
        extensions.append(x)
    assignments = tuple(
        _assignment_then(a, moment) for a in snap.assignments if a.assigned_at <= moment
    )
    cycles = tuple(_cycle_then(c, moment) for c in snap.cycles if _recorded(c) <= moment)
    held = {c.id for c in cycles}
    return replace(
        snap,
        measures=tuple(measures[m.id] for m in snap.measures if m.id in measures),
        assignments=assignments,
        cycles=cycles,
        prompts=tuple(p for p in snap.prompts if p.cycle_id in held),
        reports=tuple(r for r in snap.reports if r.created_at <= moment),
        extensions=tuple(extensions),
    )


def _assignment_then(row: Assignment, moment: datetime) -> Assignment:
    """An assignment as it stood at ``moment``: ended or signed after it, not yet."""
    if row.ended_at is not None and row.ended_at > moment:
        row = replace(row, ended_at=None)
    if row.acknowledged_at is not None and row.acknowledged_at > moment:
        row = replace(row, acknowledged_at=None, acknowledged_by=None)
    return row


def _recorded(cycle: Cycle) -> datetime:
    """When the cycle stands in the history: opened (a missed week's, recorded when the bot
    came back, at its scheduled prompt time: every view counts it in its own week)."""
    return cycle.opened_at


def _cycle_then(cycle: Cycle, moment: datetime) -> Cycle:
    def known(at: datetime | None) -> datetime | None:
        return at if at is not None and at <= moment else None

    return replace(
        cycle,
        closed_at=known(cycle.closed_at),
        digest_sent_at=known(cycle.digest_sent_at),
        digest_failed_at=known(cycle.digest_failed_at),
    )
