"""The program dashboard and the findings analysis: regulator-side pages, server-rendered charts."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _

from reports import rules
from reports.analytics.charts import bar_chart, data_table, stacked_chart
from reports.analytics.dashboard import program_dashboard
from reports.analytics.findings import Filters, findings_analysis
from reports.enums import ObligationState
from reports.forms import FindingsFilterForm
from reports.selectors import today_in_seoul
from reports.views.common import require


@login_required
def dashboard(request):
    require(rules.can_view_dashboard(request.user), _("The dashboard is for the program office and auditors."))
    board = program_dashboard(today=today_in_seoul())
    letter_rows = [
        (_("In force"), board.letters["in_force"]), (_("Not yet in force"), board.letters["not_yet"]),
        (_("Expiring within 30 days"), board.letters["expiring_soon"]), (_("Expired"), board.letters["expired"]),
        (_("Revoked"), board.letters["revoked"]),
    ]
    charts = {
        "states": bar_chart([(label, n) for _, label, n in board.by_state], title=_("Applications by state"),
                            key="states"),
        "phases": stacked_chart(board.phases, legend=board.phase_states, title=_("Applications per phase"),
                                key="phases"),
        "criteria": stacked_chart([(c.title, c.counts) for c in board.criteria], legend=["1", "2", "3", "4", "5"],
                                  title=_("Scores per criterion (share of 1 to 5)"), key="criteria", percent=True),
        "totals": bar_chart(board.total_bands, title=_("Applications by total score"), key="totals"),
        "letters": bar_chart(letter_rows, title=_("Letters by status"), key="letters"),
        "obligations": bar_chart([(ObligationState(s).label, n) for s, n in board.obligations.items()],
                                 title=_("Reporting obligations by state"), key="obligations"),
    }
    return render(request, "reports/dashboard.html", {
        "board": board, "charts": charts, "can_export": rules.can_export(request.user),
        "phase_table": data_table(board.phases, board.phase_states),
        "criteria_table": data_table([(c.title, c.counts) for c in board.criteria], ["1", "2", "3", "4", "5"]),
    })


@login_required
def findings(request):
    require(rules.can_view_findings_analysis(request.user), _("The findings analysis is for regulator-side users."))
    filters, problems = Filters.from_query(request.GET)
    for problem in problems:
        messages.warning(request, problem)
    analysis = findings_analysis(viewer=request.user, filters=filters)
    charts = {
        "category": stacked_chart(analysis.by_category, legend=analysis.severity_labels,
                                  title=_("Findings by threat category and severity"), key="category"),
        "sector": stacked_chart(analysis.by_sector, legend=analysis.sector_labels,
                                title=_("Findings by threat category and sector"), key="sector"),
        "quarter": stacked_chart(analysis.by_quarter, legend=analysis.severity_labels,
                                 title=_("Findings per quarter, by severity"), key="quarter"),
    }
    tables = {
        "category": data_table(analysis.by_category, analysis.severity_labels),
        "sector": data_table(analysis.by_sector, analysis.sector_labels),
        "quarter": data_table(analysis.by_quarter, analysis.severity_labels),
    }
    form = FindingsFilterForm(initial={"sector": filters.sector, "category": filters.category,
                                       "since": filters.since, "until": filters.until})
    return render(request, "reports/findings.html", {"analysis": analysis, "charts": charts, "tables": tables,
                                                     "form": form})
