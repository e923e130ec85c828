"""The application endpoints: who may create, read and edit what; bad input; the catalogue."""

import pytest

from screening.enums import SELF_ASSESSMENT_MAX, SYSTEMS_IN_SCOPE_MAX
from tests.factories import ApplicationFactory, PhaseFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_ciso_and_staff_create_for_their_own_company_only(api, ciso, company_staff):
    assert api.as_user(company_staff).post("/api/v1/applications/", {}, format="json").status_code == 201
    response = api.as_user(ciso).post("/api/v1/applications/", {"company": ciso.company_id}, format="json")
    assert response.status_code == 201
    other = UserFactory(ciso=True).company
    response = api.as_user(ciso).post("/api/v1/applications/", {"company": other.pk}, format="json")
    assert response.status_code == 404


@pytest.mark.parametrize("role", ["reviewer", "advisor", "program_admin", "auditor"])
def test_regulator_side_users_cannot_create(api, role):
    user = UserFactory(**{role: True})
    assert api.as_user(user).post("/api/v1/applications/", {}, format="json").status_code == 403


def test_unauthenticated_is_401(api):
    assert api.get("/api/v1/applications/").status_code == 401


def test_another_companys_application_is_404_everywhere(api, ciso):
    foreign = ApplicationFactory(attested=True)
    base = f"/api/v1/applications/{foreign.pk}/"
    client = api.as_user(ciso)
    assert client.get(base).status_code == 404
    assert client.patch(base, {"self_assessment": "x"}, format="json").status_code == 404
    assert client.get(base + "transitions/").status_code == 404
    assert client.post(base + "transitions/submit/", {}, format="json").status_code == 404
    assert client.post(base + "transitions/withdraw/", {}, format="json").status_code == 404
    assert client.get(base + "history/").status_code == 404
    assert client.get(base + "documents/").status_code == 404
    assert client.get(base + "documents/1/download/").status_code == 404
    assert [a["id"] for a in client.get("/api/v1/applications/").json()["results"]] == []
    foreign.refresh_from_db()
    assert foreign.state == "draft" and foreign.self_assessment != "x"


def test_visibility_by_role(api, ciso):
    own = ApplicationFactory(company=ciso.company)
    ApplicationFactory()
    assert [a["id"] for a in api.as_user(ciso).get("/api/v1/applications/").json()["results"]] == [own.pk]
    assert len(api.as_user(UserFactory(auditor=True)).get("/api/v1/applications/").json()["results"]) == 2
    assert len(api.as_user(UserFactory(program_admin=True)).get("/api/v1/applications/").json()["results"]) == 2
    assert api.as_user(UserFactory(reviewer=True)).get("/api/v1/applications/").json()["results"] == []
    assert api.as_user(UserFactory(reviewer=True)).get(f"/api/v1/applications/{own.pk}/").status_code == 404


def test_only_the_ciso_sets_the_attestation(api, ciso, company_staff):
    application = ApplicationFactory(company=ciso.company)
    url = f"/api/v1/applications/{application.pk}/"
    response = api.as_user(company_staff).patch(url, {"attestation": True}, format="json")
    assert response.status_code == 403
    assert api.as_user(company_staff).post(url + "transitions/submit/", {}, format="json").status_code == 403
    response = api.as_user(ciso).patch(url, {"attestation": True}, format="json")
    assert response.status_code == 200
    assert response.json()["attestation"] is True
    # A later change of content withdraws the attestation: it attested other content.
    response = api.as_user(company_staff).patch(url, {"self_assessment": "고쳐 씀"}, format="json")
    assert response.json()["attestation"] is False
    assert response.json()["missing"][-1]["field"] == "attestation"


def test_auditor_and_admin_read_but_do_not_edit(api):
    application = ApplicationFactory()
    url = f"/api/v1/applications/{application.pk}/"
    for user in (UserFactory(auditor=True), UserFactory(program_admin=True)):
        assert api.as_user(user).get(url).status_code == 200
        assert api.as_user(user).patch(url, {"self_assessment": "x"}, format="json").status_code == 403


@pytest.mark.parametrize("state", ["eligible", "under_review", "approved", "withdrawn"])
def test_editing_only_in_draft_and_supplement_requested(api, state):
    application = ApplicationFactory.in_state(state)
    ciso = UserFactory(ciso=True, company=application.company)
    response = api.as_user(ciso).patch(f"/api/v1/applications/{application.pk}/", {"self_assessment": "x"},
                                       format="json")
    assert response.status_code == 409
    assert response.json()["state"] == state


def test_supplement_requested_is_editable_and_respond_resubmits(api):
    application = ApplicationFactory(supplement_requested=True)
    ciso = UserFactory(ciso=True, company=application.company)
    url = f"/api/v1/applications/{application.pk}/"
    client = api.as_user(ciso)
    assert client.patch(url, {"systems_in_scope": "구성도 보완"}, format="json").status_code == 200
    # The edit withdrew the attestation, so responding needs it again.
    response = client.post(url + "transitions/respond/", {}, format="json")
    assert response.status_code == 409
    assert "attested" in response.json()["detail"]
    assert client.patch(url, {"attestation": True}, format="json").status_code == 200
    response = client.post(url + "transitions/respond/", {"reason": "보완했습니다"}, format="json")
    assert response.status_code == 200
    assert response.json()["state"] == "under_review"


def test_state_and_unknown_fields_cannot_be_patched(api, ciso):
    application = ApplicationFactory(company=ciso.company)
    url = f"/api/v1/applications/{application.pk}/"
    response = api.as_user(ciso).patch(url, {"state": "approved"}, format="json")
    assert response.status_code == 400
    assert "transitions" in response.json()["state"][0]
    response = api.patch(url, {"eligibility": {"eligible": True}, "colour": "red"}, format="json")
    assert set(response.json()) == {"eligibility", "colour"}


def test_stale_version_on_edit_is_409(api, ciso):
    application = ApplicationFactory(company=ciso.company)
    url = f"/api/v1/applications/{application.pk}/"
    assert api.as_user(ciso).patch(url, {"self_assessment": "1", "version": 1}, format="json").status_code == 200
    response = api.patch(url, {"self_assessment": "2", "version": 1}, format="json")
    assert response.status_code == 409
    assert response.json()["code"] == "stale"
    response = api.patch(url, {"self_assessment": "2"}, format="json", HTTP_IF_MATCH='"1"')
    assert response.status_code == 409


@pytest.mark.parametrize(
    ("field", "value", "phrase"),
    [
        ("ai_models", [{"name": "", "vendor": "x"}], "may not be blank"),
        ("ai_models", [{"name": "Claude"}], "name and vendor"),
        ("ai_models", "Claude", "list"),
        ("compensating_controls", ["firewall_of_doom"], "Unknown control code"),
        ("compensating_controls", ["dlp", "dlp"], "more than once"),
        ("preferred_phase", 99999, "does not exist"),
        ("scope_saas_security", "maybe", "valid boolean"),
    ],
)
def test_bad_input_names_the_field(api, ciso, field, value, phrase):
    application = ApplicationFactory(company=ciso.company)
    response = api.as_user(ciso).patch(f"/api/v1/applications/{application.pk}/", {field: value}, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()
    assert phrase in str(response.json()[field])


@pytest.mark.parametrize(("field", "limit"), [("systems_in_scope", SYSTEMS_IN_SCOPE_MAX),
                                              ("self_assessment", SELF_ASSESSMENT_MAX)])
def test_long_text_is_refused_at_the_stated_limit(api, ciso, field, limit):
    application = ApplicationFactory(company=ciso.company)
    url = f"/api/v1/applications/{application.pk}/"
    assert api.as_user(ciso).patch(url, {field: "가" * limit}, format="json").status_code == 200
    response = api.patch(url, {field: "가" * (limit + 1)}, format="json")
    assert response.status_code == 400
    assert f"{limit}" in response.json()[field][0]


def test_html_in_free_text_is_stored_as_text(api, ciso):
    script = '<script>alert("x")</script><b onmouseover="x()">굵게</b>'
    application = ApplicationFactory(company=ciso.company)
    url = f"/api/v1/applications/{application.pk}/"
    response = api.as_user(ciso).patch(url, {"self_assessment": script,
                                             "ai_models": [{"name": script, "vendor": "v"}]}, format="json")
    assert response.status_code == 200
    assert response.json()["self_assessment"] == script
    application.refresh_from_db()
    assert application.self_assessment == script
    assert response["Content-Type"].startswith("application/json")


def test_preferred_phase_is_given_as_an_id(api, ciso):
    phase = PhaseFactory()
    application = ApplicationFactory(company=ciso.company)
    response = api.as_user(ciso).patch(f"/api/v1/applications/{application.pk}/", {"preferred_phase": phase.pk},
                                       format="json")
    assert response.json()["preferred_phase"] == phase.pk


def test_reason_is_required_for_the_decisions(api, program_admin):
    application = ApplicationFactory(screened=True)
    url = f"/api/v1/applications/{application.pk}/transitions/"
    for name in ("approve", "reject"):
        response = api.as_user(program_admin).post(url + f"{name}/", {"reason": "  "}, format="json")
        assert response.status_code == 400
        assert "reason" in response.json()


def test_the_controls_catalogue(api, ciso):
    response = api.as_user(ciso).get("/api/v1/catalogue/controls/")
    assert response.status_code == 200
    entries = response.json()
    assert len(entries) >= 10
    assert {"code", "version", "title_ko", "title_en"} <= set(entries[0])
    assert len({e["code"] for e in entries}) == len(entries)
    assert api.get("/api/v1/catalogue/controls/?version=1999-01").status_code == 404
