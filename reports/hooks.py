"""What reports adds to the portal's shared pages (portal/ui/), found by ``portal.common.appdiscovery``:
its entries of the main menu (``menu_items``);
its part of a company's step indicator (``progress_stage``);
what waits for a user on the home page (``todo_items``)."""

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from letters.models import LetterStatus
from portal.ui.navigation import NavItem
from portal.ui.progress import REPORTS, Stage
from portal.ui.todo import Todo
from reports import rules
from reports.enums import ObligationState
from reports.models import Obligation
from reports.selectors import reports_awaiting_review, today_in_seoul, with_states

# --- nav: Reports' entries of the main menu (see portal/ui/navigation.py).

def menu_items(user) -> list[NavItem]:
    entries = []
    if user.is_company_user or user.is_regulator:
        entries.append(NavItem(_("Reports"), "reports:home", order=40))
    if rules.can_view_dashboard(user):
        entries.append(NavItem(_("Dashboard"), "reports:dashboard", order=45))
    elif rules.can_view_findings_analysis(user):
        entries.append(NavItem(_("Findings analysis"), "reports:findings", order=45))
    return entries


# --- progress: Reports' part of the company's step indicator (see portal/ui/progress.py): the next report owed.

_OPEN = {ObligationState.UPCOMING, ObligationState.DUE, ObligationState.OVERDUE}


def progress_stage(company) -> Stage | None:
    """The next report owed under a letter in force, if any. Two queries."""
    today = today_in_seoul()
    obligations = with_states(Obligation.objects.filter(letter__application__company=company,
                                                        letter__status=LetterStatus.VALID)
                              .select_related("letter").order_by("due_on", "id"), today)
    owed = next((o for o in obligations if o.state in _OPEN), None)
    if owed is None:
        return None
    note = _("Next report: the %(report)s under %(reference)s, due %(due)s.") % {
        "report": owed.get_kind_display(), "reference": owed.letter.reference,
        "due": date_format(owed.effective_due_on, "Y-m-d")}
    if owed.state == ObligationState.OVERDUE:
        note = _("Overdue: the %(report)s under %(reference)s was due %(due)s.") % {
            "report": owed.get_kind_display(), "reference": owed.letter.reference,
            "due": date_format(owed.effective_due_on, "Y-m-d")}
    return Stage(REPORTS, note=note, url=reverse("reports:home"), link_label=_("Findings reports"))


# --- todo: Reports' part of a regulator's home page (see portal/ui/todo.py): filed reports to review.

def todo_items(user) -> list[Todo]:
    """Filed findings reports waiting for the office's review. One query."""
    if not rules.can_review_reports(user):
        return []
    count = reports_awaiting_review().count()
    return [Todo(ngettext("Findings report to review", "Findings reports to review", count), count,
                 reverse("reports:home"))]
