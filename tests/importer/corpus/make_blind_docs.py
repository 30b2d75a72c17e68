"""Rebuild the written documents x48–x50, x54 and x56 of the corpus: run
``python -m tests.importer.corpus.make_blind_docs``.

- docs/x48_…odt: a 镇党委 主体责任清单 (主体责任 / 第一责任人 / 直接责任 columns) written with
  python-docx and saved as OpenDocument text by LibreOffice Writer;
- docs/x49_…docx: a Word table whose 具体措施 cells hold several numbered measures (inline in one
  paragraph, or one paragraph each) sharing the row's 责任单位 and 完成时限;
- docs/x50_…xlsx: a 项目清单 with 建设性质 / 建设内容 / 投资额 / 年度目标 columns, category rows,
  a 合计 row and a 包抓领导 column;
- docs/x54_…docx: an 实施方案 whose narrative parts come before a 附件 table of projects;
- docs/x56_…csv: a 任务清单 exported from WPS as CSV in GB18030, a title row, trailing empty
  columns, a quoted cell with a line break and a character outside GBK.

Needs ``soffice`` on PATH for x48.
"""

import tempfile
from pathlib import Path

import docx
import openpyxl

from tests.importer.corpus.make_converted_docs import convert

DOCS = Path(__file__).parent / "docs"


def _table(document: docx.document.Document, rows: list[tuple[str, ...]]) -> docx.table.Table:
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for row, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    return table


X48_ROWS = [
    ("序号", "责任内容", "主体责任", "第一责任人", "直接责任", "完成时限"),
    (
        "1",
        "每季度至少专题研究1次党风廉政建设和反腐败工作",
        "镇党委",
        "镇党委书记",
        "镇党委副书记",
        "每季度",
    ),
    (
        "2",
        "制定年度落实全面从严治党主体责任清单并分解到班子成员",
        "镇党委",
        "镇党委书记",
        "镇党政办",
        "2025年3月底前",
    ),
    (
        "3",
        "开展村级党组织书记履职情况专项评议",
        "镇党委",
        "镇党委书记",
        "镇党建办",
        "2025年11月底前",
    ),
    (
        "4",
        "对村级财务和集体“三资”管理开展专项监督检查",
        "镇纪委",
        "镇纪委书记",
        "镇纪检监察办",
        "2025年9月底前",
    ),
    (
        "5",
        "落实意识形态工作责任制，每半年分析研判一次意识形态领域情况",
        "镇党委",
        "镇党委书记",
        "镇党委宣传委员",
        "长期坚持",
    ),
]


def make_x48(folder: Path) -> Path:
    """The 主体责任清单 as a Word file (saved as .odt by LibreOffice afterwards)."""
    document = docx.Document()
    document.add_paragraph("中共XX镇委员会2025年落实全面从严治党主体责任清单")
    document.add_paragraph(
        "为压紧压实全面从严治党主体责任，根据县委有关要求，结合我镇实际，制定本清单。"
    )
    _table(document, X48_ROWS)
    document.add_paragraph("各责任主体每半年向镇党委报告一次清单落实情况。")
    document.add_paragraph("中共XX镇委员会")
    document.add_paragraph("2025年2月26日")
    path = folder / "x48_odt_party_duty_list.docx"
    document.save(path)
    return path


X49_ROWS = [
    ("序号", "重点任务", "具体措施", "责任单位", "完成时限"),
    (
        "1",
        "提升校园安全水平",
        "1.开展校园安全隐患全面排查，建立问题整改台账。2.完成全县中小学校"
        "“一键报警”系统建设。3.配齐配强学校专职保安人员。",
        "县教育体育局",
        "2025年6月底前",
    ),
    ("2", "深化道路交通安全整治", "", "县公安局交警大队", "2025年10月底前"),
    (
        "3",
        "加强燃气安全管理",
        "全面推广安装燃气泄漏报警装置，餐饮场所安装率达到100%。",
        "县住房城乡建设局",
        "2025年9月底前",
    ),
]
X49_SPLIT_CELL = [
    "1.集中整治“两客一危”车辆超速、疲劳驾驶等突出违法行为。",
    "2.排查治理农村公路临水临崖等危险路段，完善安全防护设施。",
]


def make_x49() -> None:
    """The Word table: numbered measures inside 具体措施 cells."""
    document = docx.Document()
    document.add_paragraph("XX县2025年安全生产治本攻坚重点任务分解表")
    document.add_paragraph(
        "为扎实推进安全生产治本攻坚三年行动，现将2025年重点任务分解如下，请各责任单位抓好落实。"
    )
    table = _table(document, X49_ROWS)
    cell = table.cell(2, 2)
    cell.text = X49_SPLIT_CELL[0]
    for text in X49_SPLIT_CELL[1:]:
        cell.add_paragraph(text)
    document.add_paragraph("县安委会办公室")
    document.add_paragraph("2025年3月5日")
    document.save(DOCS / "x49_docx_numbered_measures_in_cell.docx")


X50_ROWS: list[tuple[object, ...]] = [
    ("XX县2025年重点建设项目清单", None, None, None, None, None, None, None, None),
    (
        "序号",
        "项目名称",
        "建设性质",
        "建设内容及规模",
        "总投资（万元）",
        "2025年计划投资（万元）",
        "2025年度目标",
        "责任单位",
        "包抓县级领导",
    ),
    ("一、产业类（2个）", None, None, None, None, None, None, None, None),
    (
        1,
        "XX食品产业园二期",
        "续建",
        "新建标准化厂房8万平方米及配套冷链仓储设施",
        36000,
        15000,
        "完成主体工程，10月底前3栋厂房交付使用",
        "县工业园区管委会",
        "李XX",
    ),
    (
        2,
        "万亩茶园提质增效项目",
        "新建",
        "改造低产茶园1万亩，建设茶叶加工厂1座",
        12000,
        5000,
        "完成茶园改造5000亩",
        "县农业农村局",
        "赵XX",
    ),
    ("二、基础设施类（2个）", None, None, None, None, None, None, None, None),
    (
        3,
        "县城南环路建设工程",
        "新建",
        "新建城市主干道4.6公里，双向六车道",
        48000,
        20000,
        "完成路基工程和3座桥梁下部结构",
        "县住房城乡建设局",
        "孙XX",
    ),
    (
        4,
        "XX片区污水处理厂",
        "新建",
        "建设日处理能力2万吨污水处理厂及配套管网18公里",
        21000,
        9000,
        "年底前建成并试运行",
        "县城投公司",
        "孙XX",
    ),
    ("合计", None, None, None, 117000, 49000, None, None, None),
]


def make_x50() -> None:
    """The 项目清单 workbook."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "项目清单"
    for row in X50_ROWS:
        sheet.append(list(row))
    sheet.merge_cells("A1:I1")
    sheet.merge_cells("A3:I3")
    sheet.merge_cells("A6:I6")
    sheet.merge_cells("A9:D9")
    workbook.save(DOCS / "x50_xlsx_project_list.xlsx")


X54_BEFORE = [
    "XX县2025年农村生活污水治理工作方案",
    "为深入打好农业农村污染治理攻坚战，持续改善农村人居环境，根据省、市有关工作部署，"
    "结合我县实际，制定本方案。",
    "一、工作目标",
    "到2025年底，全县农村生活污水治理率达到45%以上，完成4条农村黑臭水体整治，"
    "已建治理设施正常运行率达到90%以上。",
    "二、重点任务",
    "（一）推进治理设施建设。按照“因村制宜、分类治理”原则，统筹采用纳管、集中、分散等"
    "治理模式，新建村级污水处理设施40座。（县生态环境局牵头，各乡镇人民政府负责）",
    "（二）建立长效运维机制。推行“县级统筹、乡镇负责、村级落实、第三方运维”模式，"
    "2025年6月底前出台农村生活污水处理设施运维管理办法。（县生态环境局、县财政局负责）",
    "（三）开展农村黑臭水体整治。对排查确定的农村黑臭水体实施控源截污、清淤疏浚和生态修复，"
    "具体项目见附件。（县生态环境局牵头，有关乡镇人民政府负责）",
    "三、保障措施",
    "（一）加强组织领导。县农村人居环境整治工作领导小组统筹推进农村生活污水治理工作，"
    "定期研究解决重大问题。",
    "（二）强化资金保障。县财政统筹整合涉农资金，积极争取上级专项资金支持。",
    "（三）严格督查考核。将农村生活污水治理纳入乡镇年度目标责任考核。",
    "附件：2025年农村黑臭水体整治项目清单",
]
X54_ROWS = [
    ("序号", "所在乡镇", "整治项目", "主要措施", "责任单位", "完成时限"),
    ("1", "城关镇", "东关村排水沟整治", "清淤疏浚、截污纳管", "城关镇人民政府", "2025年9月底前"),
    ("2", "XX镇", "河湾村坑塘整治", "控源截污、生态修复", "XX镇人民政府", "2025年10月底前"),
    ("3", "XX乡", "前营村沟渠整治", "清淤疏浚、岸坡整治", "XX乡人民政府", "2025年11月底前"),
    ("4", "XX镇", "后庄村池塘整治", "截污纳管、水系连通", "XX镇人民政府", "2025年11月底前"),
]


def make_x54() -> None:
    """The 实施方案 with its 附件 table after the narrative parts."""
    document = docx.Document()
    for text in X54_BEFORE:
        document.add_paragraph(text)
    _table(document, X54_ROWS)
    document.save(DOCS / "x54_docx_narrative_then_annex_table.docx")


X56_ROWS = [
    ["XX县2025年森林防火重点工作任务清单", "", "", "", "", "", ""],
    ["序号", "工作任务", "具体内容", "责任单位", "配合单位", "完成时限", ""],
    [
        "1",
        "开展森林火灾隐患排查整治",
        "对林区坟头、农事用火等隐患开展拉网式排查，建立整改台账",
        "县林业局",
        "各乡镇人民政府",
        "2025年3月31日",
        "",
    ],
    [
        "2",
        "建设石䢺村至五峰山生物防火隔离带",
        "新建生物防火隔离带12公里",
        "县林业局",
        "石䢺村民委员会",
        "2025/11/30",
        "",
    ],
    [
        "3",
        "加强专业扑火队伍建设",
        "县级专业扑火队员达到60人，\n开展实战演练不少于2次",
        "县应急管理局",
        "县林业局",
        "清明节前",
        "",
    ],
    [
        "4",
        "落实重点时段野外火源管控",
        "在春节、清明等重点时段设卡值守",
        "各乡镇人民政府",
        "县公安局",
        "长期坚持",
        "",
    ],
    [
        "5",
        "完善林火视频监控系统",
        "新增高点视频监控12处，实现重点林区全覆盖",
        "县林业局",
        "县财政局",
        "2025年10月",
        "",
    ],
    ["", "", "", "", "", "", ""],
    ["填报单位：县森林防灭火指挥部办公室", "", "", "", "", "", ""],
]


def make_x56() -> None:
    """The WPS CSV: GB18030 bytes, CRLF lines, a title row and an empty last column."""
    lines = []
    for row in X56_ROWS:
        cells = [f'"{c}"' if "\n" in c or "," in c else c for c in row]
        lines.append(",".join(cells))
    data = ("\r\n".join(lines) + "\r\n").encode("gb18030")
    (DOCS / "x56_csv_wps_gb18030_title_row.csv").write_bytes(data)


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as work:
        convert(make_x48(Path(work)), DOCS / "x48_odt_party_duty_list.odt", "odt")
    make_x49()
    make_x50()
    make_x54()
    make_x56()
