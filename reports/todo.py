"""Reports' part of a regulator's home page (see portal/ui/todo.py): filed reports to review."""

from django.urls import reverse
from django.utils.translation import ngettext

from portal.ui.todo import Todo

from . import rules
from .selectors import reports_awaiting_review


def items(user) -> list[Todo]:
    """Filed findings reports waiting for the office's review. One query."""
    if not rules.can_review_reports(user):
        return []
    count = reports_awaiting_review().count()
    return [Todo(ngettext("Findings report to review", "Findings reports to review", count), count,
                 reverse("reports:home"))]
