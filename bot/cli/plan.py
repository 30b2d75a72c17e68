"""``duban plan parse FILE``: parse a work plan and print its measures.

Formats: ``table`` (for a terminal, CJK-width aware), ``json`` (the contract in
:mod:`bot.importer.serialise`) and ``xlsx`` (a workbook, written to ``--output``).
Bad input prints the importer's message in Chinese and English and exits with 1.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # imported when a plan is parsed, so `duban --help` starts fast
    from bot.importer import ParsedPlan

EXIT_OK, EXIT_BAD_INPUT, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 70


def register(subparsers: Any) -> None:
    """Add ``plan parse`` to the ``duban`` command."""
    plan = subparsers.add_parser("plan", help="工作计划 / work plans")
    actions = plan.add_subparsers(dest="plan_action", metavar="ACTION")
    parse = actions.add_parser(
        "parse",
        help="解析工作计划或责任清单 / parse a work plan or responsibility table",
        description="解析 .txt/.md/.docx/.doc/.wps/.odt/.rtf/.pdf/.xlsx/.xls/.ods/.csv/.html "
        "工作计划，列出其中的措施。",
    )
    parse.add_argument("file", type=Path, help="计划文件 / plan file")
    parse.add_argument(
        "--format",
        choices=("table", "json", "xlsx"),
        default="table",
        help="输出格式 / output format (default: table)",
    )
    parse.add_argument(
        "--all-parts",
        action="store_true",
        help="包含回顾性部分 / include review parts (工作情况, 总结)",
    )
    parse.add_argument("--year", type=int, help="计划年份 / plan year for relative deadlines")
    parse.add_argument(
        "--output", "-o", type=Path, help="输出文件（xlsx 必填）/ output file (required for xlsx)"
    )
    parse.set_defaults(func=run_parse)

    def usage(_: argparse.Namespace) -> int:
        plan.print_help()
        return EXIT_USAGE

    plan.set_defaults(func=usage)


def run_parse(args: argparse.Namespace) -> int:
    """Parse ``args.file`` and print or write the result; return the exit code."""
    if args.format == "xlsx" and args.output is None:
        print(
            "xlsx 格式需要 --output 指定输出文件 / --format xlsx needs --output PATH",
            file=sys.stderr,
        )
        return EXIT_USAGE
    from bot.importer import PlanImportError, parse_plan
    from bot.render.importer import render_import_error_both

    try:
        data = Path(args.file).read_bytes()
        plan = parse_plan(data, Path(args.file).name, all_parts=args.all_parts, year=args.year)
        return _emit(plan, args.format, args.output)
    except PlanImportError as error:
        print(render_import_error_both(error), file=sys.stderr)
        return EXIT_BAD_INPUT
    except OSError as error:
        print(
            f"无法读写文件 / cannot read or write the file: {error.filename or args.file}"
            f" ({error.strerror or error})",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    except Exception as error:  # last resort: a message, never a traceback
        print(f"内部错误 / internal error: {type(error).__name__}: {error}", file=sys.stderr)
        return EXIT_INTERNAL


def plan_to_json(plan: ParsedPlan) -> dict[str, Any]:
    """The JSON contract of ``plan`` for scripts: its warnings worded in both languages."""
    from bot.importer import plan_to_dict
    from bot.render.importer import render_plan_warning_both

    data = plan_to_dict(plan)
    data["warnings"] = [render_plan_warning_both(warning) for warning in plan.warnings]
    return data


def _emit(plan: ParsedPlan, fmt: str, output: Path | None) -> int:
    from bot.render.plan_table import plan_table

    if fmt == "xlsx":
        from bot.render.plan_workbook import plan_to_xlsx

        assert output is not None
        output.write_bytes(plan_to_xlsx(plan))
        return EXIT_OK
    text = (
        json.dumps(plan_to_json(plan), ensure_ascii=False, indent=2)
        if fmt == "json"
        else plan_table(plan)
    )
    if output is None:
        sys.stdout.write(text + "\n")
    else:
        output.write_text(text + "\n", encoding="utf-8")
    return EXIT_OK
