"""Read-side queries for letters, filtered with the same logic as rules.py."""

from django.db.models import QuerySet

from screening.selectors import applications_visible_to

from .models import REFERENCE_RE, Letter


def letters_visible_to(user) -> QuerySet[Letter]:
    """The letters of the applications ``user`` may see, with the application and company joined."""
    return (
        Letter.objects.filter(application__in=applications_visible_to(user).values("pk"))
        .select_related("application", "application__company")
        .order_by("-issued_at", "-id")
    )


def is_reference(text: str) -> bool:
    return bool(REFERENCE_RE.match(text or ""))


def letter_for_verification(reference: str) -> Letter | None:
    """The letter with this reference, for the public page; None for unknown or malformed ones."""
    if not is_reference(reference):
        return None
    return Letter.objects.filter(reference=reference).first()
