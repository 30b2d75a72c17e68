"""What ``duban check`` verifies beyond the settings themselves: everything ``run`` needs.

Each check returns a :class:`Finding`; none prints a secret (details pass through
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
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from telegram import Bot
from telegram.error import InvalidToken, NetworkError, TelegramError
from telegram.request import HTTPXRequest

from bot.config import PREFIX, Settings, mask_tokens
from bot.health import probe_directory
from bot.rhythm.calendar import WorkCalendar

CALENDAR_HORIZON = 60  # days ahead the working calendar must know


@dataclass(frozen=True, slots=True)
class Finding:
    """One check's result, as the operator reads it."""

    ok: bool
    label: str
    detail: str

    def line(self) -> str:
        """``OK   label: detail`` or ``FAIL label: detail``, secrets masked."""
        return mask_tokens(f"{'OK  ' if self.ok else 'FAIL'} {self.label}: {self.detail}")


def data_dir_finding(path: Path) -> Finding:
    """The store's directory exists and takes a durable write, or could be created."""
    label = "data directory"
    if path.exists():
        if not path.is_dir():
            return Finding(False, label, f"{path} exists but is not a directory")
        probe = probe_directory(path)
        if probe.ok:
            return Finding(True, label, f"{path} ({probe.detail})")
        denied = not os.access(path, os.W_OK | os.X_OK)
        return Finding(
            False, label, f"{probe.detail}; {owner_hint(path)}" if denied else probe.detail
        )
    parent = next((p for p in path.absolute().parents if p.exists()), Path("/"))
    try:
        os.rmdir(tempfile.mkdtemp(dir=parent, prefix=".duban-check-"))
    except OSError as exc:
        return Finding(
            False,
            label,
            f"{path} is missing and cannot be created in {parent} ({exc.strerror or exc})",
        )
    return Finding(True, label, f"{path} does not exist yet; `duban run` will create it")


def database_finding(url: str) -> Finding:
    """The PostgreSQL database answers, and its schema is one this Duban reads or upgrades (or
    there is none yet: ``duban run`` creates it). The password is never shown."""
    label = "database"
    try:
        import psycopg

        from storage.postgres.check import shown
        from storage.postgres.migrations import CURRENT_VERSION, schema_version
    except ImportError:
        return Finding(
            False, label, 'the PostgreSQL driver is missing: pip install "duban[postgres]"'
        )
    where = shown(url)
    try:
        with psycopg.connect(url, autocommit=True, connect_timeout=10) as conn:
            version = schema_version(conn)
            server = conn.info.server_version // 10000
    except psycopg.Error as exc:
        reason = " ".join(str(exc).split()) or type(exc).__name__
        return Finding(False, label, f"{where} not reachable ({reason})")
    if version > CURRENT_VERSION:
        return Finding(
            False,
            label,
            f"{where} was written by a newer Duban (schema {version}, this one reads up to "
            f"{CURRENT_VERSION}): upgrade Duban",
        )
    if version == 0:
        state = "no Duban schema yet; `duban run` creates it"
    elif version < CURRENT_VERSION:
        state = f"schema {version}; `duban run` upgrades it to {CURRENT_VERSION} (back up first)"
    else:
        state = f"schema {version}"
    return Finding(True, label, f"{where} (PostgreSQL {server}, {state})")


def owner_hint(path: Path) -> str:
    """Who owns ``path`` and who is asking, for a directory this user may not write: usually
    one made by root (or another user) before the service ran as its own user."""
    info = path.stat()
    owner, me = _user_name(info.st_uid), _user_name(os.geteuid())
    give = f"give it to {me} (sudo chown -R {me}: {path})"
    run_as = (
        "" if owner == "root" else f"run the command as {owner} (with systemd: duban-admin) or "
    )
    mode = stat.S_IMODE(info.st_mode)
    return f"it belongs to {owner} (mode {mode:04o}) and this command runs as {me}: {run_as}{give}"


def _user_name(uid: int) -> str:
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:  # a uid without a name here (a container's, a bind mount's)
        return f"uid {uid}"


def admins_finding(settings: Settings) -> Finding:
    """At least one admin: the admins create teams and leads."""
    count = len(settings.admin_ids)
    if count == 0:
        return Finding(
            False,
            "admins",
            f"none: set {PREFIX}ADMIN_IDS to your numeric Telegram user id (ask @userinfobot), "
            "or nobody can create a team",
        )
    return Finding(True, "admins", f"{count}")


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
    label = "working calendar"
    if missing:
        listed = ", ".join(str(year) for year in missing)
        return Finding(
            False,
            label,
            f"no holidays known for {listed} (within {horizon} days): add them to "
            f"{PREFIX}HOLIDAY_FILE from the State Council's notice, or upgrade chinese-calendar "
            "(see the upgrade notes in CHANGELOG.md)",
        )
    return Finding(True, label, f"holidays known through {years[-1]}")


async def telegram_finding(settings: Settings) -> Finding:
    """getMe through the configured proxy; on failure the reason, innermost cause first."""
    label = "Bot API"
    where = settings.bot_api_url or "https://api.telegram.org"
    try:
        username = await _get_me(settings)
    except InvalidToken:
        refused = f"the token was refused (InvalidToken); check {PREFIX}BOT_TOKEN"
        return Finding(False, label, refused)
    except NetworkError as exc:
        return Finding(False, label, f"{where} not reachable ({_reason(exc)})")
    except TelegramError as exc:
        return Finding(False, label, f"error from {where} ({exc.message})")
    except Exception as exc:  # a proxy or TLS set-up problem must be reported, not a traceback
        return Finding(False, label, f"{where} not reachable ({_reason(exc)})")
    return Finding(True, label, f"OK, the bot is @{username}")


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
        database_finding(url.get_secret_value()) if url else data_dir_finding(settings.data_dir),
        admins_finding(settings),
        calendar_finding(WorkCalendar.from_file(settings.holiday_file), today),
        asyncio.run(telegram_finding(settings)),
    ]
