"""Telegram's flood control (429 ``RetryAfter``): how long it asks to wait, and how long is too
long. Used by the outbox (:mod:`bot.outbox.retry`), through which every message leaves.
"""

from __future__ import annotations

import warnings
from datetime import timedelta

from telegram.error import RetryAfter
from telegram.warnings import PTBDeprecationWarning

MAX_RETRY_WAIT = 30.0  # seconds; a longer flood wait is given up (the caller may try later)


def retry_seconds(exc: RetryAfter) -> float:
    """How long Telegram asks to wait, whether PTB gives an int or a timedelta."""
    with warnings.catch_warnings():
        # PTB 22 warns that the int will become a timedelta (PTB 23); both are handled here
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value = exc.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)
