"""Typed indicator values: ``产值 12.5`` is a value when the task has a matching indicator."""

from __future__ import annotations

import pytest
from svc_world import World

from bot.domain.plan import Indicator
from bot.domain.work import ReportStatus
from bot.services.indicator_text import match_indicator, split_indicator_text

INDICATORS = (
    Indicator("招商引资到位资金", "亿元"),
    Indicator("规上工业产值", "亿元"),
    Indicator("新增就业", "人"),
)


@pytest.mark.parametrize(
    ("text", "values", "rest"),
    [
        ("招商引资到位资金 3.2亿元", (("招商引资到位资金", "3.2亿元"),), None),
        ("产值 12.5", (("规上工业产值", "12.5"),), None),
        ("新增就业：120人\n进展：完成签约", (("新增就业", "120人"),), "进展：完成签约"),
        ("本周完成 3 个项目签约", (), "本周完成 3 个项目签约"),
        ("进度 60%", (), "进度 60%"),
    ],
)
def test_indicator_lines_are_values_and_the_rest_stays_text(
    text: str, values: tuple[tuple[str, str], ...], rest: str | None
) -> None:
    """A line naming an indicator and a number is a value; anything else stays text."""
    assert split_indicator_text(text, INDICATORS) == (values, rest)


def test_without_indicators_everything_is_text() -> None:
    """A task without indicators keeps ``产值 12.5`` as progress text."""
    assert split_indicator_text("产值 12.5", ()) == ((), "产值 12.5")


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
    saved = reports.submit(official, "m1", ReportStatus.ON_TRACK)
    amended = reports.amend(official, saved.report.id, text="招商引资到位资金 3.2亿元\n签约两家")
    assert amended.report.indicator_values == (("招商引资到位资金", 3.2),)
    assert amended.report.progress_text == "签约两家"
    replied = reports.add_reply(official, "m2", "产值 12.5")  # m2 has no indicators
    assert replied.report.indicator_values == ()
    assert replied.report.progress_text == "产值 12.5"
