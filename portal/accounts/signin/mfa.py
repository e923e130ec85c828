"""Multi-factor authentication (django-otp): a TOTP authenticator plus single-use backup codes.

Policy: every regulator-side role and every superuser must have a confirmed device and verify it on
the web before reaching any page; company users may enrol, and once they have, they verify too. The
API is guarded where tokens are issued (``portal.accounts.api.views.TokenView``), not where they are
used, so that a token made by an operator with ``manage.py drf_create_token`` keeps working.

Each service here is atomic, checks that the caller may do it, and audits what changed.
"""

from base64 import b32encode

import segno
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp import DEVICE_ID_SESSION_KEY, devices_for_user
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.accounts.models import User
from portal.accounts.signin.second_factor import (
    PENDING_SESSION_KEY,
    has_confirmed_device,
    is_verified,
    mfa_required_for,
)
from portal.accounts.signin.sessions import rotate_session_key
from portal.audit.services import audit_record
from portal.errors import Conflict, InvalidInput

BACKUP_CODE_COUNT = 10
TOTP_NAME = "authenticator"
BACKUP_NAME = "backup codes"
def normalise_code(code: str) -> str:
    return "".join(str(code or "").split()).replace("-", "").lower()


def totp_secret(device: TOTPDevice) -> str:
    """The key in the base32 form that authenticator apps accept when typed in."""

    return b32encode(device.bin_key).decode("ascii").rstrip("=")


def qr_svg(device: TOTPDevice) -> str:
    """The enrolment QR code as inline SVG (no script, no external request)."""
    return segno.make(device.config_url, error="m").svg_inline(scale=4, border=2)


# --- services ----------------------------------------------------------------------------------


def enrolment_device(*, user: User, verified: bool) -> TOTPDevice:
    """The unconfirmed authenticator that an enrolment shows as a QR code (made once, then reused).

    Refused when the user already has a confirmed device and has not verified it in this session:
    a password alone must never be enough to replace the second factor."""
    if has_confirmed_device(user) and not verified:
        raise Conflict(
            _("Enter a code from your current authenticator or a backup code before setting up a new one."),
            code="mfa_verify_first",
        )
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("id").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)
    return device


def _new_backup_codes(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    static = StaticDevice.objects.create(user=user, name=BACKUP_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=static, token=code) for code in codes])
    return codes


def enrolment_confirm(*, request, device: TOTPDevice, code: str) -> list[str]:
    """Confirm a new authenticator with a code from it; replace any older one; issue fresh backup codes.

    The session counts as verified afterwards. Returns the backup codes (shown to the user once)."""
    user = request.user
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().filter(pk=device.pk, user=user, confirmed=False).first()
        if device is None:
            raise Conflict(_("This set-up was already completed or replaced. Start again."), code="mfa_stale")
        if not device.verify_token(normalise_code(code)):
            raise InvalidInput({"code": [_("That code is not correct. Check your device's clock and try again.")]})
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = _new_backup_codes(user)
        audit_record(actor=user, action="auth.mfa_enrolled", obj=user, after={"device": device.persistent_id})
    otp_login(request, device)
    request.session.pop(PENDING_SESSION_KEY, None)
    rotate_session_key(request)
    return codes


def _matching_device(user: User, token: str):
    """The device that accepts ``token``, if any. A six-digit code goes to the authenticator, anything
    else to the backup codes, so that a backup code does not count as a failed authenticator code."""
    if not token:
        return None
    wanted = TOTPDevice if (token.isdigit() and len(token) == 6) else StaticDevice
    with transaction.atomic():
        for candidate in devices_for_user(user, confirmed=True, for_verify=True):
            if isinstance(candidate, wanted) and candidate.verify_token(token):
                return candidate
    return None


def verify(*, request, code: str) -> bool:
    """Check a code: six digits against the user's authenticator, anything else against the backup codes.

    A TOTP code is accepted once only (django-otp keeps the last time step used); a backup code is
    deleted when used. Failures are throttled by django-otp (growing delays) and audited. They are not
    password failures and never count towards the login lockout."""
    user = request.user
    device = _matching_device(user, normalise_code(code))
    if device is None:
        audit_record(actor=user, action="auth.mfa_failed", obj=user)
        return False
    otp_login(request, device)
    request.session.pop(PENDING_SESSION_KEY, None)
    # A new privilege level gets a new session key, as a login does.
    rotate_session_key(request)
    return True


def verify_for_token(*, user: User, code: str) -> bool:
    """The token endpoint's second factor: the same devices and rules, without a session."""
    if _matching_device(user, normalise_code(code)) is not None:
        return True
    audit_record(actor=None, action="auth.mfa_failed", obj=user, after={"channel": "api"})
    return False


def backup_codes_regenerate(*, request) -> list[str]:
    """New backup codes for a verified session; the old ones stop working."""
    user = request.user
    if not is_verified(user):
        raise Conflict(_("Verify with your authenticator first."), code="mfa_verify_first")
    with transaction.atomic():
        codes = _new_backup_codes(user)
        audit_record(actor=user, action="auth.mfa_backup_codes_regenerated", obj=user)
    return codes


def backup_codes_left(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def mfa_disable(*, request) -> None:
    """Remove every device. Only for users whose role does not require MFA, from a verified session."""
    user = request.user
    if mfa_required_for(user):
        raise Conflict(_("Your role requires two-step verification; it cannot be turned off."), code="mfa_required")
    if not is_verified(user):
        raise Conflict(_("Verify with your authenticator first."), code="mfa_verify_first")
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        audit_record(actor=user, action="auth.mfa_disabled", obj=user)
    request.user.otp_device = None
    request.session.pop(DEVICE_ID_SESSION_KEY, None)


def on_logged_in(sender, request, user, **kwargs):
    """``user_logged_in`` receiver: remember that a company user with a device still owes a code."""
    if request is None or not hasattr(request, "session") or mfa_required_for(user):
        return
    if has_confirmed_device(user):
        request.session[PENDING_SESSION_KEY] = True
