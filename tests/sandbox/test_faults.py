"""Tests for seeded fault injection."""

from __future__ import annotations

from collections import Counter

import pytest

from bot.sandbox.faults import Fault, FaultConfig, FaultInjector


def test_same_seed_same_faults() -> None:
    """Two injectors with the same seed draw the same sequence."""
    config = FaultConfig(seed=7, internal_error=0.2, drop_after=0.2, delay=0.1)
    first, second = FaultInjector(config), FaultInjector(config)
    assert [first.draw("sendMessage") for _ in range(50)] == [
        second.draw("sendMessage") for _ in range(50)
    ]


def test_shares_are_roughly_respected() -> None:
    """Over many draws each fault appears about as often as configured."""
    injector = FaultInjector(FaultConfig(seed=1, bad_gateway=0.25, drop_before=0.25))
    drawn = Counter(injector.draw("getMe") for _ in range(4000))
    assert 800 < drawn[Fault.BAD_GATEWAY] < 1200
    assert 800 < drawn[Fault.DROP_BEFORE] < 1200
    assert drawn[Fault.INTERNAL_ERROR] == 0


def test_methods_filter_is_case_insensitive() -> None:
    """Only the listed methods get faults."""
    injector = FaultInjector(FaultConfig(internal_error=1.0, methods=frozenset({"sendMessage"})))
    assert injector.draw("SENDMESSAGE") is Fault.INTERNAL_ERROR
    assert injector.draw("getMe") is None


def test_shares_over_one_are_refused() -> None:
    """A configuration whose shares add up to more than 1 is an error."""
    with pytest.raises(ValueError, match="add up"):
        FaultConfig(internal_error=0.6, delay=0.6)


def test_no_config_means_no_faults() -> None:
    """An injector without a configuration never injects."""
    assert {FaultInjector().draw("sendMessage") for _ in range(100)} == {None}
