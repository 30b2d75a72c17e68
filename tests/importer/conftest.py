"""Shared fixtures for the importer tests: fixture files and generated Office documents."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from docx.document import Document as DocxDocument
from openpyxl import Workbook
from openpyxl.styles import Alignment

FIXTURES = Path(__file__).parent / "fixtures"

RESPONSIBILITY_CSV = """XX县2024年民生实事责任分工表
序号,民生实事项目,主要内容,责任领导,牵头单位,配合单位,完成时间
1,城乡供水一体化,新建供水管网XX公里，实现城乡供水同网同质。,赵XX,县水利局,"县财政局、各乡镇",2024年10月底前
2,,改造农村饮水工程XX处。,赵XX,县水利局,各乡镇,2024年8月底前
3,老旧小区改造,"完成老旧小区改造12个，
惠及居民1500户。",钱XX,县住建局,"县财政局
县自然资源局",年底前
4,义务教育扩容,新建城区小学1所。（县教育局负责）,,,,2024年9月1日前
"""


@pytest.fixture
def responsibility_csv() -> str:
    """A 民生实事 table as CSV text: a title row, a blank task cell continuing the one above."""
    return RESPONSIBILITY_CSV


@pytest.fixture
def read_fixture() -> Callable[[str], bytes]:
    """Read a committed fixture file as bytes."""

    def read(name: str) -> bytes:
        return (FIXTURES / name).read_bytes()

    return read


@pytest.fixture
def responsibility_xlsx() -> bytes:
    """A county 责任清单 workbook: title rows, merged section rows and a merged task cell."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "责任清单"
    sheet.append(["XX县2024年重点工作任务责任清单"])
    sheet.merge_cells("A1:G1")
    sheet.append(["填报单位：县政府督查室", None, None, None, None, "（列第一位的为牵头单位）"])
    sheet.append(
        ["序号", "工作任务", "具体措施", "牵头领导", "牵头单位", "责任单位", "完成\n时限"]
    )
    sheet.append(["一、经济发展"])
    sheet.merge_cells("A4:G4")
    sheet.append(
        [
            1,
            "加快重点项目建设",
            "推动XX产业园一期竣工投产，完成投资XX亿元。",
            "张XX",
            "县发改局",
            "县财政局\n县自然资源局",
            "2024年6月底前",
        ]
    )
    sheet.append(
        [
            2,
            None,
            "开工建设XX物流园，年内完成投资2.5亿元。",
            None,
            "县商务局",
            "县交通运输局",
            "年底前",
        ]
    )
    sheet.merge_cells("B5:B6")
    sheet.merge_cells("D5:D6")
    sheet.append(
        [
            3,
            "优化营商环境",
            "深化“放管服”改革，推行“一件事一次办”。",
            "李XX",
            None,
            "县政务服务中心、县市场监管局",
            "长期坚持",
        ]
    )
    sheet.append(["二、社会民生"])
    sheet.merge_cells("A8:G8")
    sheet.append(
        [
            4,
            "办好教育实事",
            "新建幼儿园3所，新增学位900个。",
            "王XX",
            "县教育局",
            "县住建局",
            dt.datetime(2024, 8, 31),
        ]
    )
    sheet.append(["注：完成时限为最终时限，各单位须按月报送进展。"])
    sheet["C5"].alignment = Alignment(wrap_text=True)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def plan_docx() -> bytes:
    """A city plan in Word: title style, document number, heading styles and Word numbering."""
    document = docx.Document()
    document.add_heading("XX市2024年城市更新工作方案", 0)
    document.add_paragraph("X政办发〔2024〕5号")
    document.add_paragraph("各区人民政府，市政府各部门：")
    document.add_paragraph("为扎实推进城市更新行动，提升城市品质，结合我市实际，制定本方案。")
    document.add_heading("一、工作目标", 1)
    document.add_paragraph("2024年主要目标是：完成老旧小区改造XX个，新增停车位1200个。")
    document.add_heading("二、重点任务", 1)
    document.add_heading("（一）推进老旧小区改造", 2)
    document.add_paragraph(
        "1.完成XX个小区综合改造。同步实施水电气管网改造。"
        "（市住建局牵头，各区人民政府负责，2024年10月底前完成）"
    )
    document.add_paragraph("2.有序推进加装电梯。全年新增加装电梯100部。（市住建局负责）")
    document.add_heading("（二）完善城市功能", 2)
    document.add_paragraph(
        "建设口袋公园。新建口袋公园20个，上半年完成选址。（市园林局负责）", style="List Number"
    )
    document.add_paragraph(
        "治理城市内涝。改造易涝点XX处，汛期前完成。（市水务局牵头，市城管局配合）",
        style="List Number",
    )
    document.add_paragraph("各区、各部门要加强协作，确保各项任务按期完成。")
    document.add_paragraph("XX市人民政府办公室")
    document.add_paragraph("2024年2月1日")
    return _save(document)


@pytest.fixture
def table_docx() -> bytes:
    """A Word 责任清单: a title, the first-listed-leads note and a table with merged cells."""
    document = docx.Document()
    document.add_paragraph("XX区2024年重点工作责任分解表")
    document.add_paragraph("（责任单位中列第一位的为牵头单位）")
    table = document.add_table(rows=6, cols=4)
    rows = [
        ("序号", "重点任务", "具体措施", "责任单位"),
        ("一、产业发展", "", "", ""),
        ("1", "壮大先进制造业", "新引进亿元以上项目XX个。", "区工信局、区投促局"),
        ("2", "", "规上工业企业新增10家。", "区工信局、区统计局"),
        ("二、城市建设", "", "", ""),
        ("3", "提升城市品质", "完成背街小巷改造30条，2024年11月底前完成。", "区城管局"),
    ]
    for row, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    table.cell(1, 0).merge(table.cell(1, 3)).text = "一、产业发展"
    table.cell(4, 0).merge(table.cell(4, 3)).text = "二、城市建设"
    table.cell(2, 1).merge(table.cell(3, 1)).text = "壮大先进制造业"
    return _save(document)


def _save(document: DocxDocument) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
