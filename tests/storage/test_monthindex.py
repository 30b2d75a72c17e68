"""A month's index: each group's positions in the order of the collection's own index."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from storage.monthindex import build_month_index, group_key, micros

START = datetime(2025, 3, 1, tzinfo=UTC)


@settings(max_examples=100, deadline=None)
@given(
    rows=st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=5),  # stamps repeat and go back and forth
            st.lists(st.sampled_from(["a", "b", None]), min_size=1, max_size=3),
        ),
        max_size=40,
    )
)
def test_groups_are_ordered_by_stamp_then_seq_whatever_the_stamps(
    rows: list[tuple[int, list[str | None]]],
) -> None:
    """Ordered groups list positions by (stamp, seq), unordered ones by seq; a repeated key
    files a document once and None files nothing."""
    entries = [
        (f"x{n}", 10 * n + 1, (START + timedelta(minutes=minute), tuple(keys)))
        for n, (minute, keys) in enumerate(rows)
    ]
    spans = [(n, 1) for n in range(len(entries))]
    keys_of: Any = lambda item: item[1]  # noqa: E731
    index = build_month_index(
        entries, spans, lambda item: item[0], [(keys_of, True), (keys_of, False)]
    )
    for number, ordered in ((0, True), (1, False)):
        groups = index.groups[number]
        for key in ("a", "b"):
            expected = [p for p, (_, keys) in enumerate(rows) if key in keys]
            if ordered:
                expected.sort(key=lambda p: (micros(entries[p][2][0]), entries[p][1]))
            found = groups.get(group_key(key))
            assert (list(found) if found is not None else []) == expected


def test_keys_that_differ_but_read_the_same_in_json_share_one_group_in_order() -> None:
    """Unequal keys with one JSON text (two NaNs) file their documents in one group, in
    order, as the sidecar can only name the text."""
    entries = [
        (f"x{n}", n + 1, (START + timedelta(minutes=5 - n), float("nan"))) for n in range(4)
    ]
    spans = [(n, 1) for n in range(4)]
    keys_of: Any = lambda item: (item[1],)  # noqa: E731
    index = build_month_index(
        entries, spans, lambda item: item[0], [(keys_of, True), (keys_of, False)]
    )
    assert list(index.groups[0].keys) == ["NaN"] == list(index.groups[1].keys)
    assert list(index.groups[0].get("NaN") or []) == [3, 2, 1, 0]  # by stamp
    assert list(index.groups[1].get("NaN") or []) == [0, 1, 2, 3]  # by seq
