"""Building the item tree from lines."""

from __future__ import annotations

from bot.importer import parse_plan
from bot.importer.markers import MarkerKind
from bot.importer.normalise import normalise_text
from bot.importer.outline import Block, Line, SourceText, build_outline


def _tree(text: str) -> tuple[str, Block]:
    normalised = normalise_text(text)
    return normalised, build_outline(SourceText.plain(normalised))


def _shape(text: str, block: Block) -> list[object]:
    return [
        (child.marker, _shape(text, child)) if child.children else child.marker
        for child in block.children
    ]


def test_levels_follow_order_of_appearance() -> None:
    """A new marker kind opens a child level; a known kind closes back to its level."""
    text, root = _tree("一、甲\n（一）乙\n1.丙\n（1）丁\n（2）戊\n2.己\n（二）庚\n二、辛\n")
    assert _shape(text, root) == [
        ("一、", [("（一）", [("1.", ["（1）", "（2）"]), "2."]), "（二）"]),
        "二、",
    ]


def test_numbering_that_runs_on_across_sections() -> None:
    """Items numbered 1-3 then 4-5 under the next section nest under their own section."""
    text, root = _tree("（一）甲\n1.a\n2.b\n3.c\n（二）乙\n4.d\n5.e\n")
    assert _shape(text, root) == [("（一）", ["1.", "2.", "3."]), ("（二）", ["4.", "5."])]


def test_inline_items_become_children() -> None:
    """一是…二是… inside a paragraph become inline children after the heading text."""
    text, root = _tree("（一）产业发展。一是做强工业。二是做优农业。\n")
    section = root.children[0]
    assert text[section.start : section.head_end] == "产业发展。"
    assert [(c.kind, text[c.start : c.end]) for c in section.children] == [
        (MarkerKind.INLINE, "做强工业。"),
        (MarkerKind.INLINE, "做优农业。"),
    ]


def test_inline_items_on_their_own_lines() -> None:
    """一是/二是 lines after a heading are that heading's inline items."""
    text, root = _tree("（一）产业发展\n一是做强工业。\n二是做优农业。\n")
    assert [text[c.start : c.end] for c in root.children[0].children] == [
        "做强工业。",
        "做优农业。",
    ]


def test_closing_text_and_signature_belong_to_no_item() -> None:
    """Paragraphs after the last item, and the signature, are not part of its text."""
    text, root = _tree("1.甲。\n2.乙。\n各单位要高度重视。\nXX县人民政府办公室\n2024年1月15日\n")
    assert text[root.children[-1].start : root.children[-1].end] == "乙。"


def test_a_last_bare_heading_keeps_its_paragraphs() -> None:
    """When the last item is a bare heading, the paragraphs under it are its text."""
    text, root = _tree("一、目标。\n二、保障措施\n加强统筹协调。\nXX县人民政府\n2024年1月15日\n")
    assert text[root.children[-1].start : root.children[-1].end] == "保障措施\n加强统筹协调。"


def test_owner_lines_apply_to_the_group_above() -> None:
    """An owner line after items applies to every item since the previous owner line."""
    text, root = _tree("（一）甲\n1.a。\n2.b。\n责任单位：县财政局\n3.c。\n牵头单位：县发改局\n")
    items = root.children[0].children
    assert [item.meta for item in items] == [
        ("责任单位：县财政局",),
        ("责任单位：县财政局",),
        ("牵头单位：县发改局",),
    ]
    assert text[items[1].start : items[1].end] == "b。"


def test_part_lines_sit_above_numbered_items() -> None:
    """Unnumbered part headings such as 2024年工作计划 hold the items that follow them."""
    _text, root = _tree(
        "XX镇工作总结\n2023年工作总结\n一、甲。\n2024年工作计划\n一、乙。\n二、丙。\n"
    )
    assert [c.kind for c in root.children] == [MarkerKind.PART_LINE, MarkerKind.PART_LINE]
    assert [len(c.children) for c in root.children] == [1, 2]


def test_explicit_headings_nest_by_level() -> None:
    """Heading levels (Markdown, Word styles) nest regardless of their numbering."""
    source = SourceText(
        "甲\n乙\n1.a\n丙", (Line(0, 1, 1), Line(2, 3, 2), Line(4, 7), Line(8, 9, 1))
    )
    root = build_outline(source)
    assert [len(c.children) for c in root.children] == [1, 0]
    assert root.children[0].children[0].children[0].marker == "1."


def test_title_lines_are_not_parts() -> None:
    """The document title is never read as a part heading."""
    normalised = "2024年工作计划\n一、甲。"
    root = build_outline(SourceText.plain(normalised), title_lines=frozenset({0}))
    assert [c.marker for c in root.children] == ["一、"]


def test_an_owner_line_does_not_reach_back_past_items_with_their_own_notes() -> None:
    """A 牵头单位/完成时限 line after an item is that item's, not also of the items before it
    that carry their own owner notes (条款 of a 责任制 holding 项 with notes)."""
    text = "\n".join(
        (
            "第二章　重点任务",
            "第六条　加强道路交通安全管理，重点抓好以下工作：",
            "（一）开展“两客一危”车辆专项检查；（县公安局交警大队负责）",
            "（二）整治电动自行车违法行为。（县公安局交警大队牵头，县市场监管局配合）",
            "第七条　加强建筑施工安全监管，开展专项检查。",
            "牵头单位：县住房城乡建设局；完成时限：2025年8月底前。",
        )
    )
    measures = parse_plan(text.encode(), "责任制.txt").measures
    deadlines = {m.title: m.deadline.raw if m.deadline else None for m in measures}
    assert deadlines == {
        "开展“两客一危”车辆专项检查": None,
        "整治电动自行车违法行为": None,
        "加强建筑施工安全监管，开展专项检查": "2025年8月底前",
    }


def test_chapters_of_general_rules_and_supplementary_provisions_hold_no_measures() -> None:
    """第一章 总则 and 第四章 附则 of a 条款式 document frame it: their 条 are not measures."""
    text = "\n".join(
        (
            "第一章　总　　则",
            "第一条　为落实安全生产责任，制定本责任制。",
            "第二章　重点任务",
            "第二条　开展燃气安全专项整治。（县城市管理局负责，2025年11月底前完成）",
            "第三章　附　　则",
            "第三条　本责任制由县安委会办公室负责解释。",
        )
    )
    measures = parse_plan(text.encode(), "责任制.txt", all_parts=True).measures
    assert [m.title for m in measures] == ["开展燃气安全专项整治"]


def test_unnumbered_paragraphs_with_their_own_notes_are_the_headings_items() -> None:
    """Under a bare 一、 heading, paragraphs set off by indentation only, two or more ending in
    their own owner note, are its items; a 其中 paragraph goes on from the one before, and a
    sentence without a note is an item without an owner."""
    text = "\n".join(
        (
            "XX县农业农村局2025年工作要点",
            "一、巩固拓展脱贫攻坚成果",
            "\u3000\u3000开展防止返贫监测集中排查。（乡村振兴股负责，2025年5月底前完成）",
            "\u3000\u3000\u3000\u3000其中，对脱贫不稳定户实行“一户一策”帮扶。",
            "\u3000\u3000推进帮扶项目资产确权登记。（计划财务股负责）",
            "\u3000\u3000深化农村集体产权制度改革。",
            "二、工作要求",
            "\u3000\u3000各股室要细化工作措施，每月25日前报送进展。",
        )
    )
    measures = parse_plan(text.encode(), "要点.txt").measures
    assert [(m.title, m.lead_units or m.units) for m in measures] == [
        ("开展防止返贫监测集中排查", ("乡村振兴股",)),
        ("推进帮扶项目资产确权登记", ("计划财务股",)),
        ("深化农村集体产权制度改革", ()),
    ]
    assert "一户一策" in measures[0].body
