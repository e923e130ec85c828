"""The application list and the application page (sections, what is missing, timeline, actions)."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.ui.services import run_service
from screening import rules, selectors, services
from screening.domain.completeness import missing_items
from screening.enums import APPLICATION_DOCUMENTS_MAX_BYTES, DOCUMENT_MAX_BYTES
from screening.forms import SECTION_OF_MISSING, SECTION_TITLES
from screening.panel import no_conflict_statement_pending
from screening.views.common import visible_application
from screening.views.presenters import control_titles, eligibility_view, road_steps, what_next


@login_required
def application_list(request):
    applications = selectors.application_list_for(request.user)
    page = Paginator(applications, 25).get_page(request.GET.get("page"))
    return render(request, "screening/application_list.html", {
        "page": page,
        "applications": page.object_list,
        "page_range": page.paginator.get_elided_page_range(page.number),
        "can_create": rules.can_create_application(request.user),
    })


@login_required
@require_POST
def application_create(request):
    if not rules.can_create_application(request.user):
        raise PermissionDenied(_("Only a company's CISO or staff may start an application, for their own company."))
    application, refused = run_service(
        request, lambda: services.application_create(actor=request.user),
        on_conflict_redirect="screening:application-list",
    )
    return refused or redirect("screening:application-detail", pk=application.pk)


@login_required
def application_detail(request, pk: int):
    application = visible_application(request, pk)
    if no_conflict_statement_pending(application, request.user):
        return redirect("screening:review", pk=pk)  # an expert states "no conflict" before reading it
    return render(request, "screening/application_detail.html", application_page_context(request, application))


def application_page_context(request, application) -> dict:
    """What the application page shows; the upload view shows it again with the refused file's errors."""
    pk = application.pk
    missing = missing_items(application)
    missing_sections = {SECTION_OF_MISSING[m.section] for m in missing}
    documents = list(application.documents.all())
    editable = application.is_editable and rules.can_edit_application(request.user, application)
    sections = [
        {"key": key, "title": title, "missing": key in missing_sections,
         "editable": editable and (key != "attestation" or rules.can_attest(request.user, application))}
        for key, title in SECTION_TITLES.items()
    ]
    may_edit = {section["key"] for section in sections if section["editable"]}
    # Each missing item leads to the page that fills it in, when this user may edit that section.
    missing = [{"message": m.message, "section": SECTION_OF_MISSING[m.section],
                "url": reverse("screening:section-edit", args=[pk, SECTION_OF_MISSING[m.section]])
                if SECTION_OF_MISSING[m.section] in may_edit else ""} for m in missing]
    return {
        "application": application,
        "steps": road_steps(application.state),
        "what_next": what_next(application.state) if request.user.is_company_user else "",  # words to the company
        "missing": missing,
        "sections": sections,
        "editable": editable,
        "can_upload": editable and rules.can_upload_document(request.user, application),
        "documents": documents,
        "documents_total": sum(d.size for d in documents),
        "document_max_mb": DOCUMENT_MAX_BYTES // (1024 * 1024),
        "application_max_mb": APPLICATION_DOCUMENTS_MAX_BYTES // (1024 * 1024),
        "company_quota_mb": settings.COMPANY_DOCUMENTS_QUOTA_MB,
        "history": list(application.state_changes.all()),
        "actions": services.available_transitions(application, request.user),
        "controls": control_titles(application.compensating_controls),
        "result": eligibility_view(application.eligibility_snapshot),
    }
