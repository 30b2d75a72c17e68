"""Part kinds: whether a top-level part reviews the past, plans ahead, or frames the plan.

Framing parts (指导思想, 基本原则, 重要意义, 有关要求 …) state principles and requirements: a
supervision office tracks nothing in them. Support parts (目标, 保障措施, 组织实施, 组织领导 …)
hold goals and the machinery of implementation: their items are tracked only when they name
an owner.
"""

from __future__ import annotations

import re

from bot.importer.model import PartKind
from bot.importer.traditional import simplified

_GENERAL = re.compile(
    r"(?:总体要求|指导思想|基本原则|总体思路|工作原则|编制依据|目的意义|重要意义|重大意义|意义"
    r"|背景|(?:有关|相关|工作|其他|办理|落实)要求|其他事项|有关事项|试点范围|适用范围|实施范围"
    r"|工作范围|实施期限|总则|附则|组织机构|领导机构|工作机构|机构设置|领导小组)$"
)
_AWARENESS = re.compile(
    r"^(?:充分|深刻|切实)?(?:认识|认清)|(?:提高|统一|深化|增强)(?:思想|政治)?(?:认识|站位)"
    r"|重要性|紧迫性|必要性"
)
"""Titles that ask readers to see why the work matters (充分认识…重要意义): framing."""
_SUPPORT = re.compile(
    r"(?:保障措施|组织实施|组织领导|组织保障|实施保障|工作保障|保障机制|支持措施|配套措施"
    r"|工作机制|推进机制|监督考核|督查考核|考核评估|督促落实|督查落实|考核问责|督查问效"
    r"|考核(?:与|和)?奖惩|奖惩|责任追究|宣传引导|舆论引导|(?:总体|主要|发展|工作|试点|预期|总|阶段|年度)目标"
    r"|目标任务要求)"
)
_SUPPORT_MAX = 14
_REVIEW = re.compile(
    r"(?:情况|总结|回顾|成效|成绩|亮点|主要做法|做法和?经验|经验做法|存在的?(?:主要)?问题"
    r"|问题(?:和|与)不足|困难和问题|不足之处|短板和?不足|主要工作|工作进展|形势|形势分析"
    r"|机遇和挑战|面临的挑战)$"
)
_PLAN = re.compile(
    r"(?:安排|计划|打算|要点|思路|重点任务|主要任务|工作任务|目标任务|任务分工|工作措施"
    r"|主要措施|主要举措|实施步骤|工作步骤|工作进度|工作重点|试点任务|重点工作)$"
)
_PART_LINE = re.compile(
    r"^(?:\d{4}年(?:度)?|今年|明年|下一?步|下阶段|存在的?)?[\u4e00-\u9fff、和及与]{0,12}"
    r"(?:工作)?(?:总结|回顾|情况|计划|安排|打算|思路|要点|问题|不足)$"
)
_TRIM = " \t\u3000。：:，,；;"
_SPACES = re.compile(r"[ \t\u3000]+")
_PART_LINE_MAX = 24
_FRAMING_LINE_MAX = 8
_BARE_TITLE = re.compile(r"^[\u4e00-\u9fff]+$")


def classify_part(title: str) -> PartKind | None:
    """The kind of a top-level part from its title, or None when the title says nothing."""
    text = _SPACES.sub("", simplified(title.strip(_TRIM)))  # 总　　则 spaced out
    if _GENERAL.search(text) or (len(text) <= _SUPPORT_MAX * 2 and _AWARENESS.search(text)):
        return PartKind.GENERAL
    if len(text) <= _SUPPORT_MAX and _SUPPORT.search(text) and not _PLAN.search(text):
        return PartKind.SUPPORT
    if _REVIEW.search(text):
        return PartKind.REVIEW
    if _PLAN.search(text):
        return PartKind.PLAN
    return None


def is_framing(title: str) -> bool:
    """Whether a title names a framing part (指导思想, 基本原则 …), never a measure."""
    return classify_part(title) is PartKind.GENERAL


def is_part_line(line: str) -> bool:
    """Whether an unnumbered line is a part heading: ``2024年工作计划``, or a short framing
    heading on a line of its own (``办理要求：`` after a 督查通知's items)."""
    text = line.strip(_TRIM)
    if len(line) > _PART_LINE_MAX:
        return False
    return _PART_LINE.match(text) is not None or (
        len(text) <= _FRAMING_LINE_MAX and _BARE_TITLE.match(text) is not None and is_framing(text)
    )
