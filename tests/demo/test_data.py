"""The simulated county's data: roster, responsibility table, photo, journal helpers."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from bot.importer.api import load_sample_plan, parse_plan
from bot.services.people.roster import parse_roster
from demo.documents import BY_COMMAND, responsibility_table, site_photo, units_for
from demo.journal import bold_spans, changed_lines
from demo.player import fragment
from demo.roster import EVERYONE, OFFICIALS, ROSTER, Kind, Part, roster_xlsx
from sandbox.files import image_size


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_roster_file_reads_back_as_the_cast(lang: str) -> None:
    """The bot's own roster parser finds every person with their role and principal."""
    rows, errors = parse_roster(roster_xlsx(lang), "roster.xlsx")
    assert errors == []
    assert [row.name for row in rows] == [p.name for p in ROSTER]
    liaison = next(row for row in rows if row.on_behalf_of)
    assert liaison.on_behalf_of == "陈国强"


def test_the_cast_is_a_county() -> None:
    """About twenty officials in six units, two leaders, a liaison; each part played once."""
    assert len(OFFICIALS) == 18
    assert len({p.unit for p in OFFICIALS}) == 6
    assert sum(p.kind is Kind.LEADER for p in ROSTER) == 2
    parts = [p.part for p in EVERYONE if p.part is not Part.EXTRA]
    assert len(parts) == len(set(parts))


def test_the_responsibility_table_matches_the_sample_plan() -> None:
    """Imported after the plan, the table keeps all 16 tasks and names units for 14."""
    plan = parse_plan(load_sample_plan(), "sample-plan.txt")
    table = parse_plan(responsibility_table(), "table.xlsx")
    assert [m.title for m in table.measures] == [m.title for m in plan.measures]
    with_units = [m for m in table.measures if m.lead_units]
    assert len(with_units) == 14
    open_tasks = [m.title for m in table.measures if not m.lead_units]
    assert all(any(word in title for word, _ in BY_COMMAND) for title in open_tasks)


def test_units_come_from_title_words() -> None:
    """A title word picks the lead and supporting unit; unknown titles get none."""
    assert units_for("更大力度招商引资") == ("县发改委", "县工信局")
    assert units_for("别的任务") == ("", "")


def test_the_site_photo_is_a_png() -> None:
    """The evidence photo is a real PNG the sandbox accepts as a photo."""
    data = site_photo()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert image_size(data) == (240, 160)


def test_changed_lines_of_an_edit() -> None:
    """Only new lines count as changed; a rewrite of many lines, or a short one, shows all."""
    old = "\n".join("abcdefgh")
    assert changed_lines(old, old.replace("b", "B")) == (1,)
    assert changed_lines(old, old.upper()) == ()
    assert changed_lines("a\nb\nc\nd", "a\nB\nc\nd") == ()


def test_bold_spans_convert_utf16_offsets() -> None:
    """Entity offsets in UTF-16 become code-point spans (emoji count two units)."""
    entities = [{"type": "bold", "offset": 3, "length": 2}, {"type": "italic", "offset": 0}]
    assert bold_spans("📋 周报", entities) == ((2, 4),)


@pytest.mark.parametrize(
    ("key", "lang", "piece"),
    [("join.welcome", "zh", "！您已加入「"), ("plan.confirm_question", "en", "Import it?")],
)
def test_messages_are_recognised_by_their_longest_literal_piece(
    key: str, lang: str, piece: str
) -> None:
    """A message key becomes the fixed text to wait for, in the demo's language."""
    assert fragment(key, lang) == piece


def test_the_roster_workbook_opens() -> None:
    """The roster workbook is a valid xlsx (smoke check of the writer)."""
    book = load_workbook(io.BytesIO(roster_xlsx("zh")))
    assert book.worksheets[0].max_row == len(ROSTER) + 2


def test_demo_texts_exist_in_both_languages_with_the_same_fields() -> None:
    """Every demo text has a Chinese and an English version taking the same arguments."""
    from string import Formatter

    from bot.i18n.catalog.demo import EN, ZH

    assert ZH.keys() == EN.keys()
    for key in ZH:
        fields = [{f[1] for f in Formatter().parse(text) if f[1]} for text in (ZH[key], EN[key])]
        assert fields[0] == fields[1], key
