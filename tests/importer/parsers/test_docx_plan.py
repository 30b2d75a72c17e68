"""Word plans: styles, Word numbering, document numbers and tables."""

from __future__ import annotations

import datetime as dt
import io

import docx
import pytest

from bot.importer import Deadline, FailureReason, Indicator, PlanImportError, parse_plan


def test_docx_plan_with_styles_and_numbering(plan_docx: bytes) -> None:
    """Title style, heading levels, typed and automatic numbering all become structure."""
    plan = parse_plan(plan_docx, "方案.docx")
    assert plan.title == "XX市2024年城市更新工作方案"
    assert plan.doc_number == "X政办发〔2024〕5号"
    assert plan.targets == (Indicator("完成老旧小区改造", None, "个", True),
                            Indicator("新增停车位", 1200.0, "个"))
    assert [(m.marker, m.title) for m in plan.measures] == [
        ("1.", "完成XX个小区综合改造"), ("2.", "有序推进加装电梯"),
        ("1.", "建设口袋公园"), ("2.", "治理城市内涝"),
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


def test_damaged_docx_is_reported() -> None:
    """A file named .docx that is not a Word document raises CORRUPT, not a library error."""
    with pytest.raises(PlanImportError) as caught:
        parse_plan(b"PK\x03\x04 definitely not a zip", "plan.docx")
    assert caught.value.reason is FailureReason.CORRUPT
