"""Plain-text plans: notices, county plans with owner lines, flat lists, deep plans, GBK."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from bot.importer import Deadline, Indicator, PartKind, parse_plan
from bot.importer.normalise import normalise_text
from bot.render.importer import render_plan_warning_both

Read = Callable[[str], bytes]


def test_state_council_notice(read_fixture: Read) -> None:
    """A 国办发 notice: two-line title, number, owners in brackets, 2019年2月底前, closing text."""
    plan = parse_plan(read_fixture("guoban-notice.txt"), "notice.txt")
    assert plan.title == "国务院办公厅关于聚焦企业关切进一步推动优化营商环境政策落实的通知"
    assert plan.doc_number == "国办发〔2018〕104号"
    assert plan.year == 2018
    assert [m.marker for m in plan.measures] == ["（一）", "（二）", "（三）", "（四）", "（五）"]
    first, second, third, fourth, fifth = plan.measures
    assert first.title == "在市场准入方面，对各类所有制企业一视同仁"
    assert first.section == "坚决破除各种不合理门槛和限制，营造公平竞争市场环境"
    assert first.lead_units == ("国家发展改革委", "商务部")
    assert first.units == ("各地区", "各部门")
    assert first.deadline == Deadline("2018年底前", dt.date(2018, 12, 31))
    assert second.deadline == Deadline("2019年2月底前", dt.date(2019, 2, 28))
    assert third.co_units == ("财政部",)
    assert fourth.deadline == Deadline("印发之日起30日内", dt.date(2018, 12, 8))
    assert fifth.units == ("最高人民法院", "最高人民检察院", "公安部")
    assert fifth.deadline == Deadline("长期坚持", None)
    assert "各地区、各部门要充分认识" not in fifth.body
    assert [s.title for s in plan.sections] == [
        "坚决破除各种不合理门槛和限制，营造公平竞争市场环境",
        "推动缓解企业融资难融资贵",
        "加强法治保障",
    ]


def test_county_plan_with_owner_lines_and_web_artifacts(read_fixture: Read) -> None:
    """Owner lines apply to the items above them; web and page artifacts disappear."""
    data = read_fixture("county-owner-lines.txt")
    plan = parse_plan(data, "county.txt")
    assert plan.title == "XX县2024年优化营商环境工作要点"
    assert plan.year == 2024
    assert len(plan.measures) == 7
    one, two, three, four, five, six, seven = plan.measures
    for item in (one, two):
        assert item.lead_units == ("县政务服务中心",)
        assert item.units == ("县发改局", "县市场监管局", "县人社局")
        assert item.lead_leader == "王XX（副县长）"
    assert one.indicators == (Indicator("县级政务服务事项网上可办率", 95.0, "%"),)
    assert two.deadline == Deadline("年底前", dt.date(2024, 12, 31))
    assert three.lead_units == ("县自然资源局",)
    assert three.deadline == Deadline("2024年第三季度", dt.date(2024, 9, 30))
    assert four.lead_units == ("县金融服务中心",)
    assert four.co_units == ("人行XX县支行", "各商业银行")
    assert four.deadline == Deadline("每季度", None)
    assert (five.lead_units, five.units) == (("国网XX县供电公司",), ("县发改局",))
    assert five.deadline == Deadline("上半年", dt.date(2024, 6, 30))
    assert (six.lead_units, six.co_units) == (("县司法局",), ("县直各执法部门",))
    assert seven.deadline == Deadline("印发之日起30日内", dt.date(2024, 2, 14))
    text = normalise_text(data.decode("utf-8-sig"))
    for artifact in ("来源：", "浏览次数", "大 中 小", "- 2 -", "第2页", "打印本页"):
        assert artifact not in text
    assert all(m.body in text for m in plan.measures)
    assert "各乡镇、各部门要高度重视" not in seven.body


def test_county_plan_in_gbk(read_fixture: Read) -> None:
    """The same plan saved as GBK parses to the same measures."""
    text = read_fixture("county-owner-lines.txt").decode("utf-8-sig")
    utf8 = parse_plan(text.encode("utf-8"), "county.txt")
    gbk = parse_plan(text.encode("gbk"), "county.txt")
    assert gbk == utf8


def test_flat_list_without_headings(read_fixture: Read) -> None:
    """A flat 1、/2．/3. list has measures with no section and mixed punctuation markers."""
    plan = parse_plan(read_fixture("flat-list.txt"), "flat.txt")
    assert [m.marker for m in plan.measures] == ["1、", "2．", "3.", "4、", "5."]
    assert all(m.section is None and m.part is None for m in plan.measures)
    assert plan.sections == ()
    assert plan.measures[0].title == "开展安全生产大排查大整治"
    assert plan.measures[0].deadline == Deadline("上半年", dt.date(2024, 6, 30))
    assert plan.measures[1].deadline == Deadline("长期坚持", None)
    assert plan.measures[2].indicators == (
        Indicator("完成改造", None, "公里", True),
        Indicator("惠及居民", 1200.0, "户"),
    )
    assert plan.measures[3].deadline == Deadline("每季度", None)
    assert plan.measures[4].deadline == Deadline("6月30日前", dt.date(2024, 6, 30))


def test_four_levels_deep(read_fixture: Read) -> None:
    """一、>（一）>1.>（1）: the （1） items are measures under their 1. heading."""
    plan = parse_plan(read_fixture("four-levels.txt"), "deep.txt")
    titles = [m.title for m in plan.measures]
    assert titles[:2] == ["推进政务云扩容", "推动市县系统迁移上云"]
    assert plan.measures[0].section == "统筹建设政务云平台"
    assert plan.measures[0].part == "重点任务"
    assert plan.measures[0].lead_units == ("省大数据局",)
    assert plan.measures[0].units == ("省发展改革委", "省财政厅")
    assert plan.measures[1].co_units == ("各市人民政府",)
    leaf = next(m for m in plan.measures if m.marker == "4.")
    assert (leaf.title, leaf.section) == ("建设“12345”热线知识库", "提升政务服务效能")
    assert leaf.deadline == Deadline("2024年第二季度", dt.date(2024, 6, 30))
    guarantees = [m.title for m in plan.measures if m.part == "保障措施"]
    assert guarantees == ["加强组织领导", "强化资金保障"]
    assert "指导思想" not in titles
    assert "主要目标" not in titles
    assert plan.targets == (
        Indicator("全省政务服务事项网上可办率", 98.0, "%"),
        Indicator("建成省级政务数据共享平台", 1.0, "个"),
        Indicator("培育数字政府示范项目", None, "个", True),
        Indicator("政务服务满意度持续提升"),
    )


def test_framing_part_is_never_measures(read_fixture: Read) -> None:
    """总体要求 items frame the plan: left out even with all_parts, and a warning says so."""
    plan = parse_plan(read_fixture("four-levels.txt"), "deep.txt", all_parts=True)
    assert plan.measures[0].title == "推进政务云扩容"
    assert all(m.part != "总体要求" for m in plan.measures)
    assert all(section.kind is PartKind.PLAN for section in plan.sections)
    assert any("总体要求" in warning for warning in map(render_plan_warning_both, plan.warnings))


def test_unnumbered_part_headings(read_fixture: Read) -> None:
    """Unnumbered 2023年工作总结 / 存在的问题 / 2024年工作打算 lines split the parts."""
    plan = parse_plan(read_fixture("annual-summary.txt"), "summary.txt")
    assert [m.title for m in plan.measures] == ["做强特色产业", "加快项目落地", "提升民生保障"]
    assert {m.part for m in plan.measures} == {"2024年工作打算"}
    assert plan.measures[1].deadline == Deadline("6月底前", dt.date(2024, 6, 30))
    everything = parse_plan(read_fixture("annual-summary.txt"), "summary.txt", all_parts=True)
    assert [m.title for m in everything.measures if m.part == "存在的问题"] == [
        "产业结构仍需优化",
        "项目储备不足",
        "基础设施短板明显",
    ]


@pytest.mark.parametrize(
    ("text", "markers"),
    [
        ("第一条　为规范管理，制定本办法。\n第二条　各单位应当建立台账。\n", ["第一条", "第二条"]),
        (
            "（一）加强领导\n①成立专班。\n②定期调度。\n（二）强化保障\n①落实资金。\n",
            ["①", "②", "①"],
        ),
        ("(一)加强领导\n(1)成立专班。\n(2)定期调度。\n", ["(1)", "(2)"]),
        ("一、任务\n1.1 建设平台。\n1.2 完善机制。\n", ["1.1", "1.2"]),
        ("工作安排如下：一是抓项目；二是抓招商；三是抓服务。\n", ["一是", "二是", "三是"]),
    ],
)
def test_marker_styles(text: str, markers: list[str]) -> None:
    """Articles, circled numbers, half-width brackets, 1.1 and inline 一是 all yield measures."""
    plan = parse_plan(text.encode(), "plan.txt")
    assert [m.marker for m in plan.measures] == markers


def test_notice_with_first_listed_rule_and_attachment_list(read_fixture: Read) -> None:
    """列第一位的为牵头单位 picks the lead; the 附件 list after the signature is not an item."""
    plan = parse_plan(read_fixture("city-notice-attachment.txt"), "notice.txt")
    assert plan.doc_number == "X政办发〔2024〕3号"
    assert plan.title == "XX市2024年重点民生实事任务分工方案"
    assert [m.title for m in plan.measures] == [
        "新建改扩建中小学校10所",
        "新增公办幼儿园学位3000个",
        "建设紧密型县域医共体",
    ]
    first, _, third = plan.measures
    assert (first.lead_units, first.units) == (("市教育局",), ("市发展改革委", "市财政局"))
    assert (third.lead_units, third.units) == (("市卫生健康委",), ("市医保局",))
    assert "各牵头单位要建立工作台账" not in third.body


def test_government_work_report(read_fixture: Read) -> None:
    """A 政府工作报告: the review part is skipped, targets read, the speech closing dropped."""
    plan = parse_plan(read_fixture("work-report.txt"), "report.txt")
    assert plan.title == "2024年XX县人民政府工作报告"
    assert [t.name for t in plan.targets] == [
        "地区生产总值增长",
        "一般公共预算收入增长",
        "城镇新增就业",
    ]
    assert [m.title for m in plan.measures] == [
        "聚力产业升级，构建现代产业体系",
        "扩大有效投资，增强发展后劲",
        "加强政府自身建设",
    ]
    assert plan.measures[0].lead_units == ("县工信局",)
    assert "各位代表" not in plan.measures[-1].body


def test_full_width_digits() -> None:
    """Full-width numbers in markers, deadlines and indicators read like ASCII ones."""
    text = "１．建设停车场。新增车位１２００个，２０２４年６月底前完成。\n２．修缮道路。\n"
    plan = parse_plan(text.encode(), "plan.txt")
    assert [m.marker for m in plan.measures] == ["１．", "２．"]
    assert plan.measures[0].deadline == Deadline("２０２４年６月底前", dt.date(2024, 6, 30))
    assert plan.measures[0].indicators == (Indicator("新增车位", 1200.0, "个"),)


def test_note_closing_an_inline_list_applies_to_all_its_items() -> None:
    """（A负责，年底前完成） after the last 一是/二是 item applies to every item of the list."""
    text = "（一）加快发展。一是做强工业；二是做优农业。（县发改局负责，年底前完成）\n"
    plan = parse_plan(text.encode(), "plan.txt", year=2024)
    assert [(m.title, m.lead_units, m.deadline.date) for m in plan.measures] == [
        ("做强工业", ("县发改局",), dt.date(2024, 12, 31)),
        ("做优农业", ("县发改局",), dt.date(2024, 12, 31)),
    ]


def test_bare_markers_take_the_next_line_as_title() -> None:
    """A marker alone on its line (（一）) takes its title from the following line."""
    plan = parse_plan("（一）\n加快产业发展。\n（二）\n优化营商环境。\n".encode(), "plan.txt")
    assert [m.title for m in plan.measures] == ["加快产业发展", "优化营商环境"]


def test_a_spreadsheet_saved_as_unicode_text_reads_as_its_table() -> None:
    """Excel's "Unicode text" (UTF-16, tabs, quoted cells with line breaks) named .txt gives
    one measure per row, the broken cells whole."""
    text = (
        "序号\t重点任务\t牵头单位\t完成时限\r\n"
        '1\t"建设产业园区，\n完善配套设施。"\t县发改局\t2024年6月底前\r\n'
        '2\t招引重点项目。\t"县商务局\n县投促中心"\t年底前\r\n'
    )
    measures = parse_plan(text.encode("utf-16"), "台账.txt").measures
    assert [m.title for m in measures] == ["建设产业园区，完善配套设施", "招引重点项目"]
    assert [m.lead_units for m in measures] == [("县发改局",), ("县商务局", "县投促中心")]
    assert [m.deadline.raw for m in measures] == ["2024年6月底前", "年底前"]


def test_tab_text_without_broken_cells_stays_text() -> None:
    """A text whose tab rows have no quoted line breaks is read as text (tables among prose)."""
    from bot.importer.parsers.text import is_spreadsheet_export

    assert not is_spreadsheet_export("序号\t任务\n1\t建设园区。\n一、其他\n")
    assert is_spreadsheet_export('序号\t任务\n1\t"建设\n园区"\n')
