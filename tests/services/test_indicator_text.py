"""Typed indicator values and progress: ``产值 12.5`` is a value when the task has a matching
indicator, ``进度 60%`` the progress; a line naming one but unreadable stays text, noted."""

from __future__ import annotations

import pytest

from bot.domain.plan import Indicator
from bot.domain.work import ReportStatus
from bot.services import ReportFields
from bot.services.reporting.indicators import Typed, match_indicator, read_typed
from bot.services.reporting.parsing import Unread
from tests.factories.service_world import World

INDICATORS = (
    Indicator("招商引资到位资金", "亿元"),
    Indicator("规上工业产值", "亿元"),
    Indicator("新增就业", "人"),
)


@pytest.mark.parametrize(
    ("text", "values", "rest"),
    [
        ("招商引资到位资金 3.2亿元", (("招商引资到位资金", 3.2),), None),
        ("产值 12.5", (("规上工业产值", 12.5),), None),
        ("产值 5000万元", (("规上工业产值", 0.5),), None),
        ("新增就业：120人\n进展：完成签约", (("新增就业", 120.0),), "进展：完成签约"),
        ("本周完成 3 个项目签约", (), "本周完成 3 个项目签约"),
    ],
)
def test_indicator_lines_are_values_and_the_rest_stays_text(
    text: str, values: tuple[tuple[str, float], ...], rest: str | None
) -> None:
    """A line naming an indicator and a number is a value; anything else stays text."""
    typed = read_typed(text, INDICATORS)
    assert (typed.values, typed.rest, typed.unread) == (values, rest, ())


def test_without_indicators_everything_is_text() -> None:
    """A task without indicators keeps ``产值 12.5`` as progress text."""
    assert read_typed("产值 12.5", ()) == Typed(rest="产值 12.5")


@pytest.mark.parametrize(
    ("text", "progress", "rest"),
    [
        ("进度 60%", 60, None),
        ("完成进度：100％\n主体完工", 100, "主体完工"),
        ("progress: 5", 5, None),
        ("进度：主体已封顶", None, "进度：主体已封顶"),
    ],
)
def test_a_progress_line_is_the_progress(text: str, progress: int | None, rest: str) -> None:
    """``进度 60%`` sets the progress; ``进度：…`` with words is progress text."""
    typed = read_typed(text, ())
    assert (typed.progress, typed.rest, typed.unread) == (progress, rest, ())


@pytest.mark.parametrize(
    ("text", "indicators", "note"),
    [
        (
            "本周新建幼儿园1所已开工",
            (Indicator("新建幼儿园", "个"),),
            Unread.of("indicator_unit", name="新建幼儿园", unit="个", example="新建幼儿园 1个"),
        ),
        (
            "新增就业 120吨",
            INDICATORS,
            Unread.of("indicator_unit", name="新增就业", unit="人", example="新增就业 120人"),
        ),
        (
            "产值 3亿元",
            (Indicator("工业产值", "亿元"), Indicator("农业产值", "亿元")),
            Unread.of(
                "indicator_ambiguous",
                name="产值",
                known="「工业产值」、「农业产值」",
                example="工业产值 1亿元",
            ),
        ),
        ("进度 120%", (), Unread.of("progress", value="120")),
        ("进度：60.5", (), Unread.of("progress", value="60.5")),
    ],
)
def test_a_line_that_cannot_be_read_stays_text_with_a_note(
    text: str, indicators: tuple[Indicator, ...], note: Unread
) -> None:
    """A value in another unit, an ambiguous name or a bad percent stays text, with a note."""
    typed = read_typed(text, indicators)
    assert (typed.values, typed.progress, typed.rest, typed.unread) == ((), None, text, (note,))


def test_ambiguous_or_tiny_names_match_nothing() -> None:
    """Two equally close indicators, or a one-character name, are not guessed."""
    twins = (Indicator("工业产值", "亿元"), Indicator("农业产值", "亿元"))
    assert match_indicator("产值", twins) is None
    assert match_indicator("值", INDICATORS) is None
    assert match_indicator("工业 产值", twins) == twins[0]


def test_a_typed_indicator_value_is_recorded_on_the_report(world: World) -> None:
    """After a status, ``招商引资到位资金 3.2亿元`` is the indicator's value, not progress text."""
    lead, official = world.actor(world.lead), world.actor(world.official)
    world.services.assignments.assign_from_args(lead, "tA", "m1", ["张三"])
    world.services.assignments.assign_from_args(lead, "tA", "m2", ["张三"])
    reports = world.services.reports
    saved = reports.submit(official, "m1", ReportFields(status=ReportStatus.ON_TRACK))
    amended = reports.amend(
        official, saved.report.id, ReportFields(text="招商引资到位资金 3.2亿元\n签约两家")
    )
    assert amended.report.indicator_values == (("招商引资到位资金", 3.2),)
    assert amended.report.progress_text == "签约两家"
    replied = reports.add_reply(official, "m2", "产值 12.5")  # m2 has no indicators
    assert replied.report.indicator_values == ()
    assert replied.report.progress_text == "产值 12.5"
