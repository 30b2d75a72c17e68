"""The chat's message catalogs: complete in both languages and matching every error code."""

from __future__ import annotations

import string

import pytest

from bot.i18n import _catalogs
from bot.render.common import render_error
from bot.services.common.errors import CODES, InvalidInput


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_service_error_code_has_both_texts() -> None:
    """Each code in bot/services/common/errors.py is explained in Chinese and English."""
    catalogs = _catalogs()
    for code in CODES:
        assert code in catalogs["zh"], code
        assert code in catalogs["en"], code


def test_languages_have_the_same_keys() -> None:
    """Chinese and English catalogs define exactly the same messages."""
    catalogs = _catalogs()
    assert set(catalogs["zh"]) == set(catalogs["en"])


def test_placeholders_match_across_languages() -> None:
    """A message takes the same arguments in both languages."""
    catalogs = _catalogs()
    for key, zh in catalogs["zh"].items():
        assert _fields(zh) == _fields(catalogs["en"][key]), key


@pytest.mark.parametrize("code", sorted(CODES))
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_error_texts_render_and_escape(code: str, lang: str) -> None:
    """Every error renders with hostile parameters escaped, or with none at all."""
    hostile = dict.fromkeys(_fields(_catalogs()[lang][code]), "<b>&x")
    text = render_error(InvalidInput(code, **hostile), lang).text
    assert "<b>&x" not in text
    assert render_error(InvalidInput(code), lang).text
