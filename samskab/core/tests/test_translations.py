"""Every text has a Danish translation, and the compiled .mo files match the .po files."""

from __future__ import annotations

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
