"""Login throttling per account (django-axes), shared by the web login and the token endpoint.

After ``AXES_FAILURE_LIMIT`` wrong passwords for one username, every further attempt for it, even with
the right password, is answered 429 with ``Retry-After`` until ``AXES_COOLOFF_TIME`` has passed since
the last counted failure. Attempts made while locked are not counted, so hammering a locked account
does not extend the lock: an attacker cannot keep a CISO out for longer than one cool-off at a time.
An MFA refusal never reaches here: it happens after the password was accepted.
"""

import math

from axes.backends import AxesStandaloneBackend
from axes.exceptions import AxesBackendPermissionDenied
from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from axes.utils import reset
from django.db.models import Max
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.audit.services import audit_record
from portal.errors import wants_json


class LoginThrottleBackend(AxesStandaloneBackend):
    """django-axes' check, minus one thing: a call without a request (``manage.py`` code, the test
    client's ``login()``) is not refused. Every way in from outside (the login page, the token endpoint,
    the admin login) passes its request, so the check always applies to them."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        try:
            return super().authenticate(request, username=username, password=password, **kwargs)
        except AxesBackendPermissionDenied:
            # Remember that this attempt was refused *before* its password was looked at; see
            # answered_as_locked().
            request.portal_locked_before_attempt = True
            raise


def answered_as_locked(request) -> bool:
    """Should this request get the 429?

    axes flags ``axes_locked_out`` both on an attempt refused because the account was already locked
    and on the wrong password that reaches the limit. The latter is still just a wrong password (the
    tenth one): it is answered as such, and only the attempts *after* ten wrong passwords get 429.
    """
    return bool(getattr(request, "axes_locked_out", False)) and bool(
        getattr(request, "portal_locked_before_attempt", False)
    )


def seconds_until_unlocked(username: str | None) -> int:
    """How long this username stays locked: cool-off after its last counted failure (at least 1 s)."""
    cool_off = get_cool_off(None)
    last = AccessAttempt.objects.filter(username=username).aggregate(last=Max("attempt_time"))["last"]
    if cool_off is None or last is None:
        return int(cool_off.total_seconds()) if cool_off else 60
    remaining = (last + cool_off - timezone.now()).total_seconds()
    return max(1, math.ceil(remaining))


def forget_failures(username: str) -> None:
    """A right password clears the count of wrong ones (the web login does it through axes' signal)."""

    reset(username=username)


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: HTTP 429 with Retry-After, as JSON for the API and as a page otherwise.

    The wrong password that reaches the limit keeps its ordinary answer (``original_response``)."""
    if original_response is not None and not answered_as_locked(request):
        return original_response
    username = get_client_username(request, credentials) or request.POST.get("username", "")
    retry_after = seconds_until_unlocked(username)
    minutes = max(1, math.ceil(retry_after / 60))
    message = _(
        "Too many failed logins for this account. Try again in %(minutes)s minute(s), or reset your password."
    ) % {"minutes": minutes}
    if wants_json(request):
        response = JsonResponse(
            {"detail": message, "code": "locked_out", "retry_after": retry_after},
            status=429,
        )
    else:
        response = render(
            request, "accounts/locked_out.html", {"message": message, "minutes": minutes},
            status=429,
        )
    response["Retry-After"] = str(retry_after)
    return response


def audit_failed_login(sender, credentials, request=None, **kwargs):
    """``user_login_failed`` receiver: every refused login (wrong password or locked) is audited.

    The object is the username as typed; the actor is unknown (None)."""
    username = str((credentials or {}).get("username") or "")[:64]
    after = {}
    if request is not None:
        after = {"path": request.path[:200], "ip": request.META.get("REMOTE_ADDR", "")}
    audit_record(
        actor=None, action="auth.login_failed", object_type="accounts.user", object_id=username, after=after,
    )
