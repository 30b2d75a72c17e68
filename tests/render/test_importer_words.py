"""The importer's warnings and refusals are codes; bot/render words them for whoever reads."""

from __future__ import annotations

import json

import pytest

from bot.importer import Notice, PlanImportError, load_sample_plan, parse_plan
from bot.importer.errors import Term
from bot.render.html import esc
from bot.render.importer import (
    render_import_error,
    render_plan_warning,
    render_plan_warning_both,
)
from bot.render.plans import render_preview
from bot.services.plans.pending import decode_plan, encode_plan
from tests.factories.service_world import build_world

SKIPPED_ZH = "已跳过回顾部分“2023年重点工作情况”中的 15 项（可用 --all-parts 包含）"
SKIPPED_EN = "Skipped 15 items of the review part “2023年重点工作情况” (use --all-parts)"


def _skipped() -> Notice:
    [warning] = parse_plan(load_sample_plan(), "sample-plan.txt").warnings
    assert isinstance(warning, Notice)
    return warning


def test_a_plan_warning_is_worded_in_the_readers_language() -> None:
    """The skipped review part reads in Chinese, in English, or in both (Chinese first)."""
    warning = _skipped()
    assert render_plan_warning(warning, "zh") == SKIPPED_ZH
    assert render_plan_warning(warning, "en") == SKIPPED_EN
    assert render_plan_warning_both(warning) == f"{SKIPPED_ZH} / {SKIPPED_EN}"


def test_a_term_parameter_is_worded_in_the_readers_language_too() -> None:
    """A part without a name is called so in each language, after surviving the JSON form."""
    notice = Notice.of(
        "importer.warning.not_measures", part=Term("importer.unnamed_part"), number=2
    )
    back = Notice.from_dict(json.loads(json.dumps(notice.to_dict())))
    assert back == notice
    assert render_plan_warning(back, "zh") != render_plan_warning(back, "en")
    assert "{" not in render_plan_warning(back, "en") + render_plan_warning(back, "zh")


def test_stored_plans_keep_their_warnings_as_codes() -> None:
    """A plan kept for a preview gives back the same warning, still to be worded."""
    parsed = parse_plan(load_sample_plan(), "sample-plan.txt")
    assert decode_plan(encode_plan(parsed)).warnings == (_skipped(),)


def test_a_warning_stored_as_text_by_an_older_version_still_shows() -> None:
    """A preview an older version stored with worded warnings shows that text as it was."""
    older = json.dumps({"title": "计划", "measures": [], "warnings": [f"{SKIPPED_ZH} / x"]})
    [warning] = decode_plan(older).warnings
    assert render_plan_warning(warning, "en") == f"{SKIPPED_ZH} / x"
    assert render_plan_warning_both(warning) == f"{SKIPPED_ZH} / x"


@pytest.mark.parametrize(
    ("lang", "shown", "hidden"), [("zh", SKIPPED_ZH, SKIPPED_EN), ("en", SKIPPED_EN, SKIPPED_ZH)]
)
def test_the_preview_shows_warnings_in_the_readers_language(
    lang: str, shown: str, hidden: str
) -> None:
    """A lead reading the plan preview sees the warning in their own language only."""
    world = build_world()
    team = world.services.teams.create(world.admin, "ZZ县督查室").team
    lead = world.services.teams.add_lead(world.admin, team.id, "督办员甲")
    assert lead.invite is not None
    world.services.people.join(7001, lead.invite.token)
    actor = world.services.auth.resolve(7001)
    preview = world.services.plans.preview(actor, team.id, load_sample_plan(), "sample-plan.txt")
    text = render_preview(preview, lang).text
    assert f"⚠️ {esc(shown)}" in text
    assert esc(hidden) not in text


def test_a_refusal_is_worded_in_either_language() -> None:
    """An empty file is refused in Chinese or in English from one code."""
    with pytest.raises(PlanImportError) as caught:
        parse_plan(b"", "plan.txt")
    assert render_import_error(caught.value, "zh") != render_import_error(caught.value, "en")
    assert caught.value.notice.key == caught.value.key
