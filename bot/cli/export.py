"""``duban export --format xlsx [--year YEAR]``: write the year's ledger (年度台账) of one team, or
of every team (default: this year's; an earlier year's shows its tasks as they stood at its end).

The data directory defaults to the deployment's (``DUBAN_DATA_DIR``), or its PostgreSQL
database when ``DUBAN_DATABASE_URL`` is set and no ``--data-dir`` is given; times are written in
its time zone (``DUBAN_TIMEZONE``). With one team, ``--output`` names the file; with several, it
names a directory that gets one workbook per team. The store is opened read-only, without its lock,
from a consistent snapshot, so the export works while the bot runs; nothing is written to it.
Exit codes: 0 written, 1 no data, an unreadable store or an unwritable output, 2 usage (a year
outside a team's history included).
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # loaded when the export runs, so `duban --help` starts fast
    from bot.domain.clock import SystemClock
    from bot.domain.people import Team
    from bot.domain.ports import Store

EXIT_OK, EXIT_NO_DATA, EXIT_USAGE = 0, 1, 2


def register(subparsers: Any) -> None:
    """Add ``export`` to the ``duban`` command."""
    parser = subparsers.add_parser(
        "export",
        help="导出台账 / export the ledger",
        description="把督办组的年度台账（任务、本年度反馈和应报事项）导出为 Excel 工作簿，"
        "按 A4 横向排版打印。机器人运行时也可导出。 / Write each team's ledger for the year as an "
        ".xlsx workbook, laid out to print on A4 landscape; works while the bot runs.",
    )
    parser.add_argument("--year", type=int, help="台账年度 / year (default: this year)")
    parser.add_argument("--format", choices=("xlsx",), default="xlsx", help="输出格式 / format")
    parser.add_argument(
        "--output",
        "-o",
        type=Path,
        help="输出文件或目录，默认当前目录下以督办组和日期命名的文件 / output file or directory "
        "(default: a file named after the team and date, in the current directory)",
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        help="数据目录 / data directory (default: $DUBAN_DATA_DIR or ./duban-data; "
        "$DUBAN_DATABASE_URL when set)",
    )
    parser.add_argument("--team", help="督办组 id 或名称 / team id or name (default: all)")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh", help="表头语言 / language")
    parser.set_defaults(func=run_export)


def run_export(args: argparse.Namespace) -> int:
    """Export the ledger as ``args`` say; return the exit code."""
    from bot.cli.say import language, reason, say, settings_message
    from bot.config import SettingsError, load_settings
    from bot.domain.clock import SystemClock

    try:
        settings = load_settings(require_token=False)
    except SettingsError as error:
        print(settings_message(error, language(error)), file=sys.stderr)
        return EXIT_USAGE
    lang = language(settings)
    data_dir: Path = args.data_dir or settings.data_dir
    url = None if args.data_dir or not settings.database_url else settings.database_url
    if url is None and not data_dir.is_dir():
        print(say("store.no_data_dir", lang, path=data_dir.absolute()), file=sys.stderr)
        return EXIT_NO_DATA
    from storage import open_store  # the CLI, like the composition root, may open the store

    try:  # no lock, nothing written (PostgreSQL: a read-only view): works while the bot runs
        store = open_store(
            data_dir, read_only=True, database_url=url.get_secret_value() if url else None
        )
    except Exception as error:  # a damaged store
        print(say("store.cannot_open", lang, reason=reason(error, lang)), file=sys.stderr)
        return EXIT_NO_DATA
    try:
        return _export(store, args, SystemClock(settings.timezone), lang)
    finally:
        store.close()


def _export(store: Store, args: argparse.Namespace, clock: SystemClock, lang: str) -> int:
    from bot.cli.say import say
    from bot.render.rhythm.ledger import export_ledger

    teams = _teams(store, args.team)
    if not teams:
        wanted = say("export.no_team_named", lang, team=args.team) if args.team else ""
        print(say("export.no_team", lang, team=wanted), file=sys.stderr)
        return EXIT_NO_DATA
    output: Path | None = args.output
    if len(teams) > 1 and output is not None and output.suffix.lower() == ".xlsx":
        print(say("export.several_teams", lang), file=sys.stderr)
        return EXIT_USAGE
    now = clock.now()
    for team in teams:
        refused = _refused_year(store, team, now, args.year, args.lang)
        if refused:
            print(refused, file=sys.stderr)
            return EXIT_USAGE
    for team in teams:
        path = _target(output, team, now, args.lang, args.year, single=len(teams) == 1)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(export_ledger(store, team.id, now, args.lang, args.year))
        except OSError as error:
            why = error.strerror or str(error)
            print(say("export.cannot_write", lang, path=path, reason=why), file=sys.stderr)
            return EXIT_NO_DATA
        print(path)
    return EXIT_OK


def _refused_year(store: Store, team: Team, now: datetime, year: int | None, lang: str) -> str:
    """Why ``year`` has no ledger for ``team`` (a year outside its history), or ""."""
    from bot.render.rhythm.ledger import ledger_year_refused
    from bot.rhythm.annual import ledger_years

    first, last = ledger_years(tuple(store.plans.for_team(team.id)), now)
    if year is None or first <= year <= last:
        return ""
    return ledger_year_refused(team.name, year, (first, last), lang)


def _teams(store: Store, wanted: str | None) -> list[Team]:
    teams = list(store.teams.all())
    if wanted is None:
        return teams
    return [team for team in teams if wanted in (team.id, team.name)]


def _target(
    output: Path | None, team: Team, now: datetime, lang: str, year: int | None, *, single: bool
) -> Path:
    from bot.render.rhythm.ledger import ledger_filename
    from bot.rhythm.annual import ledger_year

    name = ledger_filename(team.name, ledger_year(now, year).dated, lang)
    if output is None:
        return Path(name)
    if single and not output.is_dir():
        return output
    return output / name
