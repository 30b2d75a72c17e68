"""Contract: any text a user can send is stored and read back exactly, on every adapter."""

from __future__ import annotations

from bot.domain.ports import Store
from tests.factories import entities as f
from tests.storage.store_backends import Reopen

ODD_TEXTS = [
    "县督查室",
    "nul\x00inside",
    "emoji 😀🇨🇳 and combining é",
    'quotes " \' \\ and json {"a": [1]}',
    "line\nbreak\ttab\u2028separator\r",
    "x" * 5000,
]


def test_any_text_round_trips_exactly(store: Store, reopen: Reopen) -> None:
    """Control characters, NUL, emoji, quotes and long texts come back unchanged."""
    teams = [f.team(name=text) for text in ODD_TEXTS]
    for team in teams:
        store.teams.save(team)
    assert reopen().teams.all() == tuple(teams)
