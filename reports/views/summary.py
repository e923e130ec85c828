"""The printable PDF summary of the program for a given date."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from reports import rules
from reports.analytics.summary import program_summary, render_summary_pdf
from reports.forms import SummaryDateForm
from reports.selectors import today_in_seoul
from reports.views.common import require


@login_required
def summary_page(request):
    require(rules.can_print_summary(request.user), _("The program summary is for the program office and auditors."))
    return render(request, "reports/summary.html", {"form": SummaryDateForm(today=today_in_seoul())})


@login_required
def summary_pdf(request):
    require(rules.can_print_summary(request.user), _("The program summary is for the program office and auditors."))
    form = SummaryDateForm(request.GET, today=today_in_seoul())
    if not form.is_valid():
        return render(request, "reports/summary.html", {"form": form}, status=400)
    day = form.cleaned_data["date"]
    pdf = render_summary_pdf(program_summary(day))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="nal-program-summary-{day.isoformat()}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response
