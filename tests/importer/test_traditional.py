"""Documents a mirror converted to traditional characters read like the original."""

from __future__ import annotations

import datetime as dt

from bot.importer import parse_plan
from bot.importer.deadlines import find_deadline
from bot.importer.model import PartKind
from bot.importer.parsers.columns import Column, classify
from bot.importer.parts import classify_part
from bot.importer.traditional import simplified


def test_simplified_keeps_offsets() -> None:
    """One character for one: the copy is as long as the original."""
    text = "（市政府辦公室牽頭，各縣區按職責分工負責）"
    assert len(simplified(text)) == len(text)
    assert simplified(text) == "（市政府办公室牵头，各县区按职责分工负责）"


def test_traditional_keywords() -> None:
    """Part titles, table headers and deadline labels in traditional characters are read."""
    assert classify_part("指導思想") is PartKind.GENERAL
    assert classify_part("保障措施") is PartKind.SUPPORT
    assert classify("責任單位") is Column.UNITS
    assert find_deadline("完成時限：2024年6月底前", year=2024).date == dt.date(2024, 6, 30)


def test_a_traditional_plan_keeps_its_names_as_written() -> None:
    """Owners are found through the simplified copy but kept in the document's characters."""
    text = (
        "一、指導思想\n堅持穩中求進。\n二、重點任務\n"
        "1.深化改革。（市政府辦公室牽頭，各縣區負責）\n"
    )
    measures = parse_plan(text.encode(), "plan.txt").measures
    assert [m.title for m in measures] == ["深化改革"]
    assert measures[0].lead_units == ("市政府辦公室",)


def test_standing_deadlines_in_traditional_characters_are_kept_as_written() -> None:
    """長期堅持 and 持續推進 read as 长期坚持/持续推进, kept in the document's characters."""
    from bot.importer.deadlines import find_deadline

    assert find_deadline("（縣發改局負責，長期堅持）", year=2025).raw == "長期堅持"
    assert find_deadline("（縣發改局負責，持續推進）", year=2025).raw == "持續推進"
