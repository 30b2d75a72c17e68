"""Stable, short measure ids."""

from __future__ import annotations

from bot.importer.ids import assign_ids, new_id, normalise_title


def test_ids_are_deterministic_and_short() -> None:
    """The same section and title always give the same M + 4 hex id."""
    first = new_id(3, "一产转型升级")
    assert first == new_id(3, "一产转型升级")
    assert first.startswith("M")
    assert len(first) == 5
    assert first.isascii()


def test_punctuation_and_spacing_do_not_change_the_id() -> None:
    """Titles that differ only in punctuation or white space share an id."""
    assert new_id(0, "打好信访化解“组合拳”") == new_id(0, "打好信访化解 组合拳")


def test_section_changes_the_id() -> None:
    """The same title in two sections gets two ids."""
    assert new_id(0, "加强组织领导") != new_id(1, "加强组织领导")


def test_duplicates_and_collisions_get_distinct_ids() -> None:
    """Identical (section, title) pairs and taken ids never collide within a plan."""
    ids = assign_ids([(0, "同一标题")] * 50)
    assert len(set(ids)) == 50
    taken = {new_id(0, "甲")}
    assert new_id(0, "甲", taken) not in taken


def test_many_measures_stay_unique() -> None:
    """A thousand measures in one plan all get unique ids."""
    ids = assign_ids((i // 10, f"措施{i}") for i in range(1000))
    assert len(set(ids)) == 1000


def test_normalise_title() -> None:
    """Normalised titles drop punctuation and white space."""
    assert normalise_title("“组合拳”, 打好！") == "组合拳打好"
