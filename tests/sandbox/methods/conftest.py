"""Fixtures shared by the Bot API method tests."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from telegram import Bot

from sandbox import Sandbox
from sandbox.testing import bot_for


@pytest.fixture
async def bot(sandbox: Sandbox) -> AsyncIterator[Bot]:
    """A PTB bot connected to the sandbox."""
    async with bot_for(sandbox) as client:
        yield client
