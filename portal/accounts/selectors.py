"""Read-side queries: what each user may see, filtered with the same logic as rules.py."""

from django.db.models import QuerySet

from .models import Company, User


def companies_visible_to(user) -> QuerySet[Company]:
    if not user.is_authenticated or not user.is_active:
        return Company.objects.none()
    if user.is_regulator:
        return Company.objects.all()
    if user.is_company_user:
        return Company.objects.filter(pk=user.company_id)
    return Company.objects.none()


def users_visible_to(user) -> QuerySet[User]:
    if user.is_authenticated and user.is_active and user.is_program_admin:
        return User.objects.select_related("company").all()
    return User.objects.none()
