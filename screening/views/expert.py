"""The pages of reviewers and advisors: the work queue, the review of one application (the no-conflict
statement first, then the score sheet or the assessment), and their conflicts of interest."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.common.params import query_id
from portal.errors import InvalidInput
from portal.ui.forms import answer_status
from portal.ui.services import run_service
from screening import rules
from screening.catalogues.rubric import rubric_of
from screening.domain.scoring import rounded, sheet_total
from screening.enums import AssignmentKind, StatementChannel
from screening.forms.review import AssessmentForm, ConflictForm, ScoreSheetForm
from screening.models import Assessment, ScoreSheet
from screening.panel import active_assignment, assignment_done
from screening.selectors import review as rs
from screening.services import assignments as assignment_services
from screening.services import reviews as review_services
from screening.views.common import visible_application


def _expert_only(request) -> None:
    if not rules.is_expert(request.user):
        raise PermissionDenied(_("This page is for reviewers and advisors."))


@login_required
def queue(request):
    """The expert's open assignments, soonest due first (one query however many)."""
    _expert_only(request)
    today = timezone.localdate()
    rows = [
        {"assignment": a, "application": a.application, "done": assignment_done(a),
         "draft": _has_draft(a), "overdue": a.due_on < today and not assignment_done(a),
         "days_left": (a.due_on - today).days}
        for a in rs.queue_of(request.user)
    ]
    return render(request, "screening/review/queue.html", {"rows": rows, "today": today})


def _has_draft(assignment) -> bool:
    related = "score_sheet" if assignment.kind == AssignmentKind.REVIEWER else "assessment"
    try:
        record = getattr(assignment, related)
    except ObjectDoesNotExist:
        return False
    return record.submitted_at is None


@login_required
def review(request, pk: int):
    """One assigned application, from the expert's side. The first time they open it they state that
    they have no conflict of interest with the company (or declare one); only then the forms show."""
    _expert_only(request)
    application = visible_application(request, pk)
    assignment = active_assignment(application, request.user)
    if assignment is None:  # visible_application already 404s for the unassigned; kept for clarity
        return redirect("screening:queue")
    context = {"application": application, "assignment": assignment, "rubric": rubric_of(application),
               "scoring_open": application.state == "under_review"}
    if not assignment.has_stated_no_conflict:
        return render(request, "screening/review/statement.html", context)
    if assignment.kind == AssignmentKind.REVIEWER:
        return _score_sheet_page(request, application, assignment, context)
    return _assessment_page(request, application, assignment, context)


@login_required
@require_POST
def state_no_conflict(request, pk: int):
    _expert_only(request)
    application = visible_application(request, pk)
    _done, refused = run_service(request, lambda: assignment_services.no_conflict_state(
        application=application, actor=request.user, channel=StatementChannel.WEB))
    if refused:
        return refused
    messages.success(request, _("Recorded: you have no conflict of interest with this company."))
    return redirect("screening:review", pk=pk)


def _score_sheet_page(request, application, assignment, context):
    rubric = context["rubric"]
    sheet = ScoreSheet.objects.filter(assignment=assignment).first()
    submitted = sheet is not None and sheet.is_submitted
    if request.method == "POST" and not submitted:
        form = ScoreSheetForm(request.POST, rubric=rubric)
        if form.is_valid():
            draft = "draft" in request.POST
            saved, refused = run_service(
                request,
                lambda: review_services.score_sheet_save(
                    application=application, actor=request.user, scores=form.scores(),
                    comment=form.cleaned_data["comment"], comments=form.comments(), draft=draft,
                    channel=StatementChannel.WEB),
                form=form, on_conflict_redirect=reverse("screening:review", args=[application.pk]),
            )
            if refused:
                return refused
            if saved is not None:
                messages.success(request, _("Draft saved.") if draft else _("Your scores are submitted."))
                return redirect("screening:review", pk=application.pk)
    else:
        form = ScoreSheetForm(initial=ScoreSheetForm.initial_from(sheet), rubric=rubric)
    others = list(rs.score_sheets_visible_to(request.user, application)) if submitted else []
    context.update({
        "form": form, "sheet": sheet, "submitted": submitted,
        "own_total": rounded(sheet_total(rubric, sheet.scores)) if submitted else None,
        "others": [{"sheet": s, "total": rounded(sheet_total(rubric, s.scores))} for s in others
                   if s.assignment.expert_id != request.user.pk],
    })
    return render(request, "screening/review/score_sheet.html", context, status=answer_status(request, form))


def _assessment_page(request, application, assignment, context):
    assessment = Assessment.objects.filter(assignment=assignment).first()
    submitted = assessment is not None and assessment.is_submitted
    if request.method == "POST" and not submitted:
        form = AssessmentForm(request.POST)
        if form.is_valid():
            draft = "draft" in request.POST
            saved, refused = run_service(
                request,
                lambda: review_services.assessment_save(
                    application=application, actor=request.user, draft=draft, channel=StatementChannel.WEB,
                    **{k: form.cleaned_data[k] for k in ("recommendation", "narrative", "conditions")}),
                form=form, on_conflict_redirect=reverse("screening:review", args=[application.pk]),
            )
            if refused:
                return refused
            if saved is not None:
                messages.success(request, _("Draft saved.") if draft else _("Your assessment is submitted."))
                return redirect("screening:review", pk=application.pk)
    else:
        initial = {} if assessment is None else {
            "recommendation": assessment.recommendation, "narrative": assessment.narrative,
            "conditions": assessment.conditions}
        form = AssessmentForm(initial=initial)
    others = [a for a in rs.assessments_visible_to(request.user, application)
              if a.assignment.expert_id != request.user.pk] if submitted else []
    context.update({"form": form, "assessment": assessment, "submitted": submitted, "others": others})
    return render(request, "screening/review/assessment.html", context, status=answer_status(request, form))


@login_required
def conflicts(request):
    """The expert's declared conflicts of interest, and the form to declare one."""
    _expert_only(request)
    try:
        company = query_id(request.GET, "company")
    except InvalidInput:
        company = None  # only a link's prefill: one that cannot be read is left out
    initial = {"company": company} if company else {}
    form = ConflictForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        conflict, refused = run_service(
            request,
            lambda: assignment_services.conflict_declare(actor=request.user, company=data["company"],
                                                         nature=data["nature"], since=data["since"]),
            form=form, on_conflict_redirect=reverse("screening:conflicts"),
        )
        if refused:
            return refused
        if conflict is not None:
            messages.success(request, _("Your conflict of interest with %(company)s is recorded. You will not be "
                                        "assigned to its applications, and any assignment to them is removed.")
                             % {"company": conflict.company.display_name})
            return redirect("screening:conflicts")
    return render(request, "screening/review/conflicts.html",
                  {"form": form, "conflicts": list(rs.conflicts_visible_to(request.user))},
                  status=answer_status(request, form))
