"""The one family of domain errors, and the one place that turns errors into JSON.

Services raise these; views and API endpoints never build error responses of their own.
Shape: validation errors are keyed by API field name (``{"brn": ["..."]}``); every other error is
``{"detail": "<a sentence a person can act on>", "code": "<machine code>"}`` plus optional extras.
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler


def wants_json(request) -> bool:
    """Whether an error is answered as JSON (the API, or a client that asks for JSON) or as a page."""
    return request.path.startswith("/api/") or "application/json" in request.headers.get("Accept", "")


class PortalError(Exception):
    """Base of every error a service raises on purpose."""

    status_code = status.HTTP_400_BAD_REQUEST
    code = "invalid"

    def __init__(self, message: str, *, code: str | None = None, extra: dict | None = None):
        super().__init__(message)
        self.message = message
        if code:
            self.code = code
        self.extra = extra or {}


class InvalidInput(PortalError):
    """Bad input; ``fields`` maps API field names to messages."""

    def __init__(self, fields: dict[str, list[str] | str], message: str | None = None):
        normalised = {k: (v if isinstance(v, list) else [v]) for k, v in fields.items()}
        super().__init__(message or next(iter(normalised.values()))[0])
        self.fields = normalised


class NotAllowed(PortalError):
    status_code = status.HTTP_403_FORBIDDEN
    code = "permission_denied"


class NotFound(PortalError):
    status_code = status.HTTP_404_NOT_FOUND
    code = "not_found"


class Conflict(PortalError):
    """Not allowed in the current state, a condition not met, or a lost race."""

    status_code = status.HTTP_409_CONFLICT
    code = "conflict"


def _validation_dict(error: DjangoValidationError) -> dict:
    if hasattr(error, "error_dict"):
        return {field: [str(m) for m in msgs] for field, msgs in error.message_dict.items()}
    return {"non_field_errors": [str(m) for m in error.messages]}


def api_exception_handler(exc, context):
    if isinstance(exc, InvalidInput):
        return Response(exc.fields, status=exc.status_code)
    if isinstance(exc, PortalError):
        return Response({"detail": exc.message, "code": exc.code, **exc.extra}, status=exc.status_code)
    if isinstance(exc, DjangoValidationError):
        return Response(_validation_dict(exc), status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(_("Not found."))
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    if isinstance(exc, exceptions.ParseError):
        return Response(
            {"detail": _("The request body is not valid JSON: %(reason)s") % {"reason": _short(exc)},
             "code": "parse_error"},
            status=status.HTTP_400_BAD_REQUEST,
        )
    response = exception_handler(exc, context)
    if response is not None and isinstance(response.data, dict) and "detail" in response.data:
        detail = response.data["detail"]
        response.data = {"detail": str(detail), "code": getattr(detail, "code", None) or "error"}
    return response


def _short(exc) -> str:
    text = str(exc.detail)
    return text.split(" - ", 1)[-1][:200]
