"""The questions of the weekly feedback that are answered in words, declared once.

Each :class:`TextQuestion` names the :class:`~bot.domain.work.Report` field that keeps the
answer and the labels a person may type before it (``问题：资金未到位``). Reading a report,
the confirmation, ``/task``, ``/history``, ``/search``, the ledger's 反馈记录 sheet, the
judgement of an update's words and the digest all go through :data:`TEXT_QUESTIONS`, so a new
question is one entry here, one field on the report and its texts in the report catalog.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.work import Report


@dataclass(frozen=True, slots=True)
class TextQuestion:
    """A question answered in words: ``field`` on the report, ``labels`` a person may type
    before a colon (zh and en, matched case-blind), whether its words count as what was done
    (``worded``: judged for substance and for real change) and whether the digest lists the
    tasks whose current answers raise it (``in_digest``).

    Its texts live in the report catalog under ``report.field.<field>`` (one line of a
    report), ``report.column.<field>`` (the ledger's column) and, for a question in the
    digest, ``report.digest.<field>`` (the digest's block title)."""

    field: str
    labels: tuple[str, ...]
    worded: bool = False
    in_digest: bool = False


#: The questions in the order they are shown.
TEXT_QUESTIONS: tuple[TextQuestion, ...] = (
    TextQuestion(
        "progress_text",
        ("进展", "工作进展", "进展情况", "推进情况", "进度", "完成情况", "progress"),
        worded=True,
    ),
    TextQuestion(
        "problems",
        ("问题", "存在问题", "困难", "困难问题", "问题困难", "problems", "problem", "issues"),
    ),
    TextQuestion(
        "next_steps",
        (
            "下步",
            "下步打算",
            "下一步",
            "下一步打算",
            "下步计划",
            "下一步计划",
            "计划",
            "next",
            "next steps",
            "next step",
        ),
        worded=True,
    ),
    TextQuestion(
        "coordination",
        (
            "需协调",
            "需协调事项",
            "需协调解决",
            "需协调解决事项",
            "需协调解决的问题",
            "需要协调",
            "请求协调",
            "coordination",
            "needs coordination",
            "help needed",
        ),
        in_digest=True,
    ),
)

#: The report fields that hold words, in the order they are shown.
TEXT_FIELDS: tuple[str, ...] = tuple(q.field for q in TEXT_QUESTIONS)


def answered(report: Report) -> tuple[tuple[TextQuestion, str], ...]:
    """The questions the report answers, each with its (stripped, non-empty) words."""
    out = []
    for question in TEXT_QUESTIONS:
        text = getattr(report, question.field)
        if text and text.strip():
            out.append((question, text.strip()))
    return tuple(out)
