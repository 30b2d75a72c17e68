"""Part kinds from part headings."""

from __future__ import annotations

import pytest

from bot.importer.model import PartKind
from bot.importer.parts import classify_part, is_part_line


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("2023年重点工作情况", PartKind.REVIEW),
        ("工作总结", PartKind.REVIEW),
        ("2023年工作回顾", PartKind.REVIEW),
        ("主要成效", PartKind.REVIEW),
        ("存在的问题", PartKind.REVIEW),
        ("2024年重点工作安排", PartKind.PLAN),
        ("2024年工作计划", PartKind.PLAN),
        ("下一步工作打算", PartKind.PLAN),
        ("工作要点", PartKind.PLAN),
        ("重点任务", PartKind.PLAN),
        ("保障措施", PartKind.SUPPORT),
        ("总体要求", PartKind.GENERAL),
        ("指导思想", PartKind.GENERAL),
        ("重要意义", PartKind.GENERAL),
        ("有关要求", PartKind.GENERAL),
        ("试点范围", PartKind.GENERAL),
        ("总　　则", PartKind.GENERAL),
        ("附  则", PartKind.GENERAL),
        ("考核与奖惩", PartKind.SUPPORT),
        ("加大组织保障力度", PartKind.SUPPORT),
        ("组织实施", PartKind.SUPPORT),
        ("强化组织领导", PartKind.SUPPORT),
        ("发展目标", PartKind.SUPPORT),
        ("年度目标", PartKind.SUPPORT),
        ("2025年度目标", PartKind.SUPPORT),
        ("工作进度", PartKind.PLAN),
        ("提高思想认识", PartKind.GENERAL),
        ("充分认识做好消费扶贫工作的重要意义", PartKind.GENERAL),
        ("深刻认识推进安全生产治本攻坚的重要性和紧迫性", PartKind.GENERAL),
        ("明确工作任务", PartKind.PLAN),
        ("加快产业发展", None),
        ("优化要素保障", None),
        ("聚焦解决民生问题", None),
    ],
)
def test_classify_part(title: str, kind: PartKind | None) -> None:
    """Review, plan and framing parts are told apart by their heading's ending."""
    assert classify_part(title) is kind


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("2023年工作总结", True),
        ("2024年工作计划", True),
        ("存在的问题", True),
        ("下一步工作打算", True),
        ("办理要求：", True),
        ("有关要求", True),
        ("加快产业发展。", False),
        ("办理结果：", False),
        ("工作要求：各单位要高度重视", False),
        ("XX县2023年工作总结及2024年工作计划以及其他很多很多内容", False),
    ],
)
def test_part_lines(line: str, expected: bool) -> None:
    """Short unnumbered lines such as 2024年工作计划 or 办理要求： are part headings."""
    assert is_part_line(line) is expected
