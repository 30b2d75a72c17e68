"""The deployment's zone and the bot's settings when it runs against the sandbox."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from bot.config import SecretStr, Settings

if TYPE_CHECKING:
    from sandbox import Sandbox

#: The zone every test office lives in.
TZ = ZoneInfo("Asia/Shanghai")


def settings_for(sb: Sandbox, admins: Iterable[int], data_dir: Path | None = None) -> Settings:
    """Settings pointing the bot at the sandbox (with ``data_dir``, a TinyDB store there)."""
    return Settings(
        token=SecretStr(sb.token),
        data_dir=data_dir or Path("unused"),
        timezone=TZ,
        admin_ids=frozenset(admins),
        bot_api_url=sb.url,
    )
