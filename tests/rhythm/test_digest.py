"""The weekly digest: aggregation, rendering in both languages, naming, escaping and splitting."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from text.test_split import balanced

from bot.domain.settings import TeamSettings
from bot.domain.work import ReportStatus
from bot.rhythm.calendar import WorkCalendar
from bot.rhythm.digest import Digest, UnitRate, build_weekly_digest, weekly_digest
from bot.rhythm.lights import Light, Reason
from bot.rhythm.render import render_digest
from bot.text.split import utf16_len

from .factories import TEAM, cycle, local, measure, prompt, report, store_with
from .world import cycle_world, opened_cycle, window, world

DIGEST_TIME = local(2024, 10, 14, 8, 30)


def _digest(**overrides: object) -> Digest:
    return weekly_digest(cycle_world(**overrides), window(), DIGEST_TIME, "t1.w20240930")


def test_counts_per_person() -> None:
    """Reported, not yet, on leave and unreachable are counted per prompted person."""
    digest = _digest()
    assert (digest.reported, digest.reported_late, digest.not_yet) == (1, 0, 1)
    assert (digest.on_leave, digest.unreachable, digest.prompted) == (1, 1, 4)
    assert digest.nobody_reported is False
    assert digest.non_responders == ("小刘",)


def test_response_rate_per_unit() -> None:
    """Units are ranked by response rate; unreachable and skipped people are not counted."""
    assert _digest().units == (UnitRate("县发改委", 1, 1), UnitRate("县财政局", 1, 0))


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
    """A person whose only answer came after the cutoff is counted as reported late."""
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
    assert (digest.reported, digest.reported_late, digest.not_yet) == (1, 1, 0)
    assert digest.non_responders == ()


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
    assert "本周期无人反馈" in "".join(render_digest(digest, "zh"))
    assert "Nobody has reported" in "".join(render_digest(digest, "en"))


def test_cycle_never_opened() -> None:
    """A digest for a cycle whose prompts never went out says so and counts nobody."""
    digest = weekly_digest(world(), window(), DIGEST_TIME)
    assert digest.opened is False
    assert digest.prompted == 0
    assert "未发出调度提醒" in render_digest(digest, "zh")[0]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "zh",
            [
                "周调度通报｜县督查室",
                "应报 4 人：按时反馈 1 人，逾时反馈 0 人，未反馈 1 人",
                "县发改委：1/1（100%）",
                "🔴 <b>新建污水管网</b>",
                "逾期未完成",
                "本周期 2024年9月30日 起，2024年10月11日 17:00 截止",  # National Day week merged
            ],
        ),
        (
            "en",
            [
                "Weekly digest · 县督查室",
                "4 asked: 1 replied on time, 0 late, 1 not yet",
                "县发改委: 1/1 (100%)",
                "Overdue",
                "Cycle from 2024-09-30, replies due 2024-10-11 17:00",
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
    assert ("小刘" in text) is named
    assert ("未反馈 1 人，名单已报督办员" in text) is not named


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
    snap = replace(cycle_world(), measures=many, reports=blocked, assignments=())
    chunks = render_digest(weekly_digest(snap, window(), DIGEST_TIME), "zh")
    assert len(chunks) > 3
    assert all(utf16_len(c) <= 4096 and balanced(c) for c in chunks)
    text = "\n".join(chunks)
    assert all(f"第{i}项重点工作" in text for i in range(300))
    assert chunks[0].startswith("📋 <b>周调度通报")


def test_build_weekly_digest_from_store() -> None:
    """The wiring's entry point reads the store and picks the latest prompted cycle."""
    store = store_with(cycle_world())
    digest = build_weekly_digest(store, TEAM, DIGEST_TIME, WorkCalendar())
    assert digest == _digest()


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
    assert (digest.cycle_id, digest.prompted, digest.not_yet) == (older.id, 1, 1)


def test_settings_public_naming_flows_into_digest() -> None:
    """The team's public naming setting is carried by the digest."""
    snap = replace(cycle_world(), settings=TeamSettings(TEAM, public_naming=True))
    assert weekly_digest(snap, window(), DIGEST_TIME).public_naming is True
