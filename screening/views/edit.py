"""Editing one section of an application (plain forms: they work without JavaScript)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from portal.ui.forms import answer_status
from portal.ui.services import run_service
from screening import rules, services
from screening.forms import SECTION_FORMS, SECTION_INTROS, SECTION_TITLES, ProductFormSet, products_from
from screening.views.common import visible_application


def _initial(application, section: str) -> dict:
    fields = SECTION_FORMS[section].base_fields
    initial = {"version": application.version}
    for name in fields:
        if name == "preferred_phase":
            initial[name] = application.preferred_phase_id
        elif name != "version":
            initial[name] = getattr(application, name)
    return initial


@login_required
def section_edit(request, pk: int, section: str):
    if section not in SECTION_FORMS:
        raise Http404
    application = visible_application(request, pk)
    if not rules.can_edit_application(request.user, application):
        raise PermissionDenied(_("Only the company's CISO and staff may edit this application."))
    if section == "attestation" and not rules.can_attest(request.user, application):
        raise PermissionDenied(_("Only the company's CISO may set the attestation."))
    if not application.is_editable:
        messages.error(request, _("The application can be edited only as a draft or when a supplement is requested."))
        return redirect("screening:application-detail", pk=pk)

    form_class = SECTION_FORMS[section]
    with_products = section == "scope"
    if request.method == "POST":
        form = form_class(request.POST)
        ai = ProductFormSet(request.POST, prefix="ai") if with_products else None
        saas = ProductFormSet(request.POST, prefix="saas") if with_products else None
        valid = form.is_valid() and (not with_products or (ai.is_valid() and saas.is_valid()))
        if valid:
            data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
            if with_products:
                data["ai_models"] = products_from(ai)
                data["saas_products"] = products_from(saas)
            updated, refused = run_service(
                request,
                lambda: services.application_update(application=application, actor=request.user, data=data,
                                                    expected_version=form.cleaned_data["version"]),
                form=form, on_conflict_redirect=request.path,
            )
            if refused:
                return refused
            if updated is not None:
                messages.success(request, _("Saved."))
                return redirect("screening:application-detail", pk=pk)
    else:
        form = form_class(initial=_initial(application, section))
        ai = ProductFormSet(prefix="ai", initial=application.ai_models) if with_products else None
        saas = ProductFormSet(prefix="saas", initial=application.saas_products) if with_products else None
    return render(request, "screening/section_edit.html", {
        "application": application, "section": section, "title": SECTION_TITLES[section],
        "intro": SECTION_INTROS.get(section, ""),
        "form": form, "ai_formset": ai, "saas_formset": saas,
    }, status=answer_status(request, form, ai, saas))
