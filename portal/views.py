"""The shared pages: error pages, each role's home page, the company registry and a company's page.

Views stay thin: who sees what comes from ``accounts.selectors`` and ``accounts.rules``; the
eligibility verdict comes from ``eligibility.rules`` (pure, no queries).
"""

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q, Value
from django.db.models.functions import Replace
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .accounts.rules import can_view_company
from .accounts.selectors import companies_visible_to
from .errors import wants_json
from .forms import CompanyFilterForm
from .language import is_english
from .progress import furthest_stage
from .todo import todos_for

if TYPE_CHECKING:  # for annotations only: eligibility sits above portal (see _evaluate)
    from eligibility.rules import Result

    from .accounts.models import Company

REGISTRY_PAGE_SIZE = 20


def _error(request, status: int, message: str, code: str, *, plain: bool = False):
    if wants_json(request):
        return JsonResponse({"detail": message, "code": code}, status=status)
    context = {"status": status, "message": message, "plain_chrome": plain}
    return render(request, "portal/error.html", context, status=status)


def bad_request(request, exception=None):
    return _error(request, 400, _("The request could not be understood."), "bad_request")


def permission_denied(request, exception=None):
    return _error(request, 403, _("You do not have permission to do this."), "permission_denied")


def page_not_found(request, exception=None):
    return _error(request, 404, _("The page you asked for does not exist or is not available to you."), "not_found")


def server_error(request):
    # The menu needs the user and the database, either of which may be what just failed.
    return _error(request, 500, _("Something went wrong on our side. The error has been logged."), "server_error",
                  plain=True)


# --- eligibility, evaluated in memory --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RegistryRow:
    company: "Company"
    result: "Result"


def _evaluate(companies) -> list[RegistryRow]:
    # eligibility sits above portal in the layers; these pages only show its verdict, so they import
    # it when called (STYLE.md: a lower app never imports a higher one at module level).
    from eligibility.rules import evaluate_company, load_ruleset

    ruleset = load_ruleset()
    return [RegistryRow(company, evaluate_company(company, ruleset)) for company in companies]


def _registry(request) -> dict:
    """Filter, evaluate and paginate the registry in one query, however many companies match.

    Eligibility is a verdict of the ruleset, computed in Python, so the yes/no filter, the counts and
    the page are taken from the evaluated rows: one query for all matching companies (a registry of
    a few hundred financial companies; evaluating 10,000 takes well under a second).
    """
    form = CompanyFilterForm(request.GET or None)
    filters = form.filters() if form.is_bound else {}
    companies = companies_visible_to(request.user)
    if is_english():
        companies = companies.order_by("name_en", "id")  # in the order of the names shown
    if sector := filters.get("sector"):
        companies = companies.filter(sector=sector)
    if q := filters.get("q"):
        match = Q(name_ko__icontains=q) | Q(name_en__icontains=q)
        if digits := q.replace("-", "").replace(" ", ""):
            if digits.isdigit():
                companies = companies.annotate(brn_digits=Replace("brn", Value("-"), Value("")))
                match |= Q(brn_digits__contains=digits)
        companies = companies.filter(match)
    rows = _evaluate(companies)
    eligible_count = sum(row.result.eligible for row in rows)
    summary = {"total": len(rows), "eligible": eligible_count, "ineligible": len(rows) - eligible_count}
    if (wanted := filters.get("eligible")) is not None:
        rows = [row for row in rows if row.result.eligible == (wanted == CompanyFilterForm.ELIGIBLE)]
    page = Paginator(rows, REGISTRY_PAGE_SIZE).get_page(request.GET.get("page"))
    return {
        "form": form,
        "filtered": bool(filters),
        "summary": summary,
        "page": page,
        "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
    }


PROGRAM_STEPS = (
    gettext_lazy("Eligibility check"),
    gettext_lazy("Application"),
    gettext_lazy("Screening"),
    gettext_lazy("No-action letter"),
    gettext_lazy("Findings reports"),
)


def _program_steps(current: int) -> list[dict]:
    """The program's stages for KRDS's step indicator; ``current`` counts from 1."""
    return [
        {"label": label, "state": "done" if number < current else "active" if number == current else ""}
        for number, label in enumerate(PROGRAM_STEPS, start=1)
    ]


# --- pages ----------------------------------------------------------------------------------------


@login_required
def home(request):
    user = request.user
    if user.is_regulator:
        return render(request, "portal/home_regulator.html", {**_registry(request), "todos": todos_for(user)})
    if user.is_company_user and user.company_id:
        company = user.company
        result = _evaluate([company])[0].result
        stage = furthest_stage(company, eligible=result.eligible)
        return render(request, "portal/home_company.html", {
            "company": company, "result": result, "steps": _program_steps(stage.number), "stage": stage})
    return render(request, "portal/home.html", {})


@login_required
def company_list(request):
    if not request.user.is_regulator:
        raise Http404  # a company user may not learn what else is in the registry
    return render(request, "portal/company_list.html", _registry(request))


@login_required
def company_detail(request, pk: int):
    company = get_object_or_404(companies_visible_to(request.user), pk=pk)
    if not can_view_company(request.user, company):
        raise Http404
    row = _evaluate([company])[0]
    return render(request, "portal/company_detail.html", {"company": company, "result": row.result})
