"""The importer's refusals and plan warnings, worded: in the reader's language in the chat, in
both languages (Chinese first) on the command line, which has no reader's language.

A warning stored as text by an older version is shown as it was stored."""

from __future__ import annotations

from bot.i18n import t
from bot.importer.errors import Notice, PlanImportError, PlanWarning, Term


def render_notice(notice: Notice, lang: str) -> str:
    """The catalog text of ``notice`` in ``lang``, its :class:`Term` parameters worded too."""
    values = {
        name: t(value.key, lang) if isinstance(value, Term) else value
        for name, value in notice.params
    }
    return t(notice.key, lang, **values)


def render_plan_warning(warning: PlanWarning, lang: str) -> str:
    """A plan warning in ``lang`` (an older version's stored text as it is)."""
    return warning if isinstance(warning, str) else render_notice(warning, lang)


def render_plan_warning_both(warning: PlanWarning) -> str:
    """A plan warning in both languages, Chinese first: ``中文 / English``."""
    if isinstance(warning, str):
        return warning
    return f"{render_notice(warning, 'zh')} / {render_notice(warning, 'en')}"


def render_import_error(error: PlanImportError, lang: str) -> str:
    """Why the file is refused, in ``lang``."""
    return render_notice(error.notice, lang)


def render_import_error_both(error: PlanImportError) -> str:
    """Why the file is refused, in Chinese and then English, one per line."""
    return f"{render_import_error(error, 'zh')}\n{render_import_error(error, 'en')}"
