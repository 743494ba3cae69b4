"""Every text has a Danish translation, and the compiled .mo files match the .po files."""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest

SAMSKAB = Path(__file__).resolve().parents[2]
DANISH_CATALOGUES = sorted(SAMSKAB.glob("*/locale/da/LC_MESSAGES/django.po"))
ALL_CATALOGUES = sorted(SAMSKAB.glob("*/locale/*/LC_MESSAGES/django.po"))


def _name(path: Path) -> str:
    return str(path.relative_to(SAMSKAB))


def test_it_has_a_danish_catalogue_for_every_app_with_texts() -> None:
    apps_with_danish = {path.parts[-5] for path in DANISH_CATALOGUES}
    assert {"core", "accounts"} <= apps_with_danish


@pytest.mark.parametrize("catalogue", DANISH_CATALOGUES, ids=_name)
def test_it_translates_every_text_to_danish(catalogue: Path) -> None:
    po = polib.pofile(str(catalogue))
    assert [entry.msgid for entry in po.untranslated_entries()] == []
    assert [entry.msgid for entry in po.fuzzy_entries()] == []


@pytest.mark.parametrize("catalogue", ALL_CATALOGUES, ids=_name)
def test_it_ships_compiled_catalogues_that_match_the_sources(catalogue: Path) -> None:
    po = {e.msgid: e.msgstr for e in polib.pofile(str(catalogue)) if e.msgstr and not e.fuzzy}
    mo = {e.msgid: e.msgstr for e in polib.mofile(str(catalogue.with_suffix(".mo"))) if e.msgid}
    assert {msgid: mo.get(msgid) for msgid in po} == po, "run `make messages`"


def test_it_translates_the_same_text_the_same_way_in_every_app() -> None:
    """Django merges the apps' catalogues, so one text with two translations shows the
    first app's wording everywhere (a proposal "Indberettet", a process "Delt"). One
    glossary (docs/ordliste.md), one translation per text."""
    seen: dict[tuple[str, str], dict[str, str]] = {}
    for catalogue in DANISH_CATALOGUES:
        for entry in polib.pofile(str(catalogue)):
            if entry.msgstr and not entry.fuzzy:
                key = (entry.msgctxt or "", entry.msgid)
                seen.setdefault(key, {})[_name(catalogue)] = entry.msgstr
    conflicts = {
        msgid: by_app for (_context, msgid), by_app in seen.items() if len(set(by_app.values())) > 1
    }
    assert conflicts == {}


# Placeholders that are filled with an amount, which in Danish ends in "kr." itself.
AMOUNT = re.compile(
    r"%\((cost|budget|left|over|money|amount|max|price|total|granted|spent|remaining)\)s\."
)


def test_it_never_puts_a_full_stop_after_an_amount_in_danish() -> None:
    """ "1.000 kr." already ends with a full stop; another one gives "1.000 kr.." """
    doubled = [
        (_name(catalogue), entry.msgid)
        for catalogue in DANISH_CATALOGUES
        for entry in polib.pofile(str(catalogue))
        for text in (entry.msgstr, *entry.msgstr_plural.values())
        if text and AMOUNT.search(text)
    ]
    assert doubled == []
