"""Who owes a second factor, and whether this request's session has given it.

A leaf module (django-otp and the role list only): the page middleware, the API's authentication
classes and the MFA services all ask these same questions, and DRF imports the authentication classes
while it is itself being imported, so nothing here may import DRF's views or the portal's error module.
"""

from django.utils.translation import gettext as _
from django_otp import user_has_device

from portal.accounts.enums import REGULATOR_ROLES

# Set at login for a user who has a device but whose role does not require one (a company user):
# until they verify, pages send them to the code form and the API refuses the session.
PENDING_SESSION_KEY = "_portal_mfa_pending"


def mfa_required_for(user) -> bool:
    """Whether the role itself demands a second factor (regulator-side staff and superusers)."""
    return bool(
        user.is_authenticated and (user.is_superuser or user.is_staff or user.role in REGULATOR_ROLES)
    )


def has_confirmed_device(user) -> bool:
    return user.is_authenticated and user_has_device(user, confirmed=True)


def is_verified(user) -> bool:
    """Whether this request's user gave a second factor in this session (set by OTPMiddleware;
    a user object just logged in within this request has not)."""
    return getattr(user, "otp_device", None) is not None


def verification_pending(request) -> bool:
    """Whether this (session-authenticated) user still owes a second factor in this session.

    The one rule: such a session reaches only the second factor's own pages, never another page and
    never the API, whatever else the request carries."""
    user = getattr(request, "user", None)  # a request built outside the middleware has none
    if user is None or not user.is_authenticated or is_verified(user):
        return False
    return mfa_required_for(user) or bool(getattr(request, "session", {}).get(PENDING_SESSION_KEY))


def mfa_required_message() -> str:
    return _("Complete two-step verification in the web portal first.")
