"""Lead sentences and display titles."""

from __future__ import annotations

import pytest

from bot.importer.sentences import clean_title, lead_sentence, strip_marker, title_of


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("一产转型升级。紧紧围绕“一共三种三养”。", "一产转型升级"),
        ("打好信访化解“组合拳”。研究完善。", "打好信访化解“组合拳”"),
        ("主要目标：到2025年，建成平台。", "主要目标"),
        ("落实“谁主管。谁负责”原则。其他。", "落实“谁主管。谁负责”原则"),
        ("加快项目建设（县发改局负责）。其他。", "加快项目建设"),
        ("做好防汛工作；抓好安全生产。", "做好防汛工作"),
        ("2024年重点工作安排\n2024年主要预期目标是：增长。", "2024年重点工作安排"),
    ],
)
def test_title_is_the_lead_sentence(text: str, title: str) -> None:
    """A title ends at the first 。：； outside quotes, or at a heading's line break."""
    assert title_of(text) == title


def test_hard_wrapped_sentences_are_joined() -> None:
    """A line break inside a long sentence (hard wrap) does not end the title."""
    text = "推动政务服务事项标准化、规范化，\n便利化水平持续提升。其他。"
    assert lead_sentence(text) == "推动政务服务事项标准化、规范化，\n便利化水平持续提升"
    assert title_of(text) == "推动政务服务事项标准化、规范化，便利化水平持续提升"


def test_long_titles_are_cut_at_a_comma() -> None:
    """Titles longer than the limit are cut at the last comma before it, with an ellipsis."""
    text = "，".join(["加快推进重点项目建设"] * 10)
    title = clean_title(text, limit=30)
    assert title.endswith("…")
    assert len(title) <= 31


def test_strip_marker() -> None:
    """Leading numbering is removed from cell and heading text."""
    assert strip_marker("一、经济发展") == "经济发展"
    assert strip_marker("经济发展") == "经济发展"


def test_a_long_first_clause_keeps_its_start() -> None:
    """A long title is cut near the limit, never at an early comma, and always from its start."""
    text = (
        "以规模养殖场为重点，以建立种养循环发展机制为核心，逐步实现畜禽粪污就近就地综合利用，"
        "培育发展畜禽粪污能源化利用产业，到2020年基本实现畜禽粪污资源化利用。"
    )
    title = title_of(text)
    assert title.endswith("…")
    assert text.startswith(title.removesuffix("…"))
    assert len(title) >= 30


def test_flag_signs_before_an_item_are_not_part_of_its_title() -> None:
    """``★`` / ``▲`` flagging an item (重点督办, 考核事项) do not open its title."""
    assert title_of("★抓好重大项目谋划储备，全年储备项目200个。（投资股负责）") == (
        "抓好重大项目谋划储备，全年储备项目200个"
    )
    assert title_of("▲ 推进交易平台整合共享。") == "推进交易平台整合共享"
    assert title_of("建设“★级”服务窗口。") == "建设“★级”服务窗口"


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "批示事项：关于城区农民工工资拖欠问题\n办理要求：立案调查。",
            "关于城区农民工工资拖欠问题",
        ),
        ("任务内容：完成老旧小区改造12个。", "完成老旧小区改造12个"),
        ("聚焦民生问题：实施一批民生工程。", "聚焦民生问题"),
    ],
)
def test_an_item_opening_with_a_field_label_is_titled_by_its_matter(text: str, title: str) -> None:
    """``批示事项：X`` is titled X; a lead phrase that is no field label stays the title."""
    assert title_of(text) == title
