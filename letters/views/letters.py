"""The signed-in pages of issued letters: the list of those the user may see, and a letter's PDF."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from letters import selectors
from letters.api.views import pdf_response
from letters.domain.dates import SEOUL
from letters.domain.verification import public_status
from portal.errors import NotFound


@login_required
def letter_list(request):
    """The letters the user may see (the company's own; regulators': the applications they may see)."""
    page = Paginator(selectors.letters_visible_to(request.user), 25).get_page(request.GET.get("page"))
    today = timezone.localdate(timezone=SEOUL)
    rows = [{"letter": letter, "status": public_status(letter, today=today)} for letter in page.object_list]
    return render(request, "letters/letter_list.html", {
        "page": page, "rows": rows, "page_range": page.paginator.get_elided_page_range(page.number),
    })


@login_required
def letter_pdf(request, reference: str):
    """The issued bytes, to the company and to regulator-side users who may see the application."""
    visible = selectors.letters_visible_to(request.user)
    letter = visible.filter(reference=reference).first() if selectors.is_reference(reference) else None
    if letter is None:
        return render(request, "portal/error.html", {
            "status": 404, "message": _("This letter does not exist or is not available to you."),
        }, status=404)
    try:
        return pdf_response(letter)
    except NotFound as missing:
        return render(request, "portal/error.html", {"status": 404, "message": missing.message}, status=404)
