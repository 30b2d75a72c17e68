"""Entry point of the `duban` command: one sub-command per module in COMMAND_MODULES.

Each listed module exposes ``register(subparsers)`` which adds its parser and sets
``func`` (a callable taking the parsed namespace and returning an exit code). A failure no
command foresaw is one sentence on stderr and exit code 70 (``--debug`` shows the traceback).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from bot import __version__

EXIT_INTERNAL = 70  # EX_SOFTWARE: a failure no command foresaw
EPILOG = """\
设置取自 DUBAN_* 环境变量，或 DUBAN_CONFIG 指定的 TOML 文件（见 docs/configuration.md）。
首次启动：先运行 duban check，再运行 duban run；不连 Telegram 试用：duban demo。
安装、备份、升级见 deploy/README.md；各命令的选项见 duban 命令 --help。

Settings come from the DUBAN_* variables, or the TOML file DUBAN_CONFIG names
(docs/configuration.md). First start: `duban check`, then `duban run`; without Telegram:
`duban demo`. Installing, backups, upgrades: deploy/README.md. `duban COMMAND --help` for
a command's options."""

COMMAND_MODULES: tuple[str, ...] = (
    "bot.cli.plan",
    "bot.cli.run",
    "bot.cli.health",
    "bot.cli.export",
    "bot.cli.sandbox",
    "bot.cli.store",
    "bot.cli.demo",
)


def build_parser() -> argparse.ArgumentParser:
    """Build the top-level parser with every registered sub-command."""
    parser = argparse.ArgumentParser(
        prog="duban",
        description="督办 Duban: work-plan supervision in Telegram.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"duban {__version__}")
    parser.add_argument(
        "--debug",
        action="store_true",
        help="意外错误时显示详情 / show an unexpected error's traceback",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the `duban` command and return its exit code."""
    # python-telegram-bot 22 warns that RetryAfter.retry_after becomes a timedelta; opt in now.
    os.environ.setdefault("PTB_TIMEDELTA", "1")
    parser = build_parser()
    args = parser.parse_args(argv)
    func = getattr(args, "func", None)
    if func is None:
        parser.print_help()
        return 2
    try:
        return int(func(args))
    except KeyboardInterrupt:
        return 130
    except Exception as error:
        if args.debug:
            raise
        return _unexpected(_command_words(args), error)


def _command_words(args: argparse.Namespace) -> str:
    """The command as typed, without its arguments: ``store backup``, ``plan parse``."""
    actions = [
        value
        for name, value in vars(args).items()
        if name.endswith(("_command", "_action")) and isinstance(value, str)
    ]
    return " ".join([args.command, *actions])


def _unexpected(command: str, error: Exception) -> int:
    """One line for an operator instead of a traceback, secrets masked."""
    from bot.config import mask_tokens

    reason = mask_tokens(str(error).strip().splitlines()[0] if str(error).strip() else "")
    print(
        f"duban {command}: 意外错误 / unexpected error ({type(error).__name__}"
        f"{': ' + reason if reason else ''}); 查看详情 / for the details: "
        f"duban --debug {command} …",
        file=sys.stderr,
    )
    return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
