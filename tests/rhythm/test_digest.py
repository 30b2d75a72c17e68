"""The weekly digest: aggregation, rendering in both languages, naming, escaping and splitting."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest

from bot.domain.people import Team
from bot.domain.plan import SourceKind
from bot.domain.settings import TeamSettings
from bot.domain.work import ReportStatus
from bot.render.rhythm.digest import render_digest
from bot.rhythm.calendar import WorkCalendar
from bot.rhythm.claims import ClaimOverdue
from bot.rhythm.digest import (
    Digest,
    Disputed,
    LateReply,
    NotOpened,
    build_weekly_digest,
    weekly_digest,
)
from bot.rhythm.escalation import Escalated
from bot.rhythm.figures import Item, ItemState, Tally, by_unit
from bot.rhythm.lights import Light, Reason
from bot.rhythm.parties import Party
from bot.rhythm.snapshot import TeamSnapshot
from bot.text.split import utf16_len
from tests.factories.office import cycle_world, opened_cycle, window, world
from tests.factories.snapshots import (
    TEAM,
    assign,
    cycle,
    local,
    measure,
    prompt,
    report,
    store_with,
    unit,
)
from tests.text.test_split import balanced

DIGEST_TIME = local(2024, 10, 14, 8, 30)


def _digest(**overrides: object) -> Digest:
    return weekly_digest(cycle_world(**overrides), window(), DIGEST_TIME, "t1.w20240930")


def test_counts_items_owed_by_parties() -> None:
    """Each task owes one answer per party: a deputy's covers the unit, leave is not owed."""
    digest = _digest()
    # p1 answered m9, m1, m5 for himself; m2 is owed by 县财政局 (p1 covers p3, p6 unreachable);
    # m3 by 赵局长 through 小刘; m7 by 李四, on leave.
    assert digest.responses == Tally(on_time=3, late=0, missing=2, unreachable=0, on_leave=1)
    assert (digest.responses.expected, digest.responses.rate) == (5, 0.6)
    assert digest.nobody_reported is False
    assert digest.missing == (("县财政局", 1), ("赵局长", 1))


def test_unit_rows_add_up_to_the_totals() -> None:
    """Units are ranked lowest rate first, and their rows sum to the cycle's figures."""
    digest = _digest()
    assert digest.units == (
        ("县财政局", Tally(missing=2)),
        ("县发改委", Tally(on_time=3, on_leave=1)),
    )
    assert sum((counts for _, counts in digest.units), Tally()) == digest.responses


def test_units_with_the_same_rate_keep_the_teams_order_of_units() -> None:
    """Units tied on their rate come in the team's order of units (the roster's, as the review
    lists them), not by the characters' code points; the parties with no unit come last."""
    snap = world(units=[unit("u3", "县政府"), unit("u1", "县发改委"), unit("u2", "县财政局")])

    def item(n: int, unit_id: str | None, state: ItemState) -> Item:
        row = assign(f"m{n}", unit_id=unit_id, person_id=None if unit_id else "p1")
        party = Party(f"k{n}", row.role, f"party{n}", unit_id, row)
        return Item("c1", f"m{n}", party, state, ())

    items = [
        item(1, None, ItemState.ON_TIME),
        item(2, "u2", ItemState.ON_TIME),
        item(3, "u1", ItemState.ON_TIME),
        item(4, "u3", ItemState.ON_TIME),
        item(5, "u1", ItemState.MISSING),
        item(6, "u3", ItemState.MISSING),
    ]
    assert [name for name, _ in by_unit(snap, items)] == ["县政府", "县发改委", "县财政局", None]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_block_of_the_leads_digest_opens_with_a_bold_heading(lang: str) -> None:
    """Each block of lines in the leads' digest (领办逾期 and 已提请包联领导关注 included) opens
    with its heading in bold, as a leader scanning the message expects."""
    digest = replace(
        _digest(),
        claims_overdue=(
            ClaimOverdue("m1", "举措一", "县发改委", local(2024, 10, 1), timedelta(days=2)),
        ),
        escalated=(Escalated("m2", "举措二", "王副县长", local(2024, 10, 8, 10)),),
    )
    text = "\n".join(render_digest(digest, lang, "leads"))
    for block in text.split("\n\n"):
        lines = block.splitlines()
        if len(lines) > 1 and lines[1].startswith("• "):
            assert lines[0].startswith("<b>"), lines[0]
            assert lines[0].endswith("</b>"), lines[0]
    assert "王副县长" in text  # the blocks were rendered
    assert "举措一" in text


@pytest.mark.parametrize(("lang", "mark"), [("zh", "【批示】"), ("en", "[Instruction] ")])
def test_a_task_made_from_an_instruction_is_named_alike_in_every_block(
    lang: str, mark: str
) -> None:
    """A 批示 task carries its source mark in every list of the leads' digest (conflicting
    answers, late replies, 领办逾期, escalations), as in its task lines: one name for one task."""
    instruction = SourceKind.INSTRUCTION
    digest = replace(
        _digest(),
        disputed=(
            Disputed(
                "举措一", "县发改委", (("张三", "on_track"), ("李四", "behind")), instruction
            ),
        ),
        late_replies=(LateReply("举措二", "张三", local(2024, 10, 12, 9), instruction),),
        claims_overdue=(
            ClaimOverdue(
                "m3", "举措三", "县财政局", local(2024, 10, 1), timedelta(days=2), instruction
            ),
        ),
        escalated=(Escalated("m4", "举措四", "王副县长", local(2024, 10, 8, 10), instruction),),
    )
    text = "\n".join(render_digest(digest, lang, "leads"))
    for title in ("举措一", "举措二", "举措三", "举措四"):
        assert f"{mark}{title}" in text, title


def test_a_colleagues_answer_counts_for_the_unit_and_follow_ups_add_nothing() -> None:
    """Any member's answer settles the unit's item; a second answer or a tap adds no item."""
    snap = cycle_world()
    extra = (
        report("m2", "p6", local(2024, 10, 10, 16), cycle_id=opened_cycle().id, progress=10),
        report("m2", "p6", local(2024, 10, 10, 17), cycle_id=opened_cycle().id, progress=20),
        report("m1", "p1", local(2024, 10, 11, 9), cycle_id=opened_cycle().id, progress=85),
    )
    digest = weekly_digest(replace(snap, reports=(*snap.reports, *extra)), window(), DIGEST_TIME)
    assert digest.responses == Tally(on_time=4, missing=1, on_leave=1)
    assert digest.missing == (("赵局长", 1),)


def test_task_lists() -> None:
    """Blocked/behind tasks, overdue ones and sections are listed with their lights."""
    digest = _digest()
    troubled = {t.measure_id: t for t in digest.troubled}
    assert set(troubled) == {"m1", "m5"}
    assert troubled["m5"].reasons[0] is Reason.BLOCKED
    assert [t.measure_id for t in digest.overdue] == ["m9"]
    sections = {s.section: s for s in digest.sections}
    assert sections["二、财政"].tasks == 2
    assert sections["一、产业"].count(Light.CLOSED) == 1


def test_late_answer_counts_as_late() -> None:
    """An item whose only answer came after the cutoff is counted as 逾时."""
    late = report(
        "m3",
        "p5",
        local(2024, 10, 12, 9),
        cycle_id=opened_cycle().id,
        late=True,
        on_behalf_of="p4",
    )
    snap = cycle_world()
    digest = weekly_digest(replace(snap, reports=(*snap.reports, late)), window(), DIGEST_TIME)
    assert digest.responses == Tally(on_time=3, late=1, missing=1, on_leave=1)
    assert digest.missing == (("县财政局", 1),)


def test_late_replies_to_previous_cycle_appear_in_next_digest() -> None:
    """Replies after the previous digest, late for the previous cycle, are listed as late."""
    previous = cycle(
        date(2024, 9, 30),
        local(2024, 10, 8, 9),
        local(2024, 10, 9, 17),
        digest_sent_at=local(2024, 10, 14, 8, 30),
    )
    before = report("m3", "p5", local(2024, 10, 12, 9), cycle_id=previous.id, late=True)
    after = report("m7", "p2", local(2024, 10, 14, 9), cycle_id=previous.id, late=True)
    snap = cycle_world()
    snap = replace(snap, cycles=(previous, *snap.cycles), reports=(*snap.reports, before, after))
    digest = weekly_digest(snap, window(), local(2024, 10, 21, 8, 30), previous.id)
    assert [(r.author, r.measure_title) for r in digest.late_replies] == [
        ("李四", "编制十五五规划")
    ]


def test_nobody_reported_is_said_explicitly() -> None:
    """When nobody answered, the digest says so in words."""
    digest = _digest(reports=world().reports)
    assert digest.nobody_reported is True
    assert "本周期尚无反馈" in "".join(render_digest(digest, "zh"))
    assert "No answers yet this cycle" in "".join(render_digest(digest, "en"))


@pytest.mark.parametrize(
    ("snap", "now", "reason", "words"),
    [
        (world(), DIGEST_TIME, NotOpened.MISSED, "未能按时发出（机器人当时停机）"),
        (world(), local(2024, 10, 10, 8), NotOpened.NOT_YET, "尚未发出"),
        (
            world(team=Team(TEAM, "县督查室", created_at=local(2024, 10, 12))),
            DIGEST_TIME,
            NotOpened.NOT_YET,
            "尚未发出",
        ),
        (world(settings=TeamSettings(TEAM, paused=True)), DIGEST_TIME, NotOpened.PAUSED, "暂停"),
    ],
)
def test_cycle_never_opened_says_why(
    snap: TeamSnapshot, now: datetime, reason: NotOpened, words: str
) -> None:
    """A cycle with no prompts says why: not yet (or before the team existed), paused, missed."""
    digest = weekly_digest(snap, window(), now)
    assert (digest.opened, digest.not_opened) == (False, reason)
    assert digest.responses == Tally()
    text = render_digest(digest, "zh")[0]
    assert words in text
    assert ("停机" in text) is (reason is NotOpened.MISSED)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "zh",
            [
                "📋 <b>周调度通报</b>\n第1期　县督查室　2024年10月14日",
                "应报 5 项：按时报送 3 项，逾时报送 0 项，未报 2 项；反馈率 60%。",
                "另有请假 1 项，不计入应报。",
                "• 县发改委：应报 3 项，已报 3 项（逾时 0 项），反馈率 100%",
                "• 县财政局：应报 2 项，已报 0 项（逾时 0 项），反馈率 0%",
                "🔴红灯｜<b>新建污水管网</b>（牵头：县发改委 张三）受阻",
                "共 8 项：🔴红灯 2 项，🟡黄灯 1 项，🟢绿灯 4 项，✅已销号 1 项。",
                "逾期未完成",
                "调度周期：2024年9月30日起，2024年10月11日 17:00截止。",  # National Day merged
            ],
        ),
        (
            "en",
            [
                "📋 <b>Weekly digest</b>\nNo. 1 · 县督查室 · 2024-10-14",
                "5 answers owed: 3 on time, 0 late, 2 missing; response rate 60%.",
                "• 县发改委: 3 owed, 3 answered (0 late), response rate 100%",
                "🔴red | <b>新建污水管网</b> (lead: 县发改委 张三) blocked",
                "Overdue",
                "Cycle from 2024-09-30, answers due 2024-10-11 17:00",
            ],
        ),
    ],
)
def test_render_languages(lang: str, expected: list[str]) -> None:
    """The digest renders in Chinese and English."""
    text = "\n".join(render_digest(_digest(), lang))
    for fragment in expected:
        assert fragment in text


@pytest.mark.parametrize(
    ("audience", "public", "named"),
    [("leads", False, True), ("group", False, False), ("group", True, True)],
)
def test_non_responder_names_only_where_allowed(audience: str, public: bool, named: bool) -> None:
    """Names appear to the leads, and to the group only with public naming (通报)."""
    digest = replace(_digest(), public_naming=public)
    text = "".join(render_digest(digest, "zh", audience))  # type: ignore[arg-type]
    assert ("县财政局（1 项）、赵局长（1 项）" in text) is named
    assert ("未报 2 个单位和人员，名单已报督办员" in text) is not named


def test_user_text_is_escaped() -> None:
    """Problems, titles and names with <script> and & are escaped, never raw HTML."""
    evil = "<script>alert(1)</script> & 征地"
    snap = cycle_world()
    bad = report("m5", "p1", local(2024, 10, 11, 10), ReportStatus.BLOCKED, problems=evil)
    measures = tuple(
        replace(m, title="<b>标题</b>&") if m.id == "m5" else m for m in snap.measures
    )
    snap = replace(
        snap,
        reports=(*snap.reports, bad),
        measures=measures,
        team=replace(snap.team, name="督查室<i>"),
    )  # type: ignore[type-var]
    text = "\n".join(render_digest(weekly_digest(snap, window(), DIGEST_TIME), "zh"))
    assert "<script>" not in text
    assert "问题：&lt;script&gt;alert(1)&lt;/script&gt; &amp; 征地" in text
    assert "&lt;b&gt;标题&lt;/b&gt;&amp;" in text
    assert "督查室&lt;i&gt;" in text
    assert balanced(text.replace("\n", ""))


def test_long_digest_splits_under_limit_at_lines() -> None:
    """Hundreds of troubled tasks split into balanced messages under 4096, none lost."""
    many = tuple(
        measure(f"x{i}", f"第{i}项重点工作：推进某某工程建设", section=f"第{i // 50}部分")
        for i in range(300)
    )
    blocked = tuple(
        report(
            f"x{i}",
            "p1",
            local(2024, 10, 10, 10),
            ReportStatus.BLOCKED,
            problems=f"问题{i}：资金缺口较大，需要协调",
        )
        for i in range(300)
    )
    snap = replace(
        cycle_world(),
        measures=many,
        reports=blocked,
        assignments=tuple(assign(f"x{i}", "p1") for i in range(300)),
    )
    chunks = render_digest(weekly_digest(snap, window(), DIGEST_TIME), "zh")
    assert len(chunks) > 3
    assert all(utf16_len(c) <= 4096 and balanced(c) for c in chunks)
    text = "\n".join(chunks)
    assert all(f"第{i}项重点工作" in text for i in range(300))
    assert chunks[0].startswith("📋 <b>周调度通报")


def test_build_weekly_digest_from_store() -> None:
    """The wiring's entry point reads the store and picks the latest prompted cycle."""
    snap = cycle_world()
    digest = build_weekly_digest(store_with(snap), TEAM, DIGEST_TIME, WorkCalendar())
    assert digest == weekly_digest(snap, window(), DIGEST_TIME, "t1.w20240930")


def test_build_weekly_digest_for_a_named_cycle() -> None:
    """A cycle id selects an older cycle, with its own times even if its week merged since."""
    older = cycle(date(2024, 9, 30), local(2024, 10, 8, 9), local(2024, 10, 9, 17))
    snap = cycle_world()
    store = store_with(
        replace(
            snap,
            cycles=(older, *snap.cycles),
            prompts=(*snap.prompts, prompt(older, "p1", ("m1",))),
        )
    )
    digest = build_weekly_digest(store, TEAM, DIGEST_TIME, WorkCalendar(), cycle_id=older.id)
    assert (digest.cycle_id, digest.responses, digest.issue) == (older.id, Tally(missing=1), 1)


def test_a_january_digest_is_the_years_first_issue() -> None:
    """The first weekly cycle of a year is 第1期, however many cycles the year before had."""
    january = cycle(date(2025, 1, 6), local(2025, 1, 6, 9), local(2025, 1, 7, 17))
    snap = cycle_world()
    store = store_with(
        replace(
            snap,
            cycles=(*snap.cycles, january),
            prompts=(*snap.prompts, prompt(january, "p1", ("m1",))),
        )
    )
    digest = build_weekly_digest(store, TEAM, local(2025, 1, 8, 9), WorkCalendar(), january.id)
    earlier = build_weekly_digest(store, TEAM, DIGEST_TIME, WorkCalendar())
    assert (digest.issue, earlier.issue) == (1, 1)


def test_settings_public_naming_flows_into_digest() -> None:
    """The team's public naming setting is carried by the digest."""
    snap = replace(cycle_world(), settings=TeamSettings(TEAM, public_naming=True))
    assert weekly_digest(snap, window(), DIGEST_TIME).public_naming is True


@pytest.mark.parametrize(
    ("lang", "stale", "vague"),
    [
        ("zh", "长期无实质进展（2周以上）", "反馈内容空泛——“&lt;b&gt;正在推进&lt;/b&gt;”"),
        ("en", "No real progress for 2 weeks or more", "vague: “&lt;b&gt;in progress&lt;/b&gt;”"),
    ],
)
def test_stale_and_vague_tasks_are_listed_to_the_leads_only(
    lang: str, stale: str, vague: str
) -> None:
    """The leads' version lists tasks without real change and vague words (escaped); the
    group's version lists neither."""
    snap = cycle_world()
    words = "<b>正在推进</b>" if lang == "zh" else "<b>in progress</b>"
    said = report("m5", "p1", local(2024, 10, 11, 10), None, progress_text=words)
    snap = replace(snap, reports=(*snap.reports, said))
    digest = weekly_digest(snap, window(), DIGEST_TIME, "t1.w20240930")
    assert digest.stale
    assert [t.measure_id for t in digest.vague] == ["m5"]
    leads = "\n".join(render_digest(digest, lang, "leads"))
    group = "\n".join(render_digest(digest, lang, "group"))
    assert stale in leads
    assert vague in leads
    assert stale not in group
    assert vague not in group
    assert "<b>正在推进</b>" not in leads
