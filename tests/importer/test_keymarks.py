"""Key-item marks (★ ▲ …): kept per measure, read with the plan's legend, told from bullets."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.importer import parse_plan
from bot.importer.keymarks import read_legend
from bot.importer.model import KeyMark

CORPUS = Path(__file__).parent / "corpus" / "docs"

_PLAN = """XX县2025年工作要点

一、扩大有效投资
★1.抓好重大项目谋划储备。（县发改局负责）
2.加快推进项目建设。（县发改局负责）
▲ 3．推进平台整合共享。（县政数局负责）
二、推动产业升级
（一）★编制主导产业规划。（县工信局负责）
（二）▲ 开展“十五五”前期研究。（县发改局负责）
（三）落实能耗双控要求。（县发改局负责）
"""


def _marks(text: str, filename: str = "plan.txt") -> list[tuple[str | None, str, str]]:
    plan = parse_plan(text.encode(), filename)
    return [(m.marker, m.marks, m.title) for m in plan.measures]


def test_corpus_work_points_keep_their_stars_and_triangles_with_the_closing_note() -> None:
    """x53: ★ and ▲ after the number are each measure's marks, the 说明 line their legend,
    and the titles stay without them."""
    plan = parse_plan((CORPUS / "x53_bureau_work_points_parts.txt").read_bytes(), "x53.txt")
    assert [m.marks for m in plan.measures] == ["★", "▲", "", "★", "", "", "▲", ""]
    assert plan.legend == (
        KeyMark("★", "局党组重点督办事项"),
        KeyMark("▲", "县委、县政府考核事项"),
    )
    assert plan.measures[0].title.startswith("抓好重大项目谋划储备")


def test_signs_before_or_after_the_number_are_marks_and_leave_marker_and_title_clean() -> None:
    """``★1.`` and ``1.★`` both mark the item; its marker stays ``1.`` and its title plain,
    and the items around it are still found."""
    assert _marks(_PLAN) == [
        ("1.", "★", "抓好重大项目谋划储备"),
        ("2.", "", "加快推进项目建设"),
        ("3．", "▲", "推进平台整合共享"),
        ("（一）", "★", "编制主导产业规划"),
        ("（二）", "▲", "开展“十五五”前期研究"),
        ("（三）", "", "落实能耗双控要求"),
    ]


def test_a_heading_with_a_sign_before_its_number_keeps_its_number_as_marker() -> None:
    """``★一、`` opens a section whose marker is ``一、``; its items stay its items."""
    text = (
        "XX县2025年工作要点\n★一、扩大投资\n1.抓好项目储备。（县发改局负责）\n"
        "二、产业\n1.编制规划。\n"
    )
    plan = parse_plan(text.encode(), "plan.txt")
    assert [(s.marker, s.title) for s in plan.sections] == [("一、", "扩大投资"), ("二、", "产业")]
    assert [m.section for m in plan.measures] == ["扩大投资", "产业"]


def test_the_items_of_a_marked_section_carry_its_mark() -> None:
    """``★一、扩大投资``: every task under the marked section is a marked task (after its own
    marks); a sign before every section, unexplained, marks none."""
    text = (
        "XX县2025年工作要点\n★一、扩大投资\n1.抓好项目储备。（县发改局负责）\n"
        "2.▲推进重大项目。（县发改局负责）\n二、产业\n1.编制规划。（县工信局负责）\n"
        "3.▲培育龙头企业。（县工信局负责）\n注：标★的为县政府重点督办事项。\n"
    )
    assert [marks for _, marks, _ in _marks(text)] == ["★", "▲★", "", "▲"]
    every = (
        "XX县2025年工作要点\n◎一、投资\n1.抓好储备。（县发改局负责）\n◎二、产业\n1.编制规划。\n"
    )
    assert [marks for _, marks, _ in _marks(every)] == ["", ""]


def test_a_sign_before_every_item_of_each_list_is_a_bullet_not_a_mark() -> None:
    """◆ before every item of every list, and ● used as the items' bullet, mark nothing."""
    text = (
        "XX镇2025年工作计划\n一、产业\n1.◆建设产业园。（镇经发办负责）\n2.◆培育龙头企业。（镇经发办负责）\n"
        "二、民生\n●新建公园一处。（镇建设办负责）\n●改造老旧小区。（镇建设办负责）\n"
    )
    assert [marks for _, marks, _ in _marks(text)] == ["", "", "", ""]


def test_a_sign_on_every_item_is_a_mark_when_the_legend_explains_it() -> None:
    """The same ◆ before every item counts once the plan's note says what it means."""
    text = (
        "XX镇2025年工作计划\n一、产业\n1.◆建设产业园。（镇经发办负责）\n2.◆培育龙头企业。（镇经发办负责）\n"
        "注：标◆的为镇党委重点督办事项。\n"
    )
    assert [marks for _, marks, _ in _marks(text)] == ["◆", "◆"]


def test_markdown_bullets_are_not_marks_but_a_star_after_them_is() -> None:
    """In a Markdown list the ``*`` is the bullet; a ★ after it on some items is a mark."""
    text = (
        "# XX县2025年工作要点\n\n## 一、扩大投资\n\n* ★抓好项目储备。（县发改局负责）\n"
        "* 加快项目建设。（县发改局负责）\n* 推进平台整合。（县政数局负责）\n"
    )
    assert [(m, k) for m, k, _ in _marks(text, "plan.md")] == [("*", "★"), ("*", ""), ("*", "")]


def test_a_table_keeps_the_marks_in_its_task_cells_and_reads_its_note_row() -> None:
    """A 责任清单's task cell opening with ★ marks the row; the note row is the legend."""
    text = (
        "序号,重点任务,牵头单位,完成时限\n1,★抓好重大项目谋划储备,县发改局,6月底前\n"
        "2,加快推进项目建设,县发改局,年底前\n3,▲推进平台整合,县政数局,10月底前\n"
        "注：★为县政府重点督办事项，▲为纳入年度绩效考核事项,,,\n"
    )
    plan = parse_plan(text.encode(), "清单.csv")
    assert [(m.marks, m.title) for m in plan.measures] == [
        ("★", "抓好重大项目谋划储备"),
        ("", "加快推进项目建设"),
        ("▲", "推进平台整合"),
    ]
    assert [m.sign for m in plan.legend] == ["★", "▲"]


@pytest.mark.parametrize(
    ("line", "legend"),
    [
        (
            "注：标★的为县政府重点督办事项，标▲的为纳入年度绩效考核事项。",
            [("★", "县政府重点督办事项"), ("▲", "纳入年度绩效考核事项")],
        ),
        ("说明：带★号的为县委督查室督办事项。", [("★", "县委督查室督办事项")]),
        ("备注：▲表示纳入年度绩效考核事项", [("▲", "纳入年度绩效考核事项")]),
        (
            "★为市政府考核事项；▲为县政府督办事项。",
            [("★", "市政府考核事项"), ("▲", "县政府督办事项")],
        ),
        ("（标注★的为重点督办事项）", [("★", "重点督办事项")]),
        ("XX县2025年工作要点（标“★”的为县政府重点督办事项）", [("★", "县政府重点督办事项")]),
    ],
)
def test_legend_wordings(line: str, legend: list[tuple[str, str]]) -> None:
    """The plan's note is read however it is worded: 注/说明/备注, 标★的/带★号的/★为/▲表示."""
    text = f"XX县2025年工作要点\n一、扩大投资\n1.★抓好项目储备。\n{line}\n"
    assert [(m.sign, m.meaning) for m in read_legend(text)] == legend


@pytest.mark.parametrize(
    "line",
    [
        "★为企业减负降本，全年减免税费1亿元以上。",
        "1.★为民办实事。（县民政局负责）",
        "★抓好重大项目谋划储备。",
    ],
)
def test_items_that_open_with_a_sign_are_no_legend(line: str) -> None:
    """A marked item's own text (even one opening ``★为…``) is not read as the legend."""
    assert read_legend(line) == ()
