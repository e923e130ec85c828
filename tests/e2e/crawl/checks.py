"""What every page must be: checks on one crawled page, returning the problems found as sentences."""

import re
from functools import cache
from pathlib import Path

import polib
from django.conf import settings

QUERY_LIMIT = 30
HANGUL = re.compile(r"[\uac00-\ud7a3]")
PLACEHOLDER = re.compile(r"%(\([a-z_]+\))?[sd]|\{[a-z_]*\}")
# Text that is English on a Korean page on purpose: the language switcher names English in English,
# and product or legal names the catalogue keeps as they are.
ENGLISH_ON_PURPOSE = {"English", "KRW", "PDF", "CSV", "XLSX", "SHA-256", "API", "AI", "SaaS", "CISO", "OK", "ID"}


@cache
def korean_catalogue() -> tuple[frozenset[str], tuple[str, ...]]:
    """Msgids with a Korean translation that differs: whole ones, and the literal pieces of those with
    placeholders (at least 15 characters with a space, so a piece is unmistakably a sentence).

    Entries still without Korean (empty or fuzzy) are left out: tests/portal/test_translations.py names
    those. What is left here is text that has Korean in the catalogue yet reaches a Korean page in
    English (a string outside gettext, translated too early, or with a msgid that drifted)."""
    path = Path(settings.BASE_DIR) / "portal" / "locale" / "ko" / "LC_MESSAGES" / "django.po"
    whole, pieces = set(), set()
    for entry in polib.pofile(str(path)):
        if entry.obsolete or entry.fuzzy or not entry.msgstr or entry.msgstr == entry.msgid or not re.search("[A-Za-z]{3}", entry.msgid):
            continue
        msgid = " ".join(entry.msgid.split())
        if msgid in ENGLISH_ON_PURPOSE:
            continue
        if PLACEHOLDER.search(msgid) or "%%" in msgid:
            for piece in PLACEHOLDER.split(msgid.replace("%%", "%")):
                piece = (piece or "").strip(" .,:;()")
                if len(piece) >= 15 and " " in piece:
                    pieces.add(piece)
        else:
            whole.add(msgid)
    return frozenset(whole), tuple(sorted(pieces))


def structure_problems(page) -> list[str]:
    problems = []
    if not page.lang:
        problems.append("no <html lang>")
    if len(page.titles) != 1 or not page.titles[0].strip(" |"):
        problems.append(f"title elements {page.titles!r}")
    if len(page.h1s) != 1 or not page.h1s[0]:
        problems.append(f"h1 elements {page.h1s!r}")
    return problems


def untranslated(page, *, data_strings=frozenset()) -> list[str]:
    """Msgids shown as they are on a Korean page (a text node equal to one, or a sentence of one)."""
    whole, pieces = korean_catalogue()
    found = sorted({text for text in page.texts if text in whole and text not in data_strings})
    joined = "\n".join(text for text in page.texts if not HANGUL.search(text))
    found += [piece for piece in pieces if piece in joined]
    return found


def english_looking(page, *, data_strings=frozenset()) -> list[str]:
    """Text nodes on a Korean page without Hangul that read like an English sentence (three words or
    more): not asserted, listed for a person to look at."""
    suspects = []
    for text in page.texts:
        if HANGUL.search(text) or any(s in text for s in data_strings):
            continue
        if len(re.findall(r"\b[A-Za-z]{2,}\b", text)) >= 3 and not re.search(r"[/@=_]|\.pdf|\d{3}", text):
            suspects.append(text)
    return suspects
