"""How an API caller is authenticated: a token that has not expired, or a session that has given its
second factor. Nothing else.

The rule for sessions is ``second_factor.verification_pending``, written once; the page middleware
and the API's session authentication both ask it. A session that still owes a code is therefore never
an API caller, whatever ``Authorization`` header comes with it: an unknown scheme (``Bearer``,
``Basic``, a bare word, an empty value) is not a token, so the token class passes, and the session
class below answers 403 ``mfa_required``, the same answer the page middleware gives.

Tokens are issued only after the second factor (``portal.accounts.api.views.TokenView``) or by an
operator on purpose (``manage.py drf_create_token``); they expire ``API_TOKEN_TTL_DAYS`` after they were issued.

DRF imports these classes while it is being imported itself (its schemas read the default
authentication classes), so this module imports no DRF views and not portal.errors.
"""

import datetime as dt

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import authentication, exceptions

from portal.accounts.signin import second_factor


def token_expires_at(token) -> dt.datetime:
    return token.created + dt.timedelta(seconds=settings.API_TOKEN_TTL_SECONDS)


def token_expired(token, now: dt.datetime | None = None) -> bool:
    return (now or timezone.now()) >= token_expires_at(token)


class PortalTokenAuthentication(authentication.TokenAuthentication):
    """``Authorization: Token <key>``, refused with 401 once the token has expired."""

    def authenticate_credentials(self, key):
        if "\x00" in key:  # PostgreSQL cannot compare a string holding NUL: a wrong token, not a 500
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        user, token = super().authenticate_credentials(key)
        if token_expired(token):
            raise exceptions.AuthenticationFailed(
                _("This API token has expired. Ask for a new one at /api/v1/auth/token/."), code="token_expired"
            )
        return user, token


class PortalSessionAuthentication(authentication.SessionAuthentication):
    """The web session, once its second factor is given (CSRF enforced as DRF does). A session that
    owes one is refused with 403 ``mfa_required`` rather than treated as anonymous, so the caller
    learns what to do."""

    def authenticate(self, request):
        if second_factor.verification_pending(request._request):
            raise exceptions.PermissionDenied(second_factor.mfa_required_message(), code="mfa_required")
        return super().authenticate(request)


def carries_token(request) -> bool:
    """Whether the request's ``Authorization`` header uses the token scheme (valid or not: the token
    class decides)."""
    parts = authentication.get_authorization_header(request).split()
    return bool(parts) and parts[0].lower() == PortalTokenAuthentication.keyword.lower().encode()
