"""``duban run`` (start the bot) and ``duban check`` (could it run? settings, data directory,
admins, calendar, the Bot API)."""

from __future__ import annotations

import argparse
import errno
import logging
import secrets
import sys
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

if TYPE_CHECKING:  # loaded when a command runs, so `duban --help` starts fast
    from bot.config import Settings, WebhookSettings

log = logging.getLogger("duban")
EXIT_SETTINGS = 2  # the settings are wrong: deploy/systemd/duban.service does not restart then


def register(subparsers: Any) -> None:
    """Add the ``run`` and ``check`` sub-commands."""
    run_parser = subparsers.add_parser(
        "run",
        help="启动机器人 / start the bot (long polling, or a webhook if DUBAN_WEBHOOK_URL is set)",
        description="Start the bot with the settings of the environment (DUBAN_*, or the TOML "
        "file DUBAN_CONFIG names; see docs/configuration.md) and serve until stopped "
        "(Ctrl+C, SIGTERM). Run `duban check` first.",
    )
    run_parser.set_defaults(func=run)
    check_parser = subparsers.add_parser(
        "check",
        help="检查设置和运行条件 / validate the settings, data directory, admins, calendar and "
        "Bot API",
        description="Validate every setting, then what `duban run` needs: a writable data "
        "directory (or the database of DUBAN_DATABASE_URL), at least one admin, holidays "
        "known for the next 60 days, and getMe. One OK/FAIL line each, never a secret; exit 0 "
        "only when all pass (2: bad settings).",
    )
    check_parser.set_defaults(func=check)


def _settings() -> Settings | None:
    from bot.cli.say import language, settings_message
    from bot.config import SettingsError, load_settings

    try:
        return load_settings()
    except SettingsError as err:
        print(settings_message(err, language(err)), file=sys.stderr)
        return None


def run(args: argparse.Namespace) -> int:
    """Start the bot and serve until SIGINT/SIGTERM; the store is closed on the way out. While
    the Bot API cannot be reached it waits with backoff; a data directory it cannot use, a
    refused token or a webhook or health port in use is one line on stderr and exit code 1."""
    import asyncio

    from telegram.error import InvalidToken

    from bot.app import ALLOWED_UPDATES, build_application, settle_heap
    from bot.cli.say import language, reason, say
    from bot.health import ListenError
    from bot.logs import configure_logging
    from bot.reachability import quiet_network_errors, wait_until_reachable

    settings = _settings()
    if settings is None:
        return EXIT_SETTINGS
    lang = language(settings)
    webhook = settings.webhook
    options = webhook_options(webhook) if webhook is not None else {}
    hidden = [*secrets_of(settings), options.get("secret_token", "")]  # a random one too
    configure_logging(settings.log_level, hidden, fmt=settings.log_format, tz=settings.timezone)
    quiet_network_errors()
    try:
        app = build_application(settings)
    except OSError as exc:
        why = exc.strerror or str(exc)
        unusable = say("run.data_dir", lang, path=settings.data_dir, reason=why)
        if exc.errno in (errno.EACCES, errno.EPERM) and settings.data_dir.is_dir():
            from bot.cli.checks import owner_hint

            unusable = say(
                "check.dir_denied", lang, detail=unusable, hint=owner_hint(settings.data_dir, lang)
            )
        return _cannot_start(unusable, lang)
    except Exception as exc:
        return _cannot_start(reason(exc, lang), lang)
    settle_heap()  # the store's records are long-lived: no collection walks them again
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)  # run_polling / run_webhook go on in this loop
    try:
        if not loop.run_until_complete(wait_until_reachable(app.bot)):
            loop.run_until_complete(app.shutdown())
            app.bot_data.services.store.close()
            return 0
    except InvalidToken:
        app.bot_data.services.store.close()
        return _cannot_start(say("run.token_refused", lang), lang)
    if webhook is None:
        log.info("starting with long polling")
        try:
            app.run_polling(allowed_updates=ALLOWED_UPDATES, bootstrap_retries=-1)
        except ListenError as exc:
            return _cannot_start(_listen(exc, lang), lang)
        return 0
    log.info(
        "starting the webhook server on %s:%s/%s",
        webhook.listen,
        webhook.port,
        options["url_path"],
    )
    try:
        app.run_webhook(**options, allowed_updates=ALLOWED_UPDATES, bootstrap_retries=-1)
    except ListenError as exc:
        return _cannot_start(_listen(exc, lang), lang)
    except OSError as exc:
        why = exc.strerror or str(exc)
        text = say(
            "run.webhook_listen", lang, listen=webhook.listen, port=webhook.port, reason=why
        )
        return _cannot_start(text, lang)
    return 0


def _cannot_start(reason: str, lang: str) -> int:
    from bot.cli.say import say

    print(say("run.cannot_start", lang, reason=reason), file=sys.stderr)
    return 1


def _listen(error: Any, lang: str) -> str:
    """A server that cannot listen, in ``lang``: what it is and why."""
    from bot.cli.say import say

    return say("run.health_listen", lang, address=error.address, reason=error.why)


def secrets_of(settings: Settings) -> list[str]:
    """Every secret a log line must never show: the token, the webhook secret, the proxy URL
    (which may carry a password)."""
    found = [settings.token, settings.proxy, settings.webhook.secret if settings.webhook else None]
    return [secret.get_secret_value() for secret in found if secret is not None]


def webhook_options(webhook: WebhookSettings) -> dict[str, Any]:
    """``run_webhook``'s arguments: where to listen, the URL's path as the server's path, and
    the secret token every request must carry (PTB answers 403 without it). Without a
    configured secret a random one is made for this run; ``setWebhook`` hands it to Telegram."""
    secret = webhook.secret.get_secret_value() if webhook.secret else secrets.token_urlsafe(32)
    return {
        "listen": webhook.listen,
        "port": webhook.port,
        "url_path": urlsplit(webhook.url).path.strip("/"),
        "webhook_url": webhook.url,
        "secret_token": secret,
    }


def check(args: argparse.Namespace) -> int:
    """Validate the settings, then everything ``run`` needs (data directory, admins, working
    calendar, the Bot API); exit 0 only when all are fine. Never prints a secret."""
    from datetime import datetime

    from bot.cli.checks import run_checks
    from bot.cli.say import language, say

    settings = _settings()
    if settings is None:
        return EXIT_SETTINGS
    lang = language(settings)
    print(say("check.settings_ok", lang))
    print(say("check.zone", lang, zone=settings.timezone, language=settings.language))
    print(say("check.api", lang, url=settings.bot_api_url or "https://api.telegram.org"))
    if settings.proxy is not None:
        print(say("check.proxy", lang, proxy=settings.proxy.get_secret_value()))
    logging.getLogger("httpx").setLevel(logging.WARNING)
    findings = run_checks(settings, datetime.now(settings.timezone).date())
    sys.stdout.flush()  # the lines keep their order when both streams go to one file or pipe
    for finding in findings:
        print(finding.line(lang), file=sys.stdout if finding.ok else sys.stderr, flush=True)
    return 0 if all(finding.ok for finding in findings) else 1
