"""Secrets masked in log records: known values, invite tokens and webhook secrets by shape."""

from __future__ import annotations

import io
import logging

import pytest

from bot.logs import configure_logging
from bot.redact import MASK, redact

TOKEN = "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdef"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("https://t.me/duban_bot?start=Z1e8YIzmi33210X-", f"https://t.me/duban_bot?start={MASK}"),
        ('"text": "/start _rCtO_4zClpcf4fs"', f'"text": "/start {MASK}"'),
        ("text='/start abc-DEF_123'", f"text='/start {MASK}'"),
        ("{'secret_token': 'wh-s3cret'}", f"{{'secret_token': '{MASK}'}}"),
        ('{"secret_token":"wh-s3cret"}', f'{{"secret_token":"{MASK}"}}'),
        ("secret_token=abc&url=x", f"secret_token={MASK}&url=x"),
        ("/start", "/start"),
        ("正常推进 /help", "正常推进 /help"),
    ],
)
def test_secrets_are_masked_by_their_shape(text: str, expected: str) -> None:
    """Deep links, /start commands and secret_token parameters lose their secret; other text
    is kept."""
    assert redact(text) == expected


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_log_lines_hide_invite_tokens_at_debug(fmt: str) -> None:
    """Every line the bot writes, DEBUG included and traceback included, has invite tokens and
    the webhook secret masked, whatever the format."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    stream = io.StringIO()
    try:
        configure_logging("DEBUG", [TOKEN], fmt=fmt, stream=stream)
        log = logging.getLogger("telegram.ext.ExtBot")
        log.debug("Calling `setWebhook` with `%s`", {"secret_token": "wh-s3cret-9"})
        try:
            raise ValueError("text='/start Z1e8YIzmi33210X-'")
        except ValueError:
            log.exception("sent ?start=_rCtO_4zClpcf4fs")
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)
    text = stream.getvalue()
    assert MASK in text
    for secret in ("wh-s3cret-9", "Z1e8YIzmi33210X-", "_rCtO_4zClpcf4fs"):
        assert secret not in text
