"""What screening adds to the portal's shared pages (portal/ui/), found by ``portal.common.appdiscovery``:
its entries of the main menu (``menu_items``);
its part of a company's step indicator (``progress_stage``);
what waits for a user on the home page (``todo_items``)."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from portal.ui.navigation import NavItem
from portal.ui.progress import APPLICATION, SCREENING, Stage
from portal.ui.todo import Todo
from screening import rules
from screening.enums import ApplicationState as S
from screening.models import Application
from screening.panel import assignment_done
from screening.selectors import review as rs

# --- nav: Screening's entries of the main menu (see portal/ui/navigation.py).

def menu_items(user) -> list[NavItem]:
    entries = []
    if user.is_company_user or user.sees_everything:
        entries.append(NavItem(_("Applications"), "screening:application-list", order=20))
    return entries + review_items(user)


def review_items(user) -> list[NavItem]:
    """The review part: the office's board and phases, the experts' queue and conflicts."""
    if rules.can_read_reviews(user):
        return [NavItem(_("Screening board"), "screening:board", order=25),
                NavItem(_("Phases"), "screening:phases", order=26)]
    if rules.is_expert(user):
        return [NavItem(_("My reviews"), "screening:queue", order=20),
                NavItem(_("My conflicts of interest"), "screening:conflicts", order=25)]
    return []


# --- progress: Screening's part of the company's step indicator (see portal/ui/progress.py): its latest application.

_AT_APPLICATION = {S.DRAFT, S.SUPPLEMENT_REQUESTED}
_IN_SCREENING = {S.SUBMITTED, S.ELIGIBLE, S.INELIGIBLE, S.SCHEDULED, S.UNDER_REVIEW, S.SCREENED, S.APPROVED,
                 S.REJECTED}


def progress_stage(company) -> Stage | None:
    """The latest application that is not withdrawn; a granted one is letters' to report. One query."""
    application = (Application.objects.filter(company=company).exclude(state=S.WITHDRAWN)
                   .only("id", "state").order_by("-created_at", "-id").first())
    if application is None or application.state not in _AT_APPLICATION | _IN_SCREENING:
        return None
    note = _("Application #%(id)s: %(state)s.") % {"id": application.pk, "state": application.get_state_display()}
    return Stage(APPLICATION if application.state in _AT_APPLICATION else SCREENING, note=note,
                 url=reverse("screening:application-detail", kwargs={"pk": application.pk}),
                 link_label=_("Open the application"))


# --- todo: Screening's part of a regulator's home page (see portal/ui/todo.py): reviews due, decisions to take.

def todo_items(user) -> list[Todo]:
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
