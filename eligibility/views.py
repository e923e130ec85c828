"""The company registry and a company's page: who may apply, by the current ruleset.

Views stay thin: who sees what comes from ``accounts.selectors`` and ``accounts.rules``; the verdict
from ``eligibility.ruleset`` (pure, no queries).
"""

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q, Value
from django.db.models.functions import Replace
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from eligibility.forms import CompanyFilterForm
from eligibility.ruleset import Result, evaluate_company, load_ruleset
from portal.accounts.models import Company
from portal.accounts.rules import can_view_company
from portal.accounts.selectors import companies_visible_to
from portal.common.language import is_english

REGISTRY_PAGE_SIZE = 20


@dataclass(frozen=True, slots=True)
class RegistryRow:
    company: Company
    result: Result


def evaluate_rows(companies) -> list[RegistryRow]:
    ruleset = load_ruleset()
    return [RegistryRow(company, evaluate_company(company, ruleset)) for company in companies]


def registry_context(request) -> dict:
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
    rows = evaluate_rows(companies)
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


@login_required
def company_list(request):
    if not request.user.is_regulator:
        raise Http404  # a company user may not learn what else is in the registry
    return render(request, "eligibility/company_list.html", registry_context(request))


@login_required
def company_detail(request, pk: int):
    company = get_object_or_404(companies_visible_to(request.user), pk=pk)
    if not can_view_company(request.user, company):
        raise Http404
    row = evaluate_rows([company])[0]
    return render(request, "eligibility/company_detail.html", {"company": company, "result": row.result})
