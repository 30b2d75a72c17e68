"""Text normalisation: line endings, page artifacts, web furniture and white space."""

from __future__ import annotations

import pytest

from bot.importer.normalise import (
    columns,
    is_artifact_line,
    normalise_text,
    ocr_digits,
    wrap_width,
)


@pytest.mark.parametrize(
    "line",
    [
        "- 3 -",
        "－ 12 －",
        "—3—",
        "第3页 共10页",
        "第 3 页",
        "3/10",
        "Page 2 of 9",
        "来源：XX县人民政府",
        "发布时间：2024-01-15 10:00",
        "浏览次数：356",
        "字号：大 中 小",
        "打印本页",
        "【打印】【关闭】",
        "【字体：大 中 小】【打印本页】",
    ],
)
def test_artifact_lines_are_recognised(line: str) -> None:
    """Page numbers and web-page furniture are artifacts."""
    assert is_artifact_line(line)


@pytest.mark.parametrize("line", ["一、2024年重点工作安排", "3. 完成投资3亿元", "2024年1月15日"])
def test_document_lines_are_not_artifacts(line: str) -> None:
    """Headings, items and dates are kept."""
    assert not is_artifact_line(line)


def test_paid_markers_are_removed_inline() -> None:
    """##paidbegin## at a line start is removed and the rest of the line kept."""
    raw = "a\n##paidbegin##（三）着力乡村振兴。\n##paidend##\n"
    assert normalise_text(raw) == "a\n（三）着力乡村振兴。"


def test_line_endings_blank_lines_and_spaces() -> None:
    """CRLF, CR, blank lines, BOM, full-width indents and zero-width spaces are normalised."""
    raw = "\ufeff标题\r\n\r\n\u3000\u3000一、总则\u200b\r（一）要求 \n\n\n"
    assert normalise_text(raw) == "标题\n一、总则\n（一）要求"


def test_inner_punctuation_is_untouched() -> None:
    """Full-width punctuation and spaces inside a line stay as written."""
    line = "第一条　为了规范管理，制定本办法。"
    assert normalise_text(line) == line


def _wrapped(paragraphs: list[str], width: int = 56, indent: str = "") -> str:
    """Paragraphs broken at ``width`` columns, as text copied out of a PDF reads."""
    lines = []
    for paragraph in paragraphs:
        line = ""
        for ch in indent + paragraph:
            if columns(line + ch) > width:
                lines.append(line)
                line = ""
            line += ch
        lines.append(line)
    return "\n".join(lines)


PARAGRAPHS = [
    "二、重点任务",
    "（一）加快重大项目建设。实行重大项目“一个项目、一名领导、一个专班”推进机制，确保省重点"
    "项目年度投资完成率达到100%以上。（市发展改革委牵头，各县（市、区）人民政府负责）",
    "（二）强化项目要素保障。优先保障重大项目用地、用能、环境容量指标，2025年6月底前完成年度"
    "新增建设用地报批。（市自然资源局、市发展改革委按职责分工负责）",
    "（三）扩大民间投资。每季度向民间资本推介项目不少于30个，落实民营企业参与重大项目建设的"
    "各项支持政策。（市工业和信息化局牵头，市发展改革委配合）",
]


@pytest.mark.parametrize("indent", ["", "\u3000\u3000"], ids=["flush", "indented"])
def test_a_text_broken_at_the_page_width_is_joined_back(indent: str) -> None:
    """Lines of a PDF copy broken inside sentences and owner brackets become paragraphs again."""
    text = _wrapped(PARAGRAPHS, indent=indent)
    assert len(text.splitlines()) > len(PARAGRAPHS)
    assert normalise_text(text).split("\n") == PARAGRAPHS


def test_page_numbers_between_wrapped_lines_do_not_split_a_paragraph() -> None:
    """A page number line inside a broken paragraph is dropped and the paragraph joined."""
    lines = _wrapped(PARAGRAPHS).split("\n")
    lines.insert(3, "— 2 —")
    assert normalise_text("\n".join(lines)).split("\n") == PARAGRAPHS


def test_whole_paragraph_lines_are_left_alone() -> None:
    """A text whose lines are whole paragraphs of different lengths is not joined."""
    text = "\n".join([*PARAGRAPHS, "四、保障措施", "（一）加强组织领导", "（二）强化督查考核"])
    assert wrap_width([columns(line) for line in text.split("\n")]) is None
    assert normalise_text(text) == text


def test_a_wrapped_plan_gives_each_measure_its_owner() -> None:
    """Owner notes broken across lines are read whole once the lines are joined."""
    from bot.importer import parse_plan

    measures = parse_plan(_wrapped(PARAGRAPHS).encode(), "plan.txt").measures
    assert [m.title for m in measures] == ["加快重大项目建设", "强化项目要素保障", "扩大民间投资"]
    assert [(m.lead_units + m.units)[0] for m in measures] == [
        "市发展改革委",
        "市自然资源局",
        "市工业和信息化局",
    ]


def test_a_line_broken_after_a_comma_runs_on() -> None:
    """A line ending in ，or 、 runs on into the next; one ending in ；or 。 does not."""
    text = (
        "1.改造老旧小区42个、\n加装电梯120部。\n一是抓学习；\n二是抓落实。\n"
        "2.新建公园，\n3.新建场馆。"
    )
    assert normalise_text(text).split("\n") == [
        "1.改造老旧小区42个、加装电梯120部。",
        "一是抓学习；",
        "二是抓落实。",
        "2.新建公园，",
        "3.新建场馆。",
    ]


def test_a_symbol_font_bullet_opening_a_line_is_dropped() -> None:
    """A Wingdings bullet saved as a private-use code point does not hide the line's number;
    one inside the line is kept."""
    assert normalise_text("\uf0d8（四）建立长效机制。\n（五）完善\uf0d8制度。") == (
        "（四）建立长效机制。\n（五）完善\uf0d8制度。"
    )


@pytest.mark.parametrize(
    ("line", "meant"),
    [
        ("完成时限：2〇25年8月底前", "完成时限：2025年8月底前"),
        ("完成时限：2O25年10月底前", "完成时限：2025年10月底前"),
        ("完成时限：2025年l2月底前", "完成时限：2025年12月底前"),
        ("完成时限：2025年1O月底前", "完成时限：2025年10月底前"),
        ("完成时限：2025年ll月底前", "完成时限：2025年11月底前"),
        ("完成时限：2025年9月3〇日前", "完成时限：2025年9月30日前"),
        ("2025年l月15日印发", "2025年1月15日印发"),
        ("新增停车位5〇0个", "新增停车位500个"),
    ],
)
def test_ocr_look_alikes_in_dates_are_read_as_digits(line: str, meant: str) -> None:
    """〇, O and l that OCR put in a scanned date are read as the digits they stand for."""
    assert ocr_digits(line) == meant


@pytest.mark.parametrize(
    "line",
    ["二〇二五年工作要点", "推广O2O模式", "建设Hello年货节", "完成ISO体系认证", "2025年6月底前"],
)
def test_words_and_chinese_numerals_are_not_ocr_digits(line: str) -> None:
    """Chinese numerals with 〇 and Latin words stay as written."""
    assert ocr_digits(line) == line
