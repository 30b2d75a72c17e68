"""Logging an operator can use: stdout, one record per line, local time, secrets masked.

``DUBAN_LOG_FORMAT=text`` (default) writes ``2024-07-25T09:00:00.123+08:00 INFO duban: ...``;
``json`` writes one JSON object per line (``time``, ``level``, ``logger``, ``message`` and,
for an error, ``exception`` with the traceback) for a log collector. Timestamps are in the
deployment's time zone (``DUBAN_TIMEZONE``), the one the schedules run on. Every secret handed
to :func:`configure_logging` (the token, a proxy password) is replaced by stars in the whole
line, traceback included, and anything shaped like a bot token, an invite token or a webhook
secret (:mod:`bot.redact`) is masked too.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterable
from datetime import UTC, datetime, tzinfo
from typing import IO

from bot.config import mask_tokens
from bot.redact import redact

MASK = "**********"


class LineFormatter(logging.Formatter):
    """One record per line, timestamped in ``tz``, with ``secrets`` masked."""

    def __init__(self, tz: tzinfo | None, secrets: Iterable[str] = (), *, as_json: bool) -> None:
        super().__init__()
        self._tz = tz or datetime.now(UTC).astimezone().tzinfo  # default: the machine's zone
        self._secrets = sorted({s for s in secrets if s}, key=len, reverse=True)
        self._json = as_json

    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:
        """ISO 8601 with milliseconds and the zone's offset."""
        moment = datetime.fromtimestamp(record.created, tz=self._tz)
        return moment.isoformat(timespec="milliseconds")

    def format(self, record: logging.LogRecord) -> str:
        """The record as text or JSON, masked."""
        message = record.getMessage()
        error = self.formatException(record.exc_info) if record.exc_info else None
        if self._json:
            fields = {
                "time": self.formatTime(record),
                "level": record.levelname,
                "logger": record.name,
                "message": message,
            }
            if error:
                fields["exception"] = error
            line = json.dumps(fields, ensure_ascii=False)
        else:
            line = f"{self.formatTime(record)} {record.levelname} {record.name}: {message}"
            if error:
                line = f"{line}\n{error}"
        return self.mask(line)

    def mask(self, text: str) -> str:
        """``text`` without any secret."""
        for secret in self._secrets:
            text = text.replace(secret, MASK)
        return redact(mask_tokens(text))  # invite tokens and webhook secrets by their shape


def configure_logging(
    level: str,
    secrets: Iterable[str] = (),
    *,
    fmt: str = "text",
    tz: tzinfo | None = None,
    stream: IO[str] | None = None,
) -> logging.Handler:
    """Send every record at ``level`` or above to stdout (or ``stream``), formatted as above.
    httpx and httpcore (which log request URLs, token included) are kept at WARNING, and so is
    APScheduler (two lines per job run; Duban logs what its jobs change itself)."""
    handler = logging.StreamHandler(stream if stream is not None else sys.stdout)
    handler.setFormatter(LineFormatter(tz, secrets, as_json=fmt == "json"))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level.upper())
    for noisy in ("httpx", "httpcore", "apscheduler"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    return handler
