"""The companies, users and token endpoints: object-level access for every role, and bad input."""

import pytest
from django.db import IntegrityError, transaction

from portal.accounts.models import Company, User
from portal.audit.models import AuditEntry
from tests.factories import CompanyFactory, UserFactory
from tests.factories.accounts import PASSWORD

pytestmark = pytest.mark.django_db

NEW_COMPANY = {
    "name_ko": "새한은행", "name_en": "Saehan Bank", "brn": "1248100998", "sector": "bank",
    "total_assets_krw": 12_000_000_000_000, "assets_as_of": "2025-12-31", "regular_staff": 2500,
    "efta_covered": True, "ciso_appointed": True, "ciso_name": "김보안",
}
REGULATOR_ROLES = ["reviewer", "advisor", "program_admin", "auditor"]


@pytest.fixture
def other_company():
    return CompanyFactory()


def user_of(role, company):
    if role in {"ciso", "staff"}:
        return UserFactory(**{role: True}, company=company)
    if role == "superuser":
        return User.objects.create_superuser("root", "root@example.test", PASSWORD)
    return UserFactory(**{role: True})


@pytest.mark.parametrize("role", ["ciso", "staff"])
def test_company_user_sees_only_own_company(api, company, other_company, role):
    client = api.as_user(user_of(role, company))
    listing = client.get("/api/v1/companies/").json()
    assert [c["id"] for c in listing["results"]] == [company.id]
    assert client.get(f"/api/v1/companies/{company.id}/").status_code == 200
    assert client.get(f"/api/v1/companies/{company.id}/eligibility/").status_code == 200
    for path in (f"/api/v1/companies/{other_company.id}/", f"/api/v1/companies/{other_company.id}/eligibility/"):
        response = client.get(path)
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"
    assert client.patch(f"/api/v1/companies/{other_company.id}/", {"ciso_name": "x"}, format="json").status_code == 404
    assert client.patch(f"/api/v1/companies/{company.id}/", {"ciso_name": "x"}, format="json").status_code == 403
    assert client.post("/api/v1/companies/", NEW_COMPANY, format="json").status_code == 403
    assert client.get("/api/v1/users/").status_code == 403


@pytest.mark.parametrize("role", ["reviewer", "advisor", "auditor"])
def test_regulator_side_reads_every_company_but_writes_none(api, company, other_company, role):
    client = api.as_user(user_of(role, None))
    ids = {c["id"] for c in client.get("/api/v1/companies/").json()["results"]}
    assert ids == {company.id, other_company.id}
    assert client.get(f"/api/v1/companies/{other_company.id}/eligibility/").status_code == 200
    assert client.post("/api/v1/companies/", NEW_COMPANY, format="json").status_code == 403
    assert client.patch(f"/api/v1/companies/{company.id}/", {"ciso_name": "x"}, format="json").status_code == 403
    assert client.get("/api/v1/users/").status_code == 403
    assert Company.objects.get(pk=company.pk).ciso_name == "홍길동"


@pytest.mark.parametrize("role", ["program_admin", "superuser"])
def test_program_office_creates_and_edits_companies_audited(api, role):
    client = api.as_user(user_of(role, None))
    response = client.post("/api/v1/companies/", NEW_COMPANY, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["id"] and body["brn"] == "124-81-00998"
    assert body["total_assets_krw"] == 12_000_000_000_000
    response = client.patch(f"/api/v1/companies/{body['id']}/", {"regular_staff": 900}, format="json")
    assert response.status_code == 200
    assert response.json()["regular_staff"] == 900
    entries = AuditEntry.objects.filter(object_type="accounts.company", object_id=str(body["id"])).order_by("id")
    assert [e.action for e in entries] == ["company.create", "company.update"]
    assert entries[1].before == {"regular_staff": 2500} and entries[1].after == {"regular_staff": 900}
    eligibility = client.get(f"/api/v1/companies/{body['id']}/eligibility/").json()
    assert eligibility["eligible"] is False
    assert eligibility["ruleset"] == "2026-05"
    staff = next(c for c in eligibility["criteria"] if c["code"] == "staff")
    assert staff == staff | {"passed": False, "actual": 900, "threshold": 1000}
    assert staff["basis"]


def test_unauthenticated_requests_get_401(client, company):
    for path in ("/api/v1/companies/", f"/api/v1/companies/{company.id}/", "/api/v1/users/"):
        response = client.get(path)
        assert response.status_code == 401
        assert response.json()["code"] == "not_authenticated"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"brn": "124-81-00999"}, "brn"),
        ({"brn": "12-34"}, "brn"),
        ({"total_assets_krw": -1}, "total_assets_krw"),
        ({"total_assets_krw": 1.5}, "total_assets_krw"),
        ({"total_assets_krw": "lots"}, "total_assets_krw"),
        ({"regular_staff": -3}, "regular_staff"),
        ({"sector": "casino"}, "sector"),
        ({"assets_as_of": "31/12/2025"}, "assets_as_of"),
        ({"name_ko": ""}, "name_ko"),
    ],
)
def test_bad_company_input_names_the_field_and_changes_nothing(api, program_admin, change, field):
    client = api.as_user(program_admin)
    before = (Company.objects.count(), AuditEntry.objects.count())
    response = client.post("/api/v1/companies/", {**NEW_COMPANY, **change}, format="json")
    assert response.status_code == 400
    assert field in response.json(), response.json()
    assert isinstance(response.json()[field], list) and response.json()[field][0]
    assert (Company.objects.count(), AuditEntry.objects.count()) == before


def test_duplicate_brn_is_a_field_error(api, program_admin):
    client = api.as_user(program_admin)
    assert client.post("/api/v1/companies/", NEW_COMPANY, format="json").status_code == 201
    response = client.post("/api/v1/companies/", {**NEW_COMPANY, "brn": "124-81-00998"}, format="json")
    assert response.status_code == 400
    assert "brn" in response.json()


def test_error_messages_are_translated(api, program_admin):
    client = api.as_user(program_admin)
    ko = client.post("/api/v1/companies/", {**NEW_COMPANY, "brn": "124-81-00999"}, format="json",
                     HTTP_ACCEPT_LANGUAGE="ko")
    en = client.post("/api/v1/companies/", {**NEW_COMPANY, "brn": "124-81-00999"}, format="json",
                     HTTP_ACCEPT_LANGUAGE="en")
    assert "check digit" in en.json()["brn"][0]
    assert ko.json()["brn"][0] != en.json()["brn"][0]


def test_malformed_json_is_a_json_400(api, program_admin):
    client = api.as_user(program_admin)
    response = client.generic("POST", "/api/v1/companies/", '{"name_ko": ', content_type="application/json")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["code"] == "parse_error"


def test_oversized_payload_is_refused_cleanly(api, program_admin):
    client = api.as_user(program_admin)
    huge = {**NEW_COMPANY, "ciso_name": "가" * 3_000_000}
    response = client.post("/api/v1/companies/", huge, format="json")
    assert response.status_code in {400, 413}
    assert response["Content-Type"].startswith("application/json")
    assert Company.objects.count() == 0


def test_program_office_creates_users_with_validation(api, program_admin, company):
    client = api.as_user(program_admin)
    ok = client.post("/api/v1/users/", {"username": "newciso", "password": "Long-Enough-Pass-42",
                                         "email": "c@example.test", "role": "ciso", "company": company.id}, format="json")
    assert ok.status_code == 201, ok.json()
    assert ok.json()["id"] and "password" not in ok.json()
    second = client.post("/api/v1/users/", {"username": "second", "password": "Long-Enough-Pass-42",
                                             "role": "ciso", "company": company.id}, format="json")
    assert second.status_code == 400 and "role" in second.json()
    unknown = client.post("/api/v1/users/", {"username": "x1", "password": "Long-Enough-Pass-42", "role": "king"}, format="json")
    assert unknown.status_code == 400 and "role" in unknown.json()
    homeless = client.post("/api/v1/users/", {"username": "x2", "password": "Long-Enough-Pass-42", "role": "company_staff"}, format="json")
    assert homeless.status_code == 400 and "company" in homeless.json()
    weak = client.post("/api/v1/users/", {"username": "x3", "password": "123", "role": "reviewer"}, format="json")
    assert weak.status_code == 400 and "password" in weak.json()
    assert client.get("/api/v1/users/").status_code == 200
    assert AuditEntry.objects.filter(action="user.create").count() == 1


def test_database_enforces_one_active_ciso(company):
    UserFactory(ciso=True, company=company)
    with pytest.raises(IntegrityError), transaction.atomic():
        UserFactory(ciso=True, company=company)
    UserFactory(ciso=True, company=company, is_active=False)  # an inactive former CISO is fine


def test_token_endpoint_gives_a_token_that_authenticates(client, ciso):
    response = client.post("/api/v1/auth/token/", {"username": ciso.username, "password": PASSWORD},
                           content_type="application/json")
    assert response.status_code == 200
    token = response.json()["token"]
    me = client.get(f"/api/v1/companies/{ciso.company_id}/", HTTP_AUTHORIZATION=f"Token {token}")
    assert me.status_code == 200
