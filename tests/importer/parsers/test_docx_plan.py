"""Word plans: styles, Word numbering, document numbers and tables."""

from __future__ import annotations

import datetime as dt
import io

import docx
import pytest
from docx.document import Document as DocxDocument
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from bot.importer import Deadline, FailureReason, Indicator, PlanImportError, parse_plan


def test_docx_plan_with_styles_and_numbering(plan_docx: bytes) -> None:
    """Title style, heading levels, typed and automatic numbering all become structure."""
    plan = parse_plan(plan_docx, "方案.docx")
    assert plan.title == "XX市2024年城市更新工作方案"
    assert plan.doc_number == "X政办发〔2024〕5号"
    assert plan.targets == (
        Indicator("完成老旧小区改造", None, "个", True),
        Indicator("新增停车位", 1200.0, "个"),
    )
    assert [(m.marker, m.title) for m in plan.measures] == [
        ("1.", "完成XX个小区综合改造"),
        ("2.", "有序推进加装电梯"),
        ("1.", "建设口袋公园"),
        ("2.", "治理城市内涝"),
    ]
    first = plan.measures[0]
    assert (first.section, first.part) == ("推进老旧小区改造", "重点任务")
    assert (first.lead_units, first.units) == (("市住建局",), ("各区人民政府",))
    assert first.deadline == Deadline("2024年10月底前", dt.date(2024, 10, 31))
    assert plan.measures[2].deadline == Deadline("上半年", dt.date(2024, 6, 30))
    assert plan.measures[3].co_units == ("市城管局",)
    assert "各区、各部门要加强协作" not in plan.measures[3].body


def test_docx_responsibility_table(table_docx: bytes) -> None:
    """A table with a header row, merged section rows and a merged task cell."""
    plan = parse_plan(table_docx, "分解表.docx")
    assert plan.title == "XX区2024年重点工作责任分解表"
    assert [(m.marker, m.section, m.title) for m in plan.measures] == [
        ("1", "壮大先进制造业", "新引进亿元以上项目XX个"),
        ("2", "壮大先进制造业", "规上工业企业新增10家"),
        ("3", "城市建设", "提升城市品质"),
    ]
    assert (plan.measures[0].lead_units, plan.measures[0].units) == (("区工信局",), ("区投促局",))
    assert plan.measures[2].lead_units == ("区城管局",)
    assert plan.measures[2].deadline == Deadline("2024年11月底前", dt.date(2024, 11, 30))


def test_docx_layout_table_is_read_as_text() -> None:
    """A table without a responsibility header is read as lines of text."""
    document = docx.Document()
    document.add_paragraph("XX乡2024年工作要点")
    table = document.add_table(rows=2, cols=1)
    table.cell(0, 0).text = "一、抓好春耕生产。确保粮食播种面积稳定。"
    table.cell(1, 0).text = "二、抓好防汛工作。汛前完成隐患排查。"
    buffer = io.BytesIO()
    document.save(buffer)
    plan = parse_plan(buffer.getvalue(), "要点.docx")
    assert [m.title for m in plan.measures] == ["抓好春耕生产", "抓好防汛工作"]


def test_a_table_typed_with_tabs_is_read_as_a_table() -> None:
    """Paragraphs whose cells are apart by one or more tabs, under a tab-typed header row,
    are rows of a responsibility table."""
    document = docx.Document()
    for line in (
        "XX县2025年重点任务分工",
        "序号\t重点任务\t\t\t责任单位\t\t完成时限",
        "1\t推行集成服务，上线重点事项13个\t县政务服务中心\t2025年6月底前",
        "2\t开展窗口规范化建设\t\t县政务服务中心\t2025年5月底前",
    ):
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    plan = parse_plan(buffer.getvalue(), "分工.docx")
    assert [(m.title, m.lead_units) for m in plan.measures] == [
        ("推行集成服务，上线重点事项13个", ("县政务服务中心",)),
        ("开展窗口规范化建设", ("县政务服务中心",)),
    ]
    assert plan.measures[1].deadline == Deadline("2025年5月底前", dt.date(2025, 5, 31))


def test_damaged_docx_is_reported() -> None:
    """A file named .docx that is not a Word document raises CORRUPT, not a library error."""
    with pytest.raises(PlanImportError) as caught:
        parse_plan(b"PK\x03\x04 definitely not a zip", "plan.docx")
    assert caught.value.reason is FailureReason.CORRUPT


def _chinese_numbering(document: DocxDocument) -> int:
    """Add a 一、/（一）/1. multi-level list definition and return its numId."""
    numbering = document.part.numbering_part.element
    levels = "".join(
        f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
        for level, (fmt, text) in enumerate(
            [("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3.")]
        )
    )
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">{levels}</w:abstractNum>'
    )
    numbering.insert(0, abstract)
    numbering.append(
        parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>')
    )
    return 90


def _numbered(document: DocxDocument, text: str, num_id: int, level: int) -> None:
    paragraph = document.add_paragraph(text)
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = level
    num_pr.get_or_add_numId().val = num_id


def test_word_multilevel_chinese_numbering() -> None:
    """Word's own 一、/（一）/1. numbering, invisible in the text, still gives the structure."""
    document = docx.Document()
    document.add_paragraph("XX县2024年工作要点")
    num_id = _chinese_numbering(document)
    for text, level in [
        ("产业发展", 0),
        ("壮大工业", 1),
        ("新增规上企业10家。", 2),
        ("建成产业园一期。", 2),
        ("做优农业", 1),
        ("新建高标准农田2万亩。", 2),
        ("民生保障", 0),
        ("办好民生实事", 1),
        ("新建幼儿园3所。", 2),
    ]:
        _numbered(document, text, num_id, level)
    buffer = io.BytesIO()
    document.save(buffer)
    plan = parse_plan(buffer.getvalue(), "要点.docx")
    assert [(m.marker, m.section, m.title) for m in plan.measures] == [
        ("1.", "壮大工业", "新增规上企业10家"),
        ("2.", "壮大工业", "建成产业园一期"),
        ("1.", "做优农业", "新建高标准农田2万亩"),
        ("1.", "办好民生实事", "新建幼儿园3所"),
    ]
    assert [s.marker for s in plan.sections] == ["（一）", "（二）", "（一）"]


def test_a_plan_framed_in_a_layout_table_keeps_its_word_numbering() -> None:
    """A one-cell table framing the plan is read paragraph by paragraph: Word's list numbers
    and heading styles inside it give the items their markers and sections."""
    document = docx.Document()
    document.add_paragraph("XX县2025年水生态环境保护工作要点", style="Title")
    cell = document.add_table(rows=1, cols=1).cell(0, 0)
    cell.paragraphs[0].text = "一、全面推进河湖长制"
    cell.paragraphs[0].style = document.styles["Heading 2"]
    cell.add_paragraph("落实河湖长巡河制度。（县水利局负责）", style="List Number")
    cell.add_paragraph("开展河湖专项行动，6月底前完成整改。（县水利局负责）", style="List Number")
    out = io.BytesIO()
    document.save(out)
    measures = parse_plan(out.getvalue(), "要点.docx").measures
    assert [(m.marker, m.title) for m in measures] == [
        ("1.", "落实河湖长巡河制度"),
        ("2.", "开展河湖专项行动，6月底前完成整改"),
    ]
    assert {m.section for m in measures} == {"全面推进河湖长制"}
    assert [m.deadline.raw for m in measures] == [None, "6月底前"]


def test_tracked_changes_read_as_word_shows_them() -> None:
    """Text inserted with track changes on (and in smart tags) is read; deleted text is not."""
    document = docx.Document()
    document.add_paragraph("XX县2025年重点工作")
    document.add_paragraph("一、重点任务")
    first = document.add_paragraph("1.加快园区建设。")
    first._p.append(
        parse_xml(
            f'<w:ins {nsdecls("w")} w:id="1" w:author="a" w:date="2025-01-01T00:00:00Z">'
            "<w:r><w:t>6月底前建成厂房。（县发改局负责）</w:t></w:r></w:ins>"
        )
    )
    second = document.add_paragraph("2.强化招商引资。")
    second._p.append(
        parse_xml(
            f'<w:del {nsdecls("w")} w:id="2" w:author="a" w:date="2025-01-01T00:00:00Z">'
            "<w:r><w:delText>（县财政局负责）</w:delText></w:r></w:del>"
        )
    )
    second._p.append(
        parse_xml(
            f'<w:smartTag {nsdecls("w")} w:uri="u" w:element="e">'
            "<w:r><w:t>（县商务局负责）</w:t></w:r></w:smartTag>"
        )
    )
    out = io.BytesIO()
    document.save(out)
    measures = parse_plan(out.getvalue(), "方案.docx").measures
    assert [m.lead_units for m in measures] == [("县发改局",), ("县商务局",)]
    assert measures[0].deadline.raw == "6月底前"
    assert "县财政局" not in measures[1].body
