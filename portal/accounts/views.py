"""Sign-in pages. Thin: the rules are in signin/ (mfa.py, sessions.py, lockout.py, password_reset.py)."""

import math
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from portal.accounts.forms import CodeForm, LoginForm
from portal.accounts.signin import mfa, password_reset, second_factor, sessions
from portal.audit.services import audit_record
from portal.common.ratelimit import client_id
from portal.errors import PortalError

BACKUP_CODES_SESSION_KEY = "_portal_new_backup_codes"


def _safe_next(request, default: str = "home") -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    # A path on this site only: redirect() would read a bare word ("x") as a URL name and raise.
    if candidate.startswith("/") and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse(default)


class PortalLoginView(auth_views.LoginView):
    """Password login. Django rotates the session key; a user who owes a second factor goes to it next."""

    template_name = "portal/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_success_url(self):
        target = super().get_success_url()
        if second_factor.verification_pending(self.request):
            step = "mfa-verify" if mfa.has_confirmed_device(self.request.user) else "mfa-setup"
            return reverse(step) + "?" + urlencode({"next": target})
        return target


class PortalPasswordResetView(auth_views.PasswordResetView):
    """Asks for a reset link. The answer is the same redirect whether or not an account uses the
    address, and the mail is sent by a background job (see signin/password_reset.py); beyond the limits the
    answer is 429 with Retry-After, again whatever the address."""

    template_name = "accounts/password_reset_form.html"

    def form_valid(self, form):
        email = form.cleaned_data["email"]
        decision = password_reset.password_reset_admit(email=email, client=client_id(self.request),
                                                       actor=self.request.user)
        if not decision.allowed:
            response = render(self.request, "accounts/password_reset_limited.html",
                              {"minutes": math.ceil(decision.retry_after / 60)}, status=429)
            response["Retry-After"] = str(decision.retry_after)
            return response
        password_reset.password_reset_queue(email=email, language=get_language())
        return HttpResponseRedirect(self.get_success_url())


class PortalPasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """A new password by e-mail link. It signs nobody in (the second factor is still asked at login),
    and it ends every session and API token of the account, as a reset often follows a compromise."""

    template_name = "accounts/password_reset_confirm.html"
    post_reset_login = False

    def form_valid(self, form):
        with transaction.atomic():
            response = super().form_valid(form)
            sessions.end_all_sessions(form.user)
            audit_record(actor=None, action="auth.password_reset", obj=form.user)
        return response


@login_required
@require_http_methods(["GET", "POST"])
def mfa_verify(request):
    if not second_factor.verification_pending(request):
        return redirect(_safe_next(request))
    if not mfa.has_confirmed_device(request.user):
        return redirect(reverse("mfa-setup") + "?" + urlencode({"next": _safe_next(request)}))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if mfa.verify(request=request, code=form.cleaned_data["code"]):
            return redirect(_safe_next(request))
        form.add_error("code", _("That code is not correct or was already used. Wait for a new code and try again."))
    context = {"form": form, "next": _safe_next(request), "plain_chrome": True}
    return render(request, "accounts/mfa_verify.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def mfa_setup(request):
    verified = mfa.is_verified(request.user)
    try:
        device = mfa.enrolment_device(user=request.user, verified=verified)
    except PortalError as error:
        messages.error(request, error.message)
        return redirect(reverse("mfa-verify") + "?" + urlencode({"next": _safe_next(request)}))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = mfa.enrolment_confirm(request=request, device=device, code=form.cleaned_data["code"])
        except PortalError as error:
            form.add_error("code", getattr(error, "fields", {}).get("code", [error.message])[0])
        else:
            request.session[BACKUP_CODES_SESSION_KEY] = codes
            return redirect(reverse("mfa-backup-codes") + "?" + urlencode({"next": _safe_next(request)}))
    context = {
        "form": form,
        "qr_svg": mfa.qr_svg(device),
        "secret": mfa.totp_secret(device),
        "required": mfa.mfa_required_for(request.user),
        "next": _safe_next(request),
        # Until the second factor is given, the menu would only lead back here.
        "plain_chrome": not mfa.is_verified(request.user),
    }
    return render(request, "accounts/mfa_setup.html", context)


@login_required
def mfa_backup_codes(request):
    """Shows newly issued backup codes, once."""
    codes = request.session.pop(BACKUP_CODES_SESSION_KEY, None)
    if not codes:
        return redirect("account-security")
    return render(request, "accounts/mfa_backup_codes.html", {"codes": codes, "next": _safe_next(request)})


@login_required
@require_http_methods(["GET", "POST"])
def security_settings(request):
    user = request.user
    if request.method == "POST":
        try:
            if request.POST.get("action") == "regenerate":
                request.session[BACKUP_CODES_SESSION_KEY] = mfa.backup_codes_regenerate(request=request)
                return redirect("mfa-backup-codes")
            if request.POST.get("action") == "disable":
                mfa.mfa_disable(request=request)
                messages.success(request, _("Two-step verification is turned off."))
        except PortalError as error:
            messages.error(request, error.message)
        return redirect("account-security")
    context = {
        "has_device": mfa.has_confirmed_device(user),
        "required": mfa.mfa_required_for(user),
        "backup_codes_left": mfa.backup_codes_left(user),
    }
    return render(request, "accounts/security.html", context)
