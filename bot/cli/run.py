"""``duban run`` (start the bot) and ``duban check`` (settings and the Bot API reachable?)."""

from __future__ import annotations

import argparse
import asyncio
import logging
import secrets
import sys
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

if TYPE_CHECKING:  # loaded when a command runs, so `duban --help` starts fast
    from bot.config import Settings, WebhookSettings

log = logging.getLogger("duban")


def register(subparsers: Any) -> None:
    """Add the ``run`` and ``check`` sub-commands."""
    run_parser = subparsers.add_parser(
        "run", help="start the bot (long polling, or a webhook if DUBAN_WEBHOOK_URL is set)"
    )
    run_parser.set_defaults(func=run)
    check_parser = subparsers.add_parser(
        "check", help="validate the settings and reach the Bot API (getMe)"
    )
    check_parser.set_defaults(func=check)


def _settings() -> Settings | None:
    from bot.config import SettingsError, load_settings

    try:
        return load_settings()
    except SettingsError as err:
        print(err.message, file=sys.stderr)
        return None


def run(args: argparse.Namespace) -> int:
    """Start the bot and serve until SIGINT/SIGTERM; the store is closed on the way out."""
    from bot.app import ALLOWED_UPDATES, build_application, configure_logging

    settings = _settings()
    if settings is None:
        return 2
    configure_logging(settings.log_level, secrets=[settings.require_token()])
    try:
        app = build_application(settings)
    except Exception as exc:
        print(f"Duban cannot start: {exc}", file=sys.stderr)
        return 1
    webhook = settings.webhook
    if webhook is None:
        log.info("starting with long polling")
        app.run_polling(allowed_updates=ALLOWED_UPDATES)
        return 0
    options = webhook_options(webhook)
    log.info(
        "starting the webhook server on %s:%s/%s", webhook.listen, webhook.port,
        options["url_path"],
    )
    app.run_webhook(**options, allowed_updates=ALLOWED_UPDATES)
    return 0


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
    """Validate the settings and call getMe; exit 0 only when both are fine."""
    settings = _settings()
    if settings is None:
        return 2
    print("settings: OK")
    print(f"  data directory: {settings.data_dir}")
    print(f"  time zone: {settings.timezone}, language: {settings.language}")
    print(f"  admins: {len(settings.admin_ids)}")
    print(f"  Bot API: {settings.bot_api_url or 'https://api.telegram.org'}")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    from telegram.error import InvalidToken, NetworkError, TelegramError

    try:
        username = asyncio.run(_get_me(settings))
    except InvalidToken:
        print(
            "Bot API: the token was refused (InvalidToken); check DUBAN_BOT_TOKEN", file=sys.stderr
        )
        return 1
    except NetworkError as exc:
        print(f"Bot API: not reachable ({exc.message})", file=sys.stderr)
        return 1
    except TelegramError as exc:
        print(f"Bot API: error ({exc.message})", file=sys.stderr)
        return 1
    print(f"Bot API: OK, the bot is @{username}")
    return 0


async def _get_me(settings: Settings) -> str:
    from telegram import Bot

    kwargs: dict[str, Any] = {}
    if settings.base_url and settings.base_file_url:
        kwargs = {"base_url": settings.base_url, "base_file_url": settings.base_file_url}
    async with Bot(settings.require_token(), **kwargs) as bot:
        me = await bot.get_me()
    return me.username or str(me.id)
