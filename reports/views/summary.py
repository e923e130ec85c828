"""The printable PDF summary of the program for a given date."""

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from reports import rules
from reports.selectors import today_in_seoul
from reports.summary import program_summary, render_summary_pdf

from .common import require


@login_required
def summary_page(request):
    require(rules.can_print_summary(request.user), _("The program summary is for the program office and auditors."))
    return render(request, "reports/summary.html", {"today": today_in_seoul()})


@login_required
def summary_pdf(request):
    require(rules.can_print_summary(request.user), _("The program summary is for the program office and auditors."))
    raw = request.GET.get("date") or ""
    today = today_in_seoul()
    try:
        day = dt.date.fromisoformat(raw) if raw else today
    except ValueError:
        return render(request, "reports/summary.html", {
            "today": today, "error": _("“%(value)s” is not a date; write it as YYYY-MM-DD.") % {"value": raw[:20]},
        }, status=400)
    if day > today:
        return render(request, "reports/summary.html", {
            "today": today, "error": _("Choose today or a day in the past."),
        }, status=400)
    pdf = render_summary_pdf(program_summary(day))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="nal-program-summary-{day.isoformat()}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response
