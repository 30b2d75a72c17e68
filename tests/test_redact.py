"""Secrets masked in log records: known values, invite tokens and webhook secrets by shape."""

from __future__ import annotations

import logging

import pytest

from bot.redact import MASK, Redact, redact

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


def test_a_record_is_masked_with_its_arguments_and_traceback() -> None:
    """The message with its arguments and the formatted traceback are both masked, the token's
    secret half too."""
    try:
        raise RuntimeError(f"POST https://api.example/bot{TOKEN}/getMe failed")
    except RuntimeError:
        import sys

        record = logging.LogRecord(
            "telegram", logging.DEBUG, __file__, 1, "call %s with %s", (TOKEN, "?start=abc"),
            sys.exc_info(),
        )
    assert Redact([TOKEN]).filter(record)
    assert record.getMessage() == f"call {MASK} with ?start={MASK}"
    assert record.exc_text is not None
    assert "ABCDEFGHIJ" not in record.exc_text
    assert MASK in record.exc_text
