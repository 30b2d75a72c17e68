"""The leads' one-off rhythm notices: a guessed holiday year, events missed while down."""

from __future__ import annotations

from datetime import date

import pytest

from bot.domain.delivery import Undelivered
from bot.render.rhythm.messages import (
    render_calendar_notice,
    render_group_missed,
    render_missed,
    render_run_now,
    render_to_admins,
)
from bot.rhythm.calendar import CalendarNotice
from bot.rhythm.events import Event, EventKind
from bot.services.rhythm.digests import Delivered
from tests.factories.snapshots import local


def test_notices() -> None:
    """The calendar fallback and missed-event notices read well in both languages."""
    notice = render_calendar_notice(CalendarNotice(2027, 0), "zh").text
    assert "2027 年" in notice
    assert "假日文件" in notice
    assert "2027" in render_calendar_notice(CalendarNotice(2027, 12), "en").text
    missed = Event(EventKind.DIGEST, "t1.w20241007", local(2024, 10, 14, 8, 30), True, True)
    assert (
        render_missed([missed], "zh").text
        == "⚠️ 机器人停机期间错过了 周调度通报（原定 2024年10月14日 08:30），已跳过。\n"
        "停机期间的周调度通报未发出；如需补发，请发送 /digest。"
    )
    assert "weekly digest" in render_missed([missed], "en").text
    assert "/digest" in render_missed([missed], "en").text
    prompt = Event(EventKind.PROMPT, "t1.w20241007", local(2024, 10, 10, 9), True, True)
    assert "/digest" in render_missed([prompt], "zh").text  # the missed week's digest too
    review = Event(EventKind.REVIEW, "t1.m202410", local(2024, 10, 31, 16), True, True)
    assert render_missed([review], "zh").text.splitlines()[1:] == [
        "停机期间的月度研判未发出；如需补发，请发送 /review。"
    ]
    assert "/review" in render_missed([review], "en").text
    assert "/review" not in render_missed([missed], "zh").text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_long_outage_is_told_in_one_notice(lang: str) -> None:
    """Several missed events make one message listing each, oldest first, then how to send
    the missed weeks' digest and the missed review."""
    events = [
        Event(EventKind.PROMPT, "t1.w20241021", local(2024, 10, 24, 9), True, True),
        Event(EventKind.PROMPT, "t1.w20241014", local(2024, 10, 17, 9), True, True),
        Event(EventKind.REVIEW, "t1.m202409", local(2024, 9, 30, 16), True, True),
    ]
    lines = render_missed(events, lang).text.splitlines()
    assert len(lines) == 6
    assert "3" in lines[0]
    assert [line.startswith("•") for line in lines[1:4]] == [True, True, True]
    assert "/digest" in lines[4]
    assert "/review" in lines[5]
    assert "16:00" in lines[1]  # the September review (09-30 16:00) first


def test_run_now_names_what_it_sent() -> None:
    """/digest's and /review's replies name the issue and week, or the month, they sent."""
    week = Delivered(True, None, period_start=date(2024, 11, 4), issue=12)
    assert render_run_now("digest", week, "zh").text == (
        "📊 第12期（2024年11月4日起）周调度通报已发出。"
    )
    assert "no. 12" in render_run_now("digest", week, "en").text
    unnumbered = Delivered(False, None, period_start=date(2024, 11, 4))
    assert "2024年11月4日起一周" in render_run_now("digest", unnumbered, "zh").text
    month = Delivered(False, None, period_start=date(2024, 6, 1))
    assert render_run_now("review", month, "zh").text == "📈 2024年6月月度研判已发出。"
    assert render_run_now("review", month, "en").text == "📈 Monthly review for 2024-06 sent."


def test_nobody_reached() -> None:
    """With no group and no lead reached, the reply says nobody got it and what to do."""
    nobody = Delivered(False, Undelivered.NOBODY, period_start=date(2024, 6, 1))
    zh = render_run_now("review", nobody, "zh").text
    assert zh.startswith("⚠️ 月度研判未能送达：尚未设置领导群")
    assert "/setgroup" in zh
    assert "/review" in zh
    assert "领导群：" not in zh
    assert "reached nobody" in render_run_now("digest", nobody, "en").text


@pytest.mark.parametrize(
    ("lang", "head", "body"),
    [
        (
            "zh",
            "📣 督办组“县&lt;东&gt;督查室”的负责同志均未能收到以下通知",
            "⚠️ 周调度通报未能送达",
        ),
        ("en", "📣 No lead of the team “县&lt;东&gt;督查室” could be told", "⚠️ The weekly digest"),
    ],
)
def test_what_no_lead_could_be_told_goes_to_the_admins_under_the_teams_name(
    lang: str, head: str, body: str
) -> None:
    """The admins get the leads' notice unchanged, under one line naming the team (escaped)
    and saying they are told once for a run of them."""
    notice = render_group_missed("digest", Undelivered.NOBODY, lang)
    (message,) = render_to_admins("县<东>督查室", [notice], lang)
    first, rest = message.text.split("\n", 1)
    assert first.startswith(head)
    assert rest == notice.text
    assert rest.startswith(body)
