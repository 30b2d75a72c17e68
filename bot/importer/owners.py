"""Who is responsible: leaders, lead units, responsible units and supporting units.

Reads the forms Chinese plans use:

* labelled fields — ``牵头单位：A；责任单位：B、C``, ``责任领导：张三``, ``配合单位：D``;
* clause notes in brackets — ``（A牵头，B、C按职责分工负责）``, ``（A负责）``, ``（D配合）``;
* ``A（牵头）`` inside a list;
* the rule ``列第一位者为牵头单位``: the first unit listed leads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from bot.importer.traditional import simplified


class _Role(Enum):
    DEADLINE = "deadline"  # not an owner, but ends the owner field before it
    LEADER = "leader"
    LEAD = "lead"
    UNIT = "unit"
    CO = "co"


_LABELS: dict[str, _Role] = {
    **dict.fromkeys(
        (
            "牵头领导",
            "责任领导",
            "分管领导",
            "包联领导",
            "联系领导",
            "县级领导",
            "市级领导",
            "责任人",
            "负责人",
        ),
        _Role.LEADER,
    ),
    **dict.fromkeys(
        (
            "牵头单位",
            "主责单位",
            "牵头部门",
            "主办单位",
            "牵头处室",
            "主责部门",
            "指导部门",
            "指导单位",
            "牵头科室",
            "主办部门",
            "牵头责任单位",
        ),
        _Role.LEAD,
    ),
    **dict.fromkeys(
        (
            "责任单位",
            "责任部门",
            "实施单位",
            "承办单位",
            "责任主体",
            "落实单位",
            "负责部门",
            "负责单位",
            "责任处室",
            "责任科室",
            "承办部门",
            "实施主体",
            "主体单位",
            "具体负责单位",
        ),
        _Role.UNIT,
    ),
    **dict.fromkeys(
        (
            "配合单位",
            "协办单位",
            "参与单位",
            "配合部门",
            "协同单位",
            "协助单位",
            "协办部门",
            "参与部门",
            "协同部门",
            "配合处室",
        ),
        _Role.CO,
    ),
    **dict.fromkeys(("主办", "牵头"), _Role.LEAD),
    **dict.fromkeys(("承办",), _Role.UNIT),
    **dict.fromkeys(("协办", "配合"), _Role.CO),
    **dict.fromkeys(
        (
            "完成时限",
            "时间节点",
            "完成时间",
            "时限要求",
            "完成期限",
            "时间安排",
            "完成日期",
            "截止时间",
            "办结时限",
            "推进时限",
        ),
        _Role.DEADLINE,
    ),
}
_OFFICE_KINDS = ("单位", "部门", "处室", "科室", "股室", "站所", "机构")
"""What a unit is called in a label: a county 股室 is a city 处室 is a province 部门."""
for _prefixes, _role in (
    (("牵头", "主责", "主办", "牵头责任"), _Role.LEAD),
    (("责任", "承办", "实施", "落实", "负责", "具体负责"), _Role.UNIT),
    (("配合", "协办", "参与", "协同", "协助"), _Role.CO),
):
    for _prefix in _prefixes:
        for _kind in _OFFICE_KINDS:
            _LABELS.setdefault(_prefix + _kind, _role)
_LABEL_RE = re.compile(
    r"[【\[〔]?("
    + "|".join(sorted(_LABELS, key=len, reverse=True))
    + r")(?:[】\]〕][ \t\u3000]*[:：]?|[ \t\u3000]*[:：])"
)
"""``牵头单位：``, and ``【牵头单位】`` with or without a colon."""
_BY = re.compile(r"^(?:[^，,]{0,8}?)由(.{2,60}?)(牵头负责|牵头|负责落实|负责实施|具体负责|负责)$")
_BY_CO = re.compile(r"^(.{2,60}?)(?:配合|参与|协助|协同)$")
_SENTENCE = re.compile(r"[^。；;！!\n]+")
_FIELD_END = frozenset("。\n")
_OPEN, _CLOSE = frozenset("（(“《"), frozenset("）)”》")
_NOTE_MAX = 600
_CLAUSE_SPLIT = re.compile(r"[，,；;。]")
_NOT_UNIT = re.compile(r"[为以的要将]|坚持|按照|根据|通过|^其[他余]")
_RULE_CLAUSE = re.compile(r"(?:以下|下同|不再列出|第一位|首位|排名第一)")
_CLAUSES: tuple[tuple[_Role, re.Pattern[str]], ...] = (
    (
        _Role.LEAD,
        re.compile(
            r"^(?:由)?(.+?)(?:共同|联合)?(?:牵头抓总|牵头|指导|主抓|抓总|主责|负总责"
            r"|为(?:牵头|主责|第一责任)单位)(?:负责|实施|落实)?$"
        ),
    ),
    (_Role.CO, re.compile(r"^(?:由)?(.+?)(?:配合|参与|协助|协同|协办)$")),
    (
        _Role.UNIT,
        re.compile(
            r"^(?:由)?(.+?)(?:按职责分工|按照职责分工|按职责|分别|共同|具体|各自)?(?:抓好|做好)?"
            r"(?:负责(?:落实|实施)?|落实|承担|实施|承办|为责任单位)$"
        ),
    ),
)
_TOGETHER = re.compile(r"会同|协同|联合")
"""``X会同Y负责``: X leads, Y shares the work."""
_UNIT_SPLIT = re.compile(r"[、，,;；/／\s]+")
_ROLE_NOTE = re.compile(r"^(.{2,}?)(牵头|配合|参与|协助|协同|协办)$")
"""A unit in a labelled list that states its own role (``承办单位：X，Y配合``)."""
_LEAD_NOTE = re.compile(r"[（(](?:牵头|牵头单位)[）)]$")
_FIRST_LEADS = re.compile(r"(?:第一|首)(?:位|个)?[^，。；\n]{0,8}?(?:为|是)牵头")
_UNIT_MAX = 30
_PERSON = re.compile(
    r"(?:书记|县长|市长|区长|镇长|乡长|省长|主任|部长|局长|厅长|常委|秘书长|主席|同志)"
    r"[\u4e00-\u9fffX×*]{0,3}$"
)
"""A leader written among units: 常务副县长张XX, 县委常委."""


@dataclass(frozen=True, slots=True)
class Owners:
    """Responsibility as written for one item."""

    lead_leader: str | None = None
    lead_units: tuple[str, ...] = ()
    units: tuple[str, ...] = ()
    co_units: tuple[str, ...] = ()

    def is_empty(self) -> bool:
        """Whether nothing about responsibility was found."""
        return not (self.lead_leader or self.lead_units or self.units or self.co_units)

    def or_else(self, fallback: Owners) -> Owners:
        """These owners, or ``fallback`` when none were found here."""
        return fallback if self.is_empty() else self


def first_listed_leads(text: str) -> bool:
    """Whether the document says the unit listed first leads (列第一位者为牵头单位)."""
    return _FIRST_LEADS.search(text) is not None


def extract_owners(text: str, *, first_leads: bool = False) -> Owners:
    """Owners named in ``text`` (labelled fields and bracketed clause notes)."""
    found: dict[_Role, list[str]] = {role: [] for role in _Role}
    plain = simplified(text)
    _labelled(plain, found)
    for start, end in bracket_notes(plain):
        inner = plain[start:end]
        if _LABEL_RE.search(inner) is None:
            first_leads = (_clauses(inner, found) and first_listed_leads(inner)) or first_leads
        else:  # （县发改局牵头；完成时限：6月底前）: the unlabelled parts are clauses still
            for part in re.split(r"[；;]", inner):
                if _LABEL_RE.search(part) is None:
                    _clauses(part, found)
    if all(not names for names in found.values()):
        _by_clauses(plain, found)
    if plain != text:
        found = {
            role: [_as_written(name, plain, text) for name in names]
            for role, names in found.items()
        }
    return finalise(
        leaders=found[_Role.LEADER],
        leads=found[_Role.LEAD],
        units=found[_Role.UNIT],
        co_units=found[_Role.CO],
        first_leads=first_leads,
    )


_BY_OPEN = re.compile(r"^(?:[^，,]{0,8}?)由(.{2,40}?)(牵头|负责)(?!单位|部门)(?=\S)")


def _by_clause(clause: str) -> tuple[list[str], str] | None:
    """The units and the verb of one owner clause ``由X牵头`` / ``由X负责``, whether the clause
    ends there or goes on (``会议同意由XX镇人民政府负责征地拆迁工作``). Without 由 a unit
    is only the subject (``县发改局牵头抓总``, ``县林业局要…``) and names no owner."""
    match = _BY.match(clause)
    if match is not None:
        return split_units(match.group(1)), match.group(2)
    match = _BY_OPEN.match(clause)
    if match is None:
        return None
    units = split_units(match.group(1))
    if units and all(_ORG_END.search(unit) and _UNIT_START.match(unit) for unit in units):
        return units, match.group(2)
    return None


def _by_clauses(text: str, found: dict[_Role, list[str]]) -> None:
    """Unbracketed owner clauses of a sentence: ``由X牵头，Y配合``, ``由X负责…``."""
    for sentence in _SENTENCE.finditer(text):
        clauses = [c.strip(" \t\u3000") for c in _CLAUSE_SPLIT.split(sentence.group(0))]
        for index, clause in enumerate(clauses):
            owner = _by_clause(clause)
            if owner is None:
                continue
            units, verb = owner
            if not units or any(_NOT_UNIT.search(u) or len(u) > _UNIT_MAX for u in units):
                continue
            found[_Role.LEAD if "牵头" in verb else _Role.UNIT].extend(units)
            for following in clauses[index + 1 : index + 2]:
                co = _BY_CO.match(following)
                co_units = split_units(co.group(1)) if co else []
                if co_units and not any(_NOT_UNIT.search(u) for u in co_units):
                    found[_Role.CO].extend(co_units)
            return


def _as_written(name: str, plain: str, text: str) -> str:
    """A name read from the simplified text, in the characters the document uses."""
    at = plain.find(name)
    return text[at : at + len(name)] if at >= 0 else name


def bracket_notes(text: str) -> list[tuple[int, int]]:
    """Spans of the insides of outermost bracketed notes ``（…）``, nested brackets included.

    A note may wrap over lines; an opening bracket never closed, or a note longer than
    :data:`_NOTE_MAX`, does not hide the notes inside it.
    """
    opened: list[int] = []
    pairs: list[tuple[int, int]] = []
    for index, ch in enumerate(text):
        if ch in "（(":
            opened.append(index + 1)
        elif ch in "）)" and opened:
            start = opened.pop()
            if 2 <= index - start <= _NOTE_MAX:
                pairs.append((start, index))
    pairs.sort()
    outermost: list[tuple[int, int]] = []
    reach = -1
    for start, end in pairs:
        if end > reach:
            outermost.append((start, end))
            reach = end
    return outermost


_ABOVE_BY = re.compile(
    r"^(?:以上|上述)(?:各项|几项|\d{1,2}项|[二三四五六七八九十]项)?(?:任务|工作|事项|措施|内容)?"
    r"(?:均|统一|分别)?由"
)
"""``以上任务由X负责`` closing a group of items: the owner note of every item above it."""


def is_owner_line(line: str) -> bool:
    """Whether a whole line only states owners or a deadline (e.g. ``责任单位：县财政局``, or
    ``以上任务由县财政局负责``, closing the items above it)."""
    line = simplified(line)
    inner = line.strip("（）() \t\u3000。")
    if first_listed_leads(inner) and not _clauses(inner, {role: [] for role in _Role}):
        return False
    if _LABEL_RE.match(inner):
        return True
    above = _ABOVE_BY.match(inner)
    if above and "。" not in inner:
        return _clauses("由" + inner[above.end() :], {role: [] for role in _Role})
    if not (line.startswith(("（", "(")) and line.endswith(("）", ")", "）。", ")。"))):
        return False
    found: dict[_Role, list[str]] = {role: [] for role in _Role}
    return _clauses(inner, found) and "。" not in inner


def has_owner_note(text: str) -> bool:
    """Whether a text carries a bracketed owner note of its own (``（X负责，6月底前完成）``)."""
    return any(is_owner_line(f"（{text[start:end]}）") for start, end in bracket_notes(text))


def finalise(
    *,
    leaders: list[str] | tuple[str, ...],
    leads: list[str] | tuple[str, ...],
    units: list[str] | tuple[str, ...],
    co_units: list[str] | tuple[str, ...],
    first_leads: bool,
) -> Owners:
    """Build :class:`Owners`, applying the lead rules.

    Units marked ``（牵头）`` lead; with the first-listed rule the first responsible unit
    leads; a single responsible unit with no lead named is the lead.
    """
    people = [name for name in (*leads, *units, *co_units) if _PERSON.search(name)]
    leaders = [*leaders, *people]
    leads = [name for name in leads if name not in people]
    co_units = [name for name in co_units if name not in people]
    lead_list = _dedupe(leads)
    unit_list: list[str] = []
    for unit in (name for name in _dedupe(units) if name not in people):
        if _LEAD_NOTE.search(unit):
            lead_list.append(_LEAD_NOTE.sub("", unit))
        else:
            unit_list.append(unit)
    if not lead_list and unit_list and (first_leads or len(unit_list) == 1):
        lead_list, unit_list = unit_list[:1], unit_list[1:]
    lead_units = tuple(_dedupe(lead_list))
    rest = tuple(u for u in unit_list if u not in lead_units)
    co = tuple(u for u in _dedupe(co_units) if u not in lead_units and u not in rest)
    return Owners("、".join(_dedupe(leaders)) or None, lead_units, rest, co)


_NAME = re.compile(r"[\u4e00-\u9fff·]{2,4}")
_ORG_END = re.compile(
    r"(?:局|委|办|院|厅|部|室|联|协|中心|公司|政府|街道|镇|乡|村|社区|所|站|队|会|处|科|股|组|馆"
    r"|团|行|司|区|县|市|省|队|段|场|台|社|校|园|署|关|庭|监)$"
)
_UNIT_WITH_PERSON = re.compile(r"^(.+?)[（(]([\u4e00-\u9fff·]{2,4})[）)]$")


_UNIT_START = re.compile(r"^(?:县|市|区|镇|乡|省|州|盟|旗|各|街道|国家|中共|共青团|团|XX|X{1,3})")
_UNIT_NAME = re.compile(r"^[\u4e00-\u9fffA-Za-z0-9（）()、·]{3,30}$")
_VERBS = re.compile(r"推进|加强|加快|提升|建设|完善|深化|落实|开展|实施|强化|做好|抓好|推动|优化")


def is_unit_name(text: str) -> bool:
    """Whether ``text`` is just the name of a unit (``县商务局``, ``各乡镇（街道）``), as the
    headings of a plan laid out by unit are."""
    name = text.strip().rstrip("：:")
    if not _UNIT_NAME.match(name) or _VERBS.search(name):
        return False
    bare = re.sub(r"[（(][^（）()]*[）)]$", "", name)
    return bool(_UNIT_START.match(bare) and _ORG_END.search(bare))


_LEADING_TAG = re.compile(r"^[ \t\u3000]*(?:【([^】]{2,60})】|([^，,。；;：:【】]{2,60})[：:])")


def leading_owner(text: str) -> tuple[tuple[str, ...], int] | None:
    """Units named before an item's task (``【县发改局】加快…``, ``县发改局：加快…``) and where
    the task starts, or None when the item does not open with its units."""
    match = _LEADING_TAG.match(simplified(text))
    if match is None:
        return None
    group = 1 if match.group(1) else 2
    if not all(is_unit_name(unit) for unit in split_units(match.group(group)) or [""]):
        return None
    rest = match.end()
    while rest < len(text) and text[rest] in " \t\u3000":
        rest += 1
    if rest >= len(text):
        return None
    return tuple(split_units(text[match.start(group) : match.end(group)])), rest


def units_and_people(value: str) -> tuple[list[str], list[str]]:
    """The units and the people of a cell that names both (``县民政局\n孙丽``,
    ``县交通运输局（王勇）``): a short name with no unit ending is a person."""
    units: list[str] = []
    people: list[str] = []
    for piece in split_units(value):
        bracketed = _UNIT_WITH_PERSON.match(piece)
        if bracketed and not _ORG_END.search(bracketed.group(2)):
            units.append(bracketed.group(1))
            people.append(bracketed.group(2))
        elif _NAME.fullmatch(piece) and not _ORG_END.search(piece):
            people.append(piece)
        else:
            units.append(piece)
    return units, people


def split_units(value: str) -> list[str]:
    """Unit names in a list written with 、，；/ or spaces, without trailing 等."""
    units = []
    for piece in _split_top(value):
        unit = piece.strip(" \t\u3000。：:“”\"'")
        unit = re.sub(r"等(?:单位|部门|有关单位|相关单位)?$", "", unit) if len(unit) > 2 else unit
        if unit and len(unit) <= _UNIT_MAX:
            units.append(unit)
    return units


def _labelled(text: str, found: dict[_Role, list[str]]) -> None:
    matches = list(_LABEL_RE.finditer(text))
    for index, match in enumerate(matches):
        stop = matches[index + 1].start() if index + 1 < len(matches) else len(text)
        value = _field_value(text, match.end(), stop)
        role = _LABELS[match.group(1)]
        for unit in split_units(value):
            noted = _ROLE_NOTE.match(unit) if role is not _Role.LEADER else None
            if noted is None or _NOT_UNIT.search(noted.group(1)):
                found[role].append(unit)
            else:  # 承办单位：县医保局，县卫健局配合
                found[_Role.LEAD if noted.group(2) == "牵头" else _Role.CO].append(noted.group(1))


def _field_value(text: str, start: int, stop: int) -> str:
    depth = 0
    for index in range(start, stop):
        ch = text[index]
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            if depth == 0:
                return text[start:index]
            depth -= 1
        elif ch in _FIELD_END:
            return text[start:index]
    return text[start:stop]


def _clauses(content: str, found: dict[_Role, list[str]]) -> bool:
    hits: list[tuple[_Role, list[str]]] = []
    for clause in _CLAUSE_SPLIT.split(content):
        clause = clause.strip(" \t\u3000。")
        if _RULE_CLAUSE.search(clause):
            continue
        for role, pattern in _CLAUSES:
            match = pattern.match(clause)
            if match:
                first, *others = _TOGETHER.split(match.group(1), maxsplit=1)
                named = [(role, split_units(first))]
                if others and role is not _Role.CO:
                    named = [
                        (_Role.LEAD, split_units(first)),
                        (_Role.UNIT, split_units(others[0])),
                    ]
                if all(
                    units and all(len(u) <= _UNIT_MAX and not _NOT_UNIT.search(u) for u in units)
                    for _, units in named
                ):
                    hits.extend(named)
                break
    for role, units in hits:
        found[role].extend(units)
    return bool(hits)


def _split_top(value: str) -> list[str]:
    pieces: list[str] = []
    current: list[str] = []
    depth = 0
    for index, ch in enumerate(value):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        if ch == " " and _stray_space("".join(current), value[index + 1 :]):
            continue
        if depth == 0 and _UNIT_SPLIT.fullmatch(ch):
            pieces.append("".join(current))
            current = []
        else:
            current.append(ch)
    pieces.append("".join(current))
    return pieces


_FIRM_END = re.compile(
    r"(?:局|委|办|院|厅|部|室|中心|公司|政府|街道|队|会|处|科|股|馆|所|站|司|署|联|组)$"
)
_NEXT_PIECE = re.compile(r"^[^、，,;；/／\s]+")


def _stray_space(before: str, after: str) -> bool:
    """Whether a half-width space breaks one unit name in two (a scan read by OCR:
    ``县卫生 健康局``, ``县住房城乡 建设局``): the text before it ends no unit name for sure and
    the text after it, up to the next separator, ends a unit but does not open one."""
    following = _NEXT_PIECE.match(after)
    if not before or before.endswith((" ", "\u3000")) or following is None:
        return False
    piece = following.group(0)
    return (
        not _FIRM_END.search(before)
        and _ORG_END.search(piece) is not None
        and _UNIT_START.match(piece) is None
        and re.search(r"[\u4e00-\u9fff]$", before) is not None
    )


def _dedupe(items: list[str] | tuple[str, ...]) -> list[str]:
    return list(dict.fromkeys(item for item in items if item))
