"""Reports' part of a regulator's home page (see portal/todo.py): filed reports to review."""

from django.urls import reverse
from django.utils.translation import gettext as _

from portal.todo import Todo

from . import rules
from .selectors import reports_awaiting_review


def items(user) -> list[Todo]:
    """Filed findings reports waiting for the office's review. One query."""
    if not rules.can_review_reports(user):
        return []
    return [Todo(_("Findings reports to review"), reports_awaiting_review().count(), reverse("reports:home"))]
