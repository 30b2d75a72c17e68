"""Secrets out of the logs, at every level.

PTB logs at DEBUG every Bot API call with its parameters and every update it receives, so the
log would hold the bot token (in base URLs), each personal invite token (the ``?start=<token>``
links the bot sends, the ``/start <token>`` each person sends back) and the webhook secret
(``setWebhook``'s ``secret_token``). :class:`Redact`, on every handler of the root logger,
replaces the known secrets and anything in the shape of those three by ``**********``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable

MASK = "**********"

#: Where a secret of unknown value sits: after ``start=`` (a deep link), after the ``/start``
#: command (joining), and as a ``secret_token`` parameter (repr or JSON).
PATTERNS = (
    re.compile(r"(?<=start=)[A-Za-z0-9_-]+"),
    re.compile(r"(?<=/start )[A-Za-z0-9_-]+"),
    re.compile(r"""(?<=secret_token)(['"]?\s*[:=]\s*['"]?)[^'"\s,}&]+"""),
)


def redact(text: str, secrets: Iterable[str] = ()) -> str:
    """``text`` with the given secrets and every invite token or webhook secret masked."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, MASK)
    text = PATTERNS[0].sub(MASK, text)
    text = PATTERNS[1].sub(MASK, text)
    return PATTERNS[2].sub(lambda m: m.group(1) + MASK, text)


class Redact(logging.Filter):
    """Masks secrets in every record passing a handler: the message with its arguments, and the
    traceback (which may quote a request URL or an update)."""

    def __init__(self, secrets: Iterable[str]) -> None:
        super().__init__()
        known = [secret for secret in secrets if secret]
        # the token's secret half too: a URL or error may show it without the bot id
        self._secrets = [*known, *(s.partition(":")[2] for s in known if ":" in s)]

    def filter(self, record: logging.LogRecord) -> bool:
        text = record.getMessage()
        masked = redact(text, self._secrets)
        if masked != text:
            record.msg, record.args = masked, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text, self._secrets)
        return True
