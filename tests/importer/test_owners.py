"""Reading responsibility: leaders, lead units, responsible and supporting units."""

from __future__ import annotations

import pytest

from bot.importer.owners import (
    Owners,
    extract_owners,
    finalise,
    first_listed_leads,
    is_owner_line,
    is_unit_name,
    split_units,
    units_and_people,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "（教育部牵头，国家发展改革委、财政部按职责分工负责）",
            Owners(None, ("教育部",), ("国家发展改革委", "财政部")),
        ),
        (
            "（市场监管总局牵头，公安部、税务总局等按职责分工负责，2019年2月底前完成）",
            Owners(None, ("市场监管总局",), ("公安部", "税务总局")),
        ),
        ("（县发改局负责）", Owners(None, ("县发改局",))),
        ("（县发改局、县财政局负责）", Owners(None, (), ("县发改局", "县财政局"))),
        (
            "（县司法局牵头，县直各执法部门配合；长期坚持）",
            Owners(None, ("县司法局",), (), ("县直各执法部门",)),
        ),
        (
            "（牵头单位：县发改局；责任单位：县财政局，县统计局；配合单位：各乡镇）",
            Owners(None, ("县发改局",), ("县财政局", "县统计局"), ("各乡镇",)),
        ),
        ("责任领导：张三、李四", Owners("张三、李四")),
        ("牵头领导：王XX\n主责单位：县水利局", Owners("王XX", ("县水利局",))),
        (
            "责任单位：县住房和城乡建设局（牵头）、县自然资源局；完成时限：上半年",
            Owners(None, ("县住房和城乡建设局",), ("县自然资源局",)),
        ),
        ("（当年签约、当年开工率达XXX％）", Owners()),
        ("坚持由党委领导。", Owners()),
    ],
)
def test_extract_owners(text: str, expected: Owners) -> None:
    """Labelled fields, bracketed clauses and （牵头） notes are read into roles."""
    assert extract_owners(text) == expected


def test_first_listed_unit_leads_when_the_plan_says_so() -> None:
    """With 列第一位者为牵头单位 the first of several responsible units leads."""
    text = "（发展改革委、财政部、人民银行负责）"
    assert extract_owners(text, first_leads=True) == Owners(
        None, ("发展改革委",), ("财政部", "人民银行")
    )
    assert first_listed_leads("（有关任务分工中，列第一位者为牵头单位，其他单位按职责分工负责）")
    assert first_listed_leads("注：排在第一位的为牵头单位。")
    assert not first_listed_leads("县发改局牵头，县财政局配合")


def test_the_rule_itself_is_not_an_owner_note() -> None:
    """The 列第一位者为牵头单位 sentence does not assign 其他单位 as owner."""
    rule = "（有关任务分工中，列第一位者为牵头单位，其他单位按职责分工负责）"
    assert extract_owners(rule).is_empty()
    assert not is_owner_line(rule)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("责任单位：县财政局", True),
        ("（牵头单位：县发改局）", True),
        ("完成时限：每季度", True),
        ("（县发改局牵头，县财政局配合）", True),
        ("（一）加快发展。", False),
        ("各单位要高度重视，确保落实。", False),
    ],
)
def test_owner_lines(line: str, expected: bool) -> None:
    """Lines stating only owners or a deadline are recognised as owner lines."""
    assert is_owner_line(line) is expected


def test_split_units_handles_separators_and_deng() -> None:
    """Units split on 、，；/ and line breaks, and a trailing 等 is dropped."""
    assert split_units("县财政局、县统计局；县人社局\n县医保局/各乡镇等") == [
        "县财政局",
        "县统计局",
        "县人社局",
        "县医保局",
        "各乡镇",
    ]


def test_leaders_written_among_units() -> None:
    """Officials named in a unit list (常务副县长张XX) are read as leaders, not units."""
    owners = extract_owners("（县委常委、常务副县长张XX牵头，县发改局负责）")
    assert owners == Owners("县委常委、常务副县长张XX", ("县发改局",))


def test_finalise_single_unit_leads() -> None:
    """A single responsible unit with no lead named is the lead."""
    assert finalise(
        leaders=[], leads=[], units=["县教育局"], co_units=[], first_leads=False
    ) == Owners(None, ("县教育局",))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "（税务总局、财政部、海关总署负责，排在第一位的部门为牵头部门，下同）",
            Owners(None, ("税务总局",), ("财政部", "海关总署")),
        ),
        (
            "（工业和信息化部、发展改革委等负责。列第一位者为牵头单位，下同）",
            Owners(None, ("工业和信息化部",), ("发展改革委",)),
        ),
        (
            "（生态环境部指导，试点城市政府负责落实。以下均需试点城市政府落实，不再列出）",
            Owners(None, ("生态环境部",), ("试点城市政府",)),
        ),
        ("（商务部指导，供销合作总社参与）", Owners(None, ("商务部",), (), ("供销合作总社",))),
        (
            "(市政府辦公室牽頭,市級各有關部門按職責分工負責)",
            Owners(None, ("市政府辦公室",), ("市級各有關部門",)),
        ),
        ("负责部门：县住建局", Owners(None, ("县住建局",))),
        ("指导部门：县应急管理局；责任单位：各乡镇", Owners(None, ("县应急管理局",), ("各乡镇",))),
        (
            "（省发展改革委（省能源局）、省财政厅、省自然资源厅、省住房城乡建设厅、省交通运输厅、"
            "省水利厅、省农业农村厅、省商务厅、省文化和旅游厅等按职责分工负责）",
            Owners(
                None,
                (),
                (
                    "省发展改革委（省能源局）",
                    "省财政厅",
                    "省自然资源厅",
                    "省住房城乡建设厅",
                    "省交通运输厅",
                    "省水利厅",
                    "省农业农村厅",
                    "省商务厅",
                    "省文化和旅游厅",
                ),
            ),
        ),
        ("（以习近平新时代中国特色社会主义思想为指导）", Owners()),
    ],
)
def test_owner_notes_of_published_plans(text: str, expected: Owners) -> None:
    """Rule clauses, 指导 notes, traditional characters, new labels and long nested notes."""
    assert extract_owners(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "建立联席会议制度，由县发改局牵头，县财政局、县统计局配合。",
            Owners(None, ("县发改局",), (), ("县财政局", "县统计局")),
        ),
        ("此项工作由县教育局负责。", Owners(None, ("县教育局",))),
        ("【牵头单位】县住建局【责任单位】各乡镇", Owners(None, ("县住建局",), ("各乡镇",))),
        ("各责任单位要加强协作，由此形成合力。", Owners()),
        ("县发改局牵头抓总，统筹推进。", Owners()),
        (
            "会议同意由XX镇人民政府负责项目征地拆迁工作，确保5月31日前交付净地。",
            Owners(None, ("XX镇人民政府",)),
        ),
        ("由县城管局牵头组织专项整治。", Owners(None, ("县城管局",))),
        ("由此负责到底。", Owners()),
    ],
)
def test_unbracketed_owner_forms(text: str, expected: Owners) -> None:
    """由X牵头，Y配合 and 【牵头单位】 name owners; a grammatical subject does not."""
    assert extract_owners(text) == expected


def test_short_labels_of_event_plans() -> None:
    """主办：/承办：/协办： name the lead, responsible and supporting units."""
    assert extract_owners("主办：县文旅局；承办：各乡镇；协办：县融媒体中心") == Owners(
        None, ("县文旅局",), ("各乡镇",), ("县融媒体中心",)
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("（责任股室：综合核算股）", Owners(None, ("综合核算股",))),
        ("牵头股室：法规股；配合股室：办公室", Owners(None, ("法规股",), (), ("办公室",))),
        ("【责任站所】各市场监管所", Owners(None, ("各市场监管所",))),
    ],
)
def test_labels_name_any_kind_of_office(text: str, expected: Owners) -> None:
    """A county bureau's 股室 and 站所 are labelled as a city's 单位 and 处室 are."""
    assert extract_owners(text) == expected


@pytest.mark.parametrize(
    ("cell", "units", "people"),
    [
        ("县民政局\n孙丽", ["县民政局"], ["孙丽"]),
        ("县交通运输局（王勇）", ["县交通运输局"], ["王勇"]),
        ("县城市管理局  赵磊", ["县城市管理局"], ["赵磊"]),
        ("县财政局、县税务局", ["县财政局", "县税务局"], []),
        ("团县委（共青团）", ["团县委（共青团）"], []),
    ],
)
def test_units_and_people_of_one_cell(cell: str, units: list[str], people: list[str]) -> None:
    """A 责任单位及责任人 cell gives its units and, apart, the people it names."""
    assert units_and_people(cell) == (units, people)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("县商务局", True),
        ("各乡镇（街道）", True),
        ("县工业和信息化局：", True),
        ("市场准入", False),
        ("建设文明城市", False),
        ("县城建设", False),
        ("加快建设县经开区", False),
        ("政务服务", False),
    ],
)
def test_is_unit_name(text: str, expected: bool) -> None:
    """A heading that is only a unit's name is told from a topic heading."""
    assert is_unit_name(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("（县发改局具体承办）", Owners(None, ("县发改局",))),
        ("（县发改局为第一责任单位）", Owners(None, ("县发改局",))),
        ("（县发改局主责，县财政局协同）", Owners(None, ("县发改局",), (), ("县财政局",))),
        ("（县发改局负总责）", Owners(None, ("县发改局",))),
        ("（县发改局会同县财政局负责）", Owners(None, ("县发改局",), ("县财政局",))),
        (
            "（县发改局牵头，县直各部门、各乡镇按职责抓好落实）",
            Owners(None, ("县发改局",), ("县直各部门", "各乡镇")),
        ),
        ("（县发改局牵头；完成时限：2025年6月底前）", Owners(None, ("县发改局",))),
    ],
)
def test_more_ways_of_writing_an_owner_note(text: str, expected: Owners) -> None:
    """承办, 为第一责任单位, 主责, 负总责, X会同Y负责, 按职责抓好落实, and a note that mixes an
    owner clause with a labelled deadline."""
    assert extract_owners(text) == expected


@pytest.mark.parametrize(
    ("line", "owner_line"),
    [
        ("以上任务由镇党政综合办公室负责。", True),
        ("上述工作由县财政局牵头，县审计局配合", True),
        ("以上3项任务均由县水利局负责", True),
        ("以上任务要按时完成，由各乡镇负责督促落实本辖区农户按期改造到位。", False),
        ("以上内容仅供参考", False),
    ],
)
def test_a_closing_line_naming_who_does_the_items_above_is_an_owner_line(
    line: str, owner_line: bool
) -> None:
    """``以上任务由X负责`` states owners only; a sentence that runs on does not."""
    assert is_owner_line(line) is owner_line


def test_a_labelled_unit_list_may_state_each_units_role() -> None:
    """``承办单位：X，Y配合`` makes Y a co-unit; ``Z牵头`` in the list leads."""
    assert extract_owners("承办单位：县医疗保障局，县卫生健康局配合") == Owners(
        lead_units=("县医疗保障局",), co_units=("县卫生健康局",)
    )
    assert extract_owners("责任单位：县财政局、县水利局牵头") == Owners(
        lead_units=("县水利局",), units=("县财政局",)
    )


@pytest.mark.parametrize(
    ("value", "units"),
    [
        ("县卫生 健康局", ["县卫生健康局"]),
        ("县住房城乡 建设局、县财政局", ["县住房城乡建设局", "县财政局"]),
        ("县发改局 县财政局", ["县发改局", "县财政局"]),
        ("县发改局 财政局", ["县发改局", "财政局"]),
    ],
)
def test_a_stray_space_inside_a_unit_name_does_not_split_it(value: str, units: list[str]) -> None:
    """A space OCR left inside one unit name joins its halves; a space between two units still
    separates them."""
    assert split_units(value) == units
