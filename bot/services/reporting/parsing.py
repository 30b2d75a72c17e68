"""Pure reading of report input: status, progress, texts, labelled free text, indicators.

Nothing an owner sends about a task is refused for a detail that cannot be read: the ``read_*``
functions return what could be taken plus an :class:`Unread` note for each part that could not
(kept as text instead, or cut to the limit), which the confirmation names in one line (the
refusing ``check_*`` readers are :mod:`bot.services.common.typed`'s).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bot.domain.attachments import distinct, normalised
from bot.domain.names import name_key
from bot.domain.plan import Indicator
from bot.domain.questions import TEXT_QUESTIONS
from bot.domain.work import ReportStatus
from bot.services.common.errors import InvalidInput
from bot.services.common.typed import MAX_ATTACHMENTS, MAX_TEXT

#: At most this many characters of a typed value are repeated in a note.
NOTE_PARAM = 40

#: A value for an indicator: a number, or text such as ``"12.5"``, ``"12.5亿元"``.
IndicatorInput = tuple[str, float | str]


_STATUS_WORDS: dict[str, ReportStatus] = {
    **dict.fromkeys(("正常推进", "正常", "推进中", "进行中", "on track"), ReportStatus.ON_TRACK),
    **dict.fromkeys(("已完成", "完成", "办结"), ReportStatus.DONE),
    **dict.fromkeys(("滞后", "落后", "延期"), ReportStatus.BEHIND),
    **dict.fromkeys(("受阻", "阻塞", "卡住"), ReportStatus.BLOCKED),
}
_LABELS: dict[str, str] = {label: q.field for q in TEXT_QUESTIONS for label in q.labels}
_LABEL_RE = re.compile(
    r"(?:^|(?<=[\s。；;，,]))[【\[]?(?P<label>"
    + "|".join(sorted((re.escape(k) for k in _LABELS), key=len, reverse=True))
    + r")[】\]]?\s*[:：]",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"^\s*(?P<num>[-+]?\d[\d,]*(?:\.\d+)?)\s*(?P<unit>\S*)\s*$")
_SCALE = {"万": 1e4, "亿": 1e8, "千": 1e3, "百": 1e2}


@dataclass(frozen=True, slots=True)
class Unread:
    """A part of a report that could not be read as asked, and was kept otherwise (as text) or
    cut: ``code`` names the message ``report.unread.<code>``, ``params`` fill it in."""

    code: str
    params: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, code: str, **params: object) -> Unread:
        """A note with its parameters as text, each cut to ``NOTE_PARAM`` characters so the
        note stays one short line."""
        return cls(code, tuple((k, _short(str(v))) for k, v in params.items()))


def _short(text: str) -> str:
    return text if len(text) <= NOTE_PARAM else text[: NOTE_PARAM - 1] + "…"


def parse_status(value: ReportStatus | str) -> ReportStatus:
    """A status from the enum, its value, or a Chinese word."""
    if isinstance(value, ReportStatus):
        return value
    key = value.strip().casefold().replace("_", " ")
    for status in ReportStatus:
        if key in (status.value, status.value.replace("_", " ")):
            return status
    if key in _STATUS_WORDS:
        return _STATUS_WORDS[key]
    raise InvalidInput("err.status_unknown", status=value)


def read_progress(value: object) -> int | None:
    """A whole percent 0..100 (``60``, ``"60%"``, ``" 60 ％"``), or None when it is not one."""
    if isinstance(value, str):
        value = value.strip().rstrip("%％").strip()
        if not value.isdigit() or len(value) > 3:
            return None
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
        return None
    return value


def clip_text(text: str | None) -> tuple[str | None, bool]:
    """Stripped text (None when empty) cut to ``MAX_TEXT`` characters, and whether it was cut."""
    if text is None:
        return None, False
    text = text.strip()
    if len(text) > MAX_TEXT:
        return text[:MAX_TEXT].rstrip(), True
    return text or None, False


def clip_attachments(existing: Sequence[str], new: Iterable[str]) -> tuple[tuple[str, ...], int]:
    """Existing plus new files without repeats (a file sent again, by its unique id), the first
    ``MAX_ATTACHMENTS`` of them, and how many new ones did not fit."""
    merged = distinct((*existing, *normalised(new)))
    return merged[:MAX_ATTACHMENTS], max(0, len(merged) - MAX_ATTACHMENTS)


def split_labelled(text: str) -> dict[str, str]:
    """Split ``进展：… 问题：… 下步：…`` into fields; unlabelled text is progress text."""
    parts: dict[str, list[str]] = {}
    matches = list(_LABEL_RE.finditer(text))
    head = text[: matches[0].start()] if matches else text
    if head.strip():
        parts.setdefault("progress_text", []).append(head.strip())
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(text)
        body = text[match.end() : end].strip().rstrip("；;")
        if body:
            parts.setdefault(_LABELS[match["label"].casefold()], []).append(body)
    return {field: "\n".join(chunks) for field, chunks in parts.items()}


def read_value(indicator: Indicator, raw: float | str) -> float | None:
    """The value ``raw`` gives for ``indicator`` (a number, with its unit or a 万/亿/千/百
    scaling of it), or None when it cannot be read."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int | float):
        return float(raw)
    match = _NUMBER.match(raw)
    if match is None:
        return None
    number = float(match["num"].replace(",", ""))
    unit = match["unit"].replace("％", "%")
    expected = (indicator.unit or "").replace("％", "%")
    if not unit or unit == expected:
        return number
    factor = _conversion(unit, expected)
    return None if factor is None else number * factor


def read_indicator_values(
    known: Sequence[Indicator], inputs: Iterable[IndicatorInput]
) -> tuple[dict[str, float], tuple[str, ...], tuple[Unread, ...]]:
    """The values read by indicator name; the inputs that could not be (unknown name, no
    number, another unit) as text lines ``<name> <value>``; a note for each of those."""
    by_name = {name_key(i.name): i for i in known}
    values: dict[str, float] = {}
    lines: list[str] = []
    notes: list[Unread] = []
    for name, raw in inputs:
        indicator = by_name.get(name_key(name))
        value = read_value(indicator, raw) if indicator is not None else None
        if indicator is not None and value is not None:
            values[indicator.name] = value
            continue
        lines.append(f"{name} {raw}")
        if indicator is None:
            notes.append(unknown_indicator(name, known))
        else:
            notes.append(unreadable_value(indicator, raw))
    return values, tuple(lines), tuple(notes)


def unreadable_value(indicator: Indicator, raw: float | str) -> Unread:
    """The note for a value that could not be read for ``indicator``, with a correct example
    (the number typed, if any, in the indicator's unit)."""
    number = re.search(r"\d[\d,]*(?:\.\d+)?", str(raw))
    example = f"{indicator.name} {number[0] if number else '1'}{indicator.unit or ''}"
    code = "indicator_unit" if indicator.unit else "indicator_value"
    return Unread.of(code, name=indicator.name, unit=indicator.unit or "", example=example)


def unknown_indicator(
    name: str, known: Sequence[Indicator], code: str = "indicator_unknown"
) -> Unread:
    """The note for a name that is none of the task's indicators (``indicator_unknown``), or
    several of them (``indicator_ambiguous``, ``known`` being those)."""
    if not known:
        return Unread.of("indicator_none", name=name)
    names = "、".join(f"「{i.name}」" for i in known[:4])
    example = f"{known[0].name} 1{known[0].unit or ''}"
    return Unread.of(code, name=name, known=names, example=example)


def _conversion(unit: str, expected: str) -> float | None:
    """The factor from ``unit`` to ``expected`` when they differ only by 万/亿/千/百."""

    def split(u: str) -> tuple[float, str]:
        return (_SCALE[u[0]], u[1:]) if u and u[0] in _SCALE and len(u) > 1 else (1.0, u)

    (from_scale, from_base), (to_scale, to_base) = split(unit), split(expected)
    if not expected or from_base != to_base:
        return None
    return from_scale / to_scale
