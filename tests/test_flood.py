"""Reading Telegram's flood wait: one helper for the handlers' sends and the jobs' queue."""

from __future__ import annotations

import warnings
from datetime import timedelta

from telegram.error import RetryAfter
from telegram.warnings import PTBDeprecationWarning

import bot.outbox.retry
from bot.flood import retry_seconds


def flood(wait: int | timedelta) -> RetryAfter:
    """A RetryAfter as PTB builds it (its constructor itself warns about the int wait)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        return RetryAfter(wait)


def test_retry_seconds_reads_the_wait_without_warnings() -> None:
    """PTB 22's deprecation warning about the int wait is not raised (warnings are errors)."""
    assert retry_seconds(flood(7)) == 7.0


def test_retry_seconds_reads_a_timedelta() -> None:
    """With PTB 23's timedelta wait (PTB_TIMEDELTA=1) the seconds are the same."""
    assert retry_seconds(flood(timedelta(seconds=7))) == 7.0


def test_the_outbox_uses_the_one_helper() -> None:
    """Regression: the helper was defined twice (handlers/messaging and jobs/pacing)."""
    assert bot.outbox.retry.retry_seconds is retry_seconds
