"""Texts of the plan importer's refusals and warnings (``bot/importer``), in Chinese and English.

Each says what was found and what was expected, so a person can mend the file. They are plain
text, worded by ``bot/render/importer.py`` (the command line prints them in both languages; the
chat escapes them as a parameter of ``err.plan_invalid``).
"""

from __future__ import annotations

_EXPECTED_EN = (
    "Expected a work plan or responsibility table as .txt, .md, .docx, .doc, .wps, .odt, .rtf, "
    ".pdf (with text, not a scan), .xlsx, .xls, .ods, .csv or a saved web page (.html)."
)
_EXPECTED_ZH = (
    "请上传 .txt、.md、.docx、.doc、.wps、.odt、.rtf、.pdf（非扫描件）、.xlsx、.xls、.ods、"
    ".csv 或 .html（网页）格式的工作计划或责任清单。"
)

ZH: dict[str, str] = {
    "importer.empty": f"文件是空的。{_EXPECTED_ZH}",
    "importer.too_large": "文件过大（{mib:.1f} MB），上限为 {limit_mib} MB。请只上传计划正文。",
    "importer.unpacked_too_large": "{what}解压后过大（{mib} MB）。请只保留计划内容后重试。",
    "importer.known_binary": f"这是{{kind}}，无法直接读取。{_EXPECTED_ZH}",
    "importer.binary": f"文件内容不是文本（含有二进制数据）。{_EXPECTED_ZH}",
    "importer.encoding": (
        "无法识别文件的文字编码（已尝试 UTF-8、GBK/GB18030）。请另存为 UTF-8 文本后重试。"
    ),
    "importer.unrecognised": f"无法识别文件格式（{{suffix}}）。{_EXPECTED_ZH}",
    "importer.no_suffix": "无扩展名",
    "importer.corrupt": (
        "无法打开此{what}文件，文件可能已损坏或并非真正的{what}。请用 Office/WPS 打开后另存再试。"
    ),
    "importer.csv_malformed": "CSV 文件格式有误（{error}）。请用 Excel/WPS 另存为 CSV 后重试。",
    "importer.no_text": (
        "文件中没有文字内容（只有空白或网页/分页标记）。请上传含有工作措施的计划正文。"
    ),
    "importer.no_header": (
        "表格中未找到表头行。责任清单应有一行表头，含“工作任务/重点任务/具体措施”等任务列，"
        "以及“牵头单位/责任单位/完成时限”等列；也未找到“一、”“1.”等编号条目。"
    ),
    "importer.no_structure": (
        "未在文件中找到编号条目。应有“一、”“（一）”“1.”“一是”等编号的工作措施，"
        "或带表头（工作任务、责任单位、完成时限等）的责任清单表格。"
    ),
    "importer.no_measures": (
        "文件中的条目都属于回顾或总体要求部分：{parts}，没有计划部分（如“工作安排”“工作计划”）"
        "的措施。如需导入这些条目，请使用 --all-parts。"
    ),
    "importer.no_parts": "（无）",
    "importer.warning.skipped_review": (
        "已跳过回顾部分“{part}”中的 {number} 项（可用 --all-parts 包含）"
    ),
    "importer.warning.not_measures": (
        "“{part}”中的 {number} 项属于原则、目标或保障类内容，未列为任务"
    ),
    "importer.warning.no_year": "未能确定计划年份，部分时限无法换算为日期（可用 --year 指定）",
    "importer.warning.cancelled": "备注为取消或撤销的 {number} 行未列为任务：{tasks}",
    "importer.unnamed_part": "（未命名）",
    "importer.pdf_scanned": (
        "这份 PDF 是扫描件，没有可读取的文字。请上传原 Word 文档，"
        "或将正文整理为文本文件（.txt）后上传。"
    ),
    "importer.pdf_garbled": (
        "这份 PDF 中的文字无法正确识别（字体未带字符编码），无法读取。请上传原 Word 文档，"
        "或将正文整理为文本文件（.txt）后上传。"
    ),
    "importer.pdf_encrypted": (
        "这份 PDF 设置了打开密码，无法读取。请上传原 Word 文档，或上传未加密的 PDF。"
    ),
    "importer.legacy_office": (
        "这是 Office 或 WPS 的旧版格式文件（如 .ppt 演示文稿、旧版 WPS 表格 .et），"
        "其中没有可读取的文字文档或表格。请用 Office 或 WPS 打开，“另存为”.docx 或 .xlsx "
        "格式后重新上传。"
    ),
    "importer.word95": (
        "这是 Word 95 或更早版本的文档，无法直接读取。请用 Word 或 WPS 打开，“另存为”.docx "
        "格式后重新上传。"
    ),
    "importer.office_encrypted": (
        "这份文件设置了打开密码（已加密），无法读取。请用 Office 或 WPS 打开，取消密码并另存后"
        "重新上传。"
    ),
    "importer.kind.png": "PNG 图片",
    "importer.kind.jpeg": "JPEG 图片",
    "importer.kind.gif": "GIF 图片",
    "importer.kind.rar": "RAR 压缩包",
    "importer.kind.7z": "7z 压缩包",
    "importer.kind.gzip": "gzip 压缩包",
}

EN: dict[str, str] = {
    "importer.empty": f"The file is empty. {_EXPECTED_EN}",
    "importer.too_large": (
        "The file is too large ({mib:.1f} MB); the limit is {limit_mib} MB. "
        "Upload the plan text only."
    ),
    "importer.unpacked_too_large": "The {what} unpacks to {mib} MB, which is too large.",
    "importer.known_binary": f"This is {{kind}}, which cannot be read directly. {_EXPECTED_EN}",
    "importer.binary": f"The file is not text (it contains binary data). {_EXPECTED_EN}",
    "importer.encoding": (
        "Could not work out the text encoding (tried UTF-8 and GBK/GB18030). "
        "Save the file as UTF-8 text and try again."
    ),
    "importer.unrecognised": f"Unrecognised file format ({{suffix}}). {_EXPECTED_EN}",
    "importer.no_suffix": "no extension",
    "importer.corrupt": (
        "Could not open this {what} file; it may be damaged or not really a {what}. "
        "Open it in Office/WPS, save it again and retry."
    ),
    "importer.csv_malformed": (
        "The CSV file is malformed ({error}). Save it again as CSV from Excel/WPS."
    ),
    "importer.no_text": (
        "The file has no text (only blank lines or page/web artifacts). "
        "Upload the plan text with its measures."
    ),
    "importer.no_header": (
        "No header row was found in the table. A responsibility table needs a header row with "
        "a task column (工作任务, 重点任务, 具体措施) and columns such as 牵头单位, 责任单位, "
        "完成时限; no numbered items (一、, 1.) were found either."
    ),
    "importer.no_structure": (
        "No numbered items were found. Expected measures numbered like 一、, （一）, 1. or 一是, "
        "or a responsibility table with a header row (工作任务, 责任单位, 完成时限 ...)."
    ),
    "importer.no_measures": (
        "All items belong to review or framing parts ({parts}); no planning part "
        "(工作安排, 工作计划) was found. Use --all-parts to import them anyway."
    ),
    "importer.no_parts": "none named",
    "importer.warning.skipped_review": (
        "Skipped {number} {number:item|items} of the review part “{part}” (use --all-parts)"
    ),
    "importer.warning.not_measures": (
        "{number} {number:item|items} of “{part}” state principles, goals or support and are not "
        "measures"
    ),
    "importer.warning.no_year": "Plan year unknown: some deadlines have no date (pass --year)",
    "importer.warning.cancelled": "{number} {number:row|rows} marked cancelled in a remarks "
    "column {number:is|are} not tasks: {tasks}",
    "importer.unnamed_part": "(unnamed)",
    "importer.pdf_scanned": (
        "This PDF is a scan and holds no text that can be read. Upload the original Word "
        "document, or the text as a .txt file."
    ),
    "importer.pdf_garbled": (
        "The text in this PDF cannot be recognised (its fonts carry no character map). Upload "
        "the original Word document, or the text as a .txt file."
    ),
    "importer.pdf_encrypted": (
        "This PDF is protected by a password and cannot be read. Upload the original Word "
        "document, or a PDF without a password."
    ),
    "importer.legacy_office": (
        "This is an older Office or WPS file (such as a .ppt presentation or an old WPS .et "
        "sheet) that holds no document or workbook to read. Open it in Office or WPS, "
        "save it as .docx or .xlsx and upload it again."
    ),
    "importer.word95": (
        "This is a Word 95 (or older) document, which cannot be read directly. Open it in Word "
        "or WPS, save it as .docx and upload it again."
    ),
    "importer.office_encrypted": (
        "This file is protected by a password (encrypted) and cannot be read. Open it in Office "
        "or WPS, remove the password, save it and upload it again."
    ),
    "importer.kind.png": "a PNG image",
    "importer.kind.jpeg": "a JPEG image",
    "importer.kind.gif": "a GIF image",
    "importer.kind.rar": "a RAR archive",
    "importer.kind.7z": "a 7z archive",
    "importer.kind.gzip": "a gzip archive",
}

CATALOG: dict[str, dict[str, str]] = {"zh": ZH, "en": EN}
