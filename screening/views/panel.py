"""The panel of one application (the office assigns, confirms the proposal, removes) and the decision
page: everything a decision-maker must weigh on one screen, with complete / approve / reject."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.ui.forms import answer_status
from portal.ui.services import run_service
from screening import rules, services
from screening.catalogues.rubric import rubric_of
from screening.domain.scoring import rounded, sheet_total, summarise
from screening.enums import ASSIGNABLE_STATES, AssignmentKind
from screening.forms.review import AssignmentForm, DecisionForm, RemoveForm
from screening.models import Assignment
from screening.panel import all_assignments_done, assignment_done
from screening.selectors import review as rs
from screening.services import assignments as assignment_services
from screening.views.common import visible_application
from screening.views.presenters import control_titles, eligibility_view


def _readers_only(request) -> None:
    if not rules.can_read_reviews(request.user):
        raise PermissionDenied(_("This page is for the program office and auditors."))


def _panel_rows(application):
    return [{"assignment": a, "done": assignment_done(a)} for a in rs.assignments_of(application, include_removed=True)]


@login_required
def assignments(request, pk: int):
    """The panel: who is assigned, their progress and statement; add one, confirm the proposal."""
    _readers_only(request)
    application = visible_application(request, pk)
    can_manage = rules.can_manage_assignments(request.user) and application.state in ASSIGNABLE_STATES
    loads = rs.open_loads()
    form = AssignmentForm(request.POST or None, experts=rs.experts_free_for(application), loads=loads)
    if request.method == "POST":
        if not rules.can_manage_assignments(request.user):
            raise PermissionDenied(_("Only the program office assigns reviewers and advisors."))
        if form.is_valid():
            made, refused = run_service(
                request,
                lambda: assignment_services.assignment_create(application=application, actor=request.user,
                                                              user=form.cleaned_data["user"],
                                                              due_on=form.cleaned_data["due_on"]),
                form=form, on_conflict_redirect=reverse("screening:assignments", args=[pk]),
            )
            if refused:
                return refused
            if made is not None:
                messages.success(request, _("%(name)s is assigned.") % {"name": made.expert.get_full_name() or made.expert.username})
                return redirect("screening:assignments", pk=pk)
    size = rs.panel_size(application)
    return render(request, "screening/review/assignments.html", {
        "application": application, "rows": _panel_rows(application), "form": form, "can_manage": can_manage,
        "proposal": rs.proposed_panel(application, loads=dict(loads)) if can_manage else [],
        "loads": loads, "size": size, "remove_form": RemoveForm(),
    }, status=answer_status(request, form))


@login_required
@require_POST
def assignments_confirm(request, pk: int):
    application = visible_application(request, pk)
    made, refused = run_service(
        request, lambda: assignment_services.panel_confirm(application=application, actor=request.user),
        on_conflict_redirect=reverse("screening:assignments", args=[pk]),
    )
    if refused:
        return refused
    messages.success(request, _("%(n)d assignments made.") % {"n": len(made)})
    return redirect("screening:assignments", pk=pk)


@login_required
@require_POST
def assignment_remove(request, pk: int, assignment_id: int):
    application = visible_application(request, pk)
    assignment = get_object_or_404(Assignment, pk=assignment_id, application=application)
    form = RemoveForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    _removed, refused = run_service(
        request, lambda: assignment_services.assignment_remove(assignment=assignment, actor=request.user, reason=reason),
        on_conflict_redirect=reverse("screening:assignments", args=[pk]),
    )
    if refused:
        return refused
    messages.success(request, _("The assignment is removed."))
    return redirect("screening:assignments", pk=pk)


def _decision_context(request, application) -> dict:
    rubric = rubric_of(application)
    rows = _panel_rows(application)
    sheets = list(rs.submitted_score_sheets(application))
    summary = summarise(rubric, [s.scores for s in sheets])
    assessments = list(rs.submitted_assessments(application))
    by_code = {c.code: c for c in summary.criteria}
    criteria = [
        {"criterion": c, "summary": by_code[c.code], "mean": rounded(by_code[c.code].mean),
         "median": rounded(by_code[c.code].median),
         "scores": [s.scores.get(c.code) for s in sheets],
         "comments": [(s.assignment.expert.get_full_name() or s.assignment.expert.username, s.comments.get(c.code)) for s in sheets if s.comments.get(c.code)]}
        for c in rubric.criteria
    ]
    return {
        "application": application, "rubric": rubric, "rows": rows, "summary": summary,
        "total": rounded(summary.total),
        "criteria": criteria,
        # The warnings name the criteria by their titles, as the table does.
        "flagged_names": [rubric.title_of(code) for code in summary.flagged],
        "below_floor_names": [rubric.title_of(code) for code in summary.below_floor],
        "sheets": [{"sheet": s, "total": rounded(sheet_total(rubric, s.scores))} for s in sheets],
        "assessments": assessments,
        "reviewers_missing": [r for r in rows if r["assignment"].is_active and not r["done"]
                              and r["assignment"].kind == AssignmentKind.REVIEWER],
        "advisors_missing": [r for r in rows if r["assignment"].is_active and not r["done"]
                             and r["assignment"].kind == AssignmentKind.ADVISOR],
        "all_done": all_assignments_done(application),
        "actions": [a.name for a in services.available_transitions(application, request.user)],
        "result": eligibility_view(application.eligibility_snapshot),
        "controls": control_titles(application.compensating_controls),
        "history": list(application.state_changes.all()),
        "documents": list(application.documents.all()),
        "can_decide": rules.can_manage_assignments(request.user),
    }


@login_required
def decision(request, pk: int):
    """Everything to weigh before deciding, on one screen; the office completes, approves or rejects."""
    _readers_only(request)
    application = visible_application(request, pk)
    context = _decision_context(request, application)
    form = DecisionForm(request.POST or None, assessments=context["assessments"],
                        initial={"version": application.version})
    if request.method == "POST":
        name = next((n for n in ("complete", "approve", "reject") if n in request.POST), None)
        if name is None or not rules.can_manage_assignments(request.user):
            raise PermissionDenied(_("Only the program office decides."))
        if form.is_valid():
            data = {"reason": form.cleaned_data["reason"]}
            if name == "approve":
                data.update({"conditions": form.cleaned_data["conditions"],
                             "adopt_conditions": form.cleaned_data["adopt_conditions"],
                             "effective_date": form.cleaned_data["effective_date"]})
            fired, refused = run_service(
                request,
                lambda: services.fire_transition(application=application, name=name, actor=request.user, data=data,
                                                 expected_version=form.cleaned_data["version"]),
                form=form, on_conflict_redirect=reverse("screening:decision", args=[pk]),
            )
            if refused:
                return refused
            if fired is not None:
                messages.success(request, _("Done. The application is now %(state)s.") % {"state": fired.get_state_display()})
                return redirect("screening:decision", pk=pk)
    context["form"] = form
    return render(request, "screening/review/decision.html", context, status=answer_status(request, form))
