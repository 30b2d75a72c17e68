"""Numeric indicators inside measures and the plan's main targets."""

from __future__ import annotations

import pytest

from bot.importer.indicators import extract_targets, find_indicators, is_target_title
from bot.importer.model import Indicator


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("培育优质种苗XXX万株", Indicator("培育优质种苗", None, "万株", True)),
        ("建设了XXX亩设施蔬菜保供基地", Indicator("建设了", None, "亩", True)),
        ("生产反季节蔬菜XXX余吨", Indicator("生产反季节蔬菜", None, "吨", True)),
        ("累计开展集中学习47场次", Indicator("累计开展集中学习", 47.0, "场次", False)),
        ("服务各类群体XXX人次", Indicator("服务各类群体", None, "人次", True)),
        ("同比增长X％", Indicator("同比增长", None, "%", True)),
        ("完成投资2.5亿元", Indicator("完成投资", 2.5, "亿元", False)),
        ("惠及居民1,200户", Indicator("惠及居民", 1200.0, "户", False)),
        ("新建农村公路XX公里", Indicator("新建农村公路", None, "公里", True)),
        ("积极对接国企名企XXX家", Indicator("积极对接国企名企", None, "家", True)),
        ("发放资金XXX万元", Indicator("发放资金", None, "万元", True)),
        ("申请发放辅具XXX件", Indicator("申请发放辅具", None, "件", True)),
        ("提高1.5个百分点", Indicator("提高", 1.5, "个百分点", False)),
        ("活动不少于12场次", Indicator("活动", 12.0, "场次", False)),
    ],
)
def test_indicator(text: str, expected: Indicator) -> None:
    """A number or placeholder followed by a known unit is one indicator."""
    assert find_indicators(text) == (expected,)


@pytest.mark.parametrize(
    "text",
    [
        "XX项目已竣工",
        "XX县人民政府",
        "为XX家庭服务",
        "2024年6月",
        "第3个",
        "创建3A级景区",
        "XX大精神",
    ],
)
def test_not_indicators(text: str) -> None:
    """Placeholders before ordinary words, years and ordinals are not indicators."""
    assert find_indicators(text) == ()


def test_sample_targets_paragraph() -> None:
    """The 主要预期目标 clauses split, including a run-on clause with no comma."""
    text = (
        "2024年主要预期目标是：地区生产总值同比增长XXX％左右，招商引资到位资金XXX亿元，"
        "高新技术和高新企业增加值增速XXX％城乡常住居民人均可支配收入稳步增长。"
    )
    assert extract_targets(text) == (
        Indicator("地区生产总值同比增长", None, "%", True),
        Indicator("招商引资到位资金", None, "亿元", True),
        Indicator("高新技术和高新企业增加值增速", None, "%", True),
        Indicator("城乡常住居民人均可支配收入稳步增长"),
    )


def test_targets_drop_time_phrases_and_verbs() -> None:
    """到2025年 is not a target, and 达到 is not part of a target's name."""
    text = "主要目标：到2025年，网上可办率达到98%以上，建成共享平台1个。"
    assert extract_targets(text) == (
        Indicator("网上可办率", 98.0, "%"),
        Indicator("建成共享平台", 1.0, "个"),
    )


def test_no_intro_no_targets() -> None:
    """Text without a 目标…： intro yields no targets."""
    assert extract_targets("紧紧围绕发展目标为导向，进位争先。") == ()


def test_target_titles() -> None:
    """Headings such as 主要目标 and 预期目标 name the targets."""
    assert is_target_title("主要目标")
    assert is_target_title("主要预期目标")
    assert not is_target_title("目标考核")
