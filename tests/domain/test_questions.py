"""The questions answered in words: declared once, each complete wherever it is read."""

from __future__ import annotations

from dataclasses import fields, replace
from datetime import UTC, datetime

import pytest

from bot.domain.questions import TEXT_QUESTIONS, TextQuestion, answered
from bot.domain.work import Report
from bot.i18n import LANGUAGES, catalog_keys, t
from bot.render.rhythm.ledger import reports_header
from bot.services.reporting.parsing import split_labelled

REPORT = Report("r1", "tA", "m1", "p1", None, datetime(2026, 3, 2, 9, tzinfo=UTC))


@pytest.mark.parametrize("question", TEXT_QUESTIONS, ids=lambda q: q.field)
def test_each_question_is_a_text_field_of_the_report(question: TextQuestion) -> None:
    """A question names a report field that holds text (None until answered)."""
    names = {f.name: f for f in fields(Report)}
    assert question.field in names
    assert getattr(REPORT, question.field) is None


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_question_has_its_texts_in_each_language(lang: str) -> None:
    """The report line and the ledger column exist in zh and en; so does the digest title of
    a question the digest lists."""
    keys = catalog_keys(lang)
    for question in TEXT_QUESTIONS:
        assert f"report.field.{question.field}" in keys
        assert f"report.column.{question.field}" in keys
        assert (f"report.digest.{question.field}" in keys) is question.in_digest


def test_labels_belong_to_one_question_each() -> None:
    """No label a person types could mean two questions."""
    labels = [label.casefold() for q in TEXT_QUESTIONS for label in q.labels]
    assert len(labels) == len(set(labels))


@pytest.mark.parametrize("question", TEXT_QUESTIONS, ids=lambda q: q.field)
def test_each_label_is_read_into_its_question(question: TextQuestion) -> None:
    """``<label>：words`` typed by a person lands in the question's field."""
    for label in question.labels:
        assert split_labelled(f"{label}：已完成三项") == {question.field: "已完成三项"}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_ledger_has_one_column_per_question_in_their_order(lang: str) -> None:
    """The 反馈记录 sheet shows every question, in the declared order, once."""
    header = reports_header(lang)
    columns = [t(f"report.column.{q.field}", lang) for q in TEXT_QUESTIONS]
    at = header.index(columns[0])
    assert header[at : at + len(columns)] == columns


def test_answered_lists_only_questions_with_words_in_order() -> None:
    """Blank answers are left out; the rest come stripped, in the declared order."""
    last = TEXT_QUESTIONS[-1].field
    first = TEXT_QUESTIONS[0].field
    report = replace(REPORT, **{last: " 下周验收 ", first: "  "})
    assert [(q.field, text) for q, text in answered(report)] == [(last, "下周验收")]
