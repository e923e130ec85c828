"""The contract's conventions: every path and field in the OpenAPI schema, and the worked dates
(valid_until, interim and final report due dates).
"""

import datetime as dt

import pytest
from rest_framework.test import APIClient

from letters.domain.dates import valid_until
from reports.domain.dates import final_due_on, interim_due_on
from tests.e2e.contract.helpers import V1, one_year_from, six_months_after

pytestmark = pytest.mark.django_db


# --- paths and fields in the schema --------------------------------------------------------------------
CONTRACT_PATHS = {
    "/auth/token/": {"post": {"username", "password", "otp"}},
    "/companies/": {"get": None, "post": {"name_ko", "name_en", "brn", "sector", "total_assets_krw", "assets_as_of",
                                          "regular_staff", "efta_covered", "ciso_appointed", "ciso_name"}},
    "/companies/{id}/": {"get": None, "patch": {"brn", "sector", "total_assets_krw", "ciso_name"}},
    "/users/": {"get": None, "post": {"username", "password", "email", "role", "company"}},
    "/phases/": {"get": None, "post": {"number", "name", "starts_on", "ends_on", "capacity_min", "capacity_max",
                                       "state"}},
    "/applications/": {"get": None, "post": {
        "scope_ai_vulnerability_assessment", "scope_saas_security", "ai_models", "saas_products", "systems_in_scope",
        "compensating_controls", "self_assessment", "preferred_phase", "attestation"}},
    "/applications/{id}/": {"get": None, "patch": {"attestation", "compensating_controls"}},
    "/applications/{id}/transitions/{name}/": {"post": {"reason", "phase"}},
    "/applications/{id}/assignments/": {"get": None, "post": {"user"}},
    "/applications/{id}/scores/": {"get": None, "post": {"scores", "comment"}},
    "/applications/{id}/assessments/": {"get": None, "post": {"recommendation", "narrative", "conditions"}},
    "/conflicts/": {"get": None, "post": {"company", "nature"}},
    "/letters/{reference}/reports/": {"get": None, "post": None},
    **dict.fromkeys(["/companies/{id}/eligibility/", "/applications/{id}/transitions/", "/applications/{id}/history/",
                     "/letters/", "/letters/{reference}/", "/letters/{reference}/pdf/", "/letters/{reference}/obligations/",
                     "/verify/{reference}/", "/catalogue/controls/"], {"get": None}),
}


def test_the_openapi_schema_describes_every_contract_path_and_field(db):
    response = APIClient().get(f"{V1}/schema/", {"format": "json"})
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    components = schema["components"]["schemas"]
    for path, methods in CONTRACT_PATHS.items():
        operations = schema["paths"].get(V1 + path)
        assert operations is not None, path
        for method, fields in methods.items():
            assert method in operations, (path, method)
            if fields:
                content = operations[method]["requestBody"]["content"]
                body = next(iter(content.values()))["schema"]
                properties = components[body["$ref"].rsplit("/", 1)[1]]["properties"] if "$ref" in body else body["properties"]
                assert fields <= set(properties), (path, method, fields - set(properties))


# --- worked dates ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("effective,until,interim,final", [
    ("2026-07-01", "2027-06-30", "2027-01-01", "2027-05-31"),
    ("2028-02-29", "2029-02-28", None, None),
    ("2026-08-31", None, "2027-02-28", None),
])
def test_worked_letter_dates_of_the_contract(effective, until, interim, final):
    """The portal's date functions (letters.domain.dates, reports.domain.dates) and this file's reading of the
    rule both give the contract's worked examples."""
    day = dt.date.fromisoformat(effective)
    if until:
        assert valid_until(day).isoformat() == one_year_from(day).isoformat() == until
    if interim:
        assert interim_due_on(day).isoformat() == six_months_after(day).isoformat() == interim
    if final:
        assert final_due_on(valid_until(day)).isoformat() == (one_year_from(day) - dt.timedelta(days=30)).isoformat() == final
