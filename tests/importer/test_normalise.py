"""Text normalisation: line endings, page artifacts, web furniture and white space."""

from __future__ import annotations

import pytest

from bot.importer.normalise import is_artifact_line, normalise_text


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
