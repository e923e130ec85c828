"""Read-side queries: what each user may see, filtered with the same logic as rules.py."""

from django.db.models import Count, Prefetch, QuerySet

from screening.models import Application, StateChange, SupportingDocument
from screening.panel import applications_assigned_to


def applications_visible_to(user) -> QuerySet[Application]:
    """Company users: their company's. Program office and auditors: all. Reviewers and advisors: those
    assigned to them (the review part of screening decides that). Everyone else: none.
    Mirrors ``rules.can_view_application``."""
    base = Application.objects.all()
    if not user.is_authenticated or not user.is_active:
        return base.none()
    if user.sees_everything:
        return base
    if user.is_company_user:
        return base.filter(company_id=user.company_id)
    if user.is_expert:
        return applications_assigned_to(user, base)
    return base.none()


def application_list_for(user) -> QuerySet[Application]:
    """The list pages and the API list: one query, with the company and phase joined and counts annotated."""
    return (
        applications_visible_to(user)
        .select_related("company", "phase", "preferred_phase", "created_by")
        .annotate(document_count=Count("documents", distinct=True))
        .order_by("-created_at", "-id")
    )


def application_detail_for(user) -> QuerySet[Application]:
    """One application with everything its page shows, in a constant number of queries."""
    return applications_visible_to(user).select_related(
        "company", "phase", "preferred_phase", "created_by", "attested_by", "decided_by", "overridden_by",
    ).prefetch_related(
        Prefetch("state_changes", queryset=StateChange.objects.select_related("actor").order_by("at", "id")),
        Prefetch("documents", queryset=SupportingDocument.objects.select_related("uploaded_by").order_by("uploaded_at", "id")),
    )


def history_of(application: Application) -> QuerySet[StateChange]:
    return application.state_changes.select_related("actor").order_by("at", "id")


def documents_of(application: Application) -> QuerySet[SupportingDocument]:
    return application.documents.select_related("uploaded_by").order_by("uploaded_at", "id")
