"""Who may do what to users and companies, and who may learn who did something. The single source
for the views, the API, the services, the pages' templates and the mails.

Who did something, as the person reading may learn it (docs/roles.md): to a company's users, anyone
on the regulator's side (a reviewer, an advisor, the program office, an auditor, a superuser) is the
institution, never a person: the panel is not disclosed to applicants. So neither a name nor a
username, an id or an address of a regulator-side user reaches them. Only regulator-side readers
learn who on the regulator's side acted; a reader who is not known (no request, a background job
writing for nobody in particular) is treated as an outsider. Company-side people are named to
everyone who may see what they did (their colleagues and the regulator). The API payloads, the pages
(the ``person`` filter) and the mails all ask ``discloses``, ``person_ref`` or ``person_name``.
"""

from django.utils.translation import gettext as _

from portal.accounts.enums import Role


def can_view_company(user, company) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_regulator:
        return True
    return user.is_company_user and user.company_id == company.pk


def can_manage_companies(user) -> bool:
    return user.is_authenticated and user.is_active and user.is_program_admin


def can_manage_users(user) -> bool:
    return can_manage_companies(user)


def can_read_audit_log(user) -> bool:
    return user.is_authenticated and user.is_active and (user.is_program_admin or user.role == Role.AUDITOR)


# --- who did something, as the reader may learn it ----------------------------------------------

# The contract's actor of a regulator-side change, to company users.
INSTITUTION_REF = {"id": None, "username": None, "organisation": "FSC"}


def discloses(user, *, viewer) -> bool:
    """May ``viewer`` learn that ``user``, in person, did something?"""
    if not getattr(user, "is_regulator", False):
        return True
    return bool(getattr(viewer, "is_authenticated", False) and viewer.is_regulator)


def person_ref(user, *, viewer) -> dict | None:
    """``{"id", "username"}`` of ``user``; the institution instead when ``viewer`` may not learn who."""
    if user is None:
        return None
    if not discloses(user, viewer=viewer):
        return dict(INSTITUTION_REF)
    return {"id": user.pk, "username": user.get_username()}


def person_name(user, *, viewer) -> str:
    """A person's name (the username when none is recorded), or the institution's in the active language."""
    if user is None:
        return ""
    if not discloses(user, viewer=viewer):
        return _("Financial Services Commission")
    return user.get_full_name() or user.get_username()
