"""Invite tokens and webhook secrets out of the logs, at every level, by their shape.

PTB logs at DEBUG every Bot API call with its parameters and every update it receives, so the
log would hold each personal invite token (the ``?start=<token>`` links the bot sends, the
``/start <token>`` each person sends back) and the webhook secret (``setWebhook``'s
``secret_token``, a random one when none is configured). :func:`redact` masks anything in those
shapes; :class:`bot.logs.LineFormatter` applies it to every line, next to the known secrets and
anything shaped like a bot token.
"""

from __future__ import annotations

import re

MASK = "**********"

#: Where a secret of unknown value sits: after ``start=`` (a deep link), after the ``/start``
#: command (joining), and as a ``secret_token`` parameter (repr or JSON).
_DEEP_LINK = re.compile(r"(?<=start=)[A-Za-z0-9_-]+")
_START = re.compile(r"(?<=/start )[A-Za-z0-9_-]+")
_SECRET_TOKEN = re.compile(r"""(?<=secret_token)(['"]?\s*[:=]\s*['"]?)[^'"\s,}&]+""")


def redact(text: str) -> str:
    """``text`` with every invite token and webhook secret masked."""
    text = _DEEP_LINK.sub(MASK, text)
    text = _START.sub(MASK, text)
    return _SECRET_TOKEN.sub(lambda m: m.group(1) + MASK, text)
