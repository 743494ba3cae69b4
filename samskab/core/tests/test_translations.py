"""Every text has a Danish translation, and the compiled .mo files match the .po files."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest

LOCALE = Path(__file__).resolve().parents[2] / "locale"


@pytest.mark.parametrize("language", ["da", "en"])
def test_it_translates_every_text(language: str) -> None:
    po = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    untranslated = [entry.msgid for entry in po.untranslated_entries()]
    fuzzy = [entry.msgid for entry in po.fuzzy_entries()]
    assert untranslated == []
    assert fuzzy == []


@pytest.mark.parametrize("language", ["da", "en"])
def test_it_ships_compiled_catalogues_that_match_the_sources(language: str) -> None:
    folder = LOCALE / language / "LC_MESSAGES"
    po = {e.msgid: e.msgstr for e in polib.pofile(str(folder / "django.po")) if not e.obsolete}
    mo = {e.msgid: e.msgstr for e in polib.mofile(str(folder / "django.mo")) if e.msgid}
    plural_free_po = {k: v for k, v in po.items() if v}
    assert {k: mo.get(k) for k in plural_free_po} == plural_free_po, "run `make messages`"
