"""The importer's entry points: :func:`parse_plan` and :func:`load_sample_plan`."""

from __future__ import annotations

from importlib import resources

from bot.importer.model import ParsedPlan
from bot.importer.parsers.base import ParseOptions
from bot.importer.parsers.registry import parse_with

SAMPLE_PLAN_NAME = "sample-plan.txt"


def parse_plan(
    data: bytes, filename: str, *, all_parts: bool = False, year: int | None = None
) -> ParsedPlan:
    """Parse an uploaded plan or responsibility table.

    ``filename`` only helps pick the format (its extension) and, for tables, the year.
    Measures come from the planning parts unless ``all_parts``; ``year`` overrides the
    plan year read from the title. Raises :class:`PlanImportError` for anything unreadable.
    """
    return parse_with(data, ParseOptions(filename=filename, all_parts=all_parts, year=year))


def load_sample_plan() -> bytes:
    """The bundled sample plan (an XX county 2023 summary and 2024 plan), for demos and tests."""
    return resources.files("bot").joinpath("data", SAMPLE_PLAN_NAME).read_bytes()
