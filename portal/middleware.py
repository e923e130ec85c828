"""The portal's own middleware (named in settings.MIDDLEWARE), and the request id it keeps.

- ``RequestIdMiddleware``: each request gets an id (or keeps a well-formed ``X-Request-ID``) and
  echoes it back; audit entries written deep in a service carry it (``current_request_id``).
- ``KoreanFirstLocaleMiddleware``: a page is Korean unless the visitor chose English.
- ``DatabaseLockedMiddleware``: the embedded mode's lost write race is a 409, not a 500.

The sign-in middleware (session limits, the second-factor gate) is portal/accounts/signin/middleware.py.
"""

import contextvars
import re
import uuid

from django.db import OperationalError
from django.middleware.locale import LocaleMiddleware
from django.utils.translation import gettext as _

from portal.ui.views import _error

_SAFE_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")

# --- the id of the request being served --------------------------------------------------------

_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="")


def new_request_id(incoming: str | None = None) -> str:
    value = (incoming or "").strip()[:64] or uuid.uuid4().hex
    _request_id.set(value)
    return value


def current_request_id() -> str:
    """The id of the request being served ("" outside a request: a task, a command)."""
    return _request_id.get()


def clear_request_id() -> None:
    _request_id.set("")


class RequestIdMiddleware:
    """Gives each request an id (or keeps a well-formed X-Request-ID) and echoes it back."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request.request_id = new_request_id(incoming if _SAFE_ID.match(incoming or "") else None)
        try:
            response = self.get_response(request)
        finally:
            clear_request_id()
        response["X-Request-ID"] = request.request_id
        return response


# --- Korean first ------------------------------------------------------------------------------


class KoreanFirstLocaleMiddleware(LocaleMiddleware):
    """Korean first: a page is Korean unless the visitor chose English with the language switch.

    Django's LocaleMiddleware would also follow the browser's Accept-Language header, so an English
    browser would never see the Korean portal it came for. Pages ignore that header and follow only
    the choice stored by ``set_language`` (the language cookie); the API still honours it, so a client
    may ask for its error messages in English. The active language is read with
    ``portal.common.language``."""

    def process_request(self, request):
        if not request.path.startswith("/api/"):
            request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        super().process_request(request)


# --- a busy database ---------------------------------------------------------------------------


class DatabaseLockedMiddleware:
    """Embedded mode: a write that still finds SQLite locked after the busy timeout lost a race.

    It is answered as a 409 the client can retry, never as a 500. The transaction was rolled back
    by the atomic block that raised, so nothing is half-written.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, OperationalError) and "locked" in str(exception).lower():
            # The shared error answer: JSON for the API, the error page for a person filling a form.

            return _error(request, 409, _("The portal was busy with another change. Please try again."), "busy")
        return None
