"""Korean first: a page is Korean unless the visitor chose English with the language switch.

Django's LocaleMiddleware would also follow the browser's Accept-Language header, so an English
browser would never see the Korean portal it came for. Pages ignore that header and follow only the
choice stored by ``set_language`` (the language cookie); the API still honours it, so a client may ask
for its error messages in English.
"""

from django.middleware.locale import LocaleMiddleware


class KoreanFirstLocaleMiddleware(LocaleMiddleware):
    def process_request(self, request):
        if not request.path.startswith("/api/"):
            request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        super().process_request(request)
