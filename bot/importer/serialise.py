"""The JSON form of a plan, as printed by ``duban plan parse --format json``.

The shape is a contract for scripts::

    {"title", "targets": [{"name", "value", "unit", "placeholder"}],
     "measures": [{"id", "part", "section", "marker", "title", "body", "lead_leader",
                   "lead_units": [], "units": [], "co_units": [],
                   "deadline": {"raw", "date"}, "indicators": [...],
                   "owner_confidence", "deadline_confidence", "marks"}],
     "warnings": [{"key", "params"}], "legend": [{"sign", "meaning"}]}

``null`` or an empty list stands wherever the document says nothing; dates are ISO strings.
A warning is a catalog key with its parameters (a plan stored by an older version may hold
worded text instead); the command line prints each worded in Chinese and English.
A confidence is ``"stated"`` (written for the item), ``"inferred"`` (taken from a heading or
a merged cell) or ``"none"`` (not found). ``marks`` are the key-item signs before a measure
(``"★▲"``, ``""`` for none) and ``legend`` what the plan's note says each sign means.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from bot.importer.errors import warning_to_stored
from bot.importer.model import (
    Confidence,
    Deadline,
    Indicator,
    KeyMark,
    ParsedMeasure,
    ParsedPlan,
)


def plan_to_dict(plan: ParsedPlan) -> dict[str, Any]:
    """The JSON-ready contract form of ``plan``."""
    return {
        "title": plan.title,
        "targets": [indicator_to_dict(t) for t in plan.targets],
        "measures": [measure_to_dict(m) for m in plan.measures],
        "warnings": [warning_to_stored(w) for w in plan.warnings],
        "legend": [{"sign": m.sign, "meaning": m.meaning} for m in plan.legend],
    }


def measure_to_dict(measure: ParsedMeasure) -> dict[str, Any]:
    """The JSON-ready form of one measure."""
    return {
        "id": measure.id,
        "part": measure.part,
        "section": measure.section,
        "marker": measure.marker,
        "title": measure.title,
        "body": measure.body,
        "lead_leader": measure.lead_leader,
        "lead_units": list(measure.lead_units),
        "units": list(measure.units),
        "co_units": list(measure.co_units),
        "deadline": {
            "raw": measure.deadline.raw,
            "date": measure.deadline.date.isoformat() if measure.deadline.date else None,
        },
        "indicators": [indicator_to_dict(i) for i in measure.indicators],
        "owner_confidence": measure.owner_confidence.value,
        "deadline_confidence": measure.deadline_confidence.value,
        "marks": measure.marks,
    }


def indicator_to_dict(indicator: Indicator) -> dict[str, Any]:
    """The JSON-ready form of one indicator or target."""
    return {
        "name": indicator.name,
        "value": indicator.value,
        "unit": indicator.unit,
        "placeholder": indicator.placeholder,
    }


def measure_from_dict(data: dict[str, Any]) -> ParsedMeasure:
    """A measure back from :func:`measure_to_dict` output (e.g. to :func:`reconcile` later)."""
    deadline = data.get("deadline") or {}
    date = deadline.get("date")
    owned = any(data.get(key) for key in ("lead_leader", "lead_units", "units", "co_units"))
    return ParsedMeasure(
        id=str(data["id"]),
        part=data.get("part"),
        section=data.get("section"),
        marker=data.get("marker"),
        title=str(data["title"]),
        body=str(data.get("body", "")),
        lead_leader=data.get("lead_leader"),
        lead_units=tuple(data.get("lead_units", ())),
        units=tuple(data.get("units", ())),
        co_units=tuple(data.get("co_units", ())),
        deadline=Deadline(deadline.get("raw"), dt.date.fromisoformat(date) if date else None),
        indicators=tuple(indicator_from_dict(i) for i in data.get("indicators", ())),
        owner_confidence=_confidence(data.get("owner_confidence"), owned),
        deadline_confidence=_confidence(
            data.get("deadline_confidence"), bool(deadline.get("raw"))
        ),
        marks=str(data.get("marks") or ""),
    )


def legend_from_list(data: list[dict[str, Any]]) -> tuple[KeyMark, ...]:
    """A plan's legend back from its ``plan_to_dict`` form."""
    return tuple(KeyMark(str(m["sign"]), str(m["meaning"])) for m in data)


def _confidence(value: object, found: bool) -> Confidence:
    """A stored confidence; older documents without one count what was found as stated."""
    try:
        return Confidence(str(value))
    except ValueError:
        return Confidence.STATED if found else Confidence.NONE


def indicator_from_dict(data: dict[str, Any]) -> Indicator:
    """An indicator back from :func:`indicator_to_dict` output."""
    value = data.get("value")
    return Indicator(
        name=str(data["name"]),
        value=float(value) if value is not None else None,
        unit=data.get("unit"),
        placeholder=bool(data.get("placeholder", False)),
    )
