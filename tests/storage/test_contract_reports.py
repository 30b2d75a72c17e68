"""Contract: the report queries (history by task, author, cycle, time window, source message)."""

from __future__ import annotations

import dataclasses
from datetime import UTC, timedelta

from bot.domain.attachments import Attachment, AttachmentKind, parse_all
from bot.domain.ports import Store
from bot.domain.work import Evidence
from tests.factories import entities as f
from tests.storage.store_backends import Reopen


def test_for_measure_is_oldest_first_whatever_the_insertion_order(
    store: Store, reopen: Reopen
) -> None:
    """A task's history comes back by creation time."""
    second, first = f.report(measure_id="mx", created_at=f.at(7)), f.report(measure_id="mx")
    store.reports.save(second)
    store.reports.save(f.report(measure_id="my"))
    store.reports.save(first)
    for current in (store, reopen()):
        assert current.reports.for_measure("mx") == (first, second)
        assert current.reports.latest_for_measure("mx") == second
        assert current.reports.latest_for_measure("none") is None


def test_for_measure_since_reads_from_that_moment_on(store: Store, reopen: Reopen) -> None:
    """for_measure(m, since) keeps the task's reports created at or after ``since``, oldest
    first, and no other task's; since=None gives its whole history."""
    old = f.report(measure_id="mx", created_at=f.at(0))
    at_since = f.report(measure_id="mx", created_at=f.at(30))
    later = f.report(measure_id="mx", created_at=f.at(45))
    other = f.report(measure_id="my", created_at=f.at(40))
    for report in (later, other, old, at_since):
        store.reports.save(report)
    for current in (store, reopen()):
        assert current.reports.for_measure("mx", f.at(30)) == (at_since, later)
        assert current.reports.for_measure("mx", since=f.at(29)) == (at_since, later)
        assert current.reports.for_measure("mx", f.at(46)) == ()
        assert current.reports.for_measure("mx", None) == (old, at_since, later)
        assert current.reports.for_measure("none", f.at(0)) == ()


def test_for_measure_since_compares_instants_across_time_zones(store: Store) -> None:
    """A ``since`` given in UTC selects reports stamped in local time by their instant."""
    report = f.report(measure_id="mx", created_at=f.at(0))
    store.reports.save(report)
    utc = report.created_at.astimezone(UTC)
    assert store.reports.for_measure("mx", utc) == (report,)
    assert store.reports.for_measure("mx", utc + timedelta(microseconds=1)) == ()


def test_equal_times_keep_insertion_order(store: Store) -> None:
    """Reports created at the same moment are listed in the order they were saved."""
    reports = [f.report(measure_id="mx") for _ in range(3)]
    for report in reports:
        store.reports.save(report)
    assert store.reports.for_measure("mx") == tuple(reports)
    assert store.reports.latest_for_measure("mx") == reports[-1]


def test_for_author_includes_reports_on_their_behalf(store: Store, reopen: Reopen) -> None:
    """for_author finds reports written by a person and those a liaison filed for them."""
    own = f.report(author_id="leader", created_at=f.at(1))
    by_liaison = f.report(author_id="liaison", on_behalf_of="leader", created_at=f.at(0))
    store.reports.save(own)
    store.reports.save(by_liaison)
    for current in (store, reopen()):
        assert current.reports.for_author("leader") == (by_liaison, own)
        assert current.reports.for_author("liaison") == (by_liaison,)


def test_for_cycle(store: Store, reopen: Reopen) -> None:
    """for_cycle returns the reports filed in a cycle."""
    in_cycle = f.report(cycle_id="cx")
    store.reports.save(in_cycle)
    store.reports.save(f.report(cycle_id=None))
    for current in (store, reopen()):
        assert current.reports.for_cycle("cx") == (in_cycle,)


def test_between_is_half_open_and_per_team(store: Store, reopen: Reopen) -> None:
    """between(team, start, end) includes start, excludes end and other teams."""
    start, end = f.at(0), f.at(7)
    at_start = f.report(team_id="ta", created_at=start)
    inside = f.report(team_id="ta", created_at=f.at(3))
    at_end = f.report(team_id="ta", created_at=end)
    other_team = f.report(team_id="tb", created_at=f.at(3))
    for report in (inside, at_end, at_start, other_team):
        store.reports.save(report)
    for current in (store, reopen()):
        assert current.reports.between("ta", start, end) == (at_start, inside)


def test_between_compares_instants_across_time_zones(store: Store) -> None:
    """A window given in UTC selects reports stamped in local time by their instant."""
    report = f.report(team_id="ta", created_at=f.at(0))
    store.reports.save(report)
    utc_start = report.created_at.astimezone(UTC)
    assert store.reports.between("ta", utc_start, utc_start + timedelta(seconds=1)) == (report,)
    assert store.reports.between("ta", utc_start - timedelta(hours=1), utc_start) == ()


def test_by_source_message_finds_the_report_for_edits(store: Store, reopen: Reopen) -> None:
    """by_source_message finds a report by the chat message it came from."""
    report = f.report(source_chat_id=-100, source_message_id=5)
    store.reports.save(report)
    store.reports.save(f.report(source_chat_id=-100, source_message_id=6))
    for current in (store, reopen()):
        assert current.reports.by_source_message(-100, 5) == report
        assert current.reports.by_source_message(-100, 7) is None


def test_edited_report_moves_in_every_index(store: Store, reopen: Reopen) -> None:
    """Replacing a report updates the measure, author and time-window queries."""
    report = f.report(team_id="ta", measure_id="mx", author_id="pa", created_at=f.at(0))
    store.reports.save(report)
    moved = dataclasses.replace(report, measure_id="my", author_id="pb", created_at=f.at(40))
    store.reports.save(moved)
    for current in (store, reopen()):
        assert current.reports.for_measure("mx") == ()
        assert current.reports.for_measure("my") == (moved,)
        assert current.reports.for_author("pa") == ()
        assert current.reports.between("ta", f.at(0), f.at(1)) == ()
        assert current.reports.between("ta", f.at(39), f.at(41)) == (moved,)
        assert current.reports.all() == (moved,)


def test_attachments_in_every_stored_form_read_back(store: Store, reopen: Reopen) -> None:
    """A report's and a close-out's files stored bare (earliest versions), as
    ``<kind>:<file id>`` and as ``<kind>:<file id>:<unique id>`` come back as written, and read
    as the same attachments, after a reopen too."""
    forms = ("BQACAgIAAxk", "photo:AgAC-1", "photo:AgAC-2:AQADx7Ex", "document:BQAC-3:AgADbQ0")
    report = f.report(measure_id="mx", attachments=forms)
    evidence = (Evidence(f.at(1), "p1", None, forms[2]),)
    closeout = f.closeout(measure_id="mx", attachments=forms, items=evidence)
    store.reports.save(report)
    store.closeouts.save(closeout)
    expected = (
        Attachment(AttachmentKind.DOCUMENT, "BQACAgIAAxk"),
        Attachment(AttachmentKind.PHOTO, "AgAC-1"),
        Attachment(AttachmentKind.PHOTO, "AgAC-2", "AQADx7Ex"),
        Attachment(AttachmentKind.DOCUMENT, "BQAC-3", "AgADbQ0"),
    )
    for current in (store, reopen()):
        (back,) = current.reports.for_measure("mx")
        (closed,) = current.closeouts.for_measure("mx")
        assert (back, closed) == (report, closeout)
        assert parse_all(back.attachments) == parse_all(closed.attachments) == expected
        assert Attachment.parse(closed.items[0].attachment or "") == expected[2]
