"""Saved web pages: paragraphs become lines, table cells tab-separated rows, markup gone."""

from __future__ import annotations

from bot.importer import parse_plan
from bot.importer.parsers.html_page import HtmlParser, page_text
from bot.importer.parsers.registry import pick_parser

PAGE = """<!DOCTYPE html><html><head><title>站点标题_一、不是任务</title>
<script>var a = "1.不是任务。";</script><style>p{color:red}</style></head><body>
<div class="nav"><a href="/">首页</a> | <a href="#">无障碍浏览</a></div>
<p>一、教育养老</p>
<p>1.新建幼儿园5所。<span>责任单位：区教育局</span>；完成时限：2025年8月底前。</p>
<p>2.改造老旧小区42个、<br/>加装电梯120部。责任单位：区住建局。</p>
<p>3.新建&ldquo;口袋公园&rdquo;15个。责任单位：区城管局&nbsp;&nbsp;完成时限：年底前</p>
</body></html>"""

TABLE_PAGE = """<html><body><p>XX县重点任务清单</p><table>
<tr><th>序号</th><th>重点任务</th><th>牵头单位</th><th>完成时限</th></tr>
<tr><td>1</td><td>建设产业
园区。</td><td>县发改局</td><td>2024年6月底前</td></tr>
<tr><td>2</td><td>招引重点项目。</td><td>县商务局</td><td>年底前</td></tr>
</table></body></html>"""


def test_a_saved_page_is_picked_by_name_or_by_its_opening() -> None:
    """.html files and text that opens as an HTML document go to the web-page reader."""
    assert isinstance(pick_parser(PAGE.encode(), "page.html"), HtmlParser)
    assert isinstance(pick_parser(PAGE.encode(), "page.txt"), HtmlParser)
    assert not HtmlParser().detect("一、重点任务\n1.甲。".encode(), "plan.txt")


def test_page_text_keeps_blocks_and_drops_head_scripts_and_styles() -> None:
    """Each paragraph is a line; the head, scripts and styles leave no text; entities unescape."""
    text = page_text(PAGE)
    assert "不是任务" not in text
    assert "color" not in text
    assert "新建“口袋公园”15个" in text
    assert "\n一、教育养老\n" in text


def test_a_saved_page_gives_its_measures_with_owners_and_deadlines() -> None:
    """The page's items are measures; a <br> inside a sentence does not cut its title."""
    measures = parse_plan(PAGE.encode(), "page.html").measures
    assert [m.title for m in measures] == [
        "新建幼儿园5所",
        "改造老旧小区42个、加装电梯120部",
        "新建“口袋公园”15个",
    ]
    assert [(m.lead_units + m.units)[0] for m in measures] == ["区教育局", "区住建局", "区城管局"]
    assert [m.deadline.raw for m in measures] == ["2025年8月底前", None, "年底前"]


def test_a_table_on_a_page_is_read_as_a_responsibility_table() -> None:
    """Table cells become tab-separated rows, read as a 责任清单 with owners and deadlines."""
    measures = parse_plan(TABLE_PAGE.encode(), "list.htm").measures
    assert [m.title for m in measures] == ["建设产业园区", "招引重点项目"]
    assert [(m.lead_units + m.units)[0] for m in measures] == ["县发改局", "县商务局"]
    assert [m.deadline.raw for m in measures] == ["2024年6月底前", "年底前"]
