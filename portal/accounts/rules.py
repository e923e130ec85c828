"""Who may do what to users and companies. The single source for views, API and services."""

from .enums import Role


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
