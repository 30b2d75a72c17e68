"""The chat's message catalogs: complete in both languages, matching every error code, and
organised one module per concept (each key prefix in exactly one module)."""

from __future__ import annotations

import importlib
import re
import string
from collections import defaultdict
from collections.abc import Mapping
from pathlib import Path

import pytest

from bot.i18n import _catalogs, catalog_modules, fill, t
from bot.render.common import render_error
from bot.services.common.errors import CODES, InvalidInput


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_service_error_code_has_both_texts() -> None:
    """Each code in bot/services/common/errors.py is explained in Chinese and English."""
    catalogs = _catalogs()
    for code in CODES:
        assert code in catalogs["zh"], code
        assert code in catalogs["en"], code


def test_languages_have_the_same_keys() -> None:
    """Chinese and English catalogs define exactly the same messages."""
    catalogs = _catalogs()
    assert set(catalogs["zh"]) == set(catalogs["en"])


def test_placeholders_match_across_languages() -> None:
    """A message takes the same arguments in both languages."""
    catalogs = _catalogs()
    for key, zh in catalogs["zh"].items():
        assert _fields(zh) == _fields(catalogs["en"][key]), key


@pytest.mark.parametrize("code", sorted(CODES))
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_error_texts_render_and_escape(code: str, lang: str) -> None:
    """Every error renders with hostile parameters escaped, or with none at all."""
    hostile = dict.fromkeys(_fields(_catalogs()[lang][code]), "<b>&x")
    text = render_error(InvalidInput(code, **hostile), lang).text
    assert "<b>&x" not in text
    assert render_error(InvalidInput(code), lang).text


def _module_catalog(name: str) -> Mapping[str, Mapping[str, str]]:
    catalog: Mapping[str, Mapping[str, str]] = importlib.import_module(name).CATALOG
    return catalog


def _homes() -> dict[str, set[str]]:
    """Each key prefix (the part before the first dot) → the catalog modules holding it."""
    homes: dict[str, set[str]] = defaultdict(set)
    for name in catalog_modules():
        for texts in _module_catalog(name).values():
            for key in texts:
                homes[key.split(".", 1)[0]].add(name.rsplit(".", 1)[1])
    return homes


def test_every_key_prefix_lives_in_exactly_one_catalog_module() -> None:
    """A concept's texts are in one file: no prefix (``closeout``, ``err``, ``task``…) is spread
    over two catalog modules."""
    homes = _homes()
    assert len(homes) > 30  # the scan sees every module's keys
    assert homes["err"] == {"errors"}  # an error text belongs with the others
    assert {prefix: sorted(mods) for prefix, mods in homes.items() if len(mods) > 1} == {}


@pytest.mark.parametrize("name", catalog_modules())
def test_each_catalog_module_has_the_same_keys_in_both_languages(name: str) -> None:
    """Every catalog module words each of its texts in Chinese and in English."""
    catalog = _module_catalog(name)
    assert set(catalog) == {"zh", "en"}
    assert set(catalog["zh"]) == set(catalog["en"])
    assert catalog["zh"]


def test_every_catalog_module_is_loaded() -> None:
    """Each file of bot/i18n/catalog is read: a new concept's file needs no registration."""
    import bot.i18n.catalog

    folder = Path(bot.i18n.catalog.__file__).parent
    files = {p.stem for p in folder.glob("*.py") if p.stem != "__init__"}
    assert {name.rsplit(".", 1)[1] for name in catalog_modules()} == files
    merged = _catalogs()
    for name in catalog_modules():
        assert _module_catalog(name)["zh"].keys() <= merged["zh"].keys(), name


def test_a_count_of_one_takes_the_singular_noun() -> None:
    """``{n:one|many}`` gives the noun its count needs: 1 task, 2 tasks, 0 tasks (and so in
    every template that has it, whether it is filled by ``t`` or by an error's refusal)."""
    assert fill("{n} {n:task|tasks}", n=1) == "1 task"
    assert fill("{n} {n:task|tasks}", n=2) == "2 tasks"
    assert fill("{n} {n:task|tasks}", n=0) == "0 tasks"
    assert fill("{n} {n:person|people}, {m:02d}", n="1", m=7) == "1 person, 07"
    assert t("rhythm.digest.totals", "en", tasks=1, lights="🟢green 1") == "1 task: 🟢green 1."
    assert (
        t("rhythm.digest.totals", "zh", tasks=1, lights="🟢绿灯 1 项") == "共 1 项：🟢绿灯 1 项。"
    )
    refusal = render_error(InvalidInput("err.person_ambiguous", count=2, name="张三"), "en")
    assert refusal.text.startswith("2 people are called")


_NOUNS = "tasks|items|people|answers|reports|days|weeks|measures|files|hours|officials|cycles"


def test_english_counts_are_followed_by_a_noun_in_the_form_the_count_needs() -> None:
    """No English template writes a count straight before a plural noun ("{count} tasks"),
    which reads "1 tasks": each uses ``{count} {count:task|tasks}``."""
    plain = re.compile(r"\{\w+\} (?:" + _NOUNS + r")\b")
    found = [key for key, text in _catalogs()["en"].items() if plain.search(text)]
    assert found == []
    either = [key for key, text in _catalogs()["en"].items() if "(s)" in text]
    assert either == []  # "1 new unit(s)": the count's form is chosen, never left to the reader
