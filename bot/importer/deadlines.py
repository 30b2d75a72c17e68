"""Deadlines: the phrase as written and, where one follows, the date it means.

``2024年6月底前`` → 2024-06-30; ``年底前`` → 31 December of the plan year; ``第三季度`` →
30 September; ``上半年`` → 30 June; ``6月30日前`` → 30 June; ``印发之日起30日内`` → issue
date + 30 days when the issue date is known. ``长期坚持`` and ``每季度`` are kept as text
with no date. When a text names several dated deadlines the latest one is the deadline.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from bot.importer.model import Deadline
from bot.importer.numerals import cn_to_int
from bot.importer.traditional import simplified

_M = r"(\d{1,2}|十[一二]?|[一二三四五六七八九])"
_D = r"(\d{1,2}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])"
_Y = r"(?:(\d{4})年)?"
_BEFORE = r"(?:前|之前|以前|内|止|为止)"
_LABEL = re.compile(
    r"(?:完成时限|时间节点|完成时间|时限要求|完成期限|时间安排|完成日期|截止时间"
    r"|办结时限|推进时限|时限|反馈时间|反馈时限)[ \t\u3000]*[:：]"
)
"""A labelled time limit; a 督办 item's 反馈时间 is the date its result is due."""
_RECURRING = re.compile(
    r"长期(?:坚持|推进|开展|执行)?|持续(?:推进|开展|实施)|常态化(?:推进|开展)?"
    r"|每(?:年|半年|季度|季|月|周|旬)度?|定期|长效"
)
_DATE_WORD = (
    r"(?:\d{4}年)?(?:\d{1,2}|[一二三四五六七八九十]{1,3})月(?:份)?"
    r"(?:\d{1,2}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])?[日号]?"
    r"|\d{4}年(?:度)?|\d{4}[-/.]\d{1,2}(?:[-/.]\d{1,2})?"
)
_PERIODS = re.compile(
    rf"(?:{_DATE_WORD})[ \t]*(?:至|到|—|－|–|-|~|～)+[ \t]*(?:{_DATE_WORD})(?:止)?"
    rf"|(?:有效期|执行期|实施期|试行期)(?:限)?(?:为|至|到|:|：)?[^，。；;\n]{{0,30}}"
    rf"|(?:自|从)(?:{_DATE_WORD})[^，。；;\n]{{0,8}}?起"
)
"""Periods and effective-from dates, which name when a policy applies, not when work is due."""
_CONTEXT_BEFORE = frozenset("（(：:，,；;。\n")
_CONTEXT_AFTER = frozenset("）)，,；;。\n")


@dataclass(frozen=True, slots=True)
class _Hit:
    start: int
    raw: str
    date: dt.date | None


@dataclass(frozen=True, slots=True)
class _Context:
    year: int | None
    issued: dt.date | None


_Resolver = Callable[[re.Match[str], _Context], dt.date | None]


def find_deadline(text: str, *, year: int | None, issued: dt.date | None = None) -> Deadline:
    """The deadline stated in an item's text, or an empty :class:`Deadline`."""
    labelled = _labelled(text, year=year, issued=issued)
    if labelled:
        return next((found for found in labelled if found.date is not None), labelled[0])
    found = _choose(_scan(text, _Context(year, issued), cell=False), first=True, year=year)
    if found.date is None:
        note = _NOTE_DATE.search(simplified(text))
        if note is not None:
            return parse_deadline(text[note.start(1) : note.end(1)], year=year, issued=issued)
    return found


def _labelled(text: str, *, year: int | None, issued: dt.date | None) -> list[Deadline]:
    """The labelled limits of a text, in order. The first with a date is the deadline: a
    办理时限 in working days (a processing limit) yields to the 反馈时间 date after it."""
    found = []
    for label in _LABEL.finditer(simplified(text)):
        value = re.split(r"[；;。\n）)]", text[label.end() :], maxsplit=1)[0].strip()
        if value:
            found.append(parse_deadline(value, year=year, issued=issued))
    return found


_NOTE_DATE = re.compile(
    r"[（(][^（）()\n]+?[；;，,][ \t\u3000]*"
    r"((?:\d{4}年)?\d{1,2}月(?:份|\d{1,2}日)?|\d{4}[-/.]\d{1,2}(?:[-/.]\d{1,2})?)[ \t\u3000]*[）)]"
)
"""A date standing as the last clause of a note (``（X牵头，Y配合；2025年10月）``): the item's
time limit, though running text would need 底/前 or a verb after a bare month."""


def parse_deadline(cell: str, *, year: int | None, issued: dt.date | None = None) -> Deadline:
    """A deadline cell or labelled value: the raw text is kept whole."""
    raw = cell.strip()
    if not raw:
        return Deadline()
    chosen = _choose(_scan(raw, _Context(year, issued), cell=True), first=False, year=year)
    bare_year = re.fullmatch(r"(\d{4})年?度?(?:底|末)?(?:前|内)?", raw)
    if chosen.date is None and bare_year:
        return Deadline(raw, dt.date(int(bare_year.group(1)), 12, 31))
    year_month = re.fullmatch(r"(\d{4})[.\-/](\d{1,2})", raw)
    if chosen.date is None and year_month and 1 <= int(year_month.group(2)) <= 12:
        return Deadline(raw, _month_end(int(year_month.group(1)), int(year_month.group(2))))
    span = _SPAN.fullmatch(simplified(raw))
    if chosen.date is None and span:
        return Deadline(raw, _span_end(span.group(1), span.group(2), year=year, issued=issued))
    return Deadline(raw, chosen.date)


_SPAN = re.compile(
    rf"((?:{_DATE_WORD}))[ \t]*(?:至|到|—|－|–|-|~|～)+[ \t]*((?:{_DATE_WORD}))(?:止|底|前)?"
)
"""A whole cell that is a stretch of time (``2025年3月—4月``, ``3月至6月``): a 时间安排 whose
end is the time limit (in running text such a stretch is a validity period, no deadline)."""


def _span_end(
    first: str, last: str, *, year: int | None, issued: dt.date | None
) -> dt.date | None:
    """The date a stretch ends: its last part, in the year its first part names."""
    stated = re.match(r"\d{4}年", first)
    if stated and not re.match(r"\d{4}", last):
        last = stated.group(0) + last
    return parse_deadline(last, year=year, issued=issued).date


_WITHIN_YEAR = re.compile(r"(?:\d{4}年)?年?内")
"""``年内新建200座``: the year an amount is for; a limit stated after it in the same text
(``10月底前完成验收``) is the item's deadline."""


def _choose(hits: list[_Hit], *, first: bool, year: int | None) -> Deadline:
    """The first stated dated hit (in a text) or the latest (a whole cell's final date); in a
    text, a bare 年内 yields to a limit stated after it.

    A date before the plan year is a reference to past work (``对照2023年底前排查的问题``),
    not the deadline, when a date within the plan's time is stated too.
    """
    dated = [hit for hit in hits if hit.date is not None]
    current = [hit for hit in dated if year is None or (hit.date and hit.date.year >= year)]
    dated = current or dated
    if dated:
        best = (
            min(dated, key=lambda hit: hit.start)
            if first
            else max(dated, key=lambda hit: (hit.date or dt.date.min, hit.start))
        )
        if first and _WITHIN_YEAR.fullmatch(best.raw):
            best = next((hit for hit in dated if hit.start > best.start), best)
        return Deadline(best.raw, best.date)
    if hits:
        earliest = min(hits, key=lambda hit: hit.start)
        return Deadline(earliest.raw, None)
    return Deadline()


def _scan(text: str, context: _Context, *, cell: bool) -> list[_Hit]:
    hits: list[_Hit] = []
    masked = _PERIODS.sub(lambda match: "\0" * len(match.group(0)), simplified(text))
    for pattern, resolve in _patterns(cell):
        for match in pattern.finditer(masked):
            raw = text[match.start() : match.end()]
            if not cell and resolve in (_quarter, _half) and _names_a_period(masked, match):
                continue
            if _EVERY.search(masked, 0, match.start()):
                hits.append(_Hit(match.start(), raw, None))  # 每年1月31日前: a standing rule
            elif context.year and (following := _NEXT_YEAR.search(masked, 0, match.start())):
                later = replace(context, year=context.year + 1)  # 次年3月底前
                at = following.start()
                hits.append(_Hit(at, text[at : match.end()], _safe(resolve, match, later)))
            else:
                hits.append(_Hit(match.start(), raw, _safe(resolve, match, context)))
            masked = masked[: match.start()] + "\0" * len(raw) + masked[match.end() :]
    for match in _RECURRING.finditer(masked):
        if cell or _in_deadline_context(text, match.start(), match.end()):
            hits.append(_Hit(match.start(), text[match.start() : match.end()], None))
    return hits


_PERIOD_ENDS = re.compile(r"(?:末|底|前|之前|以前|内|止|为止)$")
_DUE_AFTER = re.compile(
    r"[，,。；;）)、\n]|$|(?:全面|基本|力争|确保|要)?(?:完成|建成|实现|开工|竣工|投入|投用|启动|"
    r"出台|印发|上线|到位|办结|见效|落地|形成|制定|完工|通车|运行|验收)(?!率|数|量|面积|情况)"
)
_DONE_VERB = (
    r"(?:前|内)?(?:全面|基本|全部)?(?:完成|建成|投入使用|投用|开工|竣工|完工|出台|上线|办结|交付"
    r"|通车|验收|挂牌|揭牌|开业|运行)(?!了)"
)
"""A month said with the work it sees done (``2025年6月完成``, ``9月投入使用``): a deadline."""
_NEXT_YEAR = re.compile(r"(?:次年|明年|翌年|下一年度?)(?:的)?$")
"""Just before a month without its year: the month is in the year after the plan's."""
_EVERY = re.compile(r"每(?:年|月|季度?|半年|周)的?(?:度)?$")
"""Just before a date: the date recurs (``每年1月31日前``), it is no one-off deadline."""


def _names_a_period(text: str, match: re.Match[str]) -> bool:
    """Whether a bare 一季度/上半年 in running text qualifies what follows
    (``一季度地区生产总值``, ``上半年经济形势分析会``) instead of saying when work is due
    (``上半年完成``, ``第三季度，``)."""
    if _PERIOD_ENDS.search(match.group(0)):
        return False
    return _DUE_AFTER.match(text, match.end()) is None


def _events_before(match: re.Match[str], context: _Context) -> dt.date | None:
    """A limit set by an event of the year (``秋季开学前``, ``汛期前``): stated, with no date."""
    return None


def _safe(resolve: _Resolver, match: re.Match[str], context: _Context) -> dt.date | None:
    try:
        return resolve(match, context)
    except (ValueError, OverflowError):
        return None


def _in_deadline_context(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else "\n"
    tail = re.match(r"(?:完成|落实|推进|开展)?", text[end:])
    after_at = end + (tail.end() if tail else 0)
    after = text[after_at] if after_at < len(text) else "\n"
    return before in _CONTEXT_BEFORE and after in _CONTEXT_AFTER


def _year(group: str | None, context: _Context) -> int | None:
    return int(group) if group else context.year


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _full_date(match: re.Match[str], context: _Context) -> dt.date | None:
    year = _year(match.group(1), context)
    month, day = cn_to_int(match.group(2)), cn_to_int(match.group(3))
    if year is None or month is None or day is None:
        return None
    return dt.date(year, month, day)


def _iso_date(match: re.Match[str], context: _Context) -> dt.date | None:
    return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))


def _month(match: re.Match[str], context: _Context) -> dt.date | None:
    year, month = _year(match.group(1), context), cn_to_int(match.group(2))
    if year is None or month is None:
        return None
    part, before = match.group(3) or "", match.group(4) or ""
    if part == "上旬":
        return dt.date(year, month, 10)
    if part in ("中旬", "中"):
        return dt.date(year, month, 20)
    if not part and before in ("前", "之前", "以前"):
        return _month_end(year - 1, 12) if month == 1 else _month_end(year, month - 1)
    return _month_end(year, month)


def _year_end(match: re.Match[str], context: _Context) -> dt.date | None:
    year = _year(match.group(1), context)
    if year is None:
        return None
    if match.group(2) in ("前", "以前", "之前"):
        year -= 1
    return dt.date(year, 12, 31)


def _quarter(match: re.Match[str], context: _Context) -> dt.date | None:
    year, quarter = _year(match.group(1), context), cn_to_int(match.group(2))
    if year is None or quarter is None or not 1 <= quarter <= 4:
        return None
    return _month_end(year, quarter * 3)


def _half(match: re.Match[str], context: _Context) -> dt.date | None:
    year = _year(match.group(1), context)
    if year is None:
        return None
    return dt.date(year, 12, 31) if match.group(2) == "下半年" else dt.date(year, 6, 30)


def _issued_relative(match: re.Match[str], context: _Context) -> dt.date | None:
    count, unit = cn_to_int(match.group(1)), match.group(2)
    if context.issued is None or count is None or unit == "工作日":
        return None
    if unit in ("日", "天"):
        return context.issued + dt.timedelta(days=count)
    month_index = context.issued.month - 1 + count
    year, month = context.issued.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(context.issued.day, calendar.monthrange(year, month)[1]))


def _patterns(cell: bool) -> tuple[tuple[re.Pattern[str], _Resolver], ...]:
    suffix = "" if cell else rf"(?=底|末|上旬|中旬|下旬|{_BEFORE}|{_DONE_VERB})"
    return (
        (re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})"), _iso_date),
        (re.compile(rf"{_Y}{_M}月{_D}[日号](?:{_BEFORE})?"), _full_date),
        (
            re.compile(
                r"(?:印发|发布|实施|出台|下发)(?:之日)?(?:起|后)"
                r"(\d{1,3}|[一二三四五六七八九十]{1,3})个?(日|天|工作日|月)(?:内|以内)"
            ),
            _issued_relative,
        ),
        (re.compile(rf"{_Y}{_M}月份?{suffix}(底|末|上旬|中旬|下旬)?({_BEFORE})?"), _month),
        (
            re.compile(rf"(?<!每)(?<!每个){_Y}第?([一二三四1-4])季度(?:末|底)?(?:{_BEFORE})?"),
            _quarter,
        ),
        (re.compile(rf"{_Y}(上半年|下半年|年中)(?:{_BEFORE}|底|末)?"), _half),
        (
            re.compile(r"(?:到|至)?(\d{4})年(?:年)?(底|末|内|前|以前|之前)(?:前|之前|以前)?"),
            _year_end,
        ),
        (
            re.compile(
                r"(?<![\d一二三四五六七八九十两几多明去前])()年(底|末|内)(?:前|之前|以前)?"
            ),
            _year_end,
        ),
        (re.compile(r"(?:到|至)(\d{4})年()"), _year_end),
        (
            re.compile(
                r"(?:(?:春|秋)季(?:学期)?)?开学(?:前|之前)|(?:主)?汛(?:期)?(?:前|之前)"
                r"|(?:春节|元旦|清明|五一|端午|中秋|国庆)节?(?:前|之前)"
                r"|(?:入冬|供暖|采暖季|雨季|冬季)(?:前|之前)"
            ),
            _events_before,
        ),
    )
