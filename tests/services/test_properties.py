"""Property tests for the pure helpers: paging, typed lines, labelled text, unit matching,
reading typed report text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.domain.people import Role, Unit
from bot.domain.plan import Indicator
from bot.services.common.base import paginate
from bot.services.common.unitmatch import THRESHOLD, score
from bot.services.people.roster import parse_person_line
from bot.services.reporting.indicators import read_typed
from bot.services.reporting.parsing import split_labelled

HAN = st.text(
    alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF), min_size=2, max_size=6
)


@given(st.lists(st.integers(), max_size=60), st.integers(1, 12))
def test_pages_cover_every_item_once(items: list[int], size: int) -> None:
    """Walking the pages yields every item once, in order."""
    seen: list[int] = []
    page = paginate(items, 0, size)
    for number in range(page.pages):
        seen += paginate(items, number, size).items
    assert seen == items


@given(st.integers(-5, 50))
def test_page_number_is_clamped(number: int) -> None:
    """Any page number lands on an existing page."""
    page = paginate(list(range(25)), number, 10)
    assert 0 <= page.page < page.pages


@given(
    HAN,
    HAN,
    st.sampled_from(["责任人", "领导", "督办员", "official", "leader"]),
    st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True),
)
def test_typed_line_round_trip(name: str, unit: str, role: str, phone: str) -> None:
    """A line written as ``name unit role phone`` reads back as written."""
    row = parse_person_line(f"{name} {unit} {role} {phone}")
    assert (row.name, row.unit, row.phone) == (name, unit, phone)
    assert row.role in (Role.OFFICIAL, Role.LEADER, Role.LEAD)


@given(HAN, HAN)
def test_labelled_text_keeps_content(progress: str, problem: str) -> None:
    """Labelled parts come back whole in their fields."""
    parts = split_labelled(f"进展：{progress} 问题：{problem}")
    assert parts == {"progress_text": progress, "problems": problem}


@given(HAN)
def test_county_prefix_matches(name: str) -> None:
    """``县X`` in a plan matches a roster unit named ``X`` and the other way round."""
    assert score("县" + name, Unit("u", "t", name)) >= THRESHOLD
    assert score(name, Unit("u", "t", "县" + name)) >= THRESHOLD


LINES = st.lists(
    st.one_of(
        st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), max_size=30),
        st.builds(
            lambda n, v, u: f"{n} {v}{u}",
            HAN,
            st.integers(-5, 500),
            st.sampled_from(["", "个", "所", "亿元", "万元", "%", "人"]),
        ),
        st.builds(lambda v: f"进度 {v}%", st.integers(-5, 200)),
    ),
    min_size=1,
    max_size=6,
)
INDICATOR_SETS = st.lists(
    st.builds(Indicator, HAN, st.sampled_from([None, "个", "亿元", "人"])), max_size=3
)


@given(LINES, INDICATOR_SETS)
def test_typed_text_is_read_without_losing_a_line(
    lines: list[str], indicators: list[Indicator]
) -> None:
    """Every typed line is read (a value or the progress) or kept as text; nothing is lost."""
    text = "\n".join(lines)
    typed = read_typed(text, indicators)
    kept = (typed.rest or "").splitlines()
    unread_lines = [x for x in lines if x.strip() and x not in _read_lines(lines, indicators)]
    assert all(line.strip() in [k.strip() for k in kept] for line in unread_lines)
    assert len(typed.unread) <= len(kept)
    assert typed.progress is None or 0 <= typed.progress <= 100


def _read_lines(lines: list[str], indicators: list[Indicator]) -> set[str]:
    """The lines read as a value or a progress on their own."""
    return {
        line
        for line in lines
        if (one := read_typed(line, indicators)).rest is None and not one.unread
    }
