"""Title, document number, issue date and plan year."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.importer.header import (
    enclosed_title,
    infer_year,
    parse_date_line,
    read_header,
    year_from_text,
)


def test_notice_header() -> None:
    """A two-line notice title joins to the enclosed plan's name; number and date are found."""
    lines = [
        "国务院办公厅关于印发",
        "全国深化“放管服”改革重点任务分工方案的通知",
        "国办发〔2018〕104号",
        "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：",
        "现将方案印发给你们。",
        "国务院办公厅",
        "2018年11月8日",
        "一、重点任务",
    ]
    header = read_header(lines, 7)
    assert header.title == "全国深化“放管服”改革重点任务分工方案"
    assert header.title_lines == frozenset({0, 1})
    assert header.doc_number == "国办发〔2018〕104号"
    assert header.issued == dt.date(2018, 11, 8)
    assert header.year == 2018


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("XX县人民政府办公室关于印发《XX县2024年工作要点》的通知", "XX县2024年工作要点"),
        (
            "国务院办公厅关于聚焦企业关切进一步推动优化营商环境政策落实的通知",
            "国务院办公厅关于聚焦企业关切进一步推动优化营商环境政策落实的通知",
        ),
        (None, None),
    ],
)
def test_enclosed_title(title: str | None, name: str | None) -> None:
    """A cover notice 关于印发X的通知 is named after the plan X it issues."""
    assert enclosed_title(title) == name


def test_no_title_when_the_document_starts_with_prose() -> None:
    """A first line that is a sentence is not taken for a title."""
    assert read_header(["为加快发展，制定本方案。", "一、任务"], 1).title is None


@pytest.mark.parametrize(
    ("title", "year"),
    [
        ("XX县2023年工作总结及2024年工作计划", 2024),
        ("XX县2024年优化营商环境工作要点", 2024),
        ("XX省数字政府建设三年行动方案（2023—2025年）", 2025),
        ("关于做好安全生产工作的通知", None),
    ],
)
def test_plan_year_from_title(title: str, year: int | None) -> None:
    """The year next to 计划/要点/方案 wins; otherwise the latest year in the title."""
    assert infer_year(title, [], None, None) == year


def test_year_falls_back_to_issue_date_then_number() -> None:
    """Without a year in the title, the issue date and then the document number decide."""
    assert infer_year("通知", [], dt.date(2019, 3, 1), None) == 2019
    assert infer_year("通知", [], None, "国办发〔2018〕117号") == 2018
    assert year_from_text("2024年责任清单.xlsx") == 2024


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("2024年1月15日", dt.date(2024, 1, 15)),
        ("二〇二四年一月十五日", dt.date(2024, 1, 15)),
        ("2024年1月15日印发", dt.date(2024, 1, 15)),
        ("2024年2月30日", None),
        ("2024年工作", None),
    ],
)
def test_date_lines(line: str, date: dt.date | None) -> None:
    """Signature date lines in Arabic or Chinese numerals are read."""
    assert parse_date_line(line) == date


def test_minutes_give_their_issue_number_and_date_beside_the_issuer() -> None:
    """``〔2025〕第3期`` is a document number; a date set off after the issuer, the issue date."""
    lines = [
        "XX县人民政府常务会议纪要",
        "〔2025〕第3期",
        "XX县人民政府办公室\u3000\u3000\u3000\u30002025年3月14日",
        "一、关于城区停车难问题",
    ]
    header = read_header(lines, 3)
    assert header.doc_number == "〔2025〕第3期"
    assert header.issued == dt.date(2025, 3, 14)
    assert header.year == 2025
