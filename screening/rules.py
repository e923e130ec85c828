"""Who may do what to applications. The single source for the pages, the API, the services and the
``permission=`` of every transition on the model (so it must not import the models: the panel's
questions go to ``screening.panel``, which finds the models through the app registry).

Object-level predicates take ``(user, application)``; transition permissions follow django-fsm's
``(instance, user)`` order. A ``user`` of ``None`` means the portal itself (a background job).
"""

from portal.accounts.enums import Role
from screening.panel import is_assigned


def _active(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def _is_assigned(user, application) -> bool:
    return is_assigned(application, user)


# --- seeing -----------------------------------------------------------------------------------
def can_view_application(user, application) -> bool:
    """Company users see their company's; program office and auditors all; experts their assignments.
    Mirrors ``selectors.applications_visible_to``."""
    if not _active(user):
        return False
    if user.sees_everything:
        return True
    if user.is_company_user:
        return user.company_id == application.company_id
    if user.is_expert:
        return _is_assigned(user, application)
    return False


# --- writing ----------------------------------------------------------------------------------
def can_create_application(user) -> bool:
    """A CISO or company staff member, for their own company only."""
    return _active(user) and user.is_company_user and user.company_id is not None


def is_company_member(user, application) -> bool:
    return _active(user) and user.is_company_user and user.company_id == application.company_id


def is_applicant_ciso(user, application) -> bool:
    return _active(user) and user.is_ciso and user.company_id == application.company_id


def can_edit_application(user, application) -> bool:
    """The company's CISO and staff edit their applications (the state decides *when*)."""
    return is_company_member(user, application)


def can_attest(user, application) -> bool:
    """Only the company's CISO attests; staff prepare drafts but never attest or submit."""
    return is_applicant_ciso(user, application)


def can_upload_document(user, application) -> bool:
    return is_company_member(user, application)


# --- transition permissions: (instance, user) --------------------------------------------------
def by_applicant_ciso(application, user) -> bool:
    return is_applicant_ciso(user, application)


def by_program_office(application, user) -> bool:
    return _active(user) and user.is_program_admin


def by_reviewer_or_program_office(application, user) -> bool:
    if not _active(user):
        return False
    if user.is_program_admin:
        return True
    return user.role == Role.REVIEWER and not user.is_superuser and _is_assigned(user, application)


def by_system(application, user) -> bool:
    """Only the portal itself (no user) fires these: the eligibility step, grant and expiry."""
    return user is None


# --- the review part: phases, assignments, conflicts, scores, assessments (issue 4) ------------------
def can_manage_phases(user) -> bool:
    """Create and edit phases, schedule and move applications, start reviews: the program office."""
    return _active(user) and user.is_program_admin


def can_manage_assignments(user) -> bool:
    return _active(user) and user.is_program_admin


def can_read_reviews(user) -> bool:
    """Every score sheet, assessment, assignment and conflict: the program office and auditors."""
    return _active(user) and user.sees_everything


def is_expert(user) -> bool:
    return _active(user) and user.is_expert


def can_declare_conflict(user) -> bool:
    return is_expert(user)


def may_be_assigned(user) -> bool:
    """Only active reviewers and advisors are assigned (never company users, the office or auditors)."""
    return is_expert(user)


def can_score(user, application) -> bool:
    """An assigned reviewer (the state decides *when*)."""
    return is_expert(user) and user.role == Role.REVIEWER and _is_assigned(user, application)


def can_assess(user, application) -> bool:
    """An assigned advisor (the state decides *when*)."""
    return is_expert(user) and user.role == Role.ADVISOR and _is_assigned(user, application)


def sees_all_score_sheets(user) -> bool:
    return can_read_reviews(user)
