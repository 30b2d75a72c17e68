"""The importer's score on the annotated corpus of real plans (``tests/importer/corpus``).

Scoring follows the corpus README: each document is parsed with ``all_parts``; an expected
measure is found when a predicted title matches it (punctuation and spaces removed; a title
shortened with "…" counts when it keeps the start of the expected one, 15+ characters); an
owner counts when one stated unit is among those predicted; a deadline when the stated text and
the predicted raw text contain one another. ``python -m tests.importer.scoring`` prints the
table; the regression test asserts the floors.
"""

from __future__ import annotations

import difflib
import json
import re
import sys
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.importer import PlanImportError, parse_plan, plan_to_dict
from bot.render.importer import render_import_error

CORPUS = Path(__file__).parent / "corpus" / "docs"
_OWNER_LABELS = re.compile(
    r"(牵头单位|责任单位|配合单位|责任领导|牵头领导|负责部门|指导部门)[:：]?"
)


def norm(text: str | None) -> str:
    """Text without punctuation, symbols and spaces, in NFKC form."""
    if not text:
        return ""
    return re.sub(r"[\s\W_]+", "", unicodedata.normalize("NFKC", text))


def title_match(expected: str, got: str) -> bool:
    """Whether a predicted title names the expected measure."""
    e, g = norm(expected), norm(got)
    if not e or not g:
        return False
    if got.rstrip().endswith(("…", "...")) and len(g) >= 15 and e.startswith(g):
        return True
    if e in g or g in e:
        return min(len(e), len(g)) >= 0.6 * max(len(e), len(g)) or len(e) <= len(g)
    return difflib.SequenceMatcher(None, e, g).ratio() >= 0.8


def owner_tokens(text: str) -> set[str]:
    """The unit names of an owner text, normalised."""
    text = _OWNER_LABELS.sub("、", unicodedata.normalize("NFKC", text or ""))
    text = re.sub(r"(按职责分工)?负责", "", text)
    return {norm(p) for p in re.split(r"[、，,;；/\s]+", text) if len(norm(p)) >= 2}


def predicted_owner_text(measure: dict[str, Any]) -> str:
    """Every unit and leader a predicted measure names."""
    bits = [str(measure["lead_leader"])] if measure.get("lead_leader") else []
    for key in ("lead_units", "units", "co_units"):
        bits.extend(str(unit) for unit in measure.get(key) or [])
    return "、".join(bits)


def deadline_match(expected: str, measure: dict[str, Any]) -> bool:
    """Whether the predicted deadline's raw text and the expected one contain one another."""
    raw = (measure.get("deadline") or {}).get("raw")
    e, g = norm(expected), norm(raw)
    return bool(e and g) and (e in g or g in e)


@dataclass(frozen=True, slots=True)
class DocScore:
    """One document's counts."""

    name: str
    expected: int
    predicted: int
    matched: int
    owners: tuple[int, int]
    deadlines: tuple[int, int]
    error: str | None = None
    extra_deadlines: int = 0
    """Matched measures with no stated deadline that were given a dated one."""

    @property
    def f1(self) -> float:
        """Title F1 of this document."""
        return _f1(self.matched, self.predicted, self.expected)


@dataclass(frozen=True, slots=True)
class CorpusScore:
    """The pooled figures over all documents."""

    docs: tuple[DocScore, ...]

    @property
    def precision(self) -> float:
        """Matched titles over predicted measures, pooled."""
        predicted = sum(d.predicted for d in self.docs)
        return sum(d.matched for d in self.docs) / predicted if predicted else 0.0

    @property
    def recall(self) -> float:
        """Matched titles over expected measures, pooled."""
        expected = sum(d.expected for d in self.docs)
        return sum(d.matched for d in self.docs) / expected if expected else 0.0

    @property
    def micro_f1(self) -> float:
        """Micro title F1 (all measures pooled)."""
        return _f1(
            sum(d.matched for d in self.docs),
            sum(d.predicted for d in self.docs),
            sum(d.expected for d in self.docs),
        )

    @property
    def owner_accuracy(self) -> float:
        """Stated owners found, over stated owners of matched measures."""
        return _ratio(d.owners for d in self.docs)

    @property
    def deadline_accuracy(self) -> float:
        """Stated deadlines found, over stated deadlines of matched measures."""
        return _ratio(d.deadlines for d in self.docs)

    @property
    def extra_deadlines(self) -> int:
        """Dated deadlines given to matched measures that state none."""
        return sum(d.extra_deadlines for d in self.docs)

    @property
    def refused(self) -> tuple[str, ...]:
        """Documents the importer refused."""
        return tuple(d.name for d in self.docs if d.error)


def _f1(matched: int, predicted: int, expected: int) -> float:
    precision = matched / predicted if predicted else 0.0
    recall = matched / expected if expected else 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _ratio(pairs: Iterable[tuple[int, int]]) -> float:
    ok = total = 0
    for good, count in pairs:
        ok, total = ok + good, total + count
    return ok / total if total else 1.0


def expected_measures(path: Path) -> list[dict[str, Any]]:
    """The annotated measures of one ``*.expected.json``."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return [m for section in data["sections"] for m in section["measures"]]


def score_document(text_path: Path, expected_path: Path) -> DocScore:
    """Parse one document and compare it with its annotation."""
    expected = expected_measures(expected_path)
    try:
        plan = parse_plan(text_path.read_bytes(), text_path.name, all_parts=True)
    except PlanImportError as error:
        return DocScore(
            text_path.name, len(expected), 0, 0, (0, 0), (0, 0), render_import_error(error, "en")
        )
    got = plan_to_dict(plan)["measures"]
    used: set[int] = set()
    owners = [0, 0]
    deadlines = [0, 0]
    extra = 0
    for em in expected:
        index = next(
            (
                i
                for i, gm in enumerate(got)
                if i not in used and title_match(em["title"], gm.get("title") or "")
            ),
            None,
        )
        if index is None:
            continue
        used.add(index)
        if em.get("owner"):
            owners[1] += 1
            owners[0] += bool(
                owner_tokens(em["owner"]) & owner_tokens(predicted_owner_text(got[index]))
            )
        if em.get("deadline"):
            deadlines[1] += 1
            deadlines[0] += deadline_match(em["deadline"], got[index])
        elif (got[index].get("deadline") or {}).get("date"):
            extra += 1
    return DocScore(
        text_path.name,
        len(expected),
        len(got),
        len(used),
        (owners[0], owners[1]),
        (deadlines[0], deadlines[1]),
        extra_deadlines=extra,
    )


def score_corpus(directory: Path = CORPUS) -> CorpusScore:
    """Score every annotated document in ``directory``."""
    docs = []
    for expected_path in sorted(directory.glob("*.expected.json")):
        stem = expected_path.name.removesuffix(".expected.json")
        text_path = next(p for p in directory.glob(stem + ".*") if p != expected_path)
        docs.append(score_document(text_path, expected_path))
    return CorpusScore(tuple(docs))


def report(score: CorpusScore) -> str:
    """The per-document lines and the pooled figures, as printed by ``main``."""
    lines = [
        f"{d.name}: F1 {d.f1:.2f}; owners {d.owners[0]}/{d.owners[1]}; deadlines "
        f"{d.deadlines[0]}/{d.deadlines[1]}; expected {d.expected} got {d.predicted} "
        f"matched {d.matched}"
        + (f"; unstated deadlines {d.extra_deadlines}" if d.extra_deadlines else "")
        + (f"; refused: {d.error}" if d.error else "")
        for d in score.docs
    ]
    lines.append(
        f"micro title F1 {score.micro_f1:.3f} (P {score.precision:.3f} "
        f"R {score.recall:.3f}); owner acc {score.owner_accuracy:.3f}; "
        f"deadline acc {score.deadline_accuracy:.3f}; unstated deadlines "
        f"{score.extra_deadlines}; refused {len(score.refused)}"
    )
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    """Print the score of the corpus directory given (default: the bundled corpus)."""
    print(report(score_corpus(Path(argv[0]) if argv else CORPUS)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
