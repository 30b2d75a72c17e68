"""Rebuild docs/x03_county_safety_docx.docx with python-docx (run this file)."""

from pathlib import Path

import docx

TEXT_BEFORE = [
    "XX县2024年安全生产重点工作方案",
    "为深入推进安全生产治本攻坚，切实防范化解重大安全风险，结合我县实际，制定本方案。",
    "一、总体要求",
    "坚持人民至上、生命至上，统筹发展和安全，推动安全生产形势持续稳定向好。",
    "二、重点工作",
    "（一）开展重大事故隐患专项排查整治。各乡镇、各行业部门全面排查重大事故隐患，建立隐患清单，"
    "2024年4月底前完成首轮排查。（县安委办牵头，县安委会各成员单位负责）",
    "（二）强化安全生产宣传教育。深入开展“安全生产月”活动，组织企业主要负责人集中培训。"
    "（县应急管理局负责）",
    "三、重点任务分解表",
]
HEADER = ("序号", "工作任务", "指导部门", "责任单位", "完成时限")
ROWS = [
    HEADER,
    ("（一）", "危险化学品", "", "", ""),
    ("1", "开展危险化学品企业安全风险评估。", "县应急管理局", "各相关乡镇", "2024年5月底前"),
    ("2", "推进化工园区安全整治提升。", "县应急管理局", "各相关乡镇", "2024年10月底前"),
    HEADER,
    ("（二）", "道路交通", "", "", ""),
    (
        "3",
        "整治农村道路交通安全隐患路段30处。",
        "县交通运输局",
        "县公安局交警大队",
        "2024年9月底前",
    ),
    ("4", "开展“两客一危”车辆专项检查。", "县交通运输局", "县公安局交警大队", "每季度"),
]
TEXT_AFTER = [
    "四、保障措施",
    "（一）加强组织领导。各乡镇、各部门要把安全生产摆在突出位置。",
    "（二）严格督查问效。县安委办定期通报工作进展。",
    "XX县安全生产委员会办公室",
    "2024年3月1日",
]


def main() -> None:
    """Write the document beside this file."""
    document = docx.Document()
    for text in TEXT_BEFORE:
        document.add_paragraph(text)
    table = document.add_table(rows=len(ROWS), cols=len(HEADER))
    for row, values in zip(table.rows, ROWS, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    table.cell(1, 1).merge(table.cell(1, 4)).text = "危险化学品"
    table.cell(5, 1).merge(table.cell(5, 4)).text = "道路交通"
    table.cell(2, 3).merge(table.cell(3, 3)).text = "各相关乡镇"
    table.cell(6, 3).merge(table.cell(7, 3)).text = "县公安局交警大队"
    for text in TEXT_AFTER:
        document.add_paragraph(text)
    document.save(Path(__file__).parent / "docs" / "x03_county_safety_docx.docx")


if __name__ == "__main__":
    main()
