"""Layouts of real published plans: covering notices, owner paragraphs, cut-off copies."""

from __future__ import annotations

from bot.importer import parse_plan
from bot.render.importer import render_plan_warning_both

NOTICE = """各区人民政府，市人民政府各部门：
《2022年重点工作责任分解方案》已经市人民政府同意，现印发给你们，并就有关事项通知如下。
一、加强工作统筹，科学制订办理方案。各责任单位要于2022年2月15日前报送办理方案。
二、精准高效督办，确保完成目标任务。市督查室将定期通报。
XX市人民政府办公厅
2022年1月22日
2022年重点工作责任分解方案
一、经济发展
（一）地区生产总值增长7.5%。（牵头单位：市发改委；责任单位：各区人民政府）
（二）固定资产投资增长10%。（牵头单位：市发改委）
"""

PARAGRAPHS = """二、主要任务
（一）强化顶层设计引领，发挥政府宏观指导作用。建立指标体系，发挥导向引领作用。2019年6月底前，完成指标体系编制。（生态环境部牵头，国家统计局参与）
优化管理体制机制，强化部门分工协作。明确部门责任。（生态环境部指导）
加强制度政策集成创新，增强试点方案系统性。落实改革举措。（国家发展改革委指导）
（二）实施工业绿色生产。全面实施绿色开采，减少固体废物产生。推行绿色设计。
"""


def test_a_covering_notice_gives_no_measures() -> None:
    """Numbered requirements of the notice before its dated signature are not measures."""
    measures = parse_plan(NOTICE.encode(), "notice.txt").measures
    assert [m.title for m in measures] == ["地区生产总值增长7.5%", "固定资产投资增长10%"]
    assert measures[0].lead_units == ("市发改委",)


def test_paragraphs_with_their_own_owner_notes_are_measures() -> None:
    """Under a heading sentence, each paragraph closing with an owner note is a measure."""
    measures = parse_plan(PARAGRAPHS.encode(), "plan.txt").measures
    assert [m.title for m in measures] == [
        "建立指标体系，发挥导向引领作用",
        "优化管理体制机制，强化部门分工协作",
        "加强制度政策集成创新，增强试点方案系统性",
        "实施工业绿色生产",
    ]
    assert measures[0].section == "强化顶层设计引领，发挥政府宏观指导作用"
    assert (measures[0].lead_units, measures[0].co_units) == (("生态环境部",), ("国家统计局",))
    assert measures[0].deadline.raw == "2019年6月底前"
    assert measures[2].lead_units == ("国家发展改革委",)


def test_a_copy_cut_inside_its_last_title_drops_that_item() -> None:
    """A web copy ending in ``5.启动学习贯彻`` loses the fragment, keeps whole items."""
    text = "1.聚焦关键指标。加强调度。\n2.推进项目建设。加快进度。\n3.启动学习贯彻"
    assert [m.title for m in parse_plan(text.encode(), "plan.txt").measures] == [
        "聚焦关键指标",
        "推进项目建设",
    ]


def test_a_short_last_heading_of_a_list_of_headings_stays() -> None:
    """The last item stays when its siblings are headings without sentences too."""
    text = "一、重点任务\n1.加强组织领导\n2.强化资金保障\n3.严格督查考核"
    assert len(parse_plan(text.encode(), "plan.txt").measures) == 3


def test_support_part_keeps_items_with_owner_notes_only() -> None:
    """In 保障措施, items naming their own owner are measures; the others frame the plan."""
    text = (
        "一、重点任务\n（一）建设园区。（县发改局负责）\n二、保障措施\n"
        "（二）加强组织领导。成立工作专班。（县政府办牵头）\n（三）强化宣传引导。营造良好氛围。\n"
    )
    plan = parse_plan(text.encode(), "plan.txt", all_parts=True)
    assert [m.title for m in plan.measures] == ["建设园区", "加强组织领导"]
    assert any("保障措施" in warning for warning in map(render_plan_warning_both, plan.warnings))


def test_site_chrome_bullets_are_not_items() -> None:
    """设为首页 / 加入收藏 bullets of a web page are dropped before parsing."""
    text = "- 设为首页\n- 加入收藏\n- 无障碍阅读\n一、重点工作\n1.建设园区。\n"
    assert [m.title for m in parse_plan(text.encode(), "page.txt").measures] == ["建设园区"]


def test_a_notice_enclosing_its_plan_as_attachment() -> None:
    """现印发给你们 … 附件 … the plan: the notice's own 一、二、 are not measures."""
    text = (
        "各乡镇，县直各部门：\n现将《2024年重点工作》印发给你们，并提出以下要求：\n"
        "一、提高思想认识。各单位要高度重视。\n二、按时报送进展。每月底前报送。\n附件\n"
        "2024年重点工作\n1.建设产业园区。（县发改局负责）\n2.改造老旧小区。（县住建局负责）\n"
    )
    measures = parse_plan(text.encode(), "notice.txt").measures
    assert [m.title for m in measures] == ["建设产业园区", "改造老旧小区"]


def test_a_plan_with_a_dated_attachment_keeps_its_items() -> None:
    """Without notice words, a date line before an attachment does not drop the plan's items."""
    text = (
        "XX县2024年工作要点\n一、重点工作\n1.建设产业园区。\n2.改造老旧小区。\n"
        "XX县人民政府\n2024年1月15日\n附件\n重点项目名单\n1.XX产业园项目。\n"
    )
    titles = [m.title for m in parse_plan(text.encode(), "plan.txt").measures]
    assert titles[:2] == ["建设产业园区", "改造老旧小区"]


def test_an_owner_note_line_is_not_a_paragraph_measure() -> None:
    """A heading whose own owner note sits on its line stays one measure with its body."""
    text = "一、重点工作\n（一）加强组织领导。（县委办牵头）\n成立工作专班。（县政府办负责）\n"
    measures = parse_plan(text.encode(), "plan.txt").measures
    assert [m.title for m in measures] == ["加强组织领导"]


def test_a_plan_laid_out_by_unit_gives_each_item_its_heading_unit() -> None:
    """Under 一、县商务局 / 二、县发改局 headings the items are that unit's, owner inferred."""
    from bot.importer import Confidence

    text = (
        "XX县2025年招商工作任务分解\n一、县商务局\n1.争取外资到位1500万美元。\n"
        "2.举办投资推介会1场。\n二、县发展改革局\n1.谋划储备项目50个。\n"
        "三、各乡镇（街道）\n1.每个乡镇引进项目1个。\n"
    )
    measures = parse_plan(text.encode(), "plan.txt").measures
    assert [m.lead_units for m in measures] == [
        ("县商务局",),
        ("县商务局",),
        ("县发展改革局",),
        ("各乡镇（街道）",),
    ]
    assert {m.owner_confidence for m in measures} == {Confidence.INFERRED}


def test_topic_headings_give_no_owner() -> None:
    """Headings that name topics (一、政务服务) give their items no owner."""
    text = "XX县2025年重点工作\n一、政务服务\n1.推行一网通办。\n二、要素保障\n1.保障用地。\n"
    assert all(not m.lead_units for m in parse_plan(text.encode(), "plan.txt").measures)


def test_one_paragraph_s_deadline_does_not_pass_to_its_neighbours() -> None:
    """Unnumbered paragraphs with owner notes under a heading keep their own deadlines only."""
    text = (
        "XX县2025年工作要点\n一、全面推进河湖长制\n落实河湖长巡河制度。（县水利局负责）\n"
        "开展清四乱专项行动，6月底前完成整改。（县水利局牵头，各乡镇配合）\n"
    )
    measures = parse_plan(text.encode(), "plan.txt").measures
    assert [m.deadline.raw for m in measures] == [None, "6月底前"]


def test_units_named_before_the_task_are_its_owners() -> None:
    """``【县发改局】…`` and ``县财政局：…`` open an item with its owner; the title is the task."""
    text = (
        "XX县2025年重点工作\n一、重点任务\n1.【县发改局】加快推进重大项目建设，年底前完成。\n"
        "2.县财政局：确保一般公共预算收入增长5%。\n3.重点工作：抓好招商引资。\n"
    )
    measures = parse_plan(text.encode(), "plan.txt").measures
    assert [m.title for m in measures] == [
        "加快推进重大项目建设，年底前完成",
        "确保一般公共预算收入增长5%",
        "重点工作",
    ]
    assert [m.lead_units for m in measures] == [("县发改局",), ("县财政局",), ()]


def test_an_item_opening_with_its_month_keeps_its_number() -> None:
    """``1.3月底前，完成…`` is item 1 due by the end of March, not the number 1.3."""
    text = (
        "XX县2025年工作安排\n一、重点任务\n1.3月底前，完成重点项目谋划。（县发改局负责）\n"
        "2.6月底前，完成开工手续办理。（县行政审批局负责）\n"
    )
    measures = parse_plan(text.encode(), "plan.txt").measures
    assert [(m.marker, m.title) for m in measures] == [
        ("1.", "3月底前，完成重点项目谋划"),
        ("2.", "6月底前，完成开工手续办理"),
    ]
    assert [m.deadline.raw for m in measures] == ["3月底前", "6月底前"]


def test_a_closing_line_names_the_owner_of_every_item_above_it() -> None:
    """``以上任务由X负责`` under a group's items is the owner note of each of them."""
    text = (
        "XX镇2025年工作计划\n一、重点工作\n（一）人居环境整治\n1.开展村庄清洁行动。\n"
        "2.推进农村改厕，10月底前完成验收。\n以上任务由镇村镇建设办公室负责，各村配合。\n"
        "（二）乡风文明\n1.修订村规民约。\n2.开展最美家庭评选。\n以上任务由镇党政综合办公室负责。\n"
    )
    measures = parse_plan(text.encode(), "plan.txt").measures
    assert [m.lead_units for m in measures] == [("镇村镇建设办公室",)] * 2 + [
        ("镇党政综合办公室",)
    ] * 2
    assert [m.co_units for m in measures[:2]] == [("各村",), ("各村",)]


def test_a_decimal_outline_reads_its_parts_and_items() -> None:
    """``2 重点任务`` / ``2.1`` / ``2.1.1`` nest; the items of ``3 保障措施`` are framing."""
    text = (
        "XX县2025年工作计划\n1 总体目标\n全面完成年度任务。\n2 重点任务\n2.1 夯实基础\n"
        "2.1.1 建设政务云平台。（责任单位：县大数据中心）\n"
        "2.1.2 推进电子政务外网延伸。（责任单位：县大数据中心）\n"
        "3 保障措施\n3.1 加强统筹协调。\n3.2 强化考核评估。\n"
    )
    measures = parse_plan(text.encode(), "plan.txt").measures
    assert [(m.marker, m.section) for m in measures] == [
        ("2.1.1", "夯实基础"),
        ("2.1.2", "夯实基础"),
    ]
    assert {m.part for m in measures} == {"重点任务"}


def test_dash_bullets_under_a_heading_are_its_items() -> None:
    """``——`` lines under （一） are items, each given the group's closing 责任单位 line."""
    text = (
        "XX县2025年全民健身实施方案\n一、主要措施\n（一）完善场地设施\n"
        "——新建社区多功能运动场3个，10月底前投入使用；\n——建成全民健身广场12个。\n"
        "责任单位：县教育体育局\n"
    )
    measures = parse_plan(text.encode(), "plan.txt").measures
    assert [m.title for m in measures] == [
        "新建社区多功能运动场3个，10月底前投入使用",
        "建成全民健身广场12个",
    ]
    assert all("县教育体育局" in m.units + m.lead_units for m in measures)


def test_a_bare_support_heading_over_a_paragraph_is_no_measure() -> None:
    """A closing 三、加强组织保障 heading over a paragraph frames the plan even when the
    other parts are named by their subject (一、稳定粮食生产), not as 重点任务."""
    text = (
        "XX县2025年农业农村工作要点\n一、稳定粮食生产\n"
        "（一）落实粮食播种面积。（县农业农村局负责）\n二、推进乡村建设\n"
        "（一）完成农村户厕改造。（县农业农村局负责）\n三、加强组织保障\n"
        "各乡镇、各部门要把农业农村工作摆在重要位置。\n"
    )
    plan = parse_plan(text.encode(), "plan.txt", all_parts=True)
    assert [m.title for m in plan.measures] == ["落实粮食播种面积", "完成农村户厕改造"]


SUPERVISION_NOTICE = """关于对县政府第12次常务会议议定事项进行督办的通知
县住房城乡建设局、县医疗保障局：
现将有关议定事项列入县政府督办，请各承办单位抓紧办理。
督办事项一：加快城东片区棚户区改造项目征收工作，完成剩余87户房屋征收。
承办单位：县住房城乡建设局（牵头），城关镇人民政府
办结时限：2025年6月30日
督办事项二：对定点医药机构开展医保基金使用专项检查。
承办单位：县医疗保障局，县卫生健康局配合
办结时限：持续推进
办理要求：
（一）各承办单位要在收到本通知后3个工作日内明确具体责任人。
（二）办结后5个工作日内书面报送办理结果。
"""


def test_a_supervision_notice_lists_its_matters_and_not_its_requirements() -> None:
    """``督办事项N：`` items are measures with their 承办单位 and 办结时限; the
    (一)(二) under a bare ``办理要求：`` line are requirements, not measures."""
    measures = parse_plan(SUPERVISION_NOTICE.encode(), "notice.txt", all_parts=True).measures
    assert [m.title for m in measures] == [
        "加快城东片区棚户区改造项目征收工作，完成剩余87户房屋征收",
        "对定点医药机构开展医保基金使用专项检查",
    ]
    assert (measures[0].lead_units, measures[0].deadline.raw) == (
        ("县住房城乡建设局",),
        "2025年6月30日",
    )
    assert measures[1].co_units == ("县卫生健康局",)
