"""Both catalogues are complete: every msgid has Korean, none is fuzzy, and the English mirrors it."""

from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parents[2] / "portal" / "locale"


def test_korean_catalogue_is_complete():
    catalogue = polib.pofile(str(LOCALE / "ko" / "LC_MESSAGES" / "django.po"))
    assert len(catalogue) > 100
    untranslated = [e.msgid for e in catalogue.untranslated_entries()]
    fuzzy = [e.msgid for e in catalogue.fuzzy_entries()]
    assert untranslated == [] and fuzzy == []


def test_english_catalogue_is_complete():
    catalogue = polib.pofile(str(LOCALE / "en" / "LC_MESSAGES" / "django.po"))
    assert [e.msgid for e in catalogue.untranslated_entries()] == []
    assert [e.msgid for e in catalogue.fuzzy_entries()] == []


def test_placeholders_survive_translation():
    import re

    pattern = re.compile(r"%\((\w+)\)[sd]|\{(\w+)\}")
    catalogue = polib.pofile(str(LOCALE / "ko" / "LC_MESSAGES" / "django.po"))
    for entry in catalogue.translated_entries():
        wanted = sorted(pattern.findall(entry.msgid))
        got = sorted(pattern.findall(entry.msgstr or (entry.msgstr_plural or {}).get(0, "")))
        assert wanted == got, entry.msgid
