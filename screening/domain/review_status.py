"""Where screening's review part (assignments, scores, assessments: issue 4) tells the state machine
what it needs to know. These are PLACEHOLDERS until the assignment models exist: nobody is assigned,
so no expert sees an application and ``complete`` cannot be fired yet.

Owned by the review part; keep the signatures (the model's ``conditions=`` and ``rules.py`` call them).
"""

from django.db.models import QuerySet


def is_assigned(application, user) -> bool:
    """Is ``user`` (a reviewer or advisor) assigned to ``application``? Placeholder: nobody is."""
    return False


def applications_assigned_to(user, queryset: QuerySet) -> QuerySet:
    """Narrow ``queryset`` to the applications assigned to ``user``. Placeholder: none."""
    return queryset.none()


def all_assignments_done(application) -> bool:
    """Has every assigned reviewer scored and every assigned advisor recorded an assessment?
    Placeholder: there are no assignments yet, so ``complete`` is never allowed."""
    return False


def review_may_start(application) -> bool:
    """May the review of a scheduled application start? Its phase must be open (a phase whose window
    has not opened keeps its applications waiting)."""
    phase = application.phase
    return phase is not None and phase.state == "open"
