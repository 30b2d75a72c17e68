"""What the command line tells the operator (the 督查室 clerk who installs and runs Duban):
the settings' problems, ``duban check``'s lines, the store's errors, why ``duban run`` cannot
start. Worded from the ``ops`` catalog in the operator's language; the callers mask secrets
(:mod:`bot.cli.say`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol

from bot.i18n import catalog_keys, t


class Coded(Protocol):
    """A settings problem: its ``ops.settings`` code, parameters and the TOML file and key that
    gave the value (if the file did)."""

    @property
    def code(self) -> str: ...

    @property
    def params(self) -> Mapping[str, object]: ...

    @property
    def source(self) -> tuple[str, str] | None: ...


def ops_text(key: str, lang: str, /, **params: object) -> str:
    """The ``ops`` text ``key`` (without the ``ops.`` prefix) in ``lang``."""
    return t(f"ops.{key}", lang, **params)


def settings_problem(problem: Coded, lang: str) -> str:
    """One problem of the settings, with where the TOML file set the value."""
    params = dict(problem.params)
    if problem.code == "holiday_line":  # why the line could not be read
        why = f"ops.settings.holiday_why.{params['kind']}"
        params["why"] = t(why, lang, detail=params.get("detail", ""))
    text = t(f"ops.settings.{problem.code}", lang, **params)
    if problem.source is not None:
        path, key = problem.source
        text += t("ops.settings.set_in", lang, path=path, key=key)
    return text


def settings_problems(problems: Sequence[Coded], lang: str) -> str:
    """Why Duban cannot start: every problem of the settings, one per line."""
    header = t("ops.settings.header", lang, count=len(problems))
    lines = "\n".join(f"  - {settings_problem(problem, lang)}" for problem in problems)
    return f"{header}\n{lines}"


def check_line(ok: bool, label: str, detail: str, lang: str) -> str:
    """``OK   label: detail`` or ``FAIL label: detail``: the mark stays, the rest is worded."""
    mark = "OK  " if ok else "FAIL"
    label_text = t(f"ops.check.label.{label}", lang)
    return t("ops.check.line", lang, mark=mark, label=label_text, detail=detail)


def owner_hint(owner: str, mode: str, me: str, path: object, lang: str) -> str:
    """Who owns a directory this user may not write, who is asking, and the fix."""
    key = "ops.check.owner_root" if owner == "root" else "ops.check.owner"
    return t(key, lang, owner=owner, mode=mode, me=me, path=path)


def store_sentence(code: str, params: Mapping[str, object], lang: str) -> str | None:
    """A store error's sentence (``ops.store.<code>``) in ``lang``, or None for a code without a
    text (the caller shows the error's own words)."""
    key = f"ops.store.{code}"
    if key not in catalog_keys(lang):
        return None
    shown = {name: _nested(value, lang) for name, value in params.items()}
    if code == "locked":
        shown["holder"] = _holder(params.get("holder") or {}, lang)
    if code == "more":
        shown["kind"] = t(f"ops.store.kind.{params['kind']}", lang)
    return t(key, lang, **shown)


def _nested(value: object, lang: str) -> object:
    """A parameter that is itself a store sentence (or an error whose message is one) said in
    ``lang``, a list of names or sentences joined as ``lang`` lists them; any other value as it
    is (an OS or driver reason)."""
    if isinstance(value, BaseException) and value.args and _coded(value.args[0]):
        value = value.args[0]
    if isinstance(value, list | tuple) and all(isinstance(item, str) for item in value):
        separator = t("ops.store.list_separator", lang)
        return separator.join(str(_nested(item, lang)) for item in value)
    coded = _coded(value)
    if coded is not None:
        said = store_sentence(*coded, lang)
        if said is not None:
            return said
    return value


def _coded(value: object) -> tuple[str, Mapping[str, object]] | None:
    """The message code and parameters ``value`` carries (a store's ``Sentence``), if any."""
    code, params = getattr(value, "code", None), getattr(value, "params", None)
    if isinstance(code, str) and isinstance(params, Mapping):
        return code, params
    return None


def _holder(holder: object, lang: str) -> str:
    if not isinstance(holder, Mapping) or not holder:
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
