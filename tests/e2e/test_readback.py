"""What leaders receive, read back: at one moment, the week's digest (the group's and the
lead's, every part), the month's review and the ledger (the review's workbook and ``/export``)
agree on every figure they share, in Chinese and in English, and their totals are what a
newcomer counts from the store (what was assigned and reported by then).

The real Application over HTTP against the sandbox, on a manual clock; the month is
:mod:`tests.e2e.readback_world`'s, its answers drawn from a seed (``DUBAN_STRESS=1``: more
seeds). The reader (:mod:`tests.e2e.readback`) reads the delivered texts, never the renderers.
"""

from __future__ import annotations

import os
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest

from bot.domain.plan import Measure, SourceKind
from bot.domain.work import CloseoutState, CycleKind, ExtensionState
from sandbox import Sandbox
from sandbox.views import MessageView
from tests.e2e.month_world import World, bot_up
from tests.e2e.readback import (
    DigestRead,
    LedgerRead,
    ReviewRead,
    read_digest,
    read_ledger,
    read_review,
)
from tests.e2e.readback_world import READ_AT, new_world, seed_month

#: (seed, language, extra tasks): two months by default, one read in each language; more under
#: stress, where odd seeds add 50 tasks (the lead's digest goes in several messages)
CASES = (
    [(seed, lang, 50 * (seed % 2)) for seed in range(12) for lang in ("zh", "en")]
    if os.environ.get("DUBAN_STRESS") == "1"
    else [(3, "zh", 0), (5, "en", 0)]  # two months whose averages land on a half (62.5 %)
)
TITLES = {"zh": ("📋 周调度通报", "📊 "), "en": ("📋 Weekly digest", "📊 ")}
REVIEW_SENT = {"zh": "月度研判已发出", "en": "📈 Monthly review"}  # the run-now reply
EXPORTED = {"zh": "📒 台账（", "en": "📒 Ledger ("}


@dataclass
class Received:
    """Everything read back at the moment."""

    digest: DigestRead  # the group's version
    leads_digest: DigestRead  # the lead's private one (names the missing)
    review: ReviewRead
    ledger: LedgerRead  # the review's workbook
    export: LedgerRead  # /export's, at the same moment
    leads_parts: int  # the messages the lead's digest came in


@pytest.mark.slow
@pytest.mark.parametrize(("seed", "lang", "extra"), CASES)
async def test_digest_review_and_ledger_agree(
    sandbox: Sandbox, tmp_path: Path, seed: int, lang: str, extra: int
) -> None:
    """A county's month, read back at the second digest: digest, review and ledger agree on
    tasks, lights, each task's light/progress/序时进度, sections, units, answers owed and
    given, 待销号, 逾期, 停滞, 领办逾期, 同一单位反馈不一致, 延期申请, and the totals (and the
    tasks not yet assigned when the month began) are the store's count."""
    world = new_world(sandbox, tmp_path)
    async with bot_up(world):
        await seed_month(world, seed, lang, extra)
        received = await read_back(world, lang)
        newcomer = count_from_store(world)
    assert_one_digest(received.digest, received.leads_digest)
    assert_tasks_agree(received)
    assert_answers_agree(received)
    assert received.export.tasks == received.ledger.tasks
    assert_as_counted(received, newcomer)
    assert_disputes_agree(received, newcomer)
    assert_extensions_agree(received, newcomer)
    assert_new_tasks_as_counted(received, newcomer)
    assert_decisions_agree(received, newcomer)
    assert_vague_agree(received)
    assert (received.leads_parts > 1) == (extra > 0)  # read whole from several messages too


async def read_back(world: World, lang: str) -> Received:
    """At :data:`READ_AT` (the second digest just out): the lead asks for the review and the
    ledger; every delivered part is read."""
    assert world.lead is not None
    assert world.clock.now() == READ_AT
    await world.lead.send("/review")
    await world.lead.wait_for_message(REVIEW_SENT[lang], timeout=30)  # the workbook's worker
    await world.lead.send("/export")
    export = await world.lead.wait_for_message(
        lambda m: m.document is not None and m.text.startswith(EXPORTED[lang]), timeout=30
    )
    await world.sb.wait_idle()
    group = world.group_messages()
    digest_title, review_title = TITLES[lang]
    document = next(m for m in reversed(group) if m.document is not None)
    leads = parts_of(world.lead.bot_messages(), digest_title)
    return Received(
        read_digest(parts_of(group, digest_title), lang),
        read_digest(leads, lang),
        read_review(parts_of(group, review_title), lang),
        read_ledger(file_of(world, document), lang),
        read_ledger(file_of(world, export), lang),
        len(leads),
    )


def parts_of(messages: list[MessageView], title: str) -> list[str]:
    """The latest message starting with ``title`` and the parts that follow it (texts without
    a photo, a document or a title of their own)."""
    start = max(i for i, m in enumerate(messages) if m.text.startswith(title))
    parts = [messages[start].text]
    for message in messages[start + 1 :]:
        if message.photo or message.document or message.text.startswith(("📋", "📊", "📈")):
            break
        parts.append(message.text)
    return parts


def file_of(world: World, message: MessageView) -> bytes:
    """The bytes of a document the bot sent."""
    assert message.document is not None
    stored = world.sb.world.files.get(message.document["file_id"])
    assert stored is not None
    return stored.data


def half_up(value: float) -> int:
    """Rounded as a reader of the ledger rounds by hand or in Excel (四舍五入)."""
    return int(Decimal(str(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def mean(values: list[Any]) -> int | None:
    """The mean of the numbers among ``values``, rounded half up (None without any)."""
    numbers = [v for v in values if v is not None]
    return half_up(sum(numbers) / len(numbers)) if numbers else None


def assert_one_digest(group: DigestRead, leads: DigestRead) -> None:
    """The group's and the lead's digests state the same figures; the lead's names the
    missing, as many as the group's counts, their items the missing answers (but those nobody
    could be asked: 无法送达)."""
    for name in ("tasks", "lights", "counts", "on_leave", "units", "sections", "troubled"):
        assert getattr(group, name) == getattr(leads, name), name
    assert (group.overdue, group.awaiting, group.late) == (
        leads.overdue,
        leads.awaiting,
        leads.late,
    )
    assert group.counts is not None
    # those nobody could ask (无法送达) are counted, not named
    assert sum(leads.missing.values()) == group.counts.missing - group.counts.unreachable
    assert len(leads.missing) == (group.missing_hidden or 0)


def assert_tasks_agree(got: Received) -> None:
    """Task count, lights, each task and each section: the same in digest, review, ledger."""
    digest, review, rows = got.digest, got.review, got.ledger.tasks
    by_title = got.ledger.by_title()
    assert digest.tasks == review.tasks == len(rows) == sum(digest.lights.values())
    lights = {k: v for k, v in Counter(row["light"] for row in rows).items() if v}
    assert digest.lights == review.lights == lights
    for title, said in digest.troubled.items():
        row = by_title[title]
        assert (said.light, said.progress, said.expected) == (
            row["light"],
            row["progress"],
            row["expected"],
        ), title
    reported = {r["title"] for r in rows if r["status"] in ("behind", "blocked")}
    assert reported - {r["title"] for r in rows if r["light"] == "closed"} <= set(digest.troubled)
    assert set(review.red) == {r["title"] for r in rows if r["light"] == "red"}
    for title, said in review.red.items():
        if title in digest.troubled:
            assert said.reasons == digest.troubled[title].reasons, title
    assert {title: after for title, (_, after) in review.changes.items()} == {
        title: by_title[title]["light"] for title in review.changes
    }
    assert digest.awaiting == {r["title"] for r in rows if r["closeout"] == "pending"}
    today = READ_AT.date()
    late = {
        r["title"]
        for r in rows
        if r["deadline"] is not None
        and r["deadline"] < today
        and r["light"] != "closed"
        and r["status"] != "done"  # past its deadline and not 已完成
    }
    assert digest.overdue == late
    assert got.leads_digest.stale == {
        r["title"]: r["still"] for r in rows if r["title"] in got.leads_digest.stale
    }
    claims = {(r["title"], c.split("：")[0].split(":")[0]) for r in rows for c in r["claims"]}
    assert got.leads_digest.claims == claims
    assert_sections_agree(got)


def assert_sections_agree(got: Received) -> None:
    """Each section's tasks, progress and 序时进度 as the ledger's rows give them, in the
    digest and in the review; the review's overall progress too."""
    sections: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in got.ledger.tasks:
        sections[row["section"]].append(row)
    assert set(got.digest.sections) == set(got.review.sections) == set(sections)
    for name, rows in sections.items():
        progress = [r["progress"] for r in rows]
        lights = Counter(r["light"] for r in rows)
        figures = (
            len(rows),
            mean(progress),
            sum(p is not None for p in progress),
            mean([r["expected"] for r in rows]),
        )
        for said in (got.digest.sections[name], got.review.sections[name]):
            assert (said.tasks, said.progress, said.with_progress, said.expected) == figures, name
        assert got.digest.sections[name].lights == dict(lights), name
    progress = [r["progress"] for r in got.ledger.tasks]
    assert (got.review.progress, got.review.with_progress) == (
        mean(progress),
        sum(p is not None for p in progress),
    )


def assert_answers_agree(got: Received) -> None:
    """Answers owed and given: the digest's (its cycle, by unit, who is missing) and the
    review's (the month, by unit and section) are the ledger's rows of answers owed."""
    items = got.ledger.items
    week = [i for i in items if i["cycle"] == max(i["cycle"] for i in items)]
    states = Counter(i["state"] for i in week)
    counts = got.digest.counts
    assert counts is not None
    assert (counts.on_time, counts.late, counts.missing, counts.unreachable) == (
        states["on_time"],
        states["late"],
        states["missing"] + states["unreachable"],
        states["unreachable"],
    )
    assert counts.expected == len(week) - states["on_leave"]
    assert got.digest.on_leave == states["on_leave"]
    assert got.digest.units == tally_by(week, "unit", late=True)
    missing = Counter(i["party"] for i in week if i["state"] == "missing")  # 无法送达 unnamed
    assert got.leads_digest.missing == dict(missing)
    month = [i for i in items if i["cycle"].month == READ_AT.month]
    review = got.review
    assert review.counts is not None
    states = Counter(i["state"] for i in month)
    assert review.cycles == len({i["cycle"] for i in month})
    assert (review.counts.expected, review.counts.on_time, review.counts.late) == (
        len(month) - states["on_leave"],
        states["on_time"],
        states["late"],
    )
    assert review.counts.missing == states["missing"] + states["unreachable"]
    by_unit = tally_by(month, "unit")
    assert {u: (f["owed"], f["answered"]) for u, f in review.units.items()} == by_unit
    assert_units_lead(got)
    section_of = {r["title"]: r["section"] for r in got.ledger.tasks}
    by_section = tally_by([{**i, "section": section_of[i["title"]]} for i in month], "section")
    stated = {n: (s.owed, s.answered) for n, s in review.sections.items() if s.owed}
    assert stated == by_section


def tally_by(items: list[dict[str, Any]], key: str, *, late: bool = False) -> dict[str, Any]:
    """Answers owed and given (and late) by ``key``, as the views count them (leave not owed)."""
    found: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for item in items:
        if item["state"] == "on_leave":
            continue
        figures = found[item[key]]
        figures[0] += 1
        figures[1] += item["state"] in ("on_time", "late")
        figures[2] += item["state"] == "late"
    return {name: tuple(f) if late else tuple(f[:2]) for name, f in found.items()}


def assert_units_lead(got: Received) -> None:
    """Each unit's tasks led (and shared), supported, and its led tasks' progress, as the
    ledger's 牵头/配合 columns give them."""
    for unit, said in got.review.units.items():
        led = [r for r in got.ledger.tasks if unit in r["lead_units"]]
        co = [r for r in got.ledger.tasks if unit in r["co_units"] and r not in led]
        shared = sum(len(r["lead_units"]) > 1 for r in led)
        figures = (len(led), shared, len(co), mean([r["progress"] for r in led]))
        assert (said["tasks"], said["shared"], said["co"], said["progress"]) == figures, unit


@dataclass(frozen=True)
class Newcomer:
    """The totals as a newcomer counts them from the store's records."""

    tasks: int
    unassigned: int
    closed: int
    owed: int  # in the digest's cycle: tasks held when its prompts went out, not closed then
    on_time: int
    late: int
    opened_at: datetime  # the digest's cycle's prompts (local, as the ledger writes times)
    pending: dict[str, tuple[date | None, date]]  # 延期申请 awaiting: title -> (now, asked)
    extended: dict[str, tuple[int, date | None]]  # title -> approved, 原定时限 (any request)
    new_at_month: int  # tasks nobody had been assigned when the month began
    sources: dict[str, str]  # title -> 批示/会议决定 (the tasks not from the plan)
    meetings_held: set[str]  # the tasks from decisions of a meeting held this month


def count_from_store(world: World) -> Newcomer:
    """Tasks in the plan, those nobody holds, those closed; the digest's cycle's answers: each
    task held at the prompt, answered by the cutoff, after it, or not at all."""
    store = world.services.store
    measures = {
        m.id: m
        for plan in store.plans.for_team(world.team_id)
        for m in store.measures.for_plan(plan.id)
        if m.removed_at is None
    }
    held = {m for m in measures if any(a.active for a in store.assignments.for_measure(m))}
    closed = {
        c.measure_id
        for c in store.closeouts.for_team(world.team_id)
        if c.state is CloseoutState.APPROVED
    }
    weekly = [c for c in store.cycles.for_team(world.team_id) if c.kind is CycleKind.WEEKLY]
    cycle = max((c for c in weekly if c.opened_at <= READ_AT), key=lambda c: c.opened_at)
    owed = {
        m
        for m in measures
        for a in store.assignments.for_measure(m)
        if a.assigned_at <= cycle.opened_at
        and (a.ended_at is None or a.ended_at > cycle.opened_at)
    }
    owed -= {
        c.measure_id
        for c in store.closeouts.for_team(world.team_id)
        if c.state is CloseoutState.APPROVED
        and c.decided_at is not None
        and c.decided_at <= cycle.opened_at
    }
    reports = [r for r in store.reports.for_cycle(cycle.id) if r.measure_id in owed]
    on_time = {r.measure_id for r in reports if r.created_at <= cycle.cutoff_at}
    late = {r.measure_id for r in reports if r.measure_id not in on_time}
    start = READ_AT.replace(day=1, hour=0, minute=0)
    new = {  # an assignment ended since (a task reassigned) still had it assigned then
        m
        for m in measures
        if all(a.assigned_at >= start for a in store.assignments.for_measure(m))
    }
    opened = cycle.opened_at.astimezone(READ_AT.tzinfo).replace(tzinfo=None)
    pending, extended = extensions_in_store(world, measures)
    return Newcomer(len(measures), len(measures) - len(held), len(closed), len(owed),
                    len(on_time), len(late), opened, pending, extended, len(new),
                    *sources_in_store(measures.values(), start))  # fmt: skip


def sources_in_store(
    measures: Iterable[Measure], start: datetime
) -> tuple[dict[str, str], set[str]]:
    """The tasks made from an instruction or a decision, by title, with their source; and the
    decisions of a meeting held this month (its date, else the day it was recorded)."""
    sources = {m.title: m.source.kind.value for m in measures if m.source is not None}
    held = set()
    for m in measures:
        if m.source is None or m.source.kind is not SourceKind.MEETING:
            continue
        recorded = m.source.recorded_at.date() if m.source.recorded_at else None
        day = m.source.given_at or recorded
        if day is not None and start.date() <= day <= READ_AT.date():
            held.add(m.title)
    return sources, held


def extensions_in_store(
    world: World, measures: dict[str, Measure]
) -> tuple[dict[str, tuple[date | None, date]], dict[str, tuple[int, date | None]]]:
    """The requests pending (title -> deadline now, asked) and, for each task with any
    request, how many were approved and its 原定时限."""
    extensions = world.services.store.extensions.for_team(world.team_id)
    pending = {
        measures[e.measure_id].title: (measures[e.measure_id].deadline, e.new_deadline)
        for e in extensions
        if e.state is ExtensionState.PENDING
    }
    approved = Counter(e.measure_id for e in extensions if e.state is ExtensionState.APPROVED)
    extended = {
        measures[m].title: (approved[m], measures[m].original_deadline)
        for m in {e.measure_id for e in extensions}
    }
    return pending, extended


def assert_as_counted(got: Received, newcomer: Newcomer) -> None:
    """The views' totals are the newcomer's."""
    lights = got.digest.lights
    assert got.digest.tasks == newcomer.tasks
    assert lights.get("unassigned", 0) == newcomer.unassigned
    assert lights.get("closed", 0) == newcomer.closed
    counts = got.digest.counts
    assert counts is not None
    assert counts.expected + got.digest.on_leave == newcomer.owed
    assert (counts.on_time, counts.late) == (newcomer.on_time, newcomer.late)


def assert_disputes_agree(got: Received, newcomer: Newcomer) -> None:
    """同一单位反馈不一致 in the lead's digest: each task and party whose members' latest
    statuses in the cycle differ in the ledger's 反馈记录 rows since its prompts."""
    latest: dict[tuple[str, str], dict[str, str | None]] = defaultdict(dict)
    for row in sorted(got.ledger.reports, key=lambda r: r["at"]):
        if row["at"] >= newcomer.opened_at:
            latest[(row["title"], row["party"])][row["author"]] = row["status"]
    disputed = {k: v for k, v in latest.items() if len(set(v.values())) > 1}
    assert disputed, "the month has a unit whose members disagree"
    assert got.leads_digest.disputed == disputed


def assert_extensions_agree(got: Received, newcomer: Newcomer) -> None:
    """延期申请待审批 in the lead's digest: the store's pending requests, each with its deadline
    now (the ledger's 完成时限) and the one asked; the ledger's 延期次数 counts the approved
    ones only, and 原定时限 is filled only for a task whose deadline moved."""
    assert newcomer.pending, "the month has a request pending"
    assert got.leads_digest.extensions == newcomer.pending
    rows = got.ledger.by_title()
    for title, (current, _) in got.leads_digest.extensions.items():
        assert rows[title]["deadline"] == current, title
    for title, (approved, original) in newcomer.extended.items():
        assert (rows[title]["extensions"] or 0, rows[title]["original"]) == (
            approved,
            original if approved else None,
        ), title


def assert_new_tasks_as_counted(got: Received, newcomer: Newcomer) -> None:
    """The review's 灯色变化 counts the tasks nobody had been assigned when the month began (a
    reassigned task had been), in the wording that fits: 另有 N 项 when others are compared,
    else 均为月内交办 only when none is still unassigned."""
    review = got.review
    assert review.new_tasks == newcomer.new_at_month
    compared = review.tasks - review.new_tasks
    unassigned = review.lights.get("unassigned", 0)
    words = "new_some" if compared else "new_none" if unassigned else "new_all"
    assert review.new_words == (words if review.new_tasks else "")


def assert_decisions_agree(got: Received, newcomer: Newcomer) -> None:
    """会议决定事项落实情况 in the review: the tasks the ledger's 来源 gives as meeting decisions
    whose meeting the store has this month, each marked 【会议】 and with the ledger's light,
    status and progress; the ledger's 来源 is each task's source in the store."""
    assert set(newcomer.sources.values()) == {"instruction", "meeting"}
    rows = got.ledger.by_title()
    assert {r["title"]: r["source"] for r in rows.values() if r["source"] != "plan"} == (
        newcomer.sources
    )
    held = {t for t in newcomer.meetings_held if rows[t]["source"] == "meeting"}
    assert held
    assert held < {t for t, s in newcomer.sources.items() if s == "meeting"}
    assert set(got.review.decisions) == held
    for title, (mark, light, status, progress) in got.review.decisions.items():
        row = rows[title]
        assert (mark, light, status, progress) == ("meeting", row["light"], row["status"],
                                                   row["progress"]), title  # fmt: skip


def assert_vague_agree(got: Received) -> None:
    """反馈内容空泛或与上期重复 in the lead's digest: each task's words are those of its latest
    row in the ledger's 反馈记录 (进展 and 下步打算, as written), and a repeated one's are its
    row before's too."""
    rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in sorted(got.ledger.reports, key=lambda r: r["at"]):
        words = "\n".join(r for r in (row["progress_text"], row["next_steps"]) if r)
        rows[row["title"]].append({**row, "words": " ".join(words.split("\n"))})
    assert got.leads_digest.vague, "the month has a vague update"
    for title, (flag, words) in got.leads_digest.vague.items():
        written = [r["words"] for r in rows[title] if r["words"]]
        assert shortened(written[-1]) == words, title
        if flag == "repeated":
            assert len(written) > 1, title


def shortened(text: str) -> str:
    """As the digest quotes an update: its first 60 characters, then an ellipsis."""
    return text if len(text) <= 60 else text[:59] + "…"
