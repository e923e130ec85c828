"""The OpenAPI schema documents the error responses that portal/errors.py produces, for every operation.

drf-spectacular documents only the success response of an operation unless told otherwise, while the
portal's one exception handler answers every endpoint with the same error family (docs/api.md, "Status
codes"). Rather than repeat 400/401/403/404/409 on each endpoint, ``PortalAutoSchema`` adds them where
the operation's shape makes them possible. An endpoint that documents a code itself keeps its own.

400  the operation takes a body or query parameters: validation errors keyed by field, or a
     ``{"detail", "code"}`` error (a body that is not JSON)
401  the operation needs a login (no or a wrong token)
403  the operation needs a login: the caller's role may not do this
404  the operation names an object (path or query parameter, or an id in the body) that the caller may
     not see, or a page past the end of a list
409  a write that needs a login: not allowed in the current state, a condition not met, or a lost race
429  the view is throttled (public verification): too many requests, Retry-After says when to retry
"""

from django.conf import settings
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse, inline_serializer
from rest_framework import serializers


class PortalSessionScheme(OpenApiAuthenticationExtension):
    """The web session (portal/accounts/signin/authentication.py: only once its second factor is given).
    drf-spectacular's own session scheme matches DRF's class exactly, not subclasses."""

    target_class = "portal.accounts.signin.authentication.PortalSessionAuthentication"
    name = "cookieAuth"

    def get_security_definition(self, auto_schema):
        return {"type": "apiKey", "in": "cookie", "name": settings.SESSION_COOKIE_NAME}


ErrorSerializer = inline_serializer(
    "Error",
    fields={
        "detail": serializers.CharField(help_text="A sentence a person can act on."),
        "code": serializers.CharField(help_text="A machine-readable code, e.g. not_found, conflict."),
    },
)

# Validation errors: field name -> list of messages (or, for nested input, an object or list of them).
FIELD_ERRORS = {
    "type": "object",
    "additionalProperties": {"anyOf": [{"type": "array", "items": {}}, {"type": "object"}]},
}

UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


class PortalAutoSchema(AutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        json_only = ["application/json"]  # errors are JSON even where the success is a PDF
        error = self._get_response_for_code(ErrorSerializer, "400", json_only)
        for code, description in self._error_codes().items():
            if code in responses:
                continue
            if code == "400":
                invalid = self._get_response_for_code(
                    OpenApiResponse({"anyOf": [error["content"]["application/json"]["schema"], FIELD_ERRORS]},
                                    description=description), code, json_only)
                responses[code] = invalid
            else:
                responses[code] = {**self._get_response_for_code(ErrorSerializer, code, json_only),
                                   "description": description}
        return responses

    def _error_codes(self) -> dict[str, str]:
        parameters = self._get_parameters()
        in_path = any(p.get("in") == "path" for p in parameters)
        in_query = any(p.get("in") == "query" for p in parameters)
        has_body = self.method in UNSAFE_METHODS and bool(self._get_request_body())
        anonymous = {} in (self.get_auth() or [{}])
        codes = {}
        if has_body or in_query:
            codes["400"] = "Invalid input: errors keyed by field name, or a detail and a code."
        if not anonymous:
            codes["401"] = "No credentials, or credentials that are not valid."
            codes["403"] = "Your role may not do this."
        if in_path or in_query or has_body or self._is_list_view():
            codes["404"] = "The object does not exist or is not available to you."
        if self.method in UNSAFE_METHODS and not anonymous:
            codes["409"] = "Not allowed in the current state, a condition not met, or changed by someone else."
        if self.view.get_throttles():
            codes["429"] = "Too many requests; the Retry-After header says when to try again."
        return codes
