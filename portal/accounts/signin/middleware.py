"""Session limits and the second-factor gate, in front of every page and session-authenticated API call."""

from functools import cache
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import logout
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from portal.accounts.signin import authentication, second_factor, sessions


class SessionLifetimeMiddleware:
    """Logs out a session idle for longer than SESSION_IDLE_TIMEOUT or older than SESSION_COOKIE_AGE
    (counted from the login, however active the session has been)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            if sessions.expired(request.session):
                logout(request)
                messages.info(request, _("You were signed out because the session expired. Please log in again."))
            else:
                sessions.touch(request.session)
        return self.get_response(request)


@cache
def _open_paths() -> tuple[str, ...]:
    """Where a user who still owes a second factor may go: the factor's own pages, logout, password
    reset, static files, public verification."""
    return (
        reverse("mfa-verify"), reverse("mfa-setup"), reverse("mfa-backup-codes"), reverse("logout"),
        reverse("login"), reverse("password_reset"), "/password-reset/", "/static/", "/i18n/", "/healthz",
        "/verify/", "/api/v1/verify/", reverse("api-token"), "/favicon.ico",
    )


class MFARequiredMiddleware:
    """Pages (and the API used with a session cookie) wait until the second factor is given.

    Staff without a device are sent to enrol; anyone with one, to the code form. On the API, a session
    that owes a code is answered 403 ``mfa_required`` unless the request carries an API token
    (``Authorization: Token ...``), which DRF then checks on its own: tokens are only issued after the
    second factor, or made on purpose by an operator. Any other ``Authorization`` header changes
    nothing. The API's session authentication applies the same rule again (authentication.py), so a
    path left open here is still closed there."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if second_factor.verification_pending(request) and not request.path_info.startswith(_open_paths()):
            if request.path_info.startswith("/api/"):
                if not authentication.carries_token(request):
                    return JsonResponse(
                        {"detail": second_factor.mfa_required_message(), "code": "mfa_required"}, status=403
                    )
            else:
                target = "mfa-verify" if second_factor.has_confirmed_device(request.user) else "mfa-setup"
                url = reverse(target)
                if request.method == "GET":
                    url += "?" + urlencode({"next": request.get_full_path()})
                return redirect(url)
        return self.get_response(request)
