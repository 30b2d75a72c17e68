"""What ``duban check`` verifies beyond the settings themselves: everything ``run`` needs.

Each check returns a :class:`Finding`, said in the operator's language (the ``ops.check``
texts of ``bot/i18n``); none prints a secret (lines pass through
:func:`bot.config.mask_tokens`). The checks:

- the data directory takes a durable write (or can be created), or with ``DUBAN_DATABASE_URL``
  the database answers and holds a schema this Duban reads (or none yet);
- at least one admin is named (without one nobody can create a team);
- the working calendar has data for the next :data:`CALENDAR_HORIZON` days (the package, or the
  admin's holiday file, knows every year they touch);
- the Bot API answers getMe, through the configured proxy; if not, why (DNS, refused, TLS,
  proxy, token).
"""

from __future__ import annotations

import asyncio
import os
import pwd
import stat
import tempfile
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from telegram import Bot
from telegram.error import InvalidToken, NetworkError, TelegramError
from telegram.request import HTTPXRequest

from bot.config import Settings, mask_tokens
from bot.health import probe_directory
from bot.render import ops
from bot.rhythm.calendar import WorkCalendar

CALENDAR_HORIZON = 60  # days ahead the working calendar must know


@dataclass(frozen=True, slots=True)
class Finding:
    """One check's result: ``label`` and ``detail`` are ``ops.check`` message keys, ``params``
    the detail's parameters (a parameter that is itself a Finding's detail nests)."""

    ok: bool
    label: str
    detail: str
    params: dict[str, object] = field(default_factory=dict)

    def text(self, lang: str) -> str:
        """The detail in ``lang``, secrets masked."""
        params = {
            name: value.text(lang) if isinstance(value, Finding) else value
            for name, value in self.params.items()
        }
        return mask_tokens(ops.ops_text(f"check.{self.detail}", lang, **params))

    def line(self, lang: str) -> str:
        """``OK   label: detail`` or ``FAIL label: detail`` in ``lang``, secrets masked."""
        return mask_tokens(ops.check_line(self.ok, self.label, self.text(lang), lang))


def data_dir_finding(path: Path, lang: str = "zh") -> Finding:
    """The store's directory exists and takes a durable write, or could be created (``lang``
    words the owner hint of a directory this user may not write)."""
    label = "data_dir"
    if path.exists():
        if not path.is_dir():
            return Finding(False, label, "not_a_dir", {"path": path})
        probe = probe_directory(path)
        if probe.ok:
            return Finding(True, label, "dir_ok", {"path": path, "detail": probe.detail})
        if not os.access(path, os.W_OK | os.X_OK):
            hint = owner_hint(path, lang)
            return Finding(False, label, "dir_denied", {"detail": probe.detail, "hint": hint})
        return Finding(False, label, "dir_fail", {"detail": probe.detail})
    parent = next((p for p in path.absolute().parents if p.exists()), Path("/"))
    try:
        os.rmdir(tempfile.mkdtemp(dir=parent, prefix=".duban-check-"))
    except OSError as exc:
        why = exc.strerror or str(exc)
        return Finding(
            False, label, "dir_cannot_create", {"path": path, "parent": parent, "reason": why}
        )
    return Finding(True, label, "dir_will_create", {"path": path})


def database_finding(url: str) -> Finding:
    """The PostgreSQL database answers, and its schema is one this Duban reads or upgrades (or
    there is none yet: ``duban run`` creates it). The password is never shown."""
    label = "database"
    try:
        import psycopg

        from storage.postgres.check import shown
        from storage.postgres.migrations import CURRENT_VERSION, schema_version
    except ImportError:
        return Finding(False, label, "pg_driver")
    where = shown(url)
    try:
        with psycopg.connect(url, autocommit=True, connect_timeout=10) as conn:
            version = schema_version(conn)
            server = conn.info.server_version // 10000
    except psycopg.Error as exc:
        reason = " ".join(str(exc).split()) or type(exc).__name__
        return Finding(False, label, "db_unreachable", {"where": where, "reason": reason})
    if version > CURRENT_VERSION:
        newer = {"where": where, "version": version, "current": CURRENT_VERSION}
        return Finding(False, label, "db_newer", newer)
    state = Finding(True, label, "db_schema", {"version": version})
    if version == 0:
        state = Finding(True, label, "db_empty")
    elif version < CURRENT_VERSION:
        state = Finding(
            True, label, "db_upgrade", {"version": version, "current": CURRENT_VERSION}
        )
    return Finding(True, label, "db_ok", {"where": where, "server": server, "state": state})


def owner_hint(path: Path, lang: str) -> str:
    """Who owns ``path`` and who is asking, for a directory this user may not write: usually
    one made by root (or another user) before the service ran as its own user."""
    info = path.stat()
    owner, me = _user_name(info.st_uid), _user_name(os.geteuid())
    mode = f"{stat.S_IMODE(info.st_mode):04o}"
    return mask_tokens(ops.owner_hint(owner, mode, me, path, lang))


def _user_name(uid: int) -> str:
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:  # a uid without a name here (a container's, a bind mount's)
        return f"uid {uid}"


def admins_finding(settings: Settings) -> Finding:
    """At least one admin: the admins create teams and leads."""
    count = len(settings.admin_ids)
    if count == 0:
        return Finding(False, "admins", "admins_none")
    return Finding(True, "admins", "admins_ok", {"count": count})


def calendar_finding(
    calendar: WorkCalendar, today: date, horizon: int = CALENDAR_HORIZON
) -> Finding:
    """Every year the next ``horizon`` days touch is known to chinese-calendar or has entries
    in the holiday file; otherwise the rhythm would guess Monday–Friday for it."""
    years = sorted({today.year, (today + timedelta(days=horizon)).year})
    missing = [
        year
        for year in years
        if not calendar.check_year(year) and calendar.notice(year).override_days == 0
    ]
    label = "calendar"
    if missing:
        listed = ", ".join(str(year) for year in missing)
        return Finding(False, label, "calendar_missing", {"years": listed, "horizon": horizon})
    return Finding(True, label, "calendar_ok", {"year": years[-1]})


async def telegram_finding(settings: Settings) -> Finding:
    """getMe through the configured proxy; on failure the reason, innermost cause first."""
    label = "bot_api"
    where = settings.bot_api_url or "https://api.telegram.org"
    try:
        username = await _get_me(settings)
    except InvalidToken:
        return Finding(False, label, "token_refused")
    except NetworkError as exc:
        return Finding(False, label, "api_unreachable", {"where": where, "reason": _reason(exc)})
    except TelegramError as exc:
        return Finding(False, label, "api_error", {"where": where, "reason": exc.message})
    except Exception as exc:  # a proxy or TLS set-up problem must be reported, not a traceback
        return Finding(False, label, "api_unreachable", {"where": where, "reason": _reason(exc)})
    return Finding(True, label, "api_ok", {"username": username})


def _reason(exc: BaseException) -> str:
    """The innermost cause, e.g. ``ConnectionRefusedError: [Errno 111] Connect call failed``:
    follows ``raise ... from``, implicit contexts and the first error of an exception group."""
    inner: BaseException = exc
    for _ in range(12):
        if isinstance(inner, BaseExceptionGroup) and inner.exceptions:
            inner = inner.exceptions[0]
        elif inner.__cause__ is not None or inner.__context__ is not None:
            inner = inner.__cause__ or inner.__context__  # type: ignore[assignment]
        else:
            break
    text = str(inner) or repr(inner)
    return f"{type(inner).__name__}: {text}"


async def _get_me(settings: Settings) -> str:
    proxy = settings.proxy.get_secret_value() if settings.proxy else None
    kwargs: dict[str, Any] = {"request": HTTPXRequest(proxy=proxy, connect_timeout=10)}
    if settings.base_url and settings.base_file_url:
        kwargs |= {"base_url": settings.base_url, "base_file_url": settings.base_file_url}
    async with Bot(settings.require_token(), **kwargs) as bot:
        me = await bot.get_me()
    return me.username or str(me.id)


def run_checks(settings: Settings, today: date) -> list[Finding]:
    """Every check, in the order an operator fixes them."""
    url = settings.database_url
    return [
        database_finding(url.get_secret_value())
        if url
        else data_dir_finding(settings.data_dir, settings.language),
        admins_finding(settings),
        calendar_finding(WorkCalendar.from_file(settings.holiday_file), today),
        asyncio.run(telegram_finding(settings)),
    ]
