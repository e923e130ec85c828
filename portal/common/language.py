"""The active language: Korean first, English where the visitor chose it.

A page is Korean unless the visitor chose English with the language switch
(``portal.middleware.KoreanFirstLocaleMiddleware``); these read what is active, for text the portal
holds in both languages (catalogues, company names, amounts).
"""

from django.utils.translation import get_language


def is_english() -> bool:
    """Whether the active language (the request's, or one set by translation.override) is English."""
    return (get_language() or "ko").startswith("en")


def in_language(korean: str, english: str) -> str:
    """The text for the active language: the English one on English pages when there is one, else Korean."""
    return (english or korean) if is_english() else korean
