"""Building the item tree from lines."""

from __future__ import annotations

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
