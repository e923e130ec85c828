"""Screening's part of a regulator's home page (see portal/ui/todo.py): reviews due, decisions to take."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from portal.ui.todo import Todo

from . import review_selectors as rs
from . import rules
from .domain.review_status import assignment_done
from .enums import ApplicationState as S
from .models import Application


def items(user) -> list[Todo]:
    if rules.is_expert(user):
        return _expert_items(user)
    if rules.can_manage_assignments(user):
        return _office_items()
    return []


def _expert_items(user) -> list[Todo]:
    """Open assignments not yet done, the nearest due date first. One query."""
    today = timezone.localdate()
    open_ = [a for a in rs.queue_of(user) if not assignment_done(a)]
    if not open_:
        return []
    overdue = sum(a.due_on < today for a in open_)
    note = _("next due %(date)s") % {"date": date_format(open_[0].due_on, "Y-m-d")}
    if overdue:
        note = _("%(n)d overdue; %(note)s") % {"n": overdue, "note": note}
    label = ngettext("Review to finish", "Reviews to finish", len(open_))
    return [Todo(label, len(open_), reverse("screening:queue"), note=note, urgent=bool(overdue))]


def _office_items() -> list[Todo]:
    """Applications waiting for the office: to schedule, to decide. One query."""
    counts = Application.objects.aggregate(
        to_schedule=Count("id", filter=Q(state=S.ELIGIBLE)),
        to_decide=Count("id", filter=Q(state=S.SCREENED)),
    )
    board = reverse("screening:board")
    schedule, decide = counts["to_schedule"], counts["to_decide"]
    return [
        Todo(ngettext("Eligible application to schedule into a phase",
                      "Eligible applications to schedule into a phase", schedule), schedule, board),
        Todo(ngettext("Screened application to decide", "Screened applications to decide", decide), decide, board),
    ]
