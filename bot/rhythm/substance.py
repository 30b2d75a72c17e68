"""Whether an update's words say anything: the offline rules for 空泛 and 与上期重复 texts.

Simple, offline and explainable (no model):

- the text is **normalised**: full-width forms folded (NFKC), lower case, spaces and
  punctuation dropped;
- it is **concrete** when it has a digit, a percentage (``%``, 百分之), a date (11月20日,
  周三, Nov 20, Monday…), a Chinese numeral with a quantity word (三个村, 五家, 两公里) or a
  concrete outcome word (完成, 开工, 签约, 验收, 封顶, 印发…; completed, signed, approved…).
  Outcome words inside stock promises (确保按期完成, 争取早日完成) do not count;
- it is **vague** when it is not concrete and what is left after removing stock phrases
  (正在推进, 有序推进, 按计划进行, 稳步推进, 持续推进, 积极对接, in progress, ongoing…) and
  filler words is short (:data:`SHORT` weight: a Chinese character weighs 1, an English word 2);
- it is **repeated** when its normalised form is at least :data:`SIMILAR` alike
  (``difflib.SequenceMatcher``) to the same party's previous update.

No text (a status tap, a bare number) is neither: only words are judged.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from difflib import SequenceMatcher
from enum import StrEnum
from functools import lru_cache

#: At or above this similarity of normalised texts an update repeats the previous one.
SIMILAR = 0.9
#: At or below this weight (CJK characters + 2 × English words) a non-concrete rest is vague.
SHORT = 8


class Flag(StrEnum):
    """What is wrong with an update's words."""

    VAGUE = "vague"  # 反馈内容空泛
    REPEATED = "repeated"  # 与上期重复


def _words(text: str) -> tuple[str, ...]:
    """The words of a list written as text, one space (or line) apart, in order."""
    return tuple(text.split())


#: Stock phrases, longest first: they say that work goes on, not what was done.
STOCK = tuple(
    sorted(
        set(
            _words(
                """
    正在推进 有序推进 按计划进行 按计划推进 稳步推进 持续推进 积极对接 积极推进 扎实推进
    加快推进 全力推进 大力推进 顺利推进 深入推进 推进中 进行中 对接中 落实中 办理中 跟进中
    持续跟进 积极跟进 抓紧落实 认真落实 积极落实 有序开展 稳步开展 扎实开展 正常推进 进展顺利
    进展正常 一切正常 按既定计划 确保按期完成 确保按时完成 争取早日完成 力争按期完成
    按时保质完成 确保完成任务 千方百计 一方面 无变化 同上周 同上 与上周相同 inprogress ongoing
    ontrack asplanned accordingtoplan continuingtopushforward pushingforward movingforward
    goingwell nochange sameaslastweek underway workingonit followingup
            """
            )
        ),
        key=len,
        reverse=True,
    )
)
#: Words that carry no content on their own (removed after the stock phrases).
FILLER = tuple(
    sorted(
        set(
            _words(
                """
    目前 本周 当前 现阶段 相关 各项 我们 我单位 我局 正在 继续 进一步 加快 全力 积极 扎实 有序
    稳步 持续 推进 落实 开展 工作 任务 项目 事项 情况 正常 按计划 计划 中 的 了 和 及 并 等 已
    在 将 有 均 都 the a an is are we our work task still continue continuing this week and as
    it on to of being all
            """
            )
        ),
        key=len,
        reverse=True,
    )
)
#: Words naming something done or decided: an update with one says what happened.
OUTCOMES_ZH = _words(
    """
    完成 竣工 开工 动工 验收 签约 签订 签署 印发 出台 通过 上线 投用 投产 交付 到位 拨付 落地
    封顶 建成 办结 批复 中标 招标 挂牌 开业 召开 审定 移交 入驻 摸底 走访 培训 调研 发放 整改
    备案 立项 报送 提交 上报 评审 核查
    """
)
OUTCOMES_EN = _words(
    """
    completed finished signed approved opened launched delivered built installed inspected paid
    hired issued submitted held surveyed visited trained started tendered awarded handed
    """
)
_NUMERAL = "一二三四五六七八九十百千万两半几"
_QUANTITY = (
    "个|项|家|户|村|镇|乡|人|次|名|所|座|条|公里|千米|米|亩|吨|元|台|套|批|场|期|份|件|处|间|辆"
    "|天|周|月|年|宗|笔|栋|平方米|方|层|车|块|棵|株|篇|轮|批次|季度"
)
_ZH_QUANTITY = re.compile(f"[{_NUMERAL}]+(?:{_QUANTITY})")
_ZH_DATE = re.compile(f"[{_NUMERAL}0-9]+[月日号]|周[一二三四五六日]|星期|上旬|中旬|下旬|月底|年底")
_EN_DATE = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b"
    r"|\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday)\b"
)
_WORD = re.compile(r"[a-z]+")


@lru_cache(maxsize=8192)
def normalise(text: str) -> str:
    """Folded (NFKC), lower case, without spaces, punctuation or symbols."""
    folded = unicodedata.normalize("NFKC", text).lower()
    return "".join(c for c in folded if unicodedata.category(c)[0] in "LN")


@lru_cache(maxsize=8192)
def concrete(text: str) -> bool:
    """Has a number, a percentage, a date, a quantity or an outcome word (see the module)."""
    folded = unicodedata.normalize("NFKC", text).lower()
    if any(c.isdigit() for c in folded) or "%" in folded or "百分之" in folded:
        return True
    rest = _strip(normalise(text), STOCK)
    if _ZH_QUANTITY.search(rest) or _ZH_DATE.search(rest) or _EN_DATE.search(folded):
        return True
    words = set(_WORD.findall(folded))
    return any(w in rest for w in OUTCOMES_ZH) or any(w in words for w in OUTCOMES_EN)


@lru_cache(maxsize=8192)
def vague(text: str) -> bool:
    """Not concrete, and short once stock phrases and filler words are gone."""
    if not normalise(text) or concrete(text):
        return False
    spaced = " ".join(_WORD.findall(unicodedata.normalize("NFKC", text).lower()))
    rest = _strip(_strip(normalise(text), STOCK), FILLER)
    english = [w for w in spaced.split() if w not in FILLER and w not in _STOCK_WORDS]
    cjk = sum(1 for c in rest if not ("a" <= c <= "z") and not c.isdigit())
    return cjk + 2 * len(english) <= SHORT


def repeated(text: str, previous: str | None) -> bool:
    """Nearly the same as ``previous`` (identical, or normalised similarity ≥ SIMILAR)."""
    if not previous:
        return False
    return similar(normalise(text), normalise(previous))


def similar(now: str, before: str) -> bool:
    """Two normalised texts at least :data:`SIMILAR` alike (``SequenceMatcher.ratio``), its
    cheap upper bounds first: the lengths' (``real_quick_ratio``), then the characters'
    shared counts (``quick_ratio``), each worked out without building a matcher."""
    if not now or not before:
        return False
    if now == before:
        return True
    total = len(now) + len(before)
    if 2.0 * min(len(now), len(before)) / total < SIMILAR:
        return False
    if 2.0 * sum((_counts(now) & _counts(before)).values()) / total < SIMILAR:
        return False
    return SequenceMatcher(None, now, before, autojunk=False).ratio() >= SIMILAR


@lru_cache(maxsize=8192)
def _counts(text: str) -> Counter[str]:
    """How many times each character occurs in ``text`` (not to be changed: it is shared)."""
    return Counter(text)


def judge(text: str | None, previous: str | None = None) -> Flag | None:
    """The flag for an update's words against the party's previous words (None: fine, or no
    words at all). A repeat is named before vagueness."""
    if not text or not normalise(text):
        return None
    if repeated(text, previous):
        return Flag.REPEATED
    return Flag.VAGUE if vague(text) else None


def _strip(text: str, phrases: tuple[str, ...]) -> str:
    for phrase in phrases:
        text = text.replace(phrase, "")
    return text


#: English stock phrases' words, so "work is ongoing as planned" leaves nothing.
_STOCK_WORDS = frozenset(
    _words(
        """
    in progress ongoing planned plan according pushing push forward moving going well track no
    change same last underway working following up for with at be will has have been steadily
        """
    )
)
