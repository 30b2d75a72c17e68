"""Odd plan files a lead uploads in the chat: each gets a polite answer in the office's terms."""

from __future__ import annotations

import codecs
import io
from pathlib import Path

import openpyxl
import pytest

from sandbox import Sandbox
from tests.e2e.harness import PLAN, team

IMPORTER_TESTS = Path(__file__).parents[1] / "importer"
SCANNED_PDF = (IMPORTER_TESTS / "fixtures" / "scanned_plan.pdf").read_bytes()

NEWS = (
    "本报讯 5月12日，XX县举办第三届农民丰收节文艺汇演。来自全县12个乡镇的文艺队伍表演了歌舞、"
    "小品等节目，现场观众2000余人。\n据了解，该县近年来持续开展“送文化下乡”活动，累计演出300余场。\n"
)


def _numbers_xlsx() -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["月份", "收入", "支出"])
    for month in range(1, 13):
        sheet.append([f"{month}月", month * 100, month * 90])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


REFUSED = [
    (b"", "plan.txt", "文件是空的"),
    (NEWS.encode(), "news.txt", "未在文件中找到编号条目"),
    (_numbers_xlsx(), "台账.xlsx", "未找到表头行"),
    (SCANNED_PDF, "plan.pdf", "扫描件"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "计划.wps", "另存为"),
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le") + bytes(600),
        "加密计划.docx",
        "打开密码",
    ),
    (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "计划.docx", "PNG 图片"),
    (b"PK\x03\x04" + bytes(300), "计划.docx", "无法打开此Word文件"),
]


@pytest.mark.parametrize(("data", "name", "says"), REFUSED, ids=[r[1] for r in REFUSED])
async def test_a_file_that_is_no_plan_is_refused_politely(
    sandbox: Sandbox, data: bytes, name: str, says: str
) -> None:
    """Empty files, news, number sheets, scanned PDFs, WPS files and renamed binaries get one
    line."""
    async with team(sandbox, [("张三", "县发改委", "责任人", "")]) as t:
        await t.lead.send_document(data, name)
        reply = (await t.lead.wait_for_message("计划文件无法导入")).text
        assert says in reply
        assert "Traceback" not in reply
        assert not t.app.bot_data.services.store.plans.all()


ENCODED = [
    (codecs.BOM_UTF8 + PLAN.encode(), "utf-8-sig"),
    (PLAN.encode("gbk"), "gbk"),
    (PLAN.encode("utf-16"), "utf-16 with BOM"),
    (PLAN.encode("utf-16-le"), "utf-16 without BOM"),
]


@pytest.mark.parametrize(("data", "encoding"), ENCODED, ids=[e[1] for e in ENCODED])
async def test_a_plan_in_any_common_encoding_previews(
    sandbox: Sandbox, data: bytes, encoding: str
) -> None:
    """GBK, UTF-8 with BOM and UTF-16 (with or without BOM) plans preview their three measures."""
    async with team(sandbox, [("张三", "县发改委", "责任人", "")]) as t:
        await t.lead.send_document(data, "plan.txt")
        preview = (await t.lead.wait_for_message("确认导入吗")).text
        assert "3 项任务" in preview
        assert "加快园区建设" in preview


async def test_a_plan_of_two_thousand_measures_previews_and_imports(sandbox: Sandbox) -> None:
    """A 2,000-measure plan is read off the event loop and previewed within Telegram's limits."""
    lines = ["XX县2025年重点工作任务清单", "一、重点任务"]
    lines += [
        f"{i}.推进第{i}项重点工作落实。2025年{i % 12 + 1}月底前完成。（县发改委牵头）"
        for i in range(1, 2001)
    ]
    async with team(sandbox, [("张三", "县发改委", "责任人", "")]) as t:
        await t.lead.send_document("\n".join(lines).encode(), "plan.txt")
        preview = await t.lead.wait_for_message("确认导入吗", timeout=60)
        assert "2000 项任务" in preview.text
        assert len(preview.text) <= 4096
        await t.lead.press("✅ 确认导入", message=preview)
        await t.lead.wait_for_edit(preview, "计划", timeout=60)
        plans = t.app.bot_data.services.store.plans.all()
        assert len(plans) == 1


async def test_a_saved_web_page_of_a_plan_previews(sandbox: Sandbox) -> None:
    """A plan's web page saved as .html previews its measures, without the page's chrome."""
    body = "".join(f"<p>{line}</p>" for line in PLAN.splitlines())
    page = f"<!DOCTYPE html><html><head><title>站点</title></head><body>{body}</body></html>"
    async with team(sandbox, [("张三", "县发改委", "责任人", "")]) as t:
        await t.lead.send_document(page.encode(), "计划.html")
        preview = (await t.lead.wait_for_message("确认导入吗")).text
        assert "3 项任务" in preview
        assert "加快园区建设" in preview


OFFICE_PRINTS = [
    ("x30_pdf_county_plan_multipage.pdf", "方案.pdf", "9 项任务", "实施水源保障工程"),
    ("x31_pdf_duty_table.pdf", "责任清单.pdf", "13 项任务", "加强河道采砂管理"),
    ("x32_duty_list_xls.xls", "责任清单.xls", "5 项任务", "开展自建房安全专项整治"),
    ("x43_ods_duty_list.ods", "责任清单.ods", "5 项任务", "开展涉企收费专项检查"),
    ("x45_rtf_wps_gbk_table.rtf", "责任分工.rtf", "4 项任务", "推进双拥主题公园建设"),
]


@pytest.mark.parametrize(
    ("corpus", "name", "count", "title"), OFFICE_PRINTS, ids=[p[1] for p in OFFICE_PRINTS]
)
async def test_a_plan_sent_as_pdf_or_old_excel_previews(
    sandbox: Sandbox, corpus: str, name: str, count: str, title: str
) -> None:
    """A text PDF (items over page breaks, a table over two pages), an .xls, an .ods or a WPS
    rich text file previews."""
    data = (IMPORTER_TESTS / "corpus" / "docs" / corpus).read_bytes()
    async with team(sandbox, [("张三", "县水利局", "责任人", "")]) as t:
        await t.lead.send_document(data, name)
        preview = (await t.lead.wait_for_message("确认导入吗", timeout=30)).text
        assert count in preview
        assert title in preview


async def test_a_plan_sent_as_an_old_word_document_imports(sandbox: Sandbox) -> None:
    """A Word 97–2003 .doc (a 任务分解 table with category rows and merged owners) previews its
    five projects and imports them when confirmed."""
    data = (IMPORTER_TESTS / "corpus" / "docs" / "x60_doc_county_projects.doc").read_bytes()
    async with team(sandbox, [("张三", "县教育体育局", "责任人", "")]) as t:
        await t.lead.send_document(data, "2025年重点民生工程任务分解.doc")
        preview = await t.lead.wait_for_message("确认导入吗", timeout=30)
        assert "5 项任务" in preview.text
        assert "县第二实验小学建设工程" in preview.text
        await t.lead.press("✅ 确认导入", message=preview)
        await t.lead.wait_for_edit(preview, "计划", timeout=30)
        plans = t.app.bot_data.services.store.plans.all()
        assert len(plans) == 1
