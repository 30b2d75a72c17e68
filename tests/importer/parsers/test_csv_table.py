"""CSV responsibility tables in GBK and UTF-8."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.importer import Deadline, Indicator, parse_plan
from bot.importer.parsers.csv_table import read_grid


def test_gbk_csv(responsibility_csv: str) -> None:
    """A GBK CSV with a title row, a continued task, quoted multi-line cells and owners."""
    plan = parse_plan(responsibility_csv.encode("gbk"), "民生实事.csv")
    assert plan.title == "XX县2024年民生实事责任分工表"
    assert [(m.marker, m.section, m.title) for m in plan.measures] == [
        ("1", "城乡供水一体化", "新建供水管网XX公里，实现城乡供水同网同质"),
        ("2", "城乡供水一体化", "改造农村饮水工程XX处"),
        ("3", None, "老旧小区改造"),
        ("4", None, "义务教育扩容"),
    ]
    one, two, three, four = plan.measures
    assert (one.lead_leader, one.lead_units, one.co_units) == (
        "赵XX",
        ("县水利局",),
        ("县财政局", "各乡镇"),
    )
    assert one.deadline == Deadline("2024年10月底前", dt.date(2024, 10, 31))
    assert two.deadline == Deadline("2024年8月底前", dt.date(2024, 8, 31))
    assert three.co_units == ("县财政局", "县自然资源局")
    assert three.indicators == (
        Indicator("完成老旧小区改造", 12.0, "个"),
        Indicator("惠及居民", 1500.0, "户"),
    )
    assert three.deadline == Deadline("年底前", dt.date(2024, 12, 31))
    assert four.lead_units == ("县教育局",)
    assert four.deadline == Deadline("2024年9月1日前", dt.date(2024, 9, 1))


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_csv_encodings_agree(responsibility_csv: str, encoding: str) -> None:
    """UTF-8 with or without BOM and GB18030 give the same plan as GBK."""
    expected = parse_plan(responsibility_csv.encode("gbk"), "t.csv")
    assert parse_plan(responsibility_csv.encode(encoding), "t.csv") == expected


def test_section_column_and_tab_separator() -> None:
    """A 类别 column names sections, blank cells continue it, and tabs separate cells."""
    text = (
        "类别\t序号\t重点任务\t责任单位\t完成时限\n"
        "产业发展\t1\t培育龙头企业\t县工信局\t年底前\n"
        "\t2\t建设产业园\t县发改局\t2024年9月底前\n"
    )
    plan = parse_plan(text.encode(), "清单.csv", year=2024)
    assert [(m.section, m.title) for m in plan.measures] == [
        ("产业发展", "培育龙头企业"),
        ("产业发展", "建设产业园"),
    ]
    assert plan.measures[0].deadline.date == dt.date(2024, 12, 31)


def test_read_grid_keeps_multiline_cells() -> None:
    """Quoted cells keep their line breaks."""
    grid = read_grid('a,b\n"1\n2",3\n')
    assert grid.rows == (("a", "b"), ("1\n2", "3"))


def test_a_table_without_title_row_is_not_titled_by_its_header() -> None:
    """A CSV starting with its header is named after the file, never “序号任务”."""
    data = "序号,任务,责任单位,完成时限\n1,建设园区,县发改局,6月底前\n2,招商引资,县商务局,年底前\n"
    assert parse_plan(data.encode(), "2024年重点任务.csv").title == "2024年重点任务"
    assert parse_plan(data.encode(), "tasks.csv").title is None


def test_units_and_people_in_one_column_are_told_apart() -> None:
    """In a 责任单位及责任人 column the unit is the owner and the person its leader."""
    data = (
        "序号,工作任务,责任单位及责任人,完成时间\n"
        '1,推进污水处理厂提标改造,"县住建局\n李建华",2025年6月30日\n'
        "2,完成国道改线工程,县交通运输局（王勇）,2025年9月底前\n"
    ).encode()
    measures = parse_plan(data, "list.csv").measures
    assert [m.lead_units for m in measures] == [("县住建局",), ("县交通运输局",)]
    assert [m.lead_leader for m in measures] == ["李建华", "王勇"]
