"""Message catalogs: Chinese by default, English per user.

Each concept keeps its texts in its own catalog module (``bot/i18n/catalog/<concept>.py``)
holding ``CATALOG = {"zh": {...}, "en": {...}}``; every module of that package is loaded. Keys are
dotted (``"closeout.submitted"``), and all keys of one prefix (the part before the first dot) live
in one module, so a text is found where its concept is. Values are ``str.format`` templates;
a count's noun takes its form from the count with ``{count:task|tasks}`` (the first form for
1, the second otherwise: ``{count} {count:task|tasks}``), as English needs and Chinese does not.
Arguments that come from users or documents must be HTML-escaped by the caller (renderers do
it), since messages use HTML.
"""

from __future__ import annotations

import importlib
import pkgutil
import string
from collections.abc import Mapping
from functools import cache

LANGUAGES: tuple[str, ...] = ("zh", "en")
DEFAULT_LANGUAGE = "zh"

CATALOG_PACKAGE = "bot.i18n.catalog"


def catalog_modules() -> tuple[str, ...]:
    """The catalog modules, one per concept: every module of :data:`CATALOG_PACKAGE`."""
    package = importlib.import_module(CATALOG_PACKAGE)
    names = sorted(info.name for info in pkgutil.iter_modules(package.__path__))
    return tuple(f"{CATALOG_PACKAGE}.{name}" for name in names)


@cache
def _catalogs() -> Mapping[str, Mapping[str, str]]:
    merged: dict[str, dict[str, str]] = {lang: {} for lang in LANGUAGES}
    for name in catalog_modules():
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


class _Counted(string.Formatter):
    """``str.format``, and ``{n:one|many}`` gives ``one`` when ``n`` is 1, else ``many``."""

    def format_field(self, value: object, format_spec: str) -> str:
        if "|" in format_spec:
            one, many = format_spec.split("|", 1)
            return one if str(value).strip() == "1" else many
        return str(super().format_field(value, format_spec))


_COUNTED = _Counted()


def fill(template: str, /, **kwargs: object) -> str:
    """A catalog template with its arguments (a count's noun in the form its count needs)."""
    if "|" in template and ":" in template:
        return _COUNTED.vformat(template, (), kwargs)
    return template.format(**kwargs)


def t(key: str, lang: str | None = None, /, **kwargs: object) -> str:
    """The text for ``key`` in ``lang`` (falling back to Chinese), formatted with ``kwargs``."""
    catalogs = _catalogs()
    language = normalize_language(lang)
    template = catalogs[language].get(key) or catalogs[DEFAULT_LANGUAGE].get(key)
    if template is None:
        raise KeyError(f"no message {key!r}")
    return fill(template, **kwargs) if kwargs else template


def catalog_keys(lang: str | None = None) -> frozenset[str]:
    """Every message key of a language (to render optional texts only where they exist)."""
    return frozenset(_catalogs()[normalize_language(lang)])
