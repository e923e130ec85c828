import re

from django.db import OperationalError
from django.utils.translation import gettext as _

from .request_context import clear_request_id, new_request_id

_SAFE_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


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
            from portal.ui.views import _error

            return _error(request, 409, _("The portal was busy with another change. Please try again."), "busy")
        return None
