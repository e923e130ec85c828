"""Korean first: a page is Korean unless the visitor chose English with the language switch.

Django's LocaleMiddleware would also follow the browser's Accept-Language header, so an English
browser would never see the Korean portal it came for. Pages ignore that header and follow only the
choice stored by ``set_language`` (the language cookie); the API still honours it, so a client may ask
for its error messages in English.
"""

from django.middleware.locale import LocaleMiddleware
from django.utils.translation import get_language


class KoreanFirstLocaleMiddleware(LocaleMiddleware):
    def process_request(self, request):
        if not request.path.startswith("/api/"):
            request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        super().process_request(request)


def is_english() -> bool:
    """Whether the active language (the request's, or one set by translation.override) is English."""
    return (get_language() or "ko").startswith("en")


def in_language(korean: str, english: str) -> str:
    """The text for the active language: the English one on English pages when there is one, else Korean."""
    return (english or korean) if is_english() else korean
