"""Duban (督办): a Telegram bot that follows a work plan through, week after week."""

__version__ = "0.2.0"
