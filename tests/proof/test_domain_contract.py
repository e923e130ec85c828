"""The published API contract (docs/api.md), proved from a bank's side.

A bank's integration team knows only that section: paths, field names, state names and status codes.
Every check here goes through the HTTP API with those names. Factories only set the scene (people,
and applications already in some state where a rule is about that state); the happy path itself is
driven end to end through the API, the letter included (the issuance task runs eagerly after commit,
signed with a development PKI made for this run, so nothing reaches the shared Redis).

Where the portal diverged from the contract, the test asserting the contract was first a strict xfail
until the portal was mended (the application's stored eligibility lacked `basis`; fixed).
"""

import calendar
import datetime as dt
import hashlib
import re
from zoneinfo import ZoneInfo

import pytest
from rest_framework.test import APIClient

from letters.dates import valid_until
from reports.domain.dates import final_due_on, interim_due_on
from tests.factories import (
    ApplicationFactory,
    CompanyFactory,
    LetterFactory,
    PhaseFactory,
    UserFactory,
    totp_code,
    totp_device,
)
from tests.factories.accounts import PASSWORD

pytestmark = pytest.mark.django_db

V1 = "/api/v1"
TRANSITION_NAMES = {"submit", "schedule", "start_review", "request_supplement", "respond", "complete",
                    "approve", "reject", "revoke", "withdraw", "override"}
STATES = {"draft", "submitted", "eligible", "ineligible", "scheduled", "under_review", "supplement_requested",
          "screened", "approved", "rejected", "granted", "expired", "revoked", "withdrawn"}
TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$")
REFERENCE = re.compile(r"^FSC-NAL-(\d{4})-(\d{4})$")
SEOUL = ZoneInfo("Asia/Seoul")


def today() -> dt.date:
    return dt.datetime.now(tz=SEOUL).date()


# --- the contract's own arithmetic -------------------------------------------------------------------
def brn(first_nine: str) -> str:
    """A business registration number with the check digit docs/eligibility.md describes."""
    digits = [int(c) for c in first_nine]
    total = sum(d * w for d, w in zip(digits, (1, 3, 7, 1, 3, 7, 1, 3, 5), strict=True)) + digits[8] * 5 // 10
    return f"{first_nine[:3]}-{first_nine[3:5]}-{first_nine[5:]}{(10 - total % 10) % 10}"


def one_year_from(day: dt.date) -> dt.date:
    """valid_until = effective date + 1 year - 1 day (29 February's year ends on 28 February)."""
    try:
        anniversary = day.replace(year=day.year + 1)
    except ValueError:
        anniversary = dt.date(day.year + 1, 3, 1)
    return anniversary - dt.timedelta(days=1)


def six_months_after(day: dt.date) -> dt.date:
    month = day.month - 1 + 6
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


# --- helpers -------------------------------------------------------------------------------------------
def rows(body):
    """Lists may be paginated ({"results": [...]}) or plain arrays."""
    return body["results"] if isinstance(body, dict) else body


def client_for(user) -> APIClient:
    """A fresh client holding the user's token (several people act in one test)."""
    from rest_framework.authtoken.models import Token

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
    return client


def company_body(first_nine: str = "987654321", **overrides) -> dict:
    body = {"name_ko": "계약은행 주식회사", "name_en": "Contract Bank Co., Ltd.", "brn": brn(first_nine),
            "sector": "bank", "total_assets_krw": 12_000_000_000_000, "assets_as_of": "2025-12-31",
            "regular_staff": 1_500, "efta_covered": True, "ciso_appointed": True, "ciso_name": "김보안"}
    body.update(overrides)
    return body


def application_body(client, **overrides) -> dict:
    controls = rows(client.get(f"{V1}/catalogue/controls/").json())
    body = {"scope_ai_vulnerability_assessment": True, "scope_saas_security": True,
            "ai_models": [{"name": "Claude", "vendor": "Anthropic"}],
            "saas_products": [{"name": "CloudGuard", "vendor": "Example Security"}],
            "systems_in_scope": "보안관제 분석망 (DMZ-SEC-02)",
            "compensating_controls": [c["code"] for c in controls[:2]],
            "self_assessment": "정보보호 전담 인력 45명, AI 보안 전문 인력 6명."}
    body.update(overrides)
    return body


def fire(client, app_id: int, name: str, **data):
    return client.post(f"{V1}/applications/{app_id}/transitions/{name}/", data, format="json")


def rubric_codes(client) -> list[str]:
    """The criterion codes scores are keyed by (the contract names no source; the rubric catalogue)."""
    return [c["code"] for c in assert_ok(client.get(f"{V1}/catalogue/rubric/"))["criteria"]]


def assert_ok(response, status: int = 200) -> dict:
    assert response.status_code == status, (response.status_code, response.content[:500])
    return response.json()


@pytest.fixture
def people(db):
    company = CompanyFactory()
    return {"admin": UserFactory(program_admin=True), "ciso": UserFactory(ciso=True, company=company),
            "reviewer": UserFactory(reviewer=True), "advisor": UserFactory(advisor=True),
            "other_ciso": UserFactory(ciso=True, company=CompanyFactory())}


def walk_to_letter(people, capture, **approve_extra) -> tuple[int, dict]:
    """The whole program through the API; returns the application id and the letter as listed."""
    admin, ciso = client_for(people["admin"]), client_for(people["ciso"])
    reviewer, advisor = client_for(people["reviewer"]), client_for(people["advisor"])
    phase = assert_ok(admin.post(f"{V1}/phases/", {
        "number": 7, "name": "계약 시험 차수", "starts_on": (today() - dt.timedelta(days=5)).isoformat(),
        "ends_on": (today() + dt.timedelta(days=60)).isoformat(), "capacity_min": 1, "capacity_max": 20,
        "state": "open"}, format="json"), 201)

    app = assert_ok(ciso.post(f"{V1}/applications/", application_body(ciso, preferred_phase=phase["id"]),
                              format="json"), 201)
    assert app["company"] == people["ciso"].company_id and app["state"] == "draft"
    assert_ok(ciso.patch(f"{V1}/applications/{app['id']}/", {"attestation": True}, format="json"))
    with capture(execute=True):
        assert assert_ok(fire(ciso, app["id"], "submit"))["state"] == "eligible"
    with capture(execute=True):
        assert assert_ok(fire(admin, app["id"], "schedule", phase=phase["id"]))["state"] == "scheduled"
        for expert in (people["reviewer"], people["advisor"]):
            made = assert_ok(admin.post(f"{V1}/applications/{app['id']}/assignments/", {"user": expert.pk},
                                        format="json"), 201)
            assert isinstance(made["id"], int) and made["user"] == expert.pk
        assert assert_ok(fire(admin, app["id"], "start_review"))["state"] == "under_review"
    assert fire(admin, app["id"], "complete").status_code == 409  # nobody has scored yet

    codes = rubric_codes(reviewer)
    with capture(execute=True):
        sheet = assert_ok(reviewer.post(f"{V1}/applications/{app['id']}/scores/",
                                        {"scores": dict.fromkeys(codes, 4), "comment": "근거 충실"}, format="json"), 201)
        assert sheet["id"] in [x["id"] for x in rows(assert_ok(reviewer.get(f"{V1}/applications/{app['id']}/scores/")))]
        assessment = assert_ok(advisor.post(f"{V1}/applications/{app['id']}/assessments/", {
            "recommendation": "recommend_with_conditions", "narrative": "AI 모델 검증 체계 양호",
            "conditions": "분기별 점검 결과 제출"}, format="json"), 201)
        assert assessment["id"] in [x["id"] for x in rows(assert_ok(advisor.get(
            f"{V1}/applications/{app['id']}/assessments/")))]
        assert assert_ok(fire(admin, app["id"], "complete"))["state"] == "screened"
    with capture(execute=True):  # the letter is issued after the approval commits
        assert assert_ok(fire(admin, app["id"], "approve", reason="요건 충족", **approve_extra))["state"] == "approved"
    assert assert_ok(ciso.get(f"{V1}/applications/{app['id']}/"))["state"] == "granted"
    letters = rows(assert_ok(ciso.get(f"{V1}/letters/")))
    assert len(letters) == 1
    return app["id"], letters[0]


# --- token auth, 401 -----------------------------------------------------------------------------------
def test_token_endpoint_takes_username_password_and_otp_for_a_confirmed_device(db):
    ciso = UserFactory(ciso=True)
    anonymous = APIClient()
    token = assert_ok(anonymous.post(f"{V1}/auth/token/", {"username": ciso.username, "password": PASSWORD},
                                     format="json"))["token"]
    assert_ok(APIClient().get(f"{V1}/companies/{ciso.company_id}/", HTTP_AUTHORIZATION=f"Token {token}"))

    admin = UserFactory(program_admin=True)
    device = totp_device(admin)
    without_otp = anonymous.post(f"{V1}/auth/token/", {"username": admin.username, "password": PASSWORD},
                                 format="json")
    assert without_otp.status_code == 400 and "otp" in without_otp.json()
    body = assert_ok(anonymous.post(f"{V1}/auth/token/", {"username": admin.username, "password": PASSWORD,
                                                          "otp": totp_code(device)}, format="json"))
    # The contract's {"token": ...}, plus when it expires (an addition: API_TOKEN_TTL_DAYS).
    assert set(body) == {"token", "expires_at"} and body["token"] and body["expires_at"]


@pytest.mark.parametrize("path", ["/companies/", "/users/", "/phases/", "/applications/", "/conflicts/", "/letters/"])
def test_requests_without_credentials_are_401_with_a_readable_message(db, path):
    response = APIClient().get(V1 + path)
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json") and response.json()


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


# --- users and phases ----------------------------------------------------------------------------------
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


def test_phases_are_written_by_the_program_office_and_read_by_others(api, program_admin, ciso):
    body = {"number": 9, "name": "3차", "starts_on": "2026-10-01", "ends_on": "2026-12-31",
            "capacity_min": 10, "capacity_max": 30, "state": "planned"}
    created = assert_ok(api.as_user(program_admin).post(f"{V1}/phases/", body, format="json"), 201)
    assert isinstance(created["id"], int) and {k: created[k] for k in body} == body
    listed = rows(assert_ok(api.as_user(ciso).get(f"{V1}/phases/")))
    assert created["id"] in [p["id"] for p in listed]
    assert api.as_user(ciso).post(f"{V1}/phases/", {**body, "number": 10}, format="json").status_code == 403
    for number, state in ((11, "open"), (12, "closed")):
        made = assert_ok(api.as_user(program_admin).post(f"{V1}/phases/", {**body, "number": number, "state": state},
                                                         format="json"), 201)
        assert made["state"] == state


# --- applications ---------------------------------------------------------------------------------------
def test_a_ciso_application_belongs_to_the_ciso_company_with_the_contract_fields(api, ciso):
    client = api.as_user(ciso)
    body = application_body(client, preferred_phase=PhaseFactory(planned=True).pk)
    created = assert_ok(client.post(f"{V1}/applications/", body, format="json"), 201)
    assert isinstance(created["id"], int) and created["attestation"] is False
    assert created["company"] == ciso.company_id and created["state"] == "draft"
    assert {k: created[k] for k in body} == body
    patched = assert_ok(client.patch(f"{V1}/applications/{created['id']}/", {"systems_in_scope": "망 B"},
                                     format="json"))
    assert patched["systems_in_scope"] == "망 B"
    for key in ("created_at", "updated_at"):
        assert TIMESTAMP.match(patched[key]), patched[key]


@pytest.mark.parametrize("field,value", [("compensating_controls", ["no_such_control"]),  # not a catalogue code
                                         ("ai_models", [{"name": "Claude"}]), ("saas_products", "CloudGuard")])
def test_invalid_application_input_is_400_keyed_by_the_api_field(api, ciso, field, value):
    client = api.as_user(ciso)
    catalogue = rows(assert_ok(client.get(f"{V1}/catalogue/controls/")))
    assert catalogue and all(entry["code"] for entry in catalogue)
    response = client.post(f"{V1}/applications/", application_body(client, **{field: value}), format="json")
    assert response.status_code == 400 and field in response.json()


def test_only_the_ciso_may_set_the_attestation(api, ciso, company_staff):
    staff = api.as_user(company_staff)
    app = assert_ok(staff.post(f"{V1}/applications/", application_body(staff), format="json"), 201)
    url = f"{V1}/applications/{app['id']}/"
    assert app["company"] == company_staff.company_id
    assert_ok(staff.patch(url, {"systems_in_scope": "망 C"}, format="json"))  # staff edit drafts...
    assert staff.patch(url, {"attestation": True}, format="json").status_code == 403  # ...but never attest
    assert staff.post(f"{V1}/applications/", {"attestation": True}, format="json").status_code == 403
    assert api.as_user(ciso).patch(url, {"attestation": True}, format="json").json()["attestation"] is True
    assert fire(api.as_user(company_staff), app["id"], "submit").status_code == 403  # staff never submit


def test_an_application_needs_at_least_one_scope(api, ciso):
    client = api.as_user(ciso)
    app = assert_ok(client.post(f"{V1}/applications/", application_body(
        client, scope_ai_vulnerability_assessment=False, scope_saas_security=False), format="json"), 201)
    assert_ok(client.patch(f"{V1}/applications/{app['id']}/", {"attestation": True}, format="json"))
    response = fire(client, app["id"], "submit")  # a condition of submit not met: 409
    assert response.status_code == 409 and response.json()
    assert client.get(f"{V1}/applications/{app['id']}/").json()["state"] == "draft"


def test_applications_are_seen_by_their_company_and_the_regulator_side_that_may(api, people, auditor):
    application = ApplicationFactory(company=people["ciso"].company)
    url = f"{V1}/applications/{application.pk}/"
    for user in (people["ciso"], people["admin"], auditor):
        assert_ok(api.as_user(user).get(url))
    for user in (people["other_ciso"], people["reviewer"], people["advisor"]):  # not assigned
        assert api.as_user(user).get(url).status_code == 404
        assert api.as_user(user).get(url + "history/").status_code == 404
    assert application.pk not in [a["id"] for a in rows(api.as_user(people["other_ciso"]).get(
        f"{V1}/applications/").json())]
    assert api.as_user(people["other_ciso"]).patch(url, {"systems_in_scope": "x"}, format="json").status_code == 404
    assert api.as_user(auditor).patch(url, {"systems_in_scope": "x"}, format="json").status_code == 403
    assert fire(api.as_user(auditor), application.pk, "withdraw").status_code == 403


def test_submit_runs_eligibility_in_the_same_request_and_history_records_it(api, django_capture_on_commit_callbacks):
    ciso = UserFactory(ciso=True, company=CompanyFactory(ineligible=True))
    client = api.as_user(ciso)
    app = assert_ok(client.post(f"{V1}/applications/", application_body(client, attestation=True), format="json"), 201)
    transitions = assert_ok(client.get(f"{V1}/applications/{app['id']}/transitions/"))
    assert transitions and all({"name", "label"} <= set(t) and t["label"] for t in transitions)
    assert {t["name"] for t in transitions} <= TRANSITION_NAMES and "submit" in {t["name"] for t in transitions}
    with django_capture_on_commit_callbacks(execute=True):
        assert assert_ok(fire(client, app["id"], "submit"))["state"] == "ineligible"
    history = assert_ok(client.get(f"{V1}/applications/{app['id']}/history/"))
    assert [(h["from"], h["to"]) for h in rows(history)] == [("draft", "submitted"), ("submitted", "ineligible")]
    first, automatic = rows(history)
    assert first["actor"] == {"id": ciso.pk, "username": ciso.username} and automatic["actor"] is None
    for entry in rows(history):
        assert "reason" in entry and TIMESTAMP.match(entry["at"]), entry


def test_the_eligibility_returned_by_submit_has_the_contract_eligibility_shape(api, ciso,
                                                                               django_capture_on_commit_callbacks):
    client = api.as_user(ciso)
    app = assert_ok(client.post(f"{V1}/applications/", application_body(client, attestation=True), format="json"), 201)
    with django_capture_on_commit_callbacks(execute=True):
        body = assert_ok(fire(client, app["id"], "submit"))
    assert body["eligibility"]["eligible"] is True and body["eligibility"]["ruleset"] == "2026-05"
    for criterion in body["eligibility"]["criteria"]:
        assert {"code", "passed", "actual", "threshold", "basis"} <= set(criterion), sorted(criterion)
        assert criterion["basis"] == criterion["basis_ko"]  # the request's language (Korean by default)
    english = client.get(f"{V1}/applications/{app['id']}/", HTTP_ACCEPT_LANGUAGE="en").json()["eligibility"]
    assert all(c["basis"] == c["basis_en"] for c in english["criteria"])


def test_a_transition_not_allowed_now_is_409_and_changes_nothing(api, program_admin):
    application = ApplicationFactory(attested=True)
    client = api.as_user(program_admin)
    response = fire(client, application.pk, "approve", reason="요건 충족")
    assert response.status_code == 409 and response.json()
    assert fire(client, application.pk, "start_review").status_code == 409
    assert client.get(f"{V1}/applications/{application.pk}/").json()["state"] == "draft"
    assert rows(client.get(f"{V1}/applications/{application.pk}/history/").json()) == []


@pytest.mark.parametrize("name,state,after", [
    ("approve", "screened", "approved"), ("reject", "screened", "rejected"), ("revoke", "granted", "revoked"),
    ("override", "ineligible", "eligible"), ("request_supplement", "under_review", "supplement_requested")])
def test_reason_is_required_for_decisions(api, program_admin, name, state, after):
    application = ApplicationFactory.in_state(state)
    client = api.as_user(program_admin)
    assert name in [t["name"] for t in client.get(f"{V1}/applications/{application.pk}/transitions/").json()]
    for body in ({}, {"reason": ""}):
        response = fire(client, application.pk, name, **body)
        assert response.status_code == 400 and "reason" in response.json(), response.content
    assert client.get(f"{V1}/applications/{application.pk}/").json()["state"] == state
    assert assert_ok(fire(client, application.pk, name, reason="사유를 적음"))["state"] == after


def test_schedule_takes_the_phase_id_and_no_reason(api, program_admin):
    application = ApplicationFactory(eligible=True)
    client = api.as_user(program_admin)
    response = fire(client, application.pk, "schedule")
    assert response.status_code == 400 and "phase" in response.json()
    phase = PhaseFactory()
    body = assert_ok(fire(client, application.pk, "schedule", phase=phase.pk))
    assert body["state"] == "scheduled" and body["phase"] == phase.pk


def test_a_reviewer_requests_a_supplement_and_the_ciso_responds(api, people, django_capture_on_commit_callbacks):
    application = ApplicationFactory(under_review=True, company=people["ciso"].company)
    with django_capture_on_commit_callbacks(execute=True):
        assert_ok(api.as_user(people["admin"]).post(f"{V1}/applications/{application.pk}/assignments/",
                                                    {"user": people["reviewer"].pk}, format="json"), 201)
        reviewer = api.as_user(people["reviewer"])
        assert "request_supplement" in [t["name"] for t in reviewer.get(
            f"{V1}/applications/{application.pk}/transitions/").json()]
        body = assert_ok(fire(reviewer, application.pk, "request_supplement", reason="시스템 구성도 보완"))
        assert body["state"] == "supplement_requested"
        ciso = api.as_user(people["ciso"])
        assert "respond" in [t["name"] for t in ciso.get(f"{V1}/applications/{application.pk}/transitions/").json()]
        assert assert_ok(fire(ciso, application.pk, "respond"))["state"] == "under_review"


@pytest.mark.parametrize("state", ["draft", "eligible", "ineligible", "scheduled", "under_review",
                                   "supplement_requested", "screened", "approved", "rejected", "granted"])
def test_the_ciso_withdraws_only_before_a_decision(api, ciso, state, django_capture_on_commit_callbacks):
    application = ApplicationFactory.in_state(state, company=ciso.company)
    with django_capture_on_commit_callbacks(execute=True):
        response = fire(api.as_user(ciso), application.pk, "withdraw")
    if state in ("approved", "rejected", "granted"):
        assert response.status_code == 409
    else:
        assert assert_ok(response)["state"] == "withdrawn"


# --- review: assignments, scores, assessments, conflicts ------------------------------------------------
def test_reviewers_declare_conflicts_and_are_never_assigned_to_that_company(api, people):
    application = ApplicationFactory(scheduled=True, company=people["ciso"].company)
    reviewer = api.as_user(people["reviewer"])
    declared = assert_ok(reviewer.post(f"{V1}/conflicts/", {"company": application.company_id,
                                                           "nature": "최근 3년 내 자문 계약"}, format="json"), 201)
    assert isinstance(declared["id"], int) and declared["company"] == application.company_id
    assert declared["id"] in [c["id"] for c in rows(assert_ok(reviewer.get(f"{V1}/conflicts/")))]
    assert api.as_user(people["ciso"]).post(f"{V1}/conflicts/", {"company": application.company_id, "nature": "x"},
                                            format="json").status_code == 403
    response = api.as_user(people["admin"]).post(f"{V1}/applications/{application.pk}/assignments/",
                                                 {"user": people["reviewer"].pk}, format="json")
    assert response.status_code == 400 and "user" in response.json()
    assert api.as_user(people["reviewer"]).get(f"{V1}/applications/{application.pk}/").status_code == 404


def test_assignments_are_made_by_the_program_office_only(api, people):
    application = ApplicationFactory(scheduled=True, company=people["ciso"].company)
    url = f"{V1}/applications/{application.pk}/assignments/"
    assert api.as_user(people["ciso"]).post(url, {"user": people["reviewer"].pk}, format="json").status_code == 403
    assert api.as_user(people["reviewer"]).post(url, {"user": people["reviewer"].pk}, format="json").status_code == 404
    made = assert_ok(api.as_user(people["admin"]).post(url, {"user": people["reviewer"].pk}, format="json"), 201)
    assert made["user"] == people["reviewer"].pk
    # Timestamps carry Seoul's offset here as everywhere else in the API (this payload once said "Z").
    assert made["assigned_at"].endswith("+09:00"), made["assigned_at"]
    listed = rows(assert_ok(api.as_user(people["admin"]).get(url)))
    assert made["id"] in [a["id"] for a in listed]


def test_scores_outside_1_to_5_are_400_keyed_scores(api, people, django_capture_on_commit_callbacks):
    application = ApplicationFactory(under_review=True, company=people["ciso"].company)
    with django_capture_on_commit_callbacks(execute=True):
        assert_ok(api.as_user(people["admin"]).post(f"{V1}/applications/{application.pk}/assignments/",
                                                    {"user": people["reviewer"].pk}, format="json"), 201)
    reviewer = api.as_user(people["reviewer"])
    codes = rubric_codes(reviewer)
    response = reviewer.post(f"{V1}/applications/{application.pk}/scores/",
                             {"scores": dict.fromkeys(codes, 6), "comment": ""}, format="json")
    assert response.status_code == 400 and "scores" in response.json()
    advisor = api.as_user(people["advisor"])  # not assigned: may not even see it
    assert advisor.post(f"{V1}/applications/{application.pk}/assessments/",
                        {"recommendation": "recommend", "narrative": "x", "conditions": ""},
                        format="json").status_code == 404


# --- the whole program, the letter, verification ------------------------------------------------------
def test_happy_path_through_the_api_to_a_letter_its_obligations_and_reports(people, letters_in_process,
                                                                          django_capture_on_commit_callbacks):
    app_id, letter = walk_to_letter(people, django_capture_on_commit_callbacks)
    ciso, admin, company = client_for(people["ciso"]), client_for(people["admin"]), people["ciso"].company
    assert {"reference", "application", "company", "issued_at", "valid_from", "valid_until", "status",
            "sha256"} <= set(letter)
    assert REFERENCE.match(letter["reference"])
    assert letter["application"] == app_id and letter["company"] == people["ciso"].company_id
    assert letter["status"] == "valid" and TIMESTAMP.match(letter["issued_at"])
    valid_from = dt.date.fromisoformat(letter["valid_from"])
    assert letter["valid_until"] == one_year_from(valid_from).isoformat()

    url = f"{V1}/letters/{letter['reference']}/"
    assert assert_ok(admin.get(url))["sha256"] == letter["sha256"]
    pdf = ciso.get(url + "pdf/")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    data = b"".join(pdf.streaming_content)
    assert data.startswith(b"%PDF") and hashlib.sha256(data).hexdigest() == letter["sha256"]
    unassigned, staff = client_for(UserFactory(reviewer=True)), client_for(UserFactory(staff=True, company=company))
    for path in ("", "pdf/", "obligations/", "reports/"):
        assert client_for(people["other_ciso"]).get(url + path).status_code == 404
        assert unassigned.get(url + path).status_code == 404
        assert client_for(people["reviewer"]).get(url + path).status_code == 200  # assigned
        assert staff.get(url + path).status_code == 200

    history = rows(assert_ok(ciso.get(f"{V1}/applications/{app_id}/history/")))
    assert [h["to"] for h in history] == ["submitted", "eligible", "scheduled", "under_review", "screened",
                                          "approved", "granted"]
    assert all(h["to"] in STATES and h["from"] in STATES for h in history)
    assert history[-1]["actor"] is None and history[-2]["reason"] == "요건 충족"
    # To the company the office is the institution, never a person; the regulator side sees who it was.
    assert history[-2]["actor"] == {"id": None, "username": None, "organisation": "FSC"}
    office_history = rows(assert_ok(admin.get(f"{V1}/applications/{app_id}/history/")))
    assert office_history[-2]["actor"] == {"id": people["admin"].pk, "username": people["admin"].username}

    # obligations and findings reports of the letter
    obligations = rows(assert_ok(ciso.get(url + "obligations/")))  # interim +6 months, final valid_until - 30 days
    expected = {six_months_after(valid_from).isoformat(), (one_year_from(valid_from) - dt.timedelta(days=30)).isoformat()}
    assert expected <= {value for o in obligations for value in o.values() if isinstance(value, str)}
    assert rows(assert_ok(ciso.get(url + "reports/"))) == []

    threats = rows(assert_ok(ciso.get(f"{V1}/catalogue/threats/")))
    body = {"kind": "interim",
            "tests": [{"performed_on": today().isoformat(), "tools": "Claude (Anthropic)",
                       "systems": "인터넷뱅킹 API 게이트웨이"}],
            "findings": [{"category": threats[0]["code"], "severity": "high", "description": "숨은 지시문",
                          "anticipated_risk": "내부 URL 노출", "defence": "입력 정제", "status": "in_progress"}]}
    filed = assert_ok(ciso.post(url + "reports/", body, format="json"), 201)
    assert isinstance(filed["id"], int)
    assert filed["id"] in [r["id"] for r in rows(assert_ok(admin.get(url + "reports/")))]
    assert admin.post(url + "reports/", body, format="json").status_code == 403  # regulator side reads only


def test_verification_is_public_matches_the_sha256_and_shows_the_status(people, letters_in_process,
                                                             django_capture_on_commit_callbacks):
    app_id, letter = walk_to_letter(people, django_capture_on_commit_callbacks)
    anonymous = APIClient()
    url = f"{V1}/verify/{letter['reference']}/"
    body = assert_ok(anonymous.get(url))
    assert {"reference", "company_name", "valid_from", "valid_until", "status"} <= set(body)
    assert "matches" not in body
    assert (body["reference"], body["valid_from"], body["valid_until"], body["status"]) == (
        letter["reference"], letter["valid_from"], letter["valid_until"], "valid")
    assert body["company_name"]
    assert assert_ok(anonymous.get(url, {"sha256": letter["sha256"]}))["matches"] is True
    assert assert_ok(anonymous.get(url, {"sha256": "0" * 64}))["matches"] is False
    assert anonymous.get(f"{V1}/verify/FSC-NAL-2026-9999/").status_code == 404
    assert anonymous.get(f"/verify/{letter['reference']}/").status_code == 200
    assert anonymous.get("/verify/FSC-NAL-2026-9999/").status_code == 404

    with django_capture_on_commit_callbacks(execute=True):
        assert assert_ok(fire(client_for(people["admin"]), app_id, "revoke", reason="보완통제 미이행"))["state"] == "revoked"
    assert assert_ok(anonymous.get(url))["status"] == "revoked"
    assert assert_ok(client_for(people["ciso"]).get(f"{V1}/letters/{letter['reference']}/"))["status"] == "revoked"
    expired = LetterFactory(expired=True)  # a year ago: no walk can make one
    assert assert_ok(client_for(people["admin"]).get(f"{V1}/letters/{expired.reference}/"))["status"] == "expired"
    assert assert_ok(anonymous.get(f"{V1}/verify/{expired.reference}/"))["status"] == "expired"


def test_a_leap_day_effective_date_runs_to_28_february(people, letters_in_process, django_capture_on_commit_callbacks):
    """Worked example through the API: effective 2028-02-29 -> valid_until 2029-02-28 (the approval's
    optional effective date; 'other decision fields are optional')."""
    _app_id, letter = walk_to_letter(people, django_capture_on_commit_callbacks, effective_date="2028-02-29")
    assert (letter["valid_from"], letter["valid_until"]) == ("2028-02-29", "2029-02-28")


# --- worked dates ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("effective,until,interim,final", [
    ("2026-07-01", "2027-06-30", "2027-01-01", "2027-05-31"),
    ("2028-02-29", "2029-02-28", None, None),
    ("2026-08-31", None, "2027-02-28", None),
])
def test_worked_letter_dates_of_the_contract(effective, until, interim, final):
    """The portal's date functions (letters.dates, reports.domain.dates) and this file's reading of the
    rule both give the contract's worked examples."""
    day = dt.date.fromisoformat(effective)
    if until:
        assert valid_until(day).isoformat() == one_year_from(day).isoformat() == until
    if interim:
        assert interim_due_on(day).isoformat() == six_months_after(day).isoformat() == interim
    if final:
        assert final_due_on(valid_until(day)).isoformat() == (one_year_from(day) - dt.timedelta(days=30)).isoformat() == final


