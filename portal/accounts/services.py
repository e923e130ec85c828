"""Writes to users and companies. Each service is atomic, validates with full_clean(), and audits."""

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.forms.models import model_to_dict
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from portal.accounts import rules
from portal.accounts.enums import COMPANY_ROLES, Role
from portal.accounts.models import Company, User
from portal.accounts.models.validators import normalise_brn
from portal.accounts.selectors import program_admins
from portal.accounts.signin.authentication import token_expired, token_expires_at
from portal.audit.services import audit_record
from portal.errors import Conflict, InvalidInput, NotAllowed

# The reason on the audit entry of a login made by ``program_admin_bootstrap``, which has no actor.
BOOTSTRAP_REASON = "manage.py bootstrap_portal (operator)"

COMPANY_FIELDS = (
    "name_ko", "name_en", "brn", "sector", "total_assets_krw", "assets_as_of",
    "regular_staff", "efta_covered", "ciso_appointed", "ciso_name",
)


def _company_state(company: Company) -> dict:
    return model_to_dict(company, fields=COMPANY_FIELDS)


def _fields_of(error: ValidationError) -> dict:
    if hasattr(error, "error_dict"):
        return {field: [str(m) for m in msgs] for field, msgs in error.message_dict.items()}
    return {"non_field_errors": [str(m) for m in error.messages]}


def _clean_and_save(instance, *, unique_field: str, unique_message: str) -> None:
    try:
        instance.full_clean()
    except ValidationError as error:
        raise InvalidInput(_fields_of(error)) from None
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError:
        # A concurrent write took the unique value between full_clean() and save().
        raise InvalidInput({unique_field: [unique_message]}) from None


def company_create(*, actor: User, data: dict) -> Company:
    """Register a company. Program office only. The BRN is normalised and must be unique."""
    if not rules.can_manage_companies(actor):
        raise NotAllowed(_("Only the program office may register companies."))
    values = {k: v for k, v in data.items() if k in COMPANY_FIELDS}
    if "brn" in values:
        try:
            values["brn"] = normalise_brn(values["brn"])
        except ValidationError as error:
            raise InvalidInput({"brn": error.messages}) from None
    with transaction.atomic():
        company = Company(**values)
        _clean_and_save(
            company, unique_field="brn", unique_message=_("A company with this business registration number exists.")
        )
        audit_record(actor=actor, action="company.create", obj=company, after=_company_state(company))
    return company


def company_update(*, actor: User, company: Company, data: dict) -> Company:
    """Change a company's registry entry. Program office only; the change is audited before/after."""
    if not rules.can_manage_companies(actor):
        raise NotAllowed(_("Only the program office may change the company registry."))
    with transaction.atomic():
        company = Company.objects.select_for_update().get(pk=company.pk)
        before = _company_state(company)
        for key, value in data.items():
            if key not in COMPANY_FIELDS:
                continue
            if key == "brn":
                try:
                    value = normalise_brn(value)
                except ValidationError as error:
                    raise InvalidInput({"brn": error.messages}) from None
            setattr(company, key, value)
        _clean_and_save(
            company, unique_field="brn", unique_message=_("A company with this business registration number exists.")
        )
        after = _company_state(company)
        changed = {k: v for k, v in after.items() if before.get(k) != v}
        if changed:
            audit_record(
                actor=actor, action="company.update", obj=company,
                before={k: before[k] for k in changed}, after=changed,
            )
    return company


def _login_create(*, actor: User | None, username: str, password: str, email: str, role: str,
                  company: Company | None, first_name: str = "", last_name: str = "", reason: str = "",
                  errors: dict[str, list[str]] | None = None) -> User:
    """Validate and save a new login, and audit it (``user.create``). Every problem is reported at once,
    keyed by field (``errors`` may bring the caller's own). The caller decides who may do it."""
    errors = dict(errors or {})
    if role not in Role.values:
        errors["role"] = [_("Unknown role %(role)s. Choose one of: %(roles)s.") % {"role": role, "roles": ", ".join(Role.values)}]
    elif role in COMPANY_ROLES and company is None:
        errors["company"] = [_("A company user (CISO or company staff) must belong to a company.")]
    elif role not in COMPANY_ROLES and company is not None:
        errors["company"] = [_("Only CISOs and company staff belong to a company.")]
    if role == Role.CISO and company is not None and User.objects.filter(company=company, role=Role.CISO, is_active=True).exists():
        errors["role"] = [_("This company already has an active CISO. Deactivate that account first.")]
    user = User(username=username, email=email, role=role, company=company, first_name=first_name, last_name=last_name)
    try:
        user.full_clean(exclude=["password"])  # the username's rules and uniqueness, the address's form
    except ValidationError as error:
        for field, problems in _fields_of(error).items():
            errors.setdefault(field, problems)
    try:
        validate_password(password, user)
    except ValidationError as error:
        errors["password"] = list(error.messages)
    if errors:
        raise InvalidInput(errors)
    user.set_password(password)
    with transaction.atomic():
        try:
            with transaction.atomic():
                user.save()
        except IntegrityError:
            raise InvalidInput(
                {"role": [_("This company already has an active CISO. Deactivate that account first.")]}
            ) from None
        audit_record(
            actor=actor, action="user.create", obj=user, reason=reason,
            after={"username": user.username, "email": user.email, "role": user.role, "company": user.company_id},
        )
    return user


def user_create(
    *, actor: User, username: str, password: str, email: str = "", role: str, company: Company | None = None,
    first_name: str = "", last_name: str = "",
) -> User:
    """Create a login. Program office only. A company role needs a company; at most one active CISO each."""
    if not rules.can_manage_users(actor):
        raise NotAllowed(_("Only the program office may create users."))
    return _login_create(actor=actor, username=username, password=password, email=email, role=role,
                         company=company, first_name=first_name, last_name=last_name)


def program_admin_bootstrap(*, username: str, email: str, password: str, name: str = "",
                            additional: bool = False) -> User:
    """Create a program office login (not a superuser) for an operator setting up the portal
    (``manage.py bootstrap_portal``).

    No one is signed in when a portal is set up, so the program office's first login cannot come from
    ``user_create`` (which needs a program office actor); it comes from here, on purpose, with an audit
    entry that says so, through the same validation and save.

    Atomic and audited (``user.create`` with the operator's reason, no actor). Refused (``Conflict``)
    when an active program office login exists unless ``additional``; refused (``InvalidInput``) for
    a taken username, a missing or invalid e-mail address or a password the validators reject. The
    login must enrol a second factor at its first sign-in, like every regulator-side role.
    """
    with transaction.atomic():
        existing = list(program_admins().order_by("username").values_list("username", flat=True))
        if existing and not additional:
            raise Conflict(_("A program office login already exists (%(names)s). To add another, ask one of "
                             "them, or repeat with --additional-admin.") % {"names": ", ".join(existing)},
                           code="program_admin_exists")
        errors = {}
        try:
            validate_email(email)  # full_clean accepts a blank address; the office's mail needs one
        except ValidationError as error:
            errors["email"] = list(error.messages)
        return _login_create(actor=None, username=username, password=password, email=email,
                             role=Role.PROGRAM_ADMIN, company=None, first_name=name, reason=BOOTSTRAP_REASON,
                             errors=errors)


def user_deactivate(*, actor: User, user: User, reason: str = "") -> User:
    """Deactivate a login and end all of its sessions and API tokens."""
    if not rules.can_manage_users(actor):
        raise NotAllowed(_("Only the program office may deactivate users."))
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        if not user.is_active:
            return user
        user.is_active = False
        # Saving is_active=False ends every session and API token of the user, in this transaction:
        # sessions.on_user_saved (post_save), which also covers the admin and any other path.
        user.save(update_fields=["is_active"])
        audit_record(actor=actor, action="user.deactivate", obj=user, before={"is_active": True},
                     after={"is_active": False}, reason=reason)
    return user


def api_token_issue(*, user: User) -> Token:
    """The user's API token: the one they have while it is valid, else a new key (audited).

    Atomic; the user row is locked so that two simultaneous requests do not issue two keys (a user has
    one token at a time)."""
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=user.pk).first()
        token = Token.objects.filter(user=user).first()
        if token is not None and not token_expired(token):
            return token
        replaced = token is not None
        Token.objects.filter(user=user).delete()
        token = Token.objects.create(user=user)
        audit_record(actor=user, action="auth.token_issued", obj=user,
                     after={"expires_at": token_expires_at(token).isoformat(), "replaced_expired": replaced})
    return token


def api_token_revoke(*, user: User) -> bool:
    """Delete the user's API token, if any (audited when there was one). Idempotent.

    Returns whether a token was revoked. Web sessions are not touched."""
    with transaction.atomic():
        deleted, _rows = Token.objects.filter(user=user).delete()
        if deleted:
            audit_record(actor=user, action="auth.token_revoked", obj=user)
    return bool(deleted)
