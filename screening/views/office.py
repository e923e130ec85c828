"""The program office's pages: the board of every application by phase and state, the proposed
allocation into phases, the phases themselves, starting reviews, moving applications."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.common.params import query_id
from portal.errors import InvalidInput
from portal.ui.forms import answer_status
from portal.ui.services import run_service
from screening import rules
from screening.enums import PhaseState
from screening.forms.review import PhaseChoiceForm, PhaseForm
from screening.models import Phase
from screening.selectors import review as rs
from screening.services import assignments as assignment_services
from screening.services import phases as phase_services
from screening.views.common import visible_application


def _readers_only(request) -> None:
    if not rules.can_read_reviews(request.user):
        raise PermissionDenied(_("This page is for the program office and auditors."))


def _office_only(request) -> None:
    if not rules.can_manage_phases(request.user):
        raise PermissionDenied(_("Only the program office may do this."))


def _chosen_phase(data, name: str) -> int | None:
    """The phase id a row's drop-down sent; one that cannot be read leaves the row out, as an empty one."""
    try:
        return query_id(data, name)
    except InvalidInput:
        return None


def _report_batch(request, outcome, done_message: str) -> None:
    if outcome.done:
        messages.success(request, done_message % {"n": len(outcome.done)})
    for refusal in outcome.refused:
        messages.error(request, _("Application #%(id)s: %(detail)s") % {"id": refusal["application"],
                                                                          "detail": refusal["detail"]})


@login_required
def board(request):
    """Every application by phase and state, with the review progress of each: two queries."""
    _readers_only(request)
    return render(request, "screening/review/board.html", {
        "rows": rs.board(), "can_manage": rules.can_manage_phases(request.user), "today": timezone.localdate(),
    })


@login_required
def allocation(request):
    """The portal's proposed allocation of eligible applications into phases. The office keeps or
    changes each row's phase and confirms the rows it ticks (each scheduled on its own)."""
    _readers_only(request)
    proposal = rs.proposed_allocation()
    phases = list(Phase.objects.exclude(state=PhaseState.CLOSED).order_by("number"))
    if request.method == "POST":
        _office_only(request)
        placements = []
        for row in proposal:
            key = str(row.application.pk)
            phase = _chosen_phase(request.POST, f"phase_{key}") if request.POST.get(f"take_{key}") else None
            if phase is not None:
                placements.append((row.application.pk, phase))
        if not placements:
            messages.error(request, _("Tick at least one application to schedule."))
        else:
            outcome = phase_services.allocation_confirm(actor=request.user, placements=placements)
            _report_batch(request, outcome, _("%(n)d applications scheduled."))
        return redirect("screening:allocation")
    return render(request, "screening/review/allocation.html", {
        "proposal": proposal, "phases": phases, "can_manage": rules.can_manage_phases(request.user),
    })


@login_required
def phases(request):
    """The phases, and (for the office) the form to add one."""
    _readers_only(request)
    form = PhaseForm(request.POST or None)
    if request.method == "POST":
        _office_only(request)
        if form.is_valid():
            created, refused = run_service(
                request, lambda: phase_services.phase_create(actor=request.user, data=form.cleaned_data), form=form,
                on_conflict_redirect=reverse("screening:phases"),
            )
            if refused:
                return refused
            if created is not None:
                messages.success(request, _("Phase %(number)d created.") % {"number": created.number})
                return redirect("screening:phases")
    return render(request, "screening/review/phases.html", {
        "phases": list(rs.phases_with_counts()), "form": form, "can_manage": rules.can_manage_phases(request.user),
    }, status=answer_status(request, form))


@login_required
def phase_edit(request, phase_id: int):
    _office_only(request)
    phase = get_object_or_404(Phase, pk=phase_id)
    form = PhaseForm(request.POST or None, instance=phase)
    if request.method == "POST" and form.is_valid():
        data = {field: form.cleaned_data[field] for field in form.changed_data}
        updated, refused = run_service(
            request, lambda: phase_services.phase_update(actor=request.user, phase=phase, data=data), form=form,
            on_conflict_redirect=reverse("screening:phases"),
        )
        if refused:
            return refused
        if updated is not None:
            messages.success(request, _("Phase %(number)d saved.") % {"number": updated.number})
            return redirect("screening:phases")
    return render(request, "screening/review/phase_edit.html", {"phase": phase, "form": form},
                  status=answer_status(request, form))


@login_required
@require_POST
def phase_start_reviews(request, phase_id: int):
    _office_only(request)
    phase = get_object_or_404(Phase, pk=phase_id)
    outcome, refused = run_service(request, lambda: phase_services.phase_start_reviews(actor=request.user, phase=phase),
                                   on_conflict_redirect=reverse("screening:board"))
    if refused:
        return refused
    _report_batch(request, outcome, _("Review started for %(n)d applications."))
    return redirect("screening:board")


@login_required
@require_POST
def phase_assign_panels(request, phase_id: int):
    """Confirm the proposed panels of every application of the phase, balancing the experts' load."""
    _office_only(request)
    phase = get_object_or_404(Phase, pk=phase_id)
    made, refused = run_service(request, lambda: assignment_services.phase_panels_confirm(phase=phase, actor=request.user),
                                on_conflict_redirect=reverse("screening:board"))
    if refused:
        return refused
    count = sum(len(ids) for ids in made.values())
    messages.success(request, _("%(n)d assignments made in phase %(number)d.") % {"n": count, "number": phase.number})
    return redirect("screening:board")


@login_required
def move(request, pk: int):
    """Move a scheduled application to another phase."""
    _office_only(request)
    application = visible_application(request, pk)
    form = PhaseChoiceForm(request.POST or None, initial={"phase": application.phase_id, "version": application.version})
    if request.method == "POST" and form.is_valid():
        moved, refused = run_service(
            request,
            lambda: phase_services.application_move(application=application, actor=request.user,
                                                    phase=form.cleaned_data["phase"],
                                                    expected_version=form.cleaned_data.get("version")),
            form=form, on_conflict_redirect=reverse("screening:board"),
        )
        if refused:
            return refused
        if moved is not None:
            messages.success(request, _("Application #%(id)d is now in phase %(number)d.")
                             % {"id": moved.pk, "number": moved.phase.number})
            return redirect("screening:board")
    return render(request, "screening/review/move.html", {"application": application, "form": form},
                  status=answer_status(request, form))
