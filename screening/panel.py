"""An application's panel: what the review part (assignments, scores, assessments) tells the permission rules and the services:
who is assigned, whether every assignment is done, whether a review may start. ``rules.py``, the
selectors and the services call these, so an expert sees an application exactly while they hold an
active assignment to it and have declared no conflict of interest with its company (a declared conflict
also removes the assignment; checking both is defence in depth, so a conflicted expert is shown
nothing on any path).

``rules.py`` gives the Application model its transition permissions, so this module is reached while
the models are being defined: it finds the models through the app registry when called
(``apps.get_model``) instead of importing them.
"""

from django.apps import apps
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext as _

from screening.enums import AssignmentKind


def _model(name: str):
    return apps.get_model("screening", name)


def _is_expert(user) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active
                and getattr(user, "is_expert", False))


def is_conflicted(user, company_id: int) -> bool:
    """Has ``user`` declared a conflict of interest with the company?"""
    ConflictOfInterest = _model("ConflictOfInterest")

    return ConflictOfInterest.objects.filter(expert=user, company_id=company_id).exists()


def active_assignment(application, user):
    """``user``'s active assignment to ``application`` (None when there is none or a conflict stands)."""
    Assignment = _model("Assignment")
    ConflictOfInterest = _model("ConflictOfInterest")

    if not _is_expert(user) or application is None or application.pk is None:
        return None
    conflict = ConflictOfInterest.objects.filter(expert=user, company_id=OuterRef("application__company_id"))
    return (
        Assignment.objects.active()
        .filter(application_id=application.pk, expert=user)
        .exclude(Exists(conflict))
        .first()
    )


def is_assigned(application, user) -> bool:
    """Is ``user`` (a reviewer or advisor) actively assigned to ``application``, without a conflict?"""
    return active_assignment(application, user) is not None


def applications_assigned_to(user, queryset: QuerySet) -> QuerySet:
    """Narrow ``queryset`` to the applications ``user`` is actively assigned to, without those of any
    company the user declared a conflict with. One query (EXISTS subqueries, no duplicates)."""
    Assignment = _model("Assignment")
    ConflictOfInterest = _model("ConflictOfInterest")

    if not _is_expert(user):
        return queryset.none()
    assigned = Assignment.objects.active().filter(application_id=OuterRef("pk"), expert=user)
    conflicted = ConflictOfInterest.objects.filter(expert=user, company_id=OuterRef("company_id"))
    return queryset.filter(Exists(assigned)).exclude(Exists(conflicted))


def assignment_done(assignment) -> bool:
    """A reviewer's assignment is done once the score sheet is submitted; an advisor's once the
    assessment is."""
    related = "score_sheet" if assignment.kind == AssignmentKind.REVIEWER else "assessment"
    try:
        record = getattr(assignment, related)
    except ObjectDoesNotExist:
        return False
    return record.submitted_at is not None


def all_assignments_done(application) -> bool:
    """Has every assigned reviewer submitted scores and every assigned advisor an assessment? There must
    be at least one reviewer: a screening without any score is not complete."""
    Assignment = _model("Assignment")

    assignments = list(
        Assignment.objects.active().filter(application_id=application.pk).select_related("score_sheet", "assessment")
    )
    if not any(a.kind == AssignmentKind.REVIEWER for a in assignments):
        return False
    return all(assignment_done(a) for a in assignments)


def review_may_start(application) -> bool:
    """May the review of a scheduled application start? Its phase must be open (a phase whose window
    has not opened keeps its applications waiting). Reads the phase row: checked by the service, not
    as a model condition."""
    phase = application.phase
    return phase is not None and phase.state == "open"


def no_conflict_statement_pending(application, user) -> bool:
    """Is ``user`` an assigned expert who has not yet stated that they have no conflict of interest?
    The pages then show the statement before anything else (the first time they open the application)."""
    assignment = active_assignment(application, user)
    return assignment is not None and assignment.no_conflict_stated_at is None


def outstanding_work(application) -> str:
    """Why ``complete`` must wait, naming who still owes what (for the 409 message)."""
    Assignment = _model("Assignment")

    assignments = list(
        Assignment.objects.active().filter(application_id=application.pk)
        .select_related("expert", "score_sheet", "assessment").order_by("kind", "id")
    )
    if not any(a.kind == AssignmentKind.REVIEWER for a in assignments):
        return _("No reviewer is assigned to this application yet; assign the panel first.")
    scores = [a.expert.get_username() for a in assignments if a.kind == AssignmentKind.REVIEWER and not assignment_done(a)]
    advice = [a.expert.get_username() for a in assignments if a.kind == AssignmentKind.ADVISOR and not assignment_done(a)]
    return _("The screening can be completed once every assignment is done. Still waiting for scores from: "
             "%(scores)s; for assessments from: %(advice)s.") % {"scores": ", ".join(scores) or "-",
                                                                "advice": ", ".join(advice) or "-"}
