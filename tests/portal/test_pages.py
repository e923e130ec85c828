"""The shared pages: each role's home, the company registry and a company's page."""

import datetime as dt
import re

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone, translation

from portal.accounts.enums import Sector
from portal.ui.views import server_error
from tests.factories import CompanyFactory, UserFactory

pytestmark = pytest.mark.django_db

REGULATOR_ROLES = ["reviewer", "advisor", "program_admin", "auditor", "superuser"]
COMPANY_ROLES = ["ciso", "company_staff"]
JO = 10**12


@pytest.fixture
def as_role(request, login):
    """``as_role("auditor")``: the client signed in (second factor given) as that fixture's user."""

    def sign_in(role):
        user = request.getfixturevalue(role)
        login(user)
        return user

    return sign_in


def html(response) -> str:
    return response.content.decode()


# --- who gets which page ------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["home", "company_list"])
def test_visitors_are_sent_to_login(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_visitors_are_sent_to_login_from_a_company_page(client, company):
    response = client.get(reverse("company_detail", kwargs={"pk": company.pk}))
    assert response.status_code == 302


@pytest.mark.parametrize("role", COMPANY_ROLES)
def test_company_home_shows_the_company_and_every_criterion(client, as_role, role, company):
    as_role(role)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    page = html(response)
    assert company.name_ko in page
    assert 'class="krds-step-wrap' in page
    result_rows = response.context["result"].criteria
    assert [c.code for c in result_rows] == ["assets", "staff", "efta_ciso"]
    for criterion in result_rows:
        assert criterion.basis_ko in page
    assert "25,000,000,000,000" in page and "25조 원" in page  # actual, both forms
    assert "10,000,000,000,000" in page and "10조 원" in page  # threshold, both forms
    assert f'href="{reverse("company_list")}"' not in page  # no registry in a company user's menu


@pytest.mark.parametrize("role", REGULATOR_ROLES)
def test_regulator_home_is_the_registry_at_a_glance(client, as_role, role):
    CompanyFactory(name_ko="적격은행")
    CompanyFactory(name_ko="부적격은행", ineligible=True)
    as_role(role)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    page = html(response)
    assert "적격은행" in page and "부적격은행" in page
    assert response.context["summary"] == {"total": 2, "eligible": 1, "ineligible": 1}
    assert f'href="{reverse("company_list")}"' in page  # the menu


@pytest.mark.parametrize("role", REGULATOR_ROLES)
def test_regulators_see_the_registry_and_any_company(client, as_role, role, company):
    as_role(role)
    assert client.get(reverse("company_list")).status_code == 200
    response = client.get(reverse("company_detail", kwargs={"pk": company.pk}))
    assert response.status_code == 200
    assert company.name_ko in html(response)


@pytest.mark.parametrize("role", COMPANY_ROLES)
def test_company_users_see_only_their_own_company(client, as_role, role, company):
    other = CompanyFactory()
    as_role(role)
    assert client.get(reverse("company_list")).status_code == 404
    assert client.get(reverse("company_detail", kwargs={"pk": other.pk})).status_code == 404
    own = client.get(reverse("company_detail", kwargs={"pk": company.pk}))
    assert own.status_code == 200
    assert other.name_ko not in html(own)


def test_an_unknown_company_is_404_for_staff_too(client, as_role):
    as_role("program_admin")
    assert client.get(reverse("company_detail", kwargs={"pk": 987654})).status_code == 404


def test_a_user_without_a_role_gets_a_plain_home(client, login):
    user = UserFactory(role="")
    login(user)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert response.templates[0].name == "portal/home.html"


# --- the registry --------------------------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 50])
def test_registry_sums_up_eligible_and_ineligible_companies(client, as_role, count):
    as_role("reviewer")
    CompanyFactory.create_batch(count - 1)
    CompanyFactory(ineligible=True)
    response = client.get(reverse("company_list"), {"page": 2 if count > 20 else 1})
    assert response.status_code == 200
    assert response.context["summary"] == {"total": count, "eligible": count - 1, "ineligible": 1}


def test_registry_paginates_with_krds_pagination(client, as_role):
    as_role("program_admin")
    CompanyFactory.create_batch(45)
    first = client.get(reverse("company_list"))
    assert len(first.context["page"].object_list) == 20
    assert 'class="krds-pagination"' in html(first)
    assert 'aria-current="page"' in html(first)
    last = client.get(reverse("company_list"), {"page": 3})
    assert len(last.context["page"].object_list) == 5
    assert client.get(reverse("company_list"), {"page": "x"}).context["page"].number == 1
    assert client.get(reverse("company_list"), {"page": 99}).context["page"].number == 3


def test_pagination_links_keep_the_filters(client, as_role):
    as_role("program_admin")
    CompanyFactory.create_batch(25, sector=Sector.CARD)
    page = html(client.get(reverse("company_list"), {"sector": "card"}))
    assert "?sector=card&amp;page=2" in page


@pytest.fixture
def three_companies(db):
    return {
        "bank": CompanyFactory(name_ko="한빛은행", name_en="Hanbit Bank", sector=Sector.BANK, brn="220-81-00001"),
        "card": CompanyFactory(name_ko="별빛카드", name_en="Byeolbit Card", sector=Sector.CARD),
        "small": CompanyFactory(name_ko="작은은행", name_en="Small Bank", sector=Sector.BANK, regular_staff=999),
    }


def _names(response) -> set[str]:
    return {row.company.name_ko for row in response.context["page"].object_list}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, {"한빛은행", "별빛카드", "작은은행"}),
        ({"sector": "bank"}, {"한빛은행", "작은은행"}),
        ({"eligible": "yes"}, {"한빛은행", "별빛카드"}),
        ({"eligible": "no"}, {"작은은행"}),
        ({"sector": "bank", "eligible": "yes"}, {"한빛은행"}),
        ({"q": "빛"}, {"한빛은행", "별빛카드"}),
        ({"q": "small"}, {"작은은행"}),
        ({"q": "220-81-00001"}, {"한빛은행"}),
        ({"q": "2208100001"}, {"한빛은행"}),
        ({"q": "nothing like it"}, set()),
    ],
)
def test_registry_filters(client, as_role, three_companies, query, expected):
    as_role("reviewer")
    response = client.get(reverse("company_list"), query)
    assert response.status_code == 200
    assert _names(response) == expected


def test_a_bad_filter_value_is_shown_in_error_and_ignored(client, as_role, three_companies):
    as_role("reviewer")
    response = client.get(reverse("company_list"), {"sector": "bogus", "eligible": "no"})
    assert response.status_code == 200
    page = html(response)
    assert 'class="form-conts is-error"' in page
    assert 'class="form-hint-invalid"' in page
    assert _names(response) == {"작은은행"}  # the valid filter still applies


# --- language, escaping, amounts ------------------------------------------------------------------


def test_korean_by_default_even_for_an_english_browser(client, as_role, company):
    as_role("ciso")
    response = client.get(reverse("home"), headers={"accept-language": "en-US,en;q=0.9"})
    page = html(response)
    assert '<html lang="ko"' in page
    assert "신청 자격" in page  # "Eligibility"
    assert company.name_ko in page


def test_english_switch(client, as_role, company):
    as_role("ciso")
    response = client.post("/i18n/setlang/", {"language": "en", "next": reverse("home")})
    assert response.status_code == 302
    page = html(client.get(reverse("home")))
    assert '<html lang="en"' in page
    assert "Eligibility" in page and "Legal basis" in page
    assert "Electronic Financial Transactions Act" in page  # the basis in English
    assert "KRW 25 trillion" in page
    assert f"<h1 class=\"portal-h1\">{company.name_en}</h1>" in page
    client.post("/i18n/setlang/", {"language": "ko", "next": reverse("home")})
    assert '<html lang="ko"' in html(client.get(reverse("home")))


def test_language_switch_is_a_form_that_works_without_javascript(client, as_role):
    as_role("auditor")
    page = html(client.get(reverse("company_list"), {"sector": "bank"}))
    form = re.search(r'<form method="post" action="/i18n/setlang/">.*?</form>', page, re.S).group(0)
    assert 'name="next" value="/companies/?sector=bank"' in form
    assert 'name="language" value="en"' in form and 'name="language" value="ko"' in form


def test_user_text_is_escaped(client, as_role):
    CompanyFactory(name_ko="<script>alert(1)</script>", name_en="<b>bold</b>", ciso_name="<i>x</i>")
    as_role("program_admin")
    for url in (reverse("company_list"), reverse("home")):
        page = html(client.get(url))
        assert "<script>alert(1)</script>" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
        assert "<b>bold</b>" not in page and "<i>x</i>" not in page


def test_amounts_in_digits_and_in_jo_eok(client, as_role):
    big = CompanyFactory(total_assets_krw=12_345_678_901_234)
    short = CompanyFactory(total_assets_krw=9_900_000_000_000)
    as_role("program_admin")
    page = html(client.get(reverse("company_detail", kwargs={"pk": big.pk})))
    assert "12,345,678,901,234" in page and "12조 3,456억 원" in page
    page = html(client.get(reverse("company_detail", kwargs={"pk": short.pk})))
    assert "9,900,000,000,000" in page and "9조 9,000억 원" in page
    assert "부적격" in page  # "Not eligible"


@pytest.mark.parametrize(("language", "label"), [("ko", "총자산 기준일"), ("en", "Assets as of")])
def test_dates_read_yyyy_mm_dd_in_both_languages(client, as_role, company, language, label):
    """The assets' date and 'figures as of' read 2025-12-31, as every other date does, not 2025년 12월 31일."""
    as_role("program_admin")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = html(client.get(reverse("company_detail", kwargs={"pk": company.pk})))
    assert f'<html lang="{language}"' in page
    assert re.search(rf"{label}</th><td>2025-12-31</td>", page)
    assert page.count("2025-12-31") >= 2  # the facts and the eligibility's "figures as of"
    assert "2025년" not in page and "Dec. 31" not in page and "December 31" not in page


@pytest.mark.parametrize("language", ["ko", "en"])
def test_a_date_shown_without_a_format_is_iso_too(language):
    """The format modules (settings.FORMAT_MODULE_PATH) make ISO the default for a bare value or ``|date``."""
    template = Template("{{ day }} {{ day|date }} {{ moment }}")
    moment = dt.datetime(2025, 12, 31, 15, 4, tzinfo=dt.UTC)
    with translation.override(language), timezone.override(dt.UTC):
        text = template.render(Context({"day": dt.date(2025, 12, 31), "moment": moment}))
    assert text == "2025-12-31 2025-12-31 2025-12-31 15:04"


# --- the frame every page shares -------------------------------------------------------------------


@pytest.mark.parametrize("role", ["ciso", "reviewer"])
def test_pages_use_krds_and_no_inline_script(client, as_role, role, company):
    as_role(role)
    page = html(client.get(reverse("company_detail", kwargs={"pk": company.pk})))
    for marker in ('id="krds-skip-link"', 'id="krds-masthead"', 'id="krds-header"', 'class="krds-main-menu"',
                   'id="krds-footer"', "<main id=\"content\"", "krds-breadcrumb-wrap"):
        assert marker in page
    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", page) == []  # every script is a file
    assert re.findall(r"\son[a-z]+=", page) == []  # no inline event handlers
    assert re.findall(r"\sstyle=", page) == []  # no inline styles either


@pytest.mark.parametrize(("role", "current"), [("reviewer", "company_list"), ("ciso", "home")])
def test_the_menu_marks_the_current_page(client, as_role, role, current):
    as_role(role)
    page = html(client.get(reverse(current)))
    assert f'<a href="{reverse(current)}" class="gnb-main-trigger is-link" aria-current="page">' in page
    # KRDS's scripts use .active for an open drop-down; the current page must not claim it.
    assert "gnb-main-trigger is-link active" not in page


def test_the_api_still_follows_accept_language(client):
    english = client.get("/api/v1/companies/", headers={"accept-language": "en"})
    korean = client.get("/api/v1/companies/")
    assert english.status_code == korean.status_code == 401
    assert english.json()["detail"] != korean.json()["detail"]


def test_the_static_files_the_pages_name_are_served(client, as_role, company):
    as_role("ciso")
    page = html(client.get(reverse("home")))
    for url in re.findall(r'(?:href|src)="/static/([^"]+)"', page):
        assert finders.find(url), f"{url} is not among the static files (run bin/vendor_assets.py)"


def test_error_page_extends_the_base_template(client, as_role):
    as_role("ciso")
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    page = html(response)
    assert 'id="krds-header"' in page and "<main" in page
    assert '<html lang="ko"' in page


def test_server_error_page_needs_neither_user_nor_database(rf, django_assert_num_queries):
    request = rf.get("/")  # no session, no user: as if the middleware never ran
    with django_assert_num_queries(0):
        response = server_error(request)
    assert response.status_code == 500
    assert 'id="krds-header"' in response.content.decode()


def test_company_home_leads_to_the_applications(client, ciso):
    client.force_login(ciso)
    response = client.get("/")
    assert response.status_code == 200
    assert 'href="/applications/"' in response.content.decode()
