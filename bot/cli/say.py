"""What the command line tells the operator, in the operator's language, never with a secret.

The language is the settings' (``language`` in the TOML file, or ``DUBAN_LANGUAGE``), even when
other settings are wrong; where it cannot be read either, ``DUBAN_LANGUAGE`` if it names a
language, then Chinese. The words are :mod:`bot.render.ops`'s (the ``ops`` catalog); the store's
errors carry a code and parameters (a ``Sentence`` as their message). Every line passes
:func:`bot.config.mask_tokens`, so no token or database password is ever printed.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING

from bot.config import mask_tokens
from bot.i18n import normalize_language
from bot.render.ops import ops_text, settings_problems, store_sentence

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
    return mask_tokens(ops_text(key, lang, **params))


def settings_message(error: SettingsError, lang: str) -> str:
    """Why Duban cannot start: the settings' problems in ``lang``, secrets masked."""
    return mask_tokens(settings_problems(error.problems, lang))


def reason(error: BaseException | str, lang: str) -> str:
    """What a store error (or a store's sentence) says, in ``lang``: its code's text when it has
    one, else its own words (an OS error, a driver's message)."""
    message = error.args[0] if isinstance(error, BaseException) and error.args else error
    code = getattr(message, "code", None)
    params = getattr(message, "params", None)
    if isinstance(code, str) and isinstance(params, dict):
        said = store_sentence(code, params, lang)
        if said is not None:
            return mask_tokens(said)
    return mask_tokens(str(message).strip())
