"""Fixtures for the services tests."""

from __future__ import annotations

import pytest

from tests.factories.service_world import World, build_world


@pytest.fixture
def world() -> World:
    """A fresh world over a memory store."""
    return build_world()
