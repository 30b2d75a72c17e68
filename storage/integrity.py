"""``duban store check``: read a data directory (no lock needed) and report what is wrong.

Checks that the log records and TinyDB files parse, that every document decodes as its entity,
and that references between collections resolve (a report's measure exists, and so on).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from storage.codec import CodecError, decode
from storage.files import CorruptFileError
from storage.layout import CorruptStoreError, Docs, Sentence, holds_store, no_data_dir, not_a_store
from storage.migrations import CURRENT_VERSION, migrate
from storage.schema import SPEC_BY_NAME, SPECS
from storage.snapshot import Snapshot, load

MAX_LISTED = 20  # problems of one kind listed before summarising

# (collection, field, collection it names). Actor fields (assigned_by, decided_by, ...) are left
# out: they may name an admin, who is configured, not stored.
REFERENCES: tuple[tuple[str, str, str], ...] = (
    ("settings", "team_id", "teams"),
    ("units", "team_id", "teams"),
    ("people", "team_id", "teams"),
    ("people", "unit_id", "units"),
    ("people", "on_behalf_of", "people"),
    ("invites", "person_id", "people"),
    ("leaves", "person_id", "people"),
    ("leaves", "deputy_id", "people"),
    ("plans", "team_id", "teams"),
    ("measures", "plan_id", "plans"),
    ("assignments", "measure_id", "measures"),
    ("assignments", "person_id", "people"),
    ("assignments", "unit_id", "units"),
    ("cycles", "team_id", "teams"),
    ("prompts", "cycle_id", "cycles"),
    ("prompts", "person_id", "people"),
    ("prompts", "measure_ids", "measures"),
    ("reports", "team_id", "teams"),
    ("reports", "measure_id", "measures"),
    ("reports", "author_id", "people"),
    ("reports", "on_behalf_of", "people"),
    ("reports", "cycle_id", "cycles"),
    ("reminders", "person_id", "people"),
    ("reminders", "cycle_id", "cycles"),
    ("reminders", "measure_id", "measures"),
    ("closeouts", "measure_id", "measures"),
    ("closeouts", "requested_by", "people"),
    ("extensions", "measure_id", "measures"),
    ("extensions", "requested_by", "people"),
    ("audit", "team_id", "teams"),
    ("leader_links", "team_id", "teams"),
    ("leader_links", "measure_id", "measures"),
    ("leader_links", "person_id", "people"),
    ("escalations", "team_id", "teams"),
    ("escalations", "leader_id", "people"),
)


@dataclass
class CheckReport:
    """What ``check_store`` found."""

    data_dir: Path
    counts: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    version: int | None = None
    generation: int | None = None
    log_records: int = 0

    @property
    def ok(self) -> bool:
        """No problems (warnings allowed)."""
        return not self.problems


def check_store(data_dir: Path) -> CheckReport:
    """Verify a data directory without taking its lock (the bot may be running)."""
    report = CheckReport(data_dir)
    if not data_dir.is_dir():
        report.problems.append(no_data_dir(data_dir))
        return report
    if not holds_store(data_dir):
        report.problems.append(not_a_store(data_dir))
        return report
    try:
        snapshot = load(data_dir, CURRENT_VERSION)
        _describe(snapshot, report)
        migrate(snapshot.checkpoint)
    except (CorruptStoreError, CorruptFileError) as error:  # a Sentence: keep its code
        report.problems.append(error.args[0] if error.args else str(error))
        return report
    except OSError as error:
        report.problems.append(str(error))
        return report
    docs = snapshot.checkpoint.docs
    report.counts = {spec.name: len(docs[spec.name]) for spec in SPECS}
    report.problems += limited(_undecodable(docs), "undecodable")
    report.problems += limited(_dangling(docs), "dangling")
    return report


def _describe(snapshot: Snapshot, report: CheckReport) -> None:
    meta = snapshot.checkpoint.meta
    report.version, report.generation = meta.version, meta.generation
    report.log_records = snapshot.replayed
    if meta.version < CURRENT_VERSION:
        report.warnings.append(
            Sentence(
                f"schema version {meta.version}; it is migrated to {CURRENT_VERSION} on next open",
                "schema_old",
                version=meta.version,
                current=CURRENT_VERSION,
            )
        )
    report.problems += snapshot.problems()
    if not snapshot.lost:
        report.warnings += [
            Sentence(
                f"{where} hold no complete log record (a write cut short by a crash or a full "
                "disk, never acknowledged; cleared on next open)",
                "damaged",
                where=where,
            )
            for where in snapshot.damaged()
        ]


def _undecodable(docs: Docs) -> Iterator[str]:
    for name, entries in docs.items():
        entity = SPEC_BY_NAME[name].entity
        for key, (_, doc) in entries.items():
            try:
                decode(entity, doc)
            except CodecError as error:
                text = f"{name}/{key}: {error}"
                yield Sentence(text, "undecodable", collection=name, key=key, reason=error)


def _dangling(docs: Docs) -> Iterator[str]:
    for source, field_name, target in REFERENCES:
        known = docs[target]
        for key, (_, doc) in docs[source].items():
            for value in _values(doc.get(field_name)):
                if value not in known:
                    yield dangling(source, key, field_name, value, target)


def dangling(source: str, key: str, field_name: str, value: object, target: str) -> Sentence:
    """A reference to a missing document: ``source/key``'s ``field_name`` names ``value``, which
    ``target`` does not hold (both stores' checks say it so)."""
    return Sentence(
        f"{source}/{key}: {field_name} {value!r} is not in {target}",
        "dangling",
        source=source,
        key=key,
        field=field_name,
        value=repr(value),
        target=target,
    )


def _values(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


KINDS = {
    "undecodable": "documents that do not decode",
    "bad_rows": "documents that do not decode or agree",  # (a database's rows)
    "dangling": "dangling references",
}


def limited(found: Iterator[str], kind: str) -> list[str]:
    """The first :data:`MAX_LISTED` problems of a ``kind`` (of :data:`KINDS`), and a line
    saying there are more when there are (both stores' checks list them so)."""
    listed = list(islice(found, MAX_LISTED + 1))
    if len(listed) > MAX_LISTED:
        more = Sentence(f"... more {KINDS[kind]} not shown", "more", kind=kind)
        return [*listed[:MAX_LISTED], more]
    return listed
