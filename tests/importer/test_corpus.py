"""Regression floors on the annotated corpus of real plans (tests/importer/corpus)."""

from __future__ import annotations

import contextlib
import random
from pathlib import Path

import pytest

from bot.importer import PlanImportError, parse_plan
from tests.importer.scoring import CORPUS, CorpusScore, report, score_corpus

MICRO_F1_FLOOR = 0.95
OWNER_FLOOR = 0.95
DEADLINE_FLOOR = 0.90
UNSTATED_DEADLINE_SHARE = 0.02


@pytest.fixture(scope="module")
def score() -> CorpusScore:
    """The whole corpus, scored once for this module."""
    return score_corpus()


def test_corpus_is_bundled() -> None:
    """The corpus lives in the project: texts and annotations, at least the 20 published."""
    annotated = sorted(CORPUS.glob("*.expected.json"))
    assert len(annotated) >= 20
    assert all(
        any(p != a for p in CORPUS.glob(a.name.removesuffix(".expected.json") + ".*"))
        for a in annotated
    )


def test_no_document_is_refused(score: CorpusScore) -> None:
    """Every annotated document parses; none is refused with an error."""
    assert score.refused == (), report(score)


def test_title_f1_stays_above_the_floor(score: CorpusScore) -> None:
    """Micro title F1 over all measures pooled is at least 0.95."""
    assert score.micro_f1 >= MICRO_F1_FLOOR, report(score)


def test_owner_accuracy_stays_above_the_floor(score: CorpusScore) -> None:
    """Stated owners are found for at least 95 % of the matched measures that have one."""
    assert score.owner_accuracy >= OWNER_FLOOR, report(score)


def test_deadline_accuracy_stays_above_the_floor(score: CorpusScore) -> None:
    """Stated deadlines are found for at least 90 % of the matched measures that have one."""
    assert score.deadline_accuracy >= DEADLINE_FLOOR, report(score)


def test_deadlines_are_seldom_given_where_none_is_stated(score: CorpusScore) -> None:
    """At most 2 % of the matched measures get a dated deadline their text does not state."""
    matched = sum(d.matched for d in score.docs)
    assert score.extra_deadlines <= UNSTATED_DEADLINE_SHARE * matched, report(score)


_MUTATIONS = 30


def _mutations(data: bytes, seed: int) -> list[bytes]:
    """``data`` cut short at random places and with random bits flipped (deterministic)."""
    rng = random.Random(seed)
    out = [data[: rng.randrange(1, len(data))] for _ in range(_MUTATIONS // 2)]
    for _ in range(_MUTATIONS - len(out)):
        damaged = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            damaged[rng.randrange(len(damaged))] ^= 1 << rng.randrange(8)
        out.append(bytes(damaged))
    return out


@pytest.mark.parametrize(
    "path",
    sorted(p for p in CORPUS.glob("x[78]*") if not p.name.endswith(".json")),
    ids=lambda p: p.name[:3],
)
def test_damaged_blind_documents_give_a_plan_or_a_polite_refusal(path: Path) -> None:
    """Each written-blind layout cut short or bit-flipped gives a plan or a PlanImportError."""
    for index, damaged in enumerate(_mutations(path.read_bytes(), seed=len(path.name))):
        with contextlib.suppress(PlanImportError):
            parse_plan(damaged, path.name if index % 2 else "upload")
