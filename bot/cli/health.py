"""``duban health``: ask the running bot's health endpoint whether it is ready (or alive).

For container and systemd health checks: exit 0 when ``/readyz`` (``--live``: ``/livez``)
answers 200, 1 when it answers otherwise or not at all, 2 when ``DUBAN_HEALTH_ADDRESS`` is not
set. Prints the endpoint's verdict per check, one line each.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # loaded when the command runs, so `duban --help` starts fast
    from bot.config import HealthAddress

WILDCARDS = {"0.0.0.0": "127.0.0.1", "::": "::1"}


def register(subparsers: Any) -> None:
    """Add the ``health`` sub-command."""
    parser = subparsers.add_parser(
        "health",
        help="查询运行状态 / ask the running bot's health endpoint (DUBAN_HEALTH_ADDRESS)",
        description="Ask the running bot's health endpoint (at DUBAN_HEALTH_ADDRESS) for /readyz "
        "(updates arrive, jobs run, the store takes writes), or /livez with --live, and print "
        "each check; exit 0 when healthy, 1 when not or when nothing answers, 2 when "
        "DUBAN_HEALTH_ADDRESS is not set. The Docker and systemd health checks run it.",
    )
    parser.add_argument("--live", action="store_true", help="liveness only (/livez)")
    parser.add_argument("--timeout", type=float, default=5.0, help="seconds (default 5)")
    parser.set_defaults(func=run_health)


def endpoint_url(address: HealthAddress, path: str) -> str:
    """The URL to ask on this machine (a wildcard listen address is asked on loopback)."""
    host = WILDCARDS.get(address.host, address.host)
    host = f"[{host}]" if ":" in host else host
    return f"http://{host}:{address.port}/{path}"


def run_health(args: argparse.Namespace) -> int:
    """0 ready (or alive), 1 not, 2 no endpoint configured."""
    import urllib.error
    import urllib.request

    from bot.cli.say import language, say, settings_message
    from bot.config import SettingsError, load_settings

    try:
        settings = load_settings(require_token=False)
    except SettingsError as err:
        print(settings_message(err, language(err)), file=sys.stderr)
        return 2
    if settings.health is None:
        print(say("health.not_set", language(settings)), file=sys.stderr)
        return 2
    url = endpoint_url(settings.health, "livez" if args.live else "readyz")
    try:
        with urllib.request.urlopen(url, timeout=args.timeout) as response:
            status, body = response.status, response.read()
    except urllib.error.HTTPError as err:
        status, body = err.code, err.read()
    except OSError as err:
        why = getattr(err, "reason", err)
        print(say("health.no_answer", language(settings), url=url, reason=why), file=sys.stderr)
        return 1
    for name, check in json.loads(body or b"{}").get("checks", {}).items():
        print(f"{'OK  ' if check['ok'] else 'FAIL'} {name}: {check['detail']}")
    print(f"{url}: {status}")
    return 0 if status == 200 else 1
