"""Markdown plans: headings, nested lists, emphasis and pipe tables."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from bot.importer import Deadline, Indicator, parse_plan
from bot.importer.parsers.markdown import read_markdown

Read = Callable[[str], bytes]


def test_markdown_plan(read_fixture: Read) -> None:
    """# title, ## parts, ### sections, numbered and bulleted items, nested bullets."""
    plan = parse_plan(read_fixture("digital-economy.md"), "plan.md")
    assert plan.title == "XX区2024年数字经济发展工作要点"
    assert plan.targets == (
        Indicator("数字经济核心产业增加值", None, "亿元", True),
        Indicator("新增上云企业", 200.0, "家"),
        Indicator("建成5G基站", 300.0, "个"),
    )
    titles = [m.title for m in plan.measures]
    assert titles == [
        "加快5G网络建设",
        "完成XX园区光网改造",
        "完成YY园区光网改造",
        "引进数字经济企业",
        "建设数字产业园",
    ]
    first = plan.measures[0]
    assert (first.section, first.part, first.marker) == ("夯实数字基础设施", "重点任务", "1.")
    assert first.body.startswith("加快5G网络建设。")
    assert (first.lead_units, first.units) == (("区工信局",), ("各街道",))
    assert plan.measures[1].section == "推进千兆光网覆盖"
    assert plan.measures[1].deadline == Deadline("2024年9月30日前", dt.date(2024, 9, 30))
    assert plan.measures[4].co_units == ("区住建局",)
    assert not any("加强统筹协调" in m.body for m in plan.measures)  # 保障措施 without owner


def test_markdown_responsibility_table() -> None:
    """A pipe table with a 责任清单 header is read as table rows."""
    text = """# 2024年重点任务清单

| 序号 | 重点任务 | 牵头单位 | 完成时限 |
| --- | --- | --- | --- |
| 1 | 建成城市书房10个 | 区文旅局 | 2024年11月底前 |
| 2 | **改造农贸市场**3个 | 区商务局 | 年底前 |
"""
    plan = parse_plan(text.encode(), "list.md")
    assert [(m.title, m.lead_units, m.deadline.date) for m in plan.measures] == [
        ("建成城市书房10个", ("区文旅局",), dt.date(2024, 11, 30)),
        ("改造农贸市场3个", ("区商务局",), dt.date(2024, 12, 31)),
    ]


def test_read_markdown_skips_code_and_rules() -> None:
    """Code fences and horizontal rules are not plan text; indentation is kept for nesting."""
    entries, grids = read_markdown("# 标题\n```\n1. 代码\n```\n---\n1. 甲\n   - 乙\n")
    assert entries == [("标题", 0, 0), ("1. 甲", None, 0), ("- 乙", None, 1)]
    assert grids == []


GRID = """# XX县2025年重点任务清单

+------+------------------+------------+---------------+
| 序号 | 重点任务         | 牵头单位   | 完成时限      |
+======+==================+============+===============+
| 1    | 建设产业园区，   | 县发改局   | 2025年6月底前 |
|      | 完善配套设施。   |            |               |
+------+------------------+------------+---------------+
| 2    | 招引重点项目。   | 县商务局   | 年底前        |
+------+------------------+------------+---------------+
"""


@pytest.mark.parametrize("name", ["plan.md", "plan.txt"])
def test_a_grid_table_gives_one_measure_per_bordered_row(name: str) -> None:
    """A pandoc grid table's rows run from border to border, cells over several lines joined."""
    measures = parse_plan(GRID.encode(), name).measures
    assert [m.title for m in measures] == ["建设产业园区，完善配套设施", "招引重点项目"]
    assert [m.lead_units for m in measures] == [("县发改局",), ("县商务局",)]
    assert [m.deadline.raw for m in measures] == ["2025年6月底前", "年底前"]


def test_a_br_in_a_pipe_table_cell_breaks_the_cell_into_lines() -> None:
    """``A<br>B`` in a 责任单位 cell names two units, not one unit called ``A<br>B``."""
    text = """| 序号 | 项目名称 | 责任单位 | 完成时限 |
| :--: | -------- | -------- | -------- |
| 1 | 镇区道路提升工程 | 镇村镇建设办<br>镇财政所 | 2025年10月底前 |
| 2 | 敬老院适老化改造 | 镇社会事务办<BR/> | 2025年8月 |
"""
    _, grids = read_markdown(text)
    assert grids[0].rows[1][2] == "镇村镇建设办\n镇财政所"
    plan = parse_plan(text.encode(), "list.md")
    assert [m.lead_units + m.units for m in plan.measures] == [
        ("镇村镇建设办", "镇财政所"),
        ("镇社会事务办",),
    ]


def test_field_bullets_under_a_list_item_are_that_items_owner_and_deadline() -> None:
    """``- 牵头单位：X 配合单位：Y`` and ``- 完成时限：Z`` nested under ``1. **…。**`` are the
    item's fields, not items of their own."""
    text = """## 二、重点任务

1. **开展汽车以旧换新活动。**组织促销活动不少于4场。
   - 牵头单位：县商务局　配合单位：县财政局
   - 完成时限：2025年6月底前
2. **推动家电消费升级。**鼓励开展以旧换新。
   - 牵头单位：县市场监管局
   - 推出家电促销活动
"""
    plan = parse_plan(text.encode(), "plan.md")
    assert [(m.title, m.lead_units, m.co_units) for m in plan.measures] == [
        ("开展汽车以旧换新活动", ("县商务局",), ("县财政局",)),
        ("推出家电促销活动", ("县市场监管局",), ()),
    ]
    assert plan.measures[0].deadline.raw == "2025年6月底前"
