"""What letters adds to the portal's shared pages (portal/ui/), found by ``portal.common.appdiscovery``:
its entries of the main menu (``menu_items``);
its part of a company's step indicator (``progress_stage``)."""

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from letters.models import Letter, LetterStatus
from portal.ui.navigation import NavItem
from portal.ui.progress import REPORTS, Stage

# --- nav: Letters' entry of the main menu (see portal/ui/navigation.py).

def menu_items(user) -> list[NavItem]:
    if user.is_company_user or user.is_regulator:
        return [NavItem(pgettext_lazy("main menu", "Letters"), "letter-list", order=30)]
    return []


# --- progress: Letters' part of the company's step indicator (see portal/ui/progress.py): a letter in force.

def progress_stage(company) -> Stage | None:
    """With a letter in force the company is at the findings reports. One query."""
    letter = (Letter.objects.filter(application__company=company, status=LetterStatus.VALID)
              .only("reference", "valid_from", "valid_until").order_by("-issued_at").first())
    if letter is None:
        return None
    note = _("No-action letter %(reference)s is in force from %(start)s to %(end)s.") % {
        "reference": letter.reference, "start": date_format(letter.valid_from, "Y-m-d"),
        "end": date_format(letter.valid_until, "Y-m-d")}
    return Stage(REPORTS, note=note, url=reverse("letter-list"), link_label=_("Your letters"))
