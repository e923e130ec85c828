"""The contract's companies (and their eligibility) and users."""

import pytest
from rest_framework.test import APIClient

from tests.e2e.contract.helpers import V1, assert_ok, brn, company_body, rows
from tests.factories import CompanyFactory

pytestmark = pytest.mark.django_db


# --- companies and eligibility -----------------------------------------------------------------------
def test_program_admin_creates_reads_and_patches_a_company(api, program_admin):
    client = api.as_user(program_admin)
    body = company_body()
    created = assert_ok(client.post(f"{V1}/companies/", body, format="json"), 201)
    assert isinstance(created["id"], int)
    read = assert_ok(client.get(f"{V1}/companies/{created['id']}/"))
    assert {k: read[k] for k in body} == body and isinstance(read["total_assets_krw"], int)
    patched = assert_ok(client.patch(f"{V1}/companies/{created['id']}/", {"regular_staff": 2_000}, format="json"))
    assert patched["regular_staff"] == 2_000
    assert created["id"] in [c["id"] for c in rows(assert_ok(client.get(f"{V1}/companies/")))]


@pytest.mark.parametrize("sector", ["bank", "securities", "insurance", "card", "savings_bank", "fintech", "other"])
def test_company_sector_takes_every_contract_value(api, program_admin, sector):
    assert_ok(api.as_user(program_admin).post(f"{V1}/companies/", company_body(sector=sector), format="json"), 201)


@pytest.mark.parametrize("field,value", [("brn", "987-65-43210"), ("sector", "hedge_fund"), ("total_assets_krw", "lots")])
def test_invalid_company_input_is_400_keyed_by_the_api_field(api, program_admin, field, value):
    assert brn("987654321") != "987-65-43210"  # a wrong check digit
    body = company_body(**{field: value})
    response = api.as_user(program_admin).post(f"{V1}/companies/", body, format="json")
    assert response.status_code == 400
    errors = response.json()
    assert field in errors and all(isinstance(m, str) and m for m in errors[field])


def test_companies_program_admin_writes_staff_read_company_users_see_their_own(api, ciso, reviewer, auditor):
    own, other = f"{V1}/companies/{ciso.company_id}/", CompanyFactory()
    for user in (ciso, reviewer, auditor):
        assert api.as_user(user).post(f"{V1}/companies/", company_body(), format="json").status_code == 403
        assert api.as_user(user).patch(own, {"regular_staff": 9}, format="json").status_code == 403
    for user in (reviewer, auditor):
        listed = [c["id"] for c in rows(assert_ok(api.as_user(user).get(f"{V1}/companies/")))]
        assert {ciso.company_id, other.pk} <= set(listed)
    client = api.as_user(ciso)
    assert [c["id"] for c in rows(assert_ok(client.get(f"{V1}/companies/")))] == [ciso.company_id]
    assert_ok(client.get(f"{V1}/companies/{ciso.company_id}/eligibility/"))
    assert client.get(f"{V1}/companies/{other.pk}/").status_code == 404
    assert client.get(f"{V1}/companies/{other.pk}/eligibility/").status_code == 404
    assert client.patch(f"{V1}/companies/{other.pk}/", {"regular_staff": 9}, format="json").status_code == 404


@pytest.mark.parametrize("ineligible", [False, True])
def test_eligibility_lists_every_criterion_of_ruleset_2026_05(api, program_admin, ineligible):
    company = CompanyFactory(ineligible=ineligible)
    body = assert_ok(api.as_user(program_admin).get(f"{V1}/companies/{company.pk}/eligibility/"))
    assert body["eligible"] is (not ineligible) and body["ruleset"] == "2026-05"
    assert {c["code"] for c in body["criteria"]} == {"assets", "staff", "efta_ciso"}
    for criterion in body["criteria"]:
        assert {"code", "passed", "actual", "threshold", "basis"} <= set(criterion)
        assert isinstance(criterion["passed"], bool) and criterion["basis"]
    assets = next(c for c in body["criteria"] if c["code"] == "assets")
    assert assets["passed"] is (not ineligible)
    assert (assets["actual"], assets["threshold"]) == (company.total_assets_krw, 10_000_000_000_000)
    assert isinstance(assets["actual"], int) and isinstance(assets["threshold"], int)  # integer KRW, never float


def test_a_superuser_has_every_power_of_the_program_office(api, superuser):
    client = api.as_user(superuser)
    assert_ok(client.post(f"{V1}/companies/", company_body("123456789"), format="json"), 201)
    assert_ok(client.post(f"{V1}/users/", {"username": "su-made", "password": "Another-Horse-77",
                                          "email": "su@example.test", "role": "auditor"}, format="json"), 201)


# --- users ---------------------------------------------------------------------------------------------
def test_program_admin_creates_users_with_the_contract_fields(api, program_admin, company, ciso):
    client = api.as_user(program_admin)
    body = {"username": "new-ciso", "password": "Another-Horse-77", "email": "new@example.test",
            "role": "company_staff", "company": company.pk}
    created = assert_ok(client.post(f"{V1}/users/", body, format="json"), 201)
    assert isinstance(created["id"], int) and "password" not in created
    assert {k: created[k] for k in ("username", "email", "role", "company")} == {
        "username": "new-ciso", "email": "new@example.test", "role": "company_staff", "company": company.pk}
    assert created["id"] in [u["id"] for u in rows(assert_ok(client.get(f"{V1}/users/")))]
    for role in ("ciso", "reviewer", "advisor", "program_admin", "auditor"):
        made = assert_ok(client.post(f"{V1}/users/", {**body, "username": f"made-{role}", "email": f"{role}@x.test",
                                                      "role": role, "company": CompanyFactory().pk if role == "ciso" else None},
                                     format="json"), 201)
        assert made["role"] == role
    assert_ok(APIClient().post(f"{V1}/auth/token/", {"username": "new-ciso", "password": "Another-Horse-77"},
                               format="json"))
    assert api.as_user(ciso).post(f"{V1}/users/", {**body, "username": "x"}, format="json").status_code == 403
    assert api.as_user(ciso).get(f"{V1}/users/").status_code == 403
