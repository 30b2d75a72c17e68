"""Reading ``/history``'s arguments: filters by person, unit, section, task and a date range.

Syntax (documented in the lead's guide): ``/history [filter…] [dates]``. Each word is, in this
order: a date range ``2026-11-01..2026-11-30``, one day ``2026-11-05`` or one month
``2026-11``; a task's number or id (``3``, ``#M3f2a``); a person's exact name; a unit's name
or part of it (``交通局`` for 县交通局); a section by its place (``第二部分``, ``第二板块``) or
part of its name. Filters of one kind widen (either person), different kinds narrow (this person in
this section). A word that is none of these is named back with the usage.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo

from bot.domain.people import Person, Unit
from bot.domain.plan import Measure

#: Without dates, /history lists this many days back.
DEFAULT_DAYS = 30
_DAY = r"(\d{4})-(\d{1,2})-(\d{1,2})"
_RANGE = re.compile(rf"{_DAY}(?:\.\.|~|—|至){_DAY}")
_ONE_DAY = re.compile(rf"{_DAY}")
_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
_PLACE = re.compile(r"第([一二三四五六七八九十]+|\d+)(?:部分|板块|项)?")
_TASK = re.compile(r"#?[A-Za-z]\w{3,}|\d{1,4}")
_NUMERALS = {c: n for n, c in enumerate("一二三四五六七八九", start=1)}


@dataclass(frozen=True, slots=True)
class HistoryQuery:
    """What ``/history`` asks for: a window and filters (empty: no filter of that kind)."""

    start: datetime
    end: datetime  # exclusive
    people: frozenset[str] = field(default_factory=frozenset)
    units: frozenset[str] = field(default_factory=frozenset)
    sections: frozenset[str] = field(default_factory=frozenset)
    measures: frozenset[str] = field(default_factory=frozenset)
    unknown: tuple[str, ...] = ()


def parse_history(
    words: Sequence[str],
    *,
    now: datetime,
    people: Sequence[Person],
    units: Sequence[Unit],
    measures: Sequence[Measure],
) -> HistoryQuery:
    """The query the words describe (``measures``: the team's active ones, in plan order)."""
    zone = now.tzinfo
    assert zone is not None  # the clock gives aware times
    window: tuple[datetime, datetime] | None = None
    found: dict[str, set[str]] = {"p": set(), "u": set(), "s": set(), "m": set()}
    unknown: list[str] = []
    sections = list(dict.fromkeys(m.section for m in measures if m.section))
    for word in (w.strip() for w in words if w.strip()):
        dates = _window(word, zone)
        if dates is not None:
            window = dates
            continue
        kind, ids = _match(word, people, units, sections, measures)
        if kind is None:
            unknown.append(word)
        else:
            found[kind] |= ids
    if window is None:
        window = (now - timedelta(days=DEFAULT_DAYS), now + timedelta(microseconds=1))
    return HistoryQuery(
        window[0],
        window[1],
        frozenset(found["p"]),
        frozenset(found["u"]),
        frozenset(found["s"]),
        frozenset(found["m"]),
        tuple(unknown),
    )


def _window(word: str, zone: tzinfo) -> tuple[datetime, datetime] | None:
    try:
        if (m := _RANGE.fullmatch(word)) is not None:
            first = date(int(m[1]), int(m[2]), int(m[3]))
            last = date(int(m[4]), int(m[5]), int(m[6]))
            return _at(min(first, last), zone), _at(max(first, last) + timedelta(days=1), zone)
        if (m := _ONE_DAY.fullmatch(word)) is not None:
            day = date(int(m[1]), int(m[2]), int(m[3]))
            return _at(day, zone), _at(day + timedelta(days=1), zone)
        if (m := _MONTH.fullmatch(word)) is not None:
            first = date(int(m[1]), int(m[2]), 1)
            following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return _at(first, zone), _at(following, zone)
    except ValueError:
        return None
    return None


def _at(day: date, zone: tzinfo) -> datetime:
    return datetime.combine(day, time(), zone)


def _match(
    word: str,
    people: Sequence[Person],
    units: Sequence[Unit],
    sections: Sequence[str],
    measures: Sequence[Measure],
) -> tuple[str | None, set[str]]:
    place = _PLACE.fullmatch(word)
    if place is not None:
        n = _number(place[1])
        return ("s", {sections[n - 1]}) if 1 <= n <= len(sections) else (None, set())
    if _TASK.fullmatch(word):
        key = word.lstrip("#").lower()
        if key.isdigit() and 1 <= int(key) <= len(measures):
            return "m", {measures[int(key) - 1].id}
        ids = {m.id for m in measures if m.id.lower() == key}
        if ids:
            return "m", ids
    named = {p.id for p in people if p.name == word}
    if named:
        return "p", named
    unit_ids = {u.id for u in units if word in u.name}
    if unit_ids:
        return "u", unit_ids
    parts = {s for s in sections if word in s}
    if parts:
        return "s", parts
    return None, set()


def _number(text: str) -> int:
    if text.isdigit():
        return int(text)
    if text == "十":
        return 10
    tens, _, ones = text.partition("十")
    if "十" in text:
        return 10 * (_NUMERALS.get(tens, 1) if tens else 1) + _NUMERALS.get(ones, 0)
    return _NUMERALS.get(text, 0)
