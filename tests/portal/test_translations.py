"""Both catalogues are complete: every msgid has Korean, none is fuzzy, and the English mirrors it."""

import re
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
    pattern = re.compile(r"%\((\w+)\)[sd]|\{(\w+)\}")
    catalogue = polib.pofile(str(LOCALE / "ko" / "LC_MESSAGES" / "django.po"))
    for entry in catalogue.translated_entries():
        wanted = sorted(pattern.findall(entry.msgid))
        got = sorted(pattern.findall(entry.msgstr or (entry.msgstr_plural or {}).get(0, "")))
        assert wanted == got, entry.msgid


def test_korean_never_leaves_the_particle_to_the_reader():
    """"심사위원(으)로", "라온카드와(과)", "#4은(는)": a particle after a placeholder cannot be chosen when
    translating (it depends on the last sound of the value), so sentences are built around a fixed word
    instead ("역할: %(kind)s", "%(company)s 측과", "신청서 #%(id)s: ...")."""
    catalogue = polib.pofile(str(LOCALE / "ko" / "LC_MESSAGES" / "django.po"))
    both_ways = re.compile(r"\(으\)로|은\(는\)|는\(은\)|이\(가\)|가\(이\)|을\(를\)|를\(을\)|와\(과\)|과\(와\)|\(이\)라")
    offending = [entry.msgstr for entry in catalogue if both_ways.search(entry.msgstr)]
    assert offending == []
