"""Pure: the field changes a report call asks for, read (for ``dataclasses.replace``).

Nothing is refused here: a progress or an indicator value that cannot be read is kept as
progress text, text beyond ``MAX_TEXT`` and files beyond ``MAX_ATTACHMENTS`` are cut, and each
such part gets an :class:`~bot.services.reporting.parsing.Unread` note for the confirmation.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from bot.domain.plan import Indicator
from bot.domain.questions import TEXT_FIELDS
from bot.domain.work import Report, ReportStatus
from bot.services.common.typed import MAX_ATTACHMENTS, MAX_TEXT
from bot.services.reporting import parsing as rin
from bot.services.reporting.indicators import read_typed
from bot.services.reporting.parsing import IndicatorInput, Unread

#: Field name -> new value, for ``dataclasses.replace`` on a report.
Changes = dict[str, Any]


@dataclass(frozen=True, slots=True)
class ReportFields:
    """What one report call says, every part optional: the status, free ``text`` typed by the
    person (read for indicator values, ``进度 60%`` and labels), and the fields given by name
    (``texts`` by the question's field, see :mod:`bot.domain.questions`). Progress and texts
    replace, indicator values merge, attachments add."""

    status: ReportStatus | str | None = None
    text: str | None = None
    progress: int | str | None = None
    indicator_values: Sequence[IndicatorInput] = ()
    texts: Mapping[str, str] = field(default_factory=dict)  # question field -> its words
    attachments: Sequence[str] = ()


@dataclass(frozen=True, slots=True)
class Read:
    """The changes to make, and what could not be read as asked (kept as text, or cut)."""

    changes: Changes
    unread: tuple[Unread, ...] = ()


def read(
    report: Report,
    known: Sequence[Indicator],
    indicators: Sequence[Indicator],
    given: ReportFields,
) -> Read:
    """The replacements ``given`` asks for (its status aside, which the service reads):
    progress and texts replace, indicator values merge, attachments add to what the report
    has. Its ``text`` is free text typed by the person: its lines naming one of the task's
    ``indicators`` with a number, or ``进度 60%``, are read as such
    (:func:`~bot.services.reporting.indicators.read_typed`), the rest is split on labels and
    added to the report's texts; ``known`` are the indicators a named value may be for."""
    typed = read_typed(given.text, indicators)
    out: Changes = {}
    notes: list[Unread] = list(typed.unread)
    lines: list[str] = []
    progress = given.progress
    if progress is None:
        progress = typed.progress
    if progress is not None:
        value = rin.read_progress(progress)
        if value is None:
            notes.append(Unread.of("progress", value=progress))
            lines += [progress] if isinstance(progress, str) else []
        else:
            out["progress"] = value
    values, kept, bad = rin.read_indicator_values(known, given.indicator_values)
    values = {**dict(typed.values), **values}
    if values:
        out["indicator_values"] = tuple({**dict(report.indicator_values), **values}.items())
    lines += kept
    notes += bad
    for name in TEXT_FIELDS:
        said = given.texts.get(name)
        if said is not None and said.strip():
            out[name] = said.strip()
    added = "\n".join(part for part in (typed.rest, *lines) if part and part.strip())
    for name, part in rin.split_labelled(added).items():
        before = out.get(name, getattr(report, name))
        out[name] = f"{before}\n{part}" if before else part
    clipped = _clip_texts(out)
    if given.attachments:
        out["attachments"], dropped = rin.clip_attachments(report.attachments, given.attachments)
        if dropped:
            notes.append(Unread.of("attachments_cut", max=MAX_ATTACHMENTS, dropped=dropped))
    if clipped:
        notes.append(Unread.of("text_cut", max=MAX_TEXT))
    return Read(out, tuple(notes))


def _clip_texts(out: Changes) -> bool:
    """Cut each text field in ``out`` to ``MAX_TEXT``; whether any was cut."""
    cut = False
    for name in TEXT_FIELDS:
        if name in out:
            out[name], clipped = rin.clip_text(out[name])
            cut = cut or clipped
    return cut
