"""Numeric indicators (``培育优质种苗XXX万株``) and the plan's main targets.

A value is an Arabic number or a placeholder (``X``, ``XX``, ``XXX``, ``××``) left for
the drafter to fill in; a placeholder gives ``value=None, placeholder=True``. Units
are a closed list (亿元, 万元, %, 个, 场次, 万株, 亩, 吨, 人次, 户, 家, 件, 公里 …),
each guarded against words it starts (项目, 家庭, 人民 …). ``％`` is reported as ``%``.
"""

from __future__ import annotations

import re

from bot.importer.model import Indicator

_MAGNITUDE = "(?:百万|千万|万|亿|千|百)?"
_BASE_UNITS: dict[str, str] = {
    "元": "素旦月宵",
    "%": "",
    "％": "",
    "‰": "",
    "个百分点": "",
    "倍": "",
    "个": "人体性别案",
    "项": "目",
    "件": "事",
    "场次": "",
    "场": "所地景馆",
    "次": "年日序",
    "株": "",
    "亩": "",
    "公顷": "",
    "吨": "",
    "吨标准煤": "",
    "人次": "",
    "人": "民员才口大社",
    "户": "外口籍型",
    "家": "庭具乡园属长",
    "公里": "",
    "千米": "",
    "米": "",
    "平方公里": "",
    "平方米": "",
    "立方米": "",
    "千瓦": "",
    "千瓦时": "",
    "兆瓦": "",
    "所": "有在属以谓",
    "座": "谈",
    "条": "件例款目",
    "套": "餐",
    "台": "账阶",
    "辆": "",
    "间": "隔断",
    "张": "",
    "名": "单称录义",
    "位": "置于",
    "支": "持付出部撑援",
    "批": "准复次",
    "处": "理置室罚",
    "篇": "",
    "册": "",
    "期": "间限末待",
    "天": "然",
    "小时": "",
    "GW": "",
    "MW": "",
    "km": "",
}
_UNIT = "|".join(
    rf"{_MAGNITUDE}{re.escape(unit)}" + (rf"(?![{guard}])" if guard else "")
    for unit, guard in sorted(_BASE_UNITS.items(), key=lambda item: -len(item[0]))
)
_VALUE = (
    r"(?P<num>\d+(?:,\d{3})*(?:\.\d+)?)"
    r"|(?<![A-Za-zＡ-Ｚａ-ｚ])(?P<ph>[XxＸｘ]{1,4}|×{1,4}|\*{2,4}|○{2,4})(?![A-Za-zＡ-Ｚａ-ｚ])"
)
_INDICATOR = re.compile(rf"(?<![第\d.])(?:{_VALUE})(?:余|多)?(?P<unit>{_UNIT})")
_QUALIFIER = re.compile(r"(?:左右|以上|以内|以下|上下|及以上)")
_NAME_STOP = frozenset('，。；：、（）()\n,;:!！?？“”"《》')
_NAME_TRIM = " \t\u3000的和及与共约达为等"
_NAME_VERBS = re.compile(
    r"(?:达到|达|为|突破|超过|不少于|不低于|不超过|不高于|控制在|保持在|稳定在|提高到|增加到|力争)$"
)
_TARGET_INTRO = re.compile(r"目标(?:任务)?(?:是|为)?[：:]|目标是")
_TARGET_SPLIT = re.compile(r"[，,；;。]")
_NO_SPLIT_AFTER = "的之、和及或与"
_TIME_ONLY = re.compile(r"^(?:到|至|在|力争|确保)?(?:\d{4}年(?:底|末)?)?$")
_TARGET_TITLE = re.compile(r"^(?:主要|预期|发展|总体|工作|年度|具体)*(?:预期)?目标(?:任务)?$")


def find_indicators(text: str) -> tuple[Indicator, ...]:
    """Every number-with-unit in ``text``, named by the words just before it."""
    found = []
    floor = 0
    for match in _INDICATOR.finditer(text):
        name = _name_before(text, match.start(), floor)
        found.append(_indicator(name, match))
        floor = match.end()
    return tuple(found)


def extract_targets(text: str) -> tuple[Indicator, ...]:
    """Targets stated after an intro such as ``主要预期目标是：`` in any line of ``text``."""
    targets: list[Indicator] = []
    for line in text.split("\n"):
        intro = _TARGET_INTRO.search(line)
        if intro is not None:
            targets.extend(split_targets(line[intro.end() :]))
    return tuple(targets)


def split_targets(text: str) -> tuple[Indicator, ...]:
    """One indicator per clause of a targets sentence; clauses without numbers keep their words."""
    targets = []
    for clause in _TARGET_SPLIT.split(text):
        for piece in _split_after_values(clause.strip()):
            target = _target(piece)
            if target is not None:
                targets.append(target)
    return tuple(targets)


def is_target_title(title: str) -> bool:
    """Whether a heading names the targets (主要目标, 预期目标 …) rather than a measure."""
    return _TARGET_TITLE.match(title) is not None


def _split_after_values(clause: str) -> list[str]:
    pieces, start = [], 0
    for match in _INDICATOR.finditer(clause):
        end = match.end()
        qualifier = _QUALIFIER.match(clause, end)
        end = qualifier.end() if qualifier else end
        if end < len(clause) and clause[end] not in _NO_SPLIT_AFTER:
            pieces.append(clause[start:end])
            start = end
    pieces.append(clause[start:])
    return [piece for piece in pieces if piece]


def _target(piece: str) -> Indicator | None:
    match = _INDICATOR.search(piece)
    if match is None:
        words = piece.strip(" \t\u3000")
        if len(words) < 4 or _TIME_ONLY.match(words) or not re.search(r"[\u4e00-\u9fff]", words):
            return None
        return Indicator(name=words)
    name = _NAME_VERBS.sub("", piece[: match.start()].strip(_NAME_TRIM)).strip(_NAME_TRIM)
    return _indicator(name or piece[: match.start()], match)


def _indicator(name: str, match: re.Match[str]) -> Indicator:
    unit = match.group("unit").replace("％", "%")
    if match.group("ph"):
        return Indicator(name=name, value=None, unit=unit, placeholder=True)
    return Indicator(name=name, value=float(match.group("num").replace(",", "")), unit=unit)


def _name_before(text: str, start: int, floor: int) -> str:
    index = start
    while index > floor and text[index - 1] not in _NAME_STOP and start - index < 30:
        index -= 1
    name = text[index:start].strip(_NAME_TRIM)
    return _NAME_VERBS.sub("", name).strip(_NAME_TRIM) or name
