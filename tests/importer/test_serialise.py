"""The JSON contract of a parsed plan."""

from __future__ import annotations

import datetime as dt
import json

from bot.importer import load_sample_plan, measure_from_dict, parse_plan, plan_to_dict
from bot.importer.model import Confidence, Deadline, Indicator, ParsedMeasure

MEASURE_KEYS = [
    "id",
    "part",
    "section",
    "marker",
    "title",
    "body",
    "lead_leader",
    "lead_units",
    "units",
    "co_units",
    "deadline",
    "indicators",
    "owner_confidence",
    "deadline_confidence",
    "marks",
]


def test_plan_dict_has_exactly_the_contract_keys() -> None:
    """Top-level and measure keys are exactly those of the documented contract."""
    data = plan_to_dict(parse_plan(load_sample_plan(), "plan.txt"))
    assert list(data) == ["title", "targets", "measures", "warnings", "legend"]
    assert list(data["measures"][0]) == MEASURE_KEYS
    assert list(data["targets"][0]) == ["name", "value", "unit", "placeholder"]
    assert data["measures"][0]["deadline"] == {"raw": None, "date": None}
    json.dumps(data, ensure_ascii=False)


def test_measures_round_trip() -> None:
    """measure_from_dict restores a measure written by measure_to_dict."""
    measure = ParsedMeasure(
        id="M1a2b",
        part="二、安排",
        section="产业",
        marker="1.",
        title="甲",
        body="甲。乙",
        lead_leader="张三",
        lead_units=("县发改局",),
        units=("县财政局",),
        co_units=("各乡镇",),
        deadline=Deadline("年底前", dt.date(2024, 12, 31)),
        indicators=(Indicator("投资", None, "亿元", True), Indicator("新增", 3.0, "个")),
        marks="★▲",
    )
    data = json.loads(json.dumps(plan_to_dict_of(measure)))
    assert measure_from_dict(data) == measure
    assert data["deadline"] == {"raw": "年底前", "date": "2024-12-31"}


def test_confidences_round_trip() -> None:
    """Confidences survive the JSON form; without them, what is named counts as stated."""
    measure = ParsedMeasure(
        id="M1a2b",
        part=None,
        section=None,
        marker=None,
        title="甲",
        body="甲",
        units=("县财政局",),
        owner_confidence=Confidence.INFERRED,
    )
    data = plan_to_dict_of(measure)
    assert (data["owner_confidence"], data["deadline_confidence"]) == ("inferred", "none")
    back = measure_from_dict(data)
    assert (back.owner_confidence, back.deadline_confidence) == (
        Confidence.INFERRED,
        Confidence.NONE,
    )
    del data["owner_confidence"], data["deadline_confidence"]
    old = measure_from_dict(data)
    assert (old.owner_confidence, old.deadline_confidence) == (Confidence.STATED, Confidence.NONE)


def plan_to_dict_of(measure: ParsedMeasure) -> dict[str, object]:
    """One measure through the public serialiser."""
    from bot.importer import measure_to_dict

    return measure_to_dict(measure)
