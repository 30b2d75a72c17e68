"""``duban demo``: run the offline demo (sandbox, real bot, simulated people and clock)."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path
from typing import Any

from bot.i18n import LANGUAGES


def register(subparsers: Any) -> None:
    """Add the ``demo`` sub-command."""
    parser = subparsers.add_parser(
        "demo",
        help="离线演示 / run a whole weekly and monthly rhythm offline and show the chats",
        description=(
            "Run Duban against a local Telegram sandbox with simulated people and time: "
            "plan import, roster, assignments, the weekly check-in, reminders, the digest, "
            "close-outs and the monthly review. Prints the chats and writes the digest, the "
            "chart and the ledger to an output folder."
        ),
    )
    parser.add_argument("--lang", choices=LANGUAGES, default="zh", help="language (default zh)")
    parser.add_argument(
        "--output",
        type=Path,
        default=None,
        metavar="DIR",
        help="output folder (default ./duban-demo-output/<timestamp>/)",
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        metavar="DIR",
        help="keep the bot's store here (default: a temporary directory)",
    )
    parser.add_argument("--quiet", action="store_true", help="print the summary only")
    parser.add_argument("--seed", type=int, default=7, help="seed of the scenario (default 7)")
    parser.add_argument("--no-color", action="store_true", help="no ANSI colours or bold")
    parser.add_argument(
        "--width", type=int, default=None, help="transcript width (default: the terminal's)"
    )
    parser.set_defaults(func=run_demo_command)


def run_demo_command(args: argparse.Namespace) -> int:
    """Run the demo; 0 when every step and key moment happened."""
    from demo.runner import DemoOptions, main  # heavy: only when asked for

    color = not args.no_color and "NO_COLOR" not in os.environ and sys.stdout.isatty()
    width = args.width or min(shutil.get_terminal_size((100, 24)).columns, 120)
    options = DemoOptions(
        lang=args.lang,
        seed=args.seed,
        output=args.output,
        data_dir=args.data_dir,
        quiet=args.quiet,
        color=color,
        width=max(width, 40),
    )
    return main(options)
