"""Reading /history's words: dates, tasks, people, units and sections (record_query)."""

from __future__ import annotations

from datetime import datetime

import pytest

from bot.domain.people import Person, Role, Unit
from bot.domain.plan import Measure
from bot.services.tasks.record_query import DEFAULT_DAYS, parse_history
from tests.factories.service_world import TZ

NOW = datetime(2026, 11, 20, 10, tzinfo=TZ)


def _day(year: int, month: int, day: int) -> datetime:
    return datetime(year, month, day, tzinfo=TZ)


PEOPLE = (Person("p1", "t", "张三", Role.OFFICIAL), Person("p2", "t", "张三丰", Role.OFFICIAL))
UNITS = (Unit("u1", "t", "县交通运输局"), Unit("u2", "t", "县财政局"))
MEASURES = (
    Measure("Mab12", "pl", "修路", "修路", section="一、基础设施", position=1),
    Measure("Mcd34", "pl", "建校", "建校", section="二、民生保障", position=2),
)


def _parse(*words: str) -> object:
    return parse_history(words, now=NOW, people=PEOPLE, units=UNITS, measures=MEASURES)


@pytest.mark.parametrize(
    ("word", "start", "end"),
    [
        ("2026-11-01..2026-11-30", _day(2026, 11, 1), _day(2026, 12, 1)),
        ("2026-11-30..2026-11-01", _day(2026, 11, 1), _day(2026, 12, 1)),
        ("2026-11-05", _day(2026, 11, 5), _day(2026, 11, 6)),
        ("2026-12", _day(2026, 12, 1), _day(2027, 1, 1)),
    ],
)
def test_dates_give_the_window(word: str, start: datetime, end: datetime) -> None:
    """A range (either order), one day or one month is a half-open window."""
    query = _parse(word)
    assert (query.start, query.end) == (start, end)  # type: ignore[attr-defined]


def test_without_dates_the_window_is_the_last_days() -> None:
    """No dates: the last DEFAULT_DAYS days up to now."""
    query = _parse()
    assert (NOW - query.start).days == DEFAULT_DAYS  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("word", "kind", "ids"),
    [
        ("张三", "people", {"p1"}),  # the exact name, not 张三丰
        ("交通", "units", {"u1"}),
        ("第二部分", "sections", {"二、民生保障"}),
        ("民生", "sections", {"二、民生保障"}),
        ("1", "measures", {"Mab12"}),
        ("#mcd34", "measures", {"Mcd34"}),
    ],
)
def test_each_word_is_a_filter_of_its_kind(word: str, kind: str, ids: set[str]) -> None:
    """Names, units, sections (by place or part of the name) and tasks are recognised."""
    assert getattr(_parse(word), kind) == ids


def test_an_unknown_word_is_named_back() -> None:
    """A word that matches nothing is reported, not ignored."""
    assert _parse("张三", "第九部分", "铁路").unknown == ("第九部分", "铁路")  # type: ignore[attr-defined]
