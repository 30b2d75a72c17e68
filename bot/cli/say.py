"""What the command line tells the operator, in the operator's language.

The language is the settings' (``language`` in the TOML file, or ``DUBAN_LANGUAGE``), even when
other settings are wrong; where it cannot be read either, ``DUBAN_LANGUAGE`` if it names a
language, then Chinese. The texts are the ``ops`` catalog of
``bot/i18n``; the store's errors carry a code and parameters (a ``Sentence`` as their message),
said here with ``ops.store.<code>``. Every line passes :func:`bot.config.mask_tokens`, so no
token or database password is ever printed.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING

from bot.config import mask_tokens
from bot.i18n import catalog_keys, normalize_language, t

if TYPE_CHECKING:
    from bot.config import Settings, SettingsError


def language(
    settings: Settings | SettingsError | None = None, environ: Mapping[str, str] | None = None
) -> str:
    """The operator's language: the settings' (also when other settings are wrong), else
    ``DUBAN_LANGUAGE``, else Chinese."""
    chosen = settings.language if settings is not None else None
    if chosen:
        return chosen
    env = os.environ if environ is None else environ
    return normalize_language(env.get("DUBAN_LANGUAGE", "").strip())


def say(key: str, lang: str, /, **params: object) -> str:
    """The ``ops`` text ``key`` in ``lang``, secrets masked."""
    return mask_tokens(t(f"ops.{key}", lang, **params))


def reason(error: BaseException | str, lang: str) -> str:
    """What a store error (or a store's sentence) says, in ``lang``: its code's text when it has
    one, else its own words (an OS error, a driver's message)."""
    message = error.args[0] if isinstance(error, BaseException) and error.args else error
    code = getattr(message, "code", None)
    params = getattr(message, "params", None)
    if isinstance(code, str) and isinstance(params, dict):
        key = f"ops.store.{code}"
        if key in catalog_keys(lang):
            shown = dict(params)
            if code == "locked":
                shown["holder"] = _holder(params.get("holder") or {}, lang)
            if code == "more":
                shown["kind"] = t(f"ops.store.kind.{params['kind']}", lang)
            return mask_tokens(t(key, lang, **shown))
    return mask_tokens(str(message).strip())


def _holder(holder: Mapping[str, object], lang: str) -> str:
    if not holder:
        return t("ops.store.holder_unknown", lang)
    host = t("ops.store.holder_host", lang, host=holder["host"]) if holder.get("host") else ""
    return t(
        "ops.store.holder",
        lang,
        pid=holder["pid"],
        host=host,
        command=holder["command"],
        started=holder["started"],
    )
