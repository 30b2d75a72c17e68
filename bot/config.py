"""Deployment settings, read once at start-up into a frozen object.

Sources, later ones winning: a TOML file named by ``DUBAN_CONFIG`` (flat keys, lower case and
without the prefix, e.g. ``bot_token = "..."``), then the environment:

- ``DUBAN_BOT_TOKEN``: the bot's token from @BotFather (required to run);
- ``DUBAN_DATA_DIR``: where the store keeps its files (default ``./duban-data``);
- ``DUBAN_DATABASE_URL``: ``postgresql://user:password@host:port/db`` to keep the store in
  PostgreSQL instead (needs ``pip install "duban[postgres]"``); the data directory is then unused;
- ``DUBAN_DATABASE_POOL_MAX``: at most this many connections per bot process (default 8, 2–100):
  one serves the event loop, the others the worker threads that read digests, reviews, ledgers
  and dispatch plans off it;
- ``DUBAN_TIMEZONE``: IANA time zone of the deployment (default ``Asia/Shanghai``);
- ``DUBAN_ADMIN_IDS``: comma-separated Telegram user ids of the admins;
- ``DUBAN_LANGUAGE``: default language, ``zh`` or ``en`` (default ``zh``);
- ``DUBAN_BOT_API_URL``: base URL of a self-hosted Bot API server or the sandbox;
- ``DUBAN_LOG_LEVEL``: DEBUG, INFO, WARNING or ERROR (default INFO);
- ``DUBAN_WEBHOOK_URL``: public https URL for webhook mode (without it: long polling); its
  path is where the webhook server answers; ``http://`` only for a loopback address;
- ``DUBAN_WEBHOOK_LISTEN`` / ``DUBAN_WEBHOOK_PORT``: where the webhook server binds
  (default ``0.0.0.0:8443``);
- ``DUBAN_WEBHOOK_SECRET``: the secret token Telegram sends with each webhook call (without
  it, a random one is made at each start; requests without the right one are refused);
- ``DUBAN_HOLIDAY_FILE``: extra public holidays and make-up workdays for the rhythm (optional);
- ``DUBAN_LOG_FORMAT``: ``text`` (default) or ``json``, one record per line on stdout;
- ``DUBAN_HEALTH_ADDRESS``: ``host:port`` of the health and metrics endpoint (``/livez``,
  ``/readyz``, ``/metrics``); without it no endpoint is served;
- ``DUBAN_LEASE_SECONDS``: with several processes on one PostgreSQL database, how long a
  process's claim on an update lasts unless renewed, and so how soon a survivor takes over the
  updates and the rhythm of a process that died (default 30, from 2 to 600);
- ``DUBAN_PROXY``: an ``http://``, ``https://``, ``socks5://`` or ``socks5h://`` proxy for every
  Bot API call (without it the usual ``HTTPS_PROXY``/``ALL_PROXY`` variables apply).

Every problem is collected, then raised together as one :class:`SettingsError`. The token is
wrapped in :class:`SecretStr` so it never shows in a log line or a ``repr``.
"""

from __future__ import annotations

import difflib
import ipaddress
import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.rhythm.calendar import HolidayFileError, parse_holiday_file

PREFIX = "DUBAN_"
CONFIG_VARIABLE = "DUBAN_CONFIG"
KEYS: tuple[str, ...] = (
    "bot_token",
    "data_dir",
    "database_url",
    "database_pool_max",
    "timezone",
    "admin_ids",
    "language",
    "bot_api_url",
    "log_level",
    "webhook_url",
    "webhook_listen",
    "webhook_port",
    "webhook_secret",
    "holiday_file",
    "log_format",
    "health_address",
    "proxy",
    "lease_seconds",
)
LANGUAGES = ("zh", "en")
DEFAULT_TIMEZONE = ZoneInfo("Asia/Shanghai")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
LOG_FORMATS = ("text", "json")
PROXY_SCHEMES = ("http", "https", "socks5", "socks5h")
_TOKEN = re.compile(r"^\d{1,20}:[A-Za-z0-9_-]{20,}$")
_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")  # what Telegram allows as a webhook secret


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem with the settings, as a code and parameters (the command line words it in
    the operator's language: ``ops.settings.<code>``, :mod:`bot.render.ops`). ``variable`` is
    the setting it is about; ``source`` the TOML file and key that gave the value, if the file
    did. Parameters never hold a secret (values that may carry one are masked first)."""

    code: str
    variable: str = ""
    params: Mapping[str, object] = field(default_factory=dict)
    source: tuple[str, str] | None = None

    def __str__(self) -> str:
        shown = ", ".join(f"{name}={value}" for name, value in self.params.items())
        return mask_tokens(f"{self.variable or self.code}: {self.code}({shown})")


def problem(code: str, variable: str, /, **params: object) -> Problem:
    """A :class:`Problem` about ``variable`` (``DUBAN_…``), its parameters masked."""
    return Problem(code, variable, {name: _masked(value) for name, value in params.items()})


def _masked(value: object) -> object:
    return mask_tokens(value) if isinstance(value, str) else value


class SettingsError(Exception):
    """Every problem found in the settings, reported together (anything shaped like a bot token
    is masked, so a token pasted into the wrong variable is never printed back). ``language`` is
    the settings' language when it could be read: the problems are told in it."""

    def __init__(self, problems: list[Problem], language: str | None = None) -> None:
        self.problems = tuple(problems)
        self.language = language
        super().__init__("; ".join(str(found) for found in self.problems))


_TOKEN_ANYWHERE = re.compile(r"\d{1,20}:[A-Za-z0-9_-]{20,}")
_URL_PASSWORD = re.compile(r"(?<=://)([^/@:\s]+):([^/@\s]+)@")


def mask_tokens(text: str) -> str:
    """``text`` with every bot token and every password in a URL replaced by stars."""
    text = _TOKEN_ANYWHERE.sub("**********", text)
    return _URL_PASSWORD.sub(r"\1:**********@", text)


class SecretStr:
    """A string that hides itself from ``str``, ``repr`` and logs."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def get_secret_value(self) -> str:
        """The real value, for the one place that needs it."""
        return self._value

    def __repr__(self) -> str:
        return "SecretStr('**********')"

    def __str__(self) -> str:
        return "**********"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SecretStr) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)


@dataclass(frozen=True, slots=True)
class WebhookSettings:
    """Where Telegram should push updates instead of being polled."""

    url: str
    listen: str = "0.0.0.0"  # a webhook server listens on all interfaces
    port: int = 8443
    secret: SecretStr | None = None


@dataclass(frozen=True, slots=True)
class HealthAddress:
    """Where the health and metrics endpoint listens."""

    host: str
    port: int

    def __str__(self) -> str:
        return f"[{self.host}]:{self.port}" if ":" in self.host else f"{self.host}:{self.port}"


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything the deployment is told from outside, validated."""

    token: SecretStr | None
    data_dir: Path = Path("duban-data")
    timezone: ZoneInfo = DEFAULT_TIMEZONE
    admin_ids: frozenset[int] = frozenset()
    language: str = "zh"
    bot_api_url: str | None = None
    log_level: str = "INFO"
    webhook: WebhookSettings | None = None
    holiday_file: Path | None = None
    database_url: SecretStr | None = None  # it may hold a password
    database_pool_max: int = 8
    log_format: str = "text"
    health: HealthAddress | None = None
    proxy: SecretStr | None = None  # may hold a password: user:pass@host
    lease_seconds: float = 30.0  # several processes: a claim's life, a survivor's delay

    @property
    def base_url(self) -> str | None:
        """The Bot API base URL for PTB (the token is appended), or None for Telegram's own."""
        return f"{self.bot_api_url}/bot" if self.bot_api_url else None

    @property
    def base_file_url(self) -> str | None:
        """The file download base URL for PTB, or None for Telegram's own."""
        return f"{self.bot_api_url}/file/bot" if self.bot_api_url else None

    def require_token(self) -> str:
        """The token, or a SettingsError if there is none."""
        if self.token is None:
            raise SettingsError([problem("token_missing", f"{PREFIX}BOT_TOKEN")])
        return self.token.get_secret_value()


def load_settings(
    environ: Mapping[str, str] | None = None, *, require_token: bool = True
) -> Settings:
    """Read and validate the settings from ``environ`` (default: ``os.environ``)."""
    env = os.environ if environ is None else environ
    problems: list[Problem] = []
    path = env.get(CONFIG_VARIABLE)
    raw = _read_file(path, problems)
    from_file = set(raw)
    for key in KEYS:
        value = env.get(PREFIX + key.upper())
        if value is not None and value.strip() != "":
            raw[key] = value.strip()
            from_file.discard(key)
    found: list[Problem] = []
    settings = _validate(raw, found, require_token=require_token)
    problems += [_sourced(each, from_file, path) for each in found]
    if problems:
        wanted = raw.get("language", "").lower()
        raise SettingsError(problems, wanted if wanted in LANGUAGES else None)
    return settings


def _sourced(found: Problem, from_file: set[str], path: str | None) -> Problem:
    """``found`` about a value the TOML file gave, with where to fix it: the file and its key
    (problems are worded with the variable's name, which the operator may never have set)."""
    for key in from_file:
        if path and found.variable == PREFIX + key.upper():
            return replace(found, source=(path, key))
    return found


def _read_file(path: str | None, problems: list[Problem]) -> dict[str, str]:
    if not path:
        return {}
    try:
        with Path(path).open("rb") as handle:
            data = tomllib.load(handle)
    except OSError as exc:
        problems.append(
            problem("config_unreadable", CONFIG_VARIABLE, path=path, reason=str(exc.strerror))
        )
        return {}
    except tomllib.TOMLDecodeError as exc:
        problems.append(problem("config_not_toml", CONFIG_VARIABLE, path=path, reason=str(exc)))
        return {}
    problems += [_unknown_key(path, key) for key in sorted(set(data) - set(KEYS))]
    return {key: _flatten(value) for key, value in data.items() if key in KEYS}


def _unknown_key(path: str, key: str) -> Problem:
    """An unknown key of the TOML file, with the known one it was probably meant to be: the
    variable's name written as a key (``DUBAN_BOT_TOKEN``), or a typo (``bot_tokn``)."""
    plain = key.lower().removeprefix(PREFIX.lower())
    if plain in KEYS:
        return problem("unknown_key_prefix", CONFIG_VARIABLE, path=path, key=key, plain=plain)
    close = difflib.get_close_matches(plain, KEYS, n=1, cutoff=0.75)
    if close:
        return problem("unknown_key_typo", CONFIG_VARIABLE, path=path, key=key, close=close[0])
    return problem("unknown_key", CONFIG_VARIABLE, path=path, key=key, known=", ".join(KEYS))


def _flatten(value: Any) -> str:
    if isinstance(value, list):
        return ",".join(str(item) for item in value)
    return str(value)


def _validate(raw: dict[str, str], problems: list[Problem], *, require_token: bool) -> Settings:
    webhook_url = raw.get("webhook_url")
    if webhook_url and raw.get("database_url") and not raw.get("webhook_secret"):
        # a random secret per start: each process would hand Telegram its own, and the others
        # would refuse every call (403) once it took over the webhook
        problems.append(problem("webhook_secret_needed", f"{PREFIX}WEBHOOK_SECRET"))
    return Settings(
        token=_token(raw.get("bot_token"), problems, required=require_token),
        data_dir=Path(raw.get("data_dir", "duban-data")).expanduser(),
        timezone=_timezone(raw.get("timezone", "Asia/Shanghai"), problems),
        admin_ids=_admin_ids(raw.get("admin_ids", ""), problems),
        language=_choice("LANGUAGE", raw.get("language", "zh").lower(), LANGUAGES, problems),
        bot_api_url=_bot_api_url(raw.get("bot_api_url"), problems),
        log_level=_choice("LOG_LEVEL", raw.get("log_level", "INFO").upper(), LOG_LEVELS, problems),
        webhook=_webhook(raw, problems) if webhook_url or _webhook_set(raw) else None,
        holiday_file=_holiday_file(raw.get("holiday_file"), problems),
        database_url=_database_url(raw.get("database_url"), problems),
        database_pool_max=_pool_max(raw.get("database_pool_max", "8"), problems),
        log_format=_choice(
            "LOG_FORMAT", raw.get("log_format", "text").lower(), LOG_FORMATS, problems
        ),
        health=_health(raw.get("health_address"), problems),
        proxy=_proxy(raw.get("proxy"), problems),
        lease_seconds=_lease(raw.get("lease_seconds", "30"), problems),
    )


def _database_url(value: str | None, problems: list[Problem]) -> SecretStr | None:
    if value is None:
        return None
    if not value.startswith(("postgresql://", "postgres://")):
        problems.append(problem("database_url", f"{PREFIX}DATABASE_URL"))  # no echo: a password
        return None
    return SecretStr(value)


def _pool_max(value: str, problems: list[Problem]) -> int:
    if not value.isdigit() or not 2 <= int(value) <= 100:
        problems.append(problem("pool_max", f"{PREFIX}DATABASE_POOL_MAX", value=repr(value)))
        return 8
    return int(value)


def _health(value: str | None, problems: list[Problem]) -> HealthAddress | None:
    if value is None:
        return None
    host, _, port_text = value.rpartition(":")
    host = host.strip("[]") or "127.0.0.1"
    port = int(port_text) if port_text.isdigit() else 0
    if not 0 < port < 65536 or not _listen_address(host):
        problems.append(problem("health_address", f"{PREFIX}HEALTH_ADDRESS", value=repr(value)))
        return None
    return HealthAddress(host, port)


def _lease(value: str, problems: list[Problem]) -> float:
    try:
        seconds = float(value)
    except ValueError:
        seconds = 0.0
    if not 2 <= seconds <= 600:
        problems.append(problem("lease", f"{PREFIX}LEASE_SECONDS", value=repr(value)))
        return 30.0
    return seconds


def _proxy(value: str | None, problems: list[Problem]) -> SecretStr | None:
    if value is None:
        return None
    parts = urlsplit(value)
    if parts.scheme not in PROXY_SCHEMES or not parts.hostname:
        schemes = ", ".join(f"{scheme}://" for scheme in PROXY_SCHEMES)
        problems.append(
            problem("proxy", f"{PREFIX}PROXY", value=repr(mask_tokens(value)), schemes=schemes)
        )
        return None
    return SecretStr(value)


def _holiday_file(value: str | None, problems: list[Problem]) -> Path | None:
    if value is None:
        return None
    path = Path(value).expanduser()
    if not path.is_file():
        problems.append(problem("holiday_missing", f"{PREFIX}HOLIDAY_FILE", value=repr(value)))
        return path
    try:
        parse_holiday_file(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(
            problem(
                "holiday_unreadable", f"{PREFIX}HOLIDAY_FILE", value=repr(value), reason=str(exc)
            )
        )
    except HolidayFileError as exc:
        problems.append(
            problem(
                "holiday_line",
                f"{PREFIX}HOLIDAY_FILE",
                value=repr(value),
                number=exc.line_number,
                kind=exc.kind,
                detail=exc.reason,
                line=repr(exc.line),
            )
        )
    return path


def _token(value: str | None, problems: list[Problem], *, required: bool) -> SecretStr | None:
    if value is None:
        if required:
            problems.append(problem("token_missing", f"{PREFIX}BOT_TOKEN"))
        return None
    if not _TOKEN.match(value):
        problems.append(problem("token_shape", f"{PREFIX}BOT_TOKEN"))
    return SecretStr(value)


def _timezone(value: str, problems: list[Problem]) -> ZoneInfo:
    try:
        return ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        problems.append(problem("timezone", f"{PREFIX}TIMEZONE", value=repr(value)))
        return DEFAULT_TIMEZONE


def _admin_ids(value: str, problems: list[Problem]) -> frozenset[int]:
    ids: set[int] = set()
    for number, part in enumerate((piece.strip() for piece in value.split(",")), start=1):
        if not part:
            continue
        if re.fullmatch(r"-?\d{1,20}", part):
            ids.add(int(part))
        else:  # never echoed: a token pasted here by mistake would be printed back
            code = "admin_id_token" if _TOKEN.match(part) else "admin_id"
            problems.append(problem(code, f"{PREFIX}ADMIN_IDS", number=number))
    return frozenset(ids)


def _choice(name: str, value: str, allowed: tuple[str, ...], problems: list[Problem]) -> str:
    if value not in allowed:
        problems.append(
            problem(
                "choice",
                PREFIX + name,
                name=PREFIX + name,
                value=repr(value),
                allowed=", ".join(allowed),
            )
        )
        return allowed[0] if name in ("LANGUAGE", "LOG_FORMAT") else "INFO"
    return value


def _url(name: str, value: str | None, problems: list[Problem], *, https: bool) -> str | None:
    if value is None:
        return None
    schemes = ("https://",) if https else ("http://", "https://")
    if not value.startswith(schemes) or len(value) <= len("https://"):
        code = "url_https" if https else "url_http"
        problems.append(problem(code, PREFIX + name, name=PREFIX + name, value=repr(value)))
        return None
    return value.rstrip("/")


def _bot_api_url(value: str | None, problems: list[Problem]) -> str | None:
    """The base URL of a Bot API server; ``/bot`` (which the sandbox prints as PTB's base_url)
    or ``/bot<token>`` at its end would make every call's URL wrong and look like a bad token."""
    url = _url("BOT_API_URL", value, problems, https=False)
    if url is None:
        return None
    path = urlsplit(url).path
    if re.search(r"/bot[^/]*$", path):
        base = url[: len(url) - len(path)] + path[: path.rindex("/bot")]
        problems.append(
            problem(
                "bot_api_suffix", f"{PREFIX}BOT_API_URL", value=repr(mask_tokens(url)), base=base
            )
        )
        return None
    return url


def _webhook(raw: dict[str, str], problems: list[Problem]) -> WebhookSettings | None:
    given = raw.get("webhook_url")
    url = _url("WEBHOOK_URL", given, problems, https=not _loopback_url(given))
    port_text = raw.get("webhook_port", "8443")
    port = int(port_text) if port_text.isdigit() else 0
    if not 0 < port < 65536:
        problems.append(problem("webhook_port", f"{PREFIX}WEBHOOK_PORT", value=repr(port_text)))
    secret = raw.get("webhook_secret")
    if secret is not None and not _SECRET.match(secret):
        problems.append(problem("webhook_secret_chars", f"{PREFIX}WEBHOOK_SECRET"))
    listen = raw.get("webhook_listen", "0.0.0.0")
    if not _listen_address(listen):
        problems.append(problem("webhook_listen", f"{PREFIX}WEBHOOK_LISTEN", value=repr(listen)))
    if url is None:
        return None
    return WebhookSettings(
        url=url,
        listen=listen,
        port=port,
        secret=SecretStr(secret) if secret else None,
    )


def _webhook_set(raw: dict[str, str]) -> bool:
    """Some webhook setting is given (checked even without the URL, so typos show early)."""
    return any(key in raw for key in ("webhook_listen", "webhook_port", "webhook_secret"))


def _loopback_url(value: str | None) -> bool:
    """An ``http://`` webhook is allowed on this machine only (a local Bot API server, tests):
    Telegram itself delivers to ``https://`` URLs."""
    host = urlsplit(value).hostname if value else None
    if host is None:
        return False
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def _listen_address(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return value == "localhost"
    return True
