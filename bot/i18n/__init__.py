"""Message catalogs: Chinese by default, English per user.

Each feature keeps its texts in its own catalog module (``bot/i18n/<feature>.py``) holding
``CATALOG = {"zh": {...}, "en": {...}}`` and registers it in ``CATALOG_MODULES`` below. Keys are
dotted (``"onboard.welcome"``); values are ``str.format`` templates. Arguments that come from users
or documents must be HTML-escaped by the caller (renderers do it), since messages use HTML.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from functools import cache

LANGUAGES: tuple[str, ...] = ("zh", "en")
DEFAULT_LANGUAGE = "zh"

CATALOG_MODULES: tuple[str, ...] = (
    "bot.i18n.catalog.errors",
    "bot.i18n.catalog.chat",
    "bot.i18n.catalog.chat_work",
    "bot.i18n.catalog.rhythm",
    "bot.i18n.catalog.rhythm_chat",
    "bot.i18n.catalog.guide",
    "bot.i18n.catalog.demo",
    "bot.i18n.catalog.records",
    "bot.i18n.catalog.importer",
    "bot.i18n.catalog.extensions",
    "bot.i18n.catalog.watch",
)


@cache
def _catalogs() -> Mapping[str, Mapping[str, str]]:
    merged: dict[str, dict[str, str]] = {lang: {} for lang in LANGUAGES}
    for name in CATALOG_MODULES:
        catalog: Mapping[str, Mapping[str, str]] = importlib.import_module(name).CATALOG
        for lang, texts in catalog.items():
            clash = merged[lang].keys() & texts.keys()
            if clash:
                raise RuntimeError(f"duplicate message keys in {name}: {sorted(clash)}")
            merged[lang].update(texts)
    return merged


def normalize_language(code: str | None) -> str:
    """Map a Telegram ``language_code`` or setting (``zh-hans``, ``en-US``) to a supported one."""
    if not code:
        return DEFAULT_LANGUAGE
    base = code.lower().replace("_", "-").split("-")[0]
    return base if base in LANGUAGES else DEFAULT_LANGUAGE


def t(key: str, lang: str | None = None, /, **kwargs: object) -> str:
    """The text for ``key`` in ``lang`` (falling back to Chinese), formatted with ``kwargs``."""
    catalogs = _catalogs()
    language = normalize_language(lang)
    template = catalogs[language].get(key) or catalogs[DEFAULT_LANGUAGE].get(key)
    if template is None:
        raise KeyError(f"no message {key!r}")
    return template.format(**kwargs) if kwargs else template


def catalog_keys(lang: str | None = None) -> frozenset[str]:
    """Every message key of a language (to render optional texts only where they exist)."""
    return frozenset(_catalogs()[normalize_language(lang)])
