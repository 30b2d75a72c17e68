"""Property tests for the pure helpers: paging, typed lines, labelled text, unit matching."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.domain.people import Role, Unit
from bot.services.base import paginate
from bot.services.report_input import split_labelled
from bot.services.roster import parse_person_line
from bot.services.unitmatch import THRESHOLD, score

HAN = st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF), min_size=2,
              max_size=6)


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


@given(HAN, HAN, st.sampled_from(["责任人", "领导", "督办员", "official", "leader"]),
       st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True))
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
