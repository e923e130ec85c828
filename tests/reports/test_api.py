"""The reports API: obligations, filing, drafts, corrections, review, the threat catalogue, bad input."""

import datetime as dt

import pytest
from django.utils import timezone

from reports.enums import ReportStatus
from reports.models import Finding, FindingsReport, Obligation, VulnerabilityTest
from tests.factories import (
    ApplicationFactory,
    AssignmentFactory,
    LetterFactory,
    UserFactory,
    finding_data,
    performed_test,
    report_body,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def letter(company):
    return LetterFactory(application=ApplicationFactory(granted=True, company=company))


def obligations_url(letter):
    return f"/api/v1/letters/{letter.reference}/obligations/"


def reports_url(letter):
    return f"/api/v1/letters/{letter.reference}/reports/"


def counts():
    return (FindingsReport.objects.count(), Finding.objects.count(), VulnerabilityTest.objects.count())


# --- obligations -------------------------------------------------------------------------------------
def test_obligations_follow_the_worked_example(api, ciso, company):
    issued = dt.datetime(2026, 7, 1, 9, tzinfo=dt.UTC)
    letter = LetterFactory(application=ApplicationFactory(granted=True, company=company), issued_at=issued)
    assert letter.valid_until == dt.date(2027, 6, 30)
    response = api.as_user(ciso).get(obligations_url(letter))
    assert response.status_code == 200
    rows = [{k: row[k] for k in ("kind", "due_on", "state")} for row in response.json()]
    assert rows == [
        {"kind": "interim", "due_on": "2027-01-01", "state": _state(dt.date(2027, 1, 1))},
        {"kind": "final", "due_on": "2027-05-31", "state": _state(dt.date(2027, 5, 31))},
    ]
    # Read twice: created once.
    api.get(obligations_url(letter))
    assert Obligation.objects.filter(letter=letter).count() == 2


def _state(due):
    today = timezone.localdate()
    return "overdue" if today > due else "due" if (due - today).days <= 30 else "upcoming"


@pytest.mark.parametrize("who", ["program_admin", "auditor", "company_staff"])
def test_obligations_visible_to_company_and_office(api, letter, who, request):
    assert api.as_user(request.getfixturevalue(who)).get(obligations_url(letter)).status_code == 200


def test_obligations_of_another_company_are_404(api, letter):
    stranger = UserFactory(ciso=True)
    response = api.as_user(stranger).get(obligations_url(letter))
    assert response.status_code == 404
    assert not Obligation.objects.exists()


def test_expert_sees_only_assigned_letters(api, letter, reviewer):
    assert api.as_user(reviewer).get(obligations_url(letter)).status_code == 404
    AssignmentFactory(application=letter.application, expert=reviewer)
    assert api.as_user(reviewer).get(obligations_url(letter)).status_code == 200


def test_unknown_letter_is_404(api, program_admin):
    assert api.as_user(program_admin).get("/api/v1/letters/FSC-NAL-2026-9999/reports/").status_code == 404


# --- filing ------------------------------------------------------------------------------------------
def test_ciso_files_a_report(api, ciso, letter, program_admin):
    response = api.as_user(ciso).post(reports_url(letter), report_body("interim", findings=2), format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "filed" and body["kind"] == "interim" and body["version"] == 1
    assert body["review"]["state"] == "pending"
    assert len(body["tests"]) == 1 and len(body["findings"]) == 2
    assert body["findings"][0]["category"] == "prompt_injection"
    states = {row["kind"]: row["state"] for row in api.get(obligations_url(letter)).json()}
    assert states["interim"] == "filed"
    # The office reads it too.
    listed = api.as_user(program_admin).get(reports_url(letter)).json()
    assert [r["id"] for r in listed] == [body["id"]]


def test_ad_hoc_reports_have_no_obligation_and_each_is_new(api, ciso, letter):
    first = api.as_user(ciso).post(reports_url(letter), report_body("ad_hoc"), format="json")
    second = api.post(reports_url(letter), report_body("ad_hoc"), format="json")
    assert first.status_code == second.status_code == 201
    assert first.json()["id"] != second.json()["id"]
    assert FindingsReport.objects.filter(kind="ad_hoc", obligation__isnull=True).count() == 2


def test_staff_saves_drafts_and_the_ciso_files_them(api, ciso, company_staff, letter, program_admin):
    staff = api.as_user(company_staff)
    refused = staff.post(reports_url(letter), report_body("interim"), format="json")
    assert refused.status_code == 403
    draft = staff.post(reports_url(letter), report_body("interim", draft=True, findings=0), format="json")
    assert draft.status_code == 201 and draft.json()["status"] == "draft"
    # A draft may be incomplete.
    incomplete = {"kind": "interim", "draft": True, "findings": [{"description": "반쯤 쓴 항목"}], "tests": []}
    assert staff.post(reports_url(letter), incomplete, format="json").status_code == 200
    # The office does not see drafts.
    assert api.as_user(program_admin).get(reports_url(letter)).json() == []
    report_id = draft.json()["id"]
    assert api.get(f"{reports_url(letter)}{report_id}/").status_code == 404
    # Filing the incomplete draft names what is missing, and changes nothing.
    ciso_api = api.as_user(ciso)
    missing = ciso_api.post(f"{reports_url(letter)}{report_id}/file/")
    assert missing.status_code == 400
    assert "category" in missing.json()["findings"][0] and "severity" in missing.json()["findings"][0]
    assert FindingsReport.objects.get(pk=report_id).status == ReportStatus.DRAFT
    # The CISO's post takes over the draft and files it.
    filed = ciso_api.post(reports_url(letter), report_body("interim"), format="json")
    assert filed.status_code == 200 and filed.json()["id"] == report_id and filed.json()["status"] == "filed"


def test_patch_edits_a_draft_and_files_it(api, ciso, letter):
    client = api.as_user(ciso)
    draft = client.post(reports_url(letter), report_body("final", draft=True), format="json").json()
    url = f"{reports_url(letter)}{draft['id']}/"
    edited = client.patch(url, {"findings": [finding_data(severity="critical")]}, format="json")
    assert edited.status_code == 200 and edited.json()["findings"][0]["severity"] == "critical"
    assert edited.json()["status"] == "draft"
    filed = client.patch(url, {"draft": False}, format="json")
    assert filed.status_code == 200 and filed.json()["status"] == "filed"


def test_filed_report_is_immutable_and_corrections_are_new_versions(api, ciso, letter):
    client = api.as_user(ciso)
    first = client.post(reports_url(letter), report_body("interim"), format="json").json()
    before = counts()
    url = f"{reports_url(letter)}{first['id']}/"
    refused = client.patch(url, {"findings": [finding_data(severity="low")]}, format="json")
    assert refused.status_code == 409 and refused.json()["code"] == "report_filed"
    assert client.delete(url).status_code == 409
    assert client.post(f"{url}file/").status_code == 409
    assert counts() == before
    assert client.get(url).json()["findings"] == first["findings"]
    # A correction by posting again: version 2, and version 1 is kept as it was.
    second = client.post(reports_url(letter), report_body("interim", findings=3), format="json")
    assert second.status_code == 201
    assert second.json()["version"] == 2 and second.json()["supersedes"] == first["id"]
    old = client.get(url).json()
    assert old["findings"] == first["findings"] and old["superseded_by"] == second.json()["id"]
    # Correcting the old version again is refused: correct the newest.
    again = client.post(f"{url}corrections/", {}, format="json")
    assert again.status_code == 409 and again.json()["code"] == "report_already_corrected"


def test_correction_endpoint_copies_the_filed_content_into_a_draft(api, ciso, letter):
    client = api.as_user(ciso)
    first = client.post(reports_url(letter), report_body("ad_hoc", findings=2), format="json").json()
    response = client.post(f"{reports_url(letter)}{first['id']}/corrections/", {}, format="json")
    assert response.status_code == 201
    copy = response.json()
    assert copy["status"] == "draft" and copy["version"] == 2 and copy["findings"] == first["findings"]


# --- bad input -----------------------------------------------------------------------------------------
def test_report_on_another_companys_letter_is_404(api, letter):
    stranger = UserFactory(ciso=True)
    response = api.as_user(stranger).post(reports_url(letter), report_body(), format="json")
    assert response.status_code == 404
    assert counts() == (0, 0, 0)


@pytest.mark.parametrize(("trait", "code", "words"), [("expired", "letter_expired", "expired on"),
                                                       ("revoked", "letter_revoked", "revoked on")])
def test_report_on_an_expired_or_revoked_letter_is_refused(api, company, trait, code, words):
    letter = LetterFactory(**{trait: True}, application__company=company)
    ciso = UserFactory(ciso=True, company=company)
    response = api.as_user(ciso).post(reports_url(letter), report_body(), format="json")
    assert response.status_code == 409
    assert response.json()["code"] == code and words in response.json()["detail"]
    assert counts() == (0, 0, 0)


def test_a_letter_past_its_last_day_refuses_even_before_the_expiry_job(api, company):
    issued = timezone.now() - dt.timedelta(days=400)
    letter = LetterFactory(application__company=company, issued_at=issued)
    ciso = UserFactory(ciso=True, company=company)
    response = api.as_user(ciso).post(reports_url(letter), report_body(), format="json")
    assert response.status_code == 409 and response.json()["code"] == "letter_expired"


@pytest.mark.parametrize("field", ["category", "severity"])
def test_finding_without_category_or_severity_is_400_naming_the_field(api, ciso, letter, field):
    finding = finding_data()
    del finding[field]
    body = report_body(findings=0)
    body["findings"] = [finding_data(), finding]
    response = api.as_user(ciso).post(reports_url(letter), body, format="json")
    assert response.status_code == 400
    errors = response.json()["findings"]
    assert errors[0] == {} and list(errors[1]) == [field]
    assert counts() == (0, 0, 0)


def test_unknown_category_and_severity_are_400(api, ciso, letter):
    body = report_body(findings=0)
    body["findings"] = [finding_data(category="telepathy", severity="apocalyptic")]
    response = api.as_user(ciso).post(reports_url(letter), body, format="json")
    assert response.status_code == 400
    assert set(response.json()["findings"][0]) == {"category", "severity"}


def test_test_dated_in_the_future_is_400(api, ciso, letter):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    body = report_body()
    body["tests"] = [performed_test(performed_on=tomorrow.isoformat())]
    response = api.as_user(ciso).post(reports_url(letter), body, format="json")
    assert response.status_code == 400
    assert "future" in response.json()["tests"][0]["performed_on"][0]
    # Even in a draft.
    body["draft"] = True
    assert api.post(reports_url(letter), body, format="json").status_code == 400
    assert counts() == (0, 0, 0)


@pytest.mark.parametrize(("body", "field"), [
    ({"tests": [], "findings": []}, "kind"),
    ({"kind": "quarterly"}, "kind"),
    ({"kind": "interim", "tests": [], "findings": []}, "tests"),
    ({"kind": "interim", "tests": "yesterday"}, "tests"),
    ({"kind": "interim", "tests": [{"performed_on": "2026-13-01", "tools": "x", "systems": "y"}]}, "tests"),
    ({"kind": "interim", "draft": "maybe"}, "draft"),
])
def test_other_bad_input_is_400(api, ciso, letter, body, field):
    response = api.as_user(ciso).post(reports_url(letter), body, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert counts() == (0, 0, 0)


def test_messages_are_translated(api, ciso, letter):
    body = report_body(findings=0)
    body["findings"] = [finding_data(severity="")]
    response = api.as_user(ciso).post(reports_url(letter), body, format="json", HTTP_ACCEPT_LANGUAGE="ko")
    assert response.status_code == 400
    message = response.json()["findings"][0]["severity"][0]
    assert message != "Choose the severity of this finding: low, medium, high or critical."


def test_regulators_may_not_file(api, letter, program_admin):
    response = api.as_user(program_admin).post(reports_url(letter), report_body(), format="json")
    assert response.status_code == 403


# --- review --------------------------------------------------------------------------------------------
def test_office_accepts_or_asks_for_more(api, ciso, company, program_admin, auditor, mailoutbox,
                                         django_capture_on_commit_callbacks):
    # Issued 200 days ago: the interim report was due about three weeks ago.
    letter = LetterFactory(application__company=company, issued_at=timezone.now() - dt.timedelta(days=200))
    report = api.as_user(ciso).post(reports_url(letter), report_body("interim"), format="json").json()
    url = f"{reports_url(letter)}{report['id']}/"
    assert api.as_user(ciso).post(f"{url}accept/").status_code == 403
    assert api.as_user(auditor).post(f"{url}accept/").status_code == 403
    office = api.as_user(program_admin)
    assert office.post(f"{url}request-more/", {}, format="json").status_code == 400  # a note is required
    past = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    bad = office.post(f"{url}request-more/", {"note": "x", "resubmit_by": past}, format="json")
    assert bad.status_code == 400 and "resubmit_by" in bad.json()
    resubmit = (timezone.localdate() + dt.timedelta(days=10)).isoformat()
    with django_capture_on_commit_callbacks(execute=True):
        more = office.post(f"{url}request-more/", {"note": "시험 범위를 보완하십시오.", "resubmit_by": resubmit},
                           format="json")
    assert more.status_code == 200 and more.json()["review"]["state"] == "more_requested"
    assert len(mailoutbox) == 1 and letter.reference in mailoutbox[0].subject
    obligation = {row["kind"]: row for row in office.get(obligations_url(letter)).json()}["interim"]
    assert obligation["state"] == "due" and obligation["effective_due_on"] == resubmit
    # The company files a correction; the office accepts that one, not the old version.
    second = api.as_user(ciso).post(reports_url(letter), report_body("interim", findings=2), format="json").json()
    assert api.as_user(program_admin).post(f"{url}accept/").status_code == 409
    accepted = office.post(f"{reports_url(letter)}{second['id']}/accept/")
    assert accepted.status_code == 200 and accepted.json()["review"]["state"] == "accepted"
    assert office.post(f"{reports_url(letter)}{second['id']}/accept/").status_code == 409
    states = {row["kind"]: row["state"] for row in office.get(obligations_url(letter)).json()}
    assert states["interim"] == "accepted"


def test_office_list_of_obligations(api, letter, program_admin, ciso):
    FindingsReportFactory = pytest.importorskip("tests.factories").FindingsReportFactory
    FindingsReportFactory(letter=letter, filed=True)
    response = api.as_user(program_admin).get("/api/v1/obligations/?state=filed")
    assert response.status_code == 200
    assert [row["kind"] for row in response.json()["results"]] == ["interim"]
    assert api.as_user(ciso).get("/api/v1/obligations/").status_code == 403


# --- the threat catalogue --------------------------------------------------------------------------------
def test_threat_catalogue(api, ciso):
    response = api.as_user(ciso).get("/api/v1/catalogue/threats/")
    assert response.status_code == 200
    entries = {entry["code"]: entry for entry in response.json()}
    for code in ("prompt_injection", "model_assisted_exploit_generation", "automated_reconnaissance",
                 "saas_data_exfiltration", "ai_supply_chain_compromise", "credential_abuse"):
        assert entries[code]["name_ko"] and entries[code]["name_en"]
    assert entries["prompt_injection"]["name_ko"] == "프롬프트 인젝션"
    assert api.get("/api/v1/catalogue/threats/?version=1999-01").status_code == 404
