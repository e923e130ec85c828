"""What an operator's ``manage.py bootstrap_portal`` does to accounts: the first program office
login of a production portal, and the demo's leftovers it warns about.

No one is signed in when a portal is set up, so the program office's first login cannot come from
``services.user_create`` (which needs a program office actor); it comes from here, on purpose, with
an audit entry that says so.
"""

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.audit.services import audit_record
from portal.errors import Conflict, InvalidInput

from .demo import DEMO_DEVICE_NAME
from .enums import Role
from .models import User

BOOTSTRAP_REASON = "manage.py bootstrap_portal (operator)"


def program_admins():
    """Active logins with the program office's powers (the role, or a superuser)."""
    return User.objects.filter(Q(role=Role.PROGRAM_ADMIN) | Q(is_superuser=True), is_active=True)


def program_admin_bootstrap(*, username: str, email: str, password: str, name: str = "",
                            additional: bool = False) -> User:
    """Create a program office login (not a superuser) for an operator setting up the portal.

    Atomic and audited (``user.create`` with the operator's reason, no actor). Refused (``Conflict``)
    when an active program office login exists unless ``additional``; refused (``InvalidInput``) for
    a taken username, an invalid e-mail address or a password the validators reject. The login must
    enrol a second factor at its first sign-in, like every regulator-side role.
    """
    with transaction.atomic():
        existing = list(program_admins().order_by("username").values_list("username", flat=True))
        if existing and not additional:
            raise Conflict(_("A program office login already exists (%(names)s). To add another, ask one of "
                             "them, or repeat with --additional-admin.") % {"names": ", ".join(existing)},
                           code="program_admin_exists")
        user = User(username=username, email=email, role=Role.PROGRAM_ADMIN, first_name=name)
        errors: dict[str, list[str]] = {}
        try:
            user.full_clean(exclude=["password"])  # the username's rules and uniqueness, the address's form
        except ValidationError as error:
            errors.update(error.message_dict)
        if "email" not in errors:
            try:
                validate_email(email)  # full_clean accepts a blank address; the office's mail needs one
            except ValidationError as error:
                errors["email"] = list(error.messages)
        try:
            validate_password(password, user)
        except ValidationError as error:
            errors["password"] = list(error.messages)
        if errors:
            raise InvalidInput(errors)
        user.set_password(password)
        user.save()
        audit_record(actor=None, action="user.create", obj=user, reason=BOOTSTRAP_REASON,
                     after={"username": user.username, "email": user.email, "role": user.role, "company": None})
    return user


def demo_leftovers() -> list[str]:
    """What the demo left in this database that a production portal must not keep: its active logins
    (published passwords) and any authenticator with the demo's published key."""
    found = []
    logins = list(User.objects.filter(is_demo=True, is_active=True).values_list("username", flat=True))
    if logins:
        found.append(_("Active demo logins with the published password: %(names)s. Deactivate them.")
                     % {"names": ", ".join(logins)})
    holders = sorted(set(TOTPDevice.objects.filter(name=DEMO_DEVICE_NAME).values_list("user__username", flat=True))
                     | set(StaticDevice.objects.filter(name=DEMO_DEVICE_NAME).values_list("user__username", flat=True)))
    if holders:
        found.append(_("Second factors with the demo's published key or backup codes (device \"%(device)s\") "
                       "belong to: %(names)s. Delete those devices.") % {"device": DEMO_DEVICE_NAME,
                                                                         "names": ", ".join(holders)})
    return found
