"""Word files as offices save them: hidden text, list numbering as Word counts it, table rows
as Word and WPS write them."""

from __future__ import annotations

import io

import docx
from docx.document import Document as DocxDocument
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from bot.importer import parse_plan
from bot.importer.parsers.docx_numbering import Numbering
from bot.importer.parsers.docx_plan import _grid, paragraph_text

_W = nsdecls("w")


def _saved(document: DocxDocument) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _lvl(ilvl: int, fmt: str, text: str, extra: str = "") -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>{extra}'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
    )


def _add_list(document: DocxDocument, abstract_id: int, levels: str, *nums: str) -> None:
    """Add an abstract list and ``w:num`` elements (XML without namespace declarations)."""
    numbering = document.part.numbering_part.element
    numbering.insert(
        0,
        parse_xml(f'<w:abstractNum {_W} w:abstractNumId="{abstract_id}">{levels}</w:abstractNum>'),
    )
    for num in nums:
        numbering.append(parse_xml(num.replace("<w:num ", f"<w:num {_W} ", 1)))


def _num(num_id: int, abstract_id: int, overrides: str = "") -> str:
    return f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>{overrides}</w:num>'


def _numbered(document: DocxDocument, text: str, num_id: int, level: int) -> None:
    paragraph = document.add_paragraph(text)
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = level
    num_pr.get_or_add_numId().val = num_id


def _labels(document: DocxDocument) -> list[str | None]:
    reopened = docx.Document(io.BytesIO(_saved(document)))
    numbering = Numbering(reopened)
    return [numbering.label(p) for p in reopened.paragraphs]


def test_hidden_text_is_not_read() -> None:
    """A run formatted as hidden text (a drafter's note) is left out; w:vanish off is read."""
    paragraph = parse_xml(
        f"<w:p {_W}><w:r><w:t>推进园区建设。</w:t></w:r>"
        "<w:r><w:rPr><w:vanish/></w:rPr><w:t>（原由县商务局负责）</w:t></w:r>"
        '<w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>（县发改局负责）</w:t></w:r></w:p>'
    )
    assert paragraph_text(paragraph) == "推进园区建设。（县发改局负责）"


def test_a_non_breaking_hyphen_is_read_as_a_hyphen() -> None:
    """Word's non-breaking hyphen (typed to keep 2025-2027年 on one line) is a hyphen."""
    paragraph = parse_xml(
        f"<w:p {_W}><w:r><w:t>2025</w:t><w:noBreakHyphen/><w:t>2027年</w:t></w:r></w:p>"
    )
    assert paragraph_text(paragraph) == "2025-2027年"


def test_alternate_content_is_read_once() -> None:
    """Of an mc:AlternateContent, the choice is read and its fallback copy is not."""
    mc = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
    paragraph = parse_xml(
        f"<w:p {_W} {mc}><w:r><w:t>建成厂房</w:t></w:r><mc:AlternateContent>"
        '<mc:Choice Requires="w14"><w:r><w:t>（县发改局负责）</w:t></w:r></mc:Choice>'
        "<mc:Fallback><w:r><w:t>（县发改局负责）</w:t></w:r></mc:Fallback>"
        "</mc:AlternateContent></w:p>"
    )
    assert paragraph_text(paragraph) == "建成厂房（县发改局负责）"


def test_two_lists_of_one_definition_continue_each_other() -> None:
    """Two w:num of one abstract list share its counters, as Word numbers them (一、 then 二、)."""
    document = docx.Document()
    _add_list(document, 70, _lvl(0, "chineseCounting", "%1、"), _num(70, 70), _num(71, 70))
    _numbered(document, "稳定粮食生产", 70, 0)
    _numbered(document, "推进乡村建设", 71, 0)
    assert _labels(document) == ["一、", "二、"]


def test_a_start_override_restarts_the_level() -> None:
    """A w:num with lvlOverride/startOverride restarts its level where it is first used."""
    document = docx.Document()
    overrides = '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'
    _add_list(document, 72, _lvl(0, "decimal", "%1."), _num(72, 72), _num(73, 72, overrides))
    for num_id in (72, 72, 73, 73):
        _numbered(document, "一项工作。", num_id, 0)
    assert _labels(document) == ["1.", "2.", "1.", "2."]


def test_a_level_override_redefines_its_format() -> None:
    """A w:lvl inside lvlOverride replaces the list's level for that w:num only."""
    document = docx.Document()
    override = f'<w:lvlOverride w:ilvl="0">{_lvl(0, "chineseCounting", "（%1）")}</w:lvlOverride>'
    _add_list(document, 74, _lvl(0, "decimal", "%1."), _num(74, 74), _num(75, 74, override))
    _numbered(document, "一项工作。", 74, 0)
    _numbered(document, "另一项工作。", 75, 0)
    assert _labels(document) == ["1.", "（二）"]


def test_a_list_style_link_draws_the_styles_list() -> None:
    """An abstract list that only links to a list style (numStyleLink) numbers with the list
    that style names (styleLink), 一是/二是 here."""
    document = docx.Document()
    _add_list(
        document,
        76,
        f'<w:styleLink w:val="PlanItems"/>{_lvl(0, "chineseCounting", "%1是")}',
        _num(76, 76),
    )
    _add_list(document, 77, '<w:numStyleLink w:val="PlanItems"/>', _num(77, 77))
    document.styles.element.append(
        parse_xml(
            f'<w:style {_W} w:type="numbering" w:styleId="PlanItems"><w:name w:val="PlanItems"/>'
            '<w:pPr><w:numPr><w:numId w:val="76"/></w:numPr></w:pPr></w:style>'
        )
    )
    _numbered(document, "落实播种面积。", 77, 0)
    _numbered(document, "建设高标准农田。", 77, 0)
    assert _labels(document) == ["一是", "二是"]


def test_legal_numbering_shows_every_level_in_digits() -> None:
    """A level with isLgl shows the higher levels' numbers as digits (一、 over 1.1)."""
    document = docx.Document()
    levels = _lvl(0, "chineseCounting", "%1、") + _lvl(1, "decimal", "%1.%2", "<w:isLgl/>")
    _add_list(document, 78, levels, _num(78, 78))
    _numbered(document, "产业发展", 78, 0)
    _numbered(document, "壮大工业。", 78, 1)
    assert _labels(document) == ["一、", "1.1 "]


def test_a_level_linked_to_a_heading_style_makes_a_heading() -> None:
    """A paragraph numbered by a list level linked to Heading 1 is a heading even when it
    lacks the style: the parts after it are not read as the items before it."""
    document = docx.Document()
    levels = _lvl(0, "chineseCounting", "%1、", '<w:pStyle w:val="Heading1"/>') + _lvl(
        1, "decimal", "%2."
    )
    _add_list(document, 79, levels, _num(79, 79))
    document.add_paragraph("XX县2025年工作要点")
    document.add_paragraph("产业发展", style="Heading 1")._p.get_or_add_pPr()
    first = document.paragraphs[-1]._p.get_or_add_pPr().get_or_add_numPr()
    first.get_or_add_ilvl().val = 0
    first.get_or_add_numId().val = 79
    _numbered(document, "新增规上企业10家。（县工信局负责）", 79, 1)
    _numbered(document, "民生保障", 79, 0)
    _numbered(document, "新建幼儿园3所。（县教育局负责）", 79, 1)
    plan = parse_plan(_saved(document), "要点.docx")
    assert [(m.section, m.marker, m.title) for m in plan.measures] == [
        ("产业发展", "1.", "新增规上企业10家"),
        ("民生保障", "1.", "新建幼儿园3所"),
    ]


def _table(rows: str, columns: int = 3) -> docx.table.Table:
    grid = "".join('<w:gridCol w:w="1000"/>' for _ in range(columns))
    document = docx.Document()
    document.element.body.append(
        parse_xml(f"<w:tbl {_W}><w:tblPr/><w:tblGrid>{grid}</w:tblGrid>{rows}</w:tbl>")
    )
    return document.tables[-1]


def _tc(text: str = "", props: str = "") -> str:
    return f"<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"


def test_a_row_starting_late_keeps_its_cells_under_their_columns() -> None:
    """A row with w:gridBefore (WPS) starts one column in: its cells are not shifted left."""
    grid = _grid(
        _table(
            f"<w:tr>{_tc('序号')}{_tc('任务')}{_tc('单位')}</w:tr>"
            f'<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>{_tc("建幼儿园")}{_tc("县教育局")}'
            "</w:tr>"
        )
    )
    assert grid.rows == (("序号", "任务", "单位"), ("", "建幼儿园", "县教育局"))


def test_cells_merged_across_and_down_take_their_owners_text() -> None:
    """gridSpan, WPS's old hMerge and vMerge continuations all read the owning cell's text
    and are recorded as one span."""
    h_start, h_more = '<w:hMerge w:val="restart"/>', "<w:hMerge/>"
    v_start, v_more = '<w:vMerge w:val="restart"/>', "<w:vMerge/>"
    two = '<w:gridSpan w:val="2"/>'
    grid = _grid(
        _table(
            f"<w:tr>{_tc('一、教育', h_start)}{_tc('', h_more)}{_tc('', h_more)}</w:tr>"
            f"<w:tr>{_tc('1')}{_tc('建校')}{_tc('县教育局', v_start)}</w:tr>"
            f"<w:tr>{_tc('2')}{_tc('扩班')}{_tc('', v_more)}</w:tr>"
            f"<w:tr>{_tc('合计', two)}{_tc('2项')}</w:tr>"
        )
    )
    assert grid.rows == (
        ("一、教育", "一、教育", "一、教育"),
        ("1", "建校", "县教育局"),
        ("2", "扩班", "县教育局"),
        ("合计", "合计", "2项"),
    )
    assert grid.spans[(0, 2)] == (0, 0, 0, 2)
    assert grid.spans[(2, 2)] == (1, 2, 2, 2)
    assert grid.spans[(3, 1)] == (3, 0, 3, 1)


def test_cells_and_rows_inside_content_controls_are_read() -> None:
    """Cells and rows wrapped in content controls (w:sdt) keep their places in the grid."""
    grid = _grid(
        _table(
            f"<w:tr>{_tc('序号')}<w:sdt><w:sdtPr/><w:sdtContent>{_tc('任务')}</w:sdtContent>"
            f"</w:sdt>{_tc('单位')}</w:tr>"
            f"<w:sdt><w:sdtPr/><w:sdtContent><w:tr>{_tc('1')}{_tc('建校')}{_tc('县教育局')}"
            "</w:tr></w:sdtContent></w:sdt>"
        )
    )
    assert grid.rows == (("序号", "任务", "单位"), ("1", "建校", "县教育局"))


_BOX_NS = (
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)


def _text_box(content: str) -> str:
    """A paragraph holding a text box as Word 2010+ writes it: the shape, then the same
    content again in its VML fallback."""
    return (
        f'<w:p {_W} {_BOX_NS}><w:r><mc:AlternateContent><mc:Choice Requires="wps">'
        f"<w:drawing><wps:wsp><wps:txbx><w:txbxContent>{content}</w:txbxContent></wps:txbx>"
        "</wps:wsp></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>"
        f"<w:txbxContent>{content}</w:txbxContent></v:textbox></v:shape></w:pict>"
        "</mc:Fallback></mc:AlternateContent></w:r></w:p>"
    )


def test_a_task_table_inside_a_text_box_is_read_once() -> None:
    """A table Word draws in a text box is the plan's: its rows are measures, read once
    though the VML fallback repeats them; a text box holding only a note stays unread."""
    rows = (
        f"<w:tr>{_tc('序号')}{_tc('重点任务')}{_tc('责任单位')}</w:tr>"
        f"<w:tr>{_tc('1')}{_tc('建设冷链物流中心')}{_tc('县商务局')}</w:tr>"
    )
    grid = "<w:tblGrid>" + '<w:gridCol w:w="1000"/>' * 3 + "</w:tblGrid>"
    document = docx.Document()
    document.add_paragraph("XX县重点任务清单")
    body = document.element.body
    body.append(parse_xml(_text_box(f"<w:tbl><w:tblPr/>{grid}{rows}</w:tbl><w:p/>")))
    body.append(parse_xml(_text_box("<w:p><w:r><w:t>一、联系人：县商务局张XX</w:t></w:r></w:p>")))
    measures = parse_plan(_saved(document), "清单.docx").measures
    assert [(m.title, m.lead_units or m.units) for m in measures] == [
        ("建设冷链物流中心", ("县商务局",))
    ]
