"""``duban sandbox``: run the local Telegram Bot API sandbox until Ctrl+C."""

from __future__ import annotations

import argparse
import asyncio
import signal
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the sandbox loads when it is served, so `duban --help` starts fast
    from sandbox import FaultConfig, Sandbox, SandboxConfig

FAULT_KINDS = frozenset({"internal_error", "bad_gateway", "delay", "drop_before", "drop_after"})


def register(subparsers: Any) -> None:
    """Add the ``sandbox`` sub-command."""
    parser = subparsers.add_parser(
        "sandbox",
        help="模拟 Telegram 接口（测试用） / serve a fake Telegram Bot API on loopback for tests",
        description="Serve a local Telegram Bot API sandbox; see sandbox/README.md.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="loopback address (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=0, help="port (default: a free one)")
    parser.add_argument("--token", default=None, help="bot token to accept (default: generated)")
    parser.add_argument(
        "--rate-limits", choices=("on", "off"), default="on", help="Telegram's flood limits"
    )
    parser.add_argument(
        "--strict-spec",
        choices=("on", "off"),
        default="off",
        help="answer calls that break the Bot API description with 400 (default: record only)",
    )
    parser.add_argument(
        "--faults",
        default="",
        metavar="KIND=SHARE,...",
        help="inject faults, e.g. internal_error=0.05,drop_after=0.02,delay=0.1",
    )
    parser.add_argument("--seed", type=int, default=0, help="seed of the fault generator")
    parser.set_defaults(func=run_sandbox)


def build_config(args: argparse.Namespace) -> SandboxConfig:
    """The sandbox configuration the command line asks for."""
    from sandbox import RateLimits, SandboxConfig

    return SandboxConfig(
        host=args.host,
        port=args.port,
        token=args.token,
        rate_limits=RateLimits() if args.rate_limits == "on" else RateLimits.off(),
        faults=parse_faults(args.faults, args.seed),
        strict_spec=args.strict_spec == "on",
    )


def parse_faults(text: str, seed: int) -> FaultConfig | None:
    """``"internal_error=0.05,drop_after=0.02"`` as a FaultConfig (empty: none)."""
    if not text.strip():
        return None
    from sandbox import FaultConfig

    shares: dict[str, float] = {}
    for item in text.split(","):
        name, _, share = item.partition("=")
        if name.strip() not in FAULT_KINDS:
            raise ValueError(f"unknown fault {name.strip()!r}; use one of {sorted(FAULT_KINDS)}")
        shares[name.strip()] = float(share)
    return FaultConfig(
        seed=seed,
        internal_error=shares.get("internal_error", 0.0),
        bad_gateway=shares.get("bad_gateway", 0.0),
        delay=shares.get("delay", 0.0),
        drop_before=shares.get("drop_before", 0.0),
        drop_after=shares.get("drop_after", 0.0),
    )


def run_sandbox(args: argparse.Namespace) -> int:
    """Serve until SIGINT or SIGTERM."""
    try:
        config = build_config(args)
    except (ValueError, TypeError) as error:
        print(f"duban sandbox: {error}", file=sys.stderr)
        return 2
    asyncio.run(_serve(config))
    return 0


async def _serve(config: SandboxConfig) -> None:
    from sandbox import Sandbox

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    async with Sandbox(config) as sb:
        print(banner(sb), flush=True)
        await stop.wait()
    print("sandbox stopped", flush=True)


def banner(sb: Sandbox) -> str:
    """What to point a Bot API client at."""
    version = sb.spec.version if sb.spec else "spec file not found"
    bot = sb.world.bot
    return "\n".join(
        [
            f"Duban Telegram Bot API sandbox ({version}); Ctrl+C stops it.",
            f"bot:            @{bot.username} (id {bot.id})",
            f"token:          {sb.token}",
            f"base_url:       {sb.base_url}",
            f"base_file_url:  {sb.base_file_url}",
            f"control:        {sb.control_url}  (see sandbox/README.md)",
            "PTB:            ApplicationBuilder().token(TOKEN)"
            f'.base_url("{sb.base_url}").base_file_url("{sb.base_file_url}")',
            f"duban run:      DUBAN_BOT_TOKEN={sb.token} DUBAN_BOT_API_URL={sb.url}",
        ]
    )
