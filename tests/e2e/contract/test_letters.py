"""The contract's letters: the whole program through the API to a letter, its obligations and
findings reports, and public verification.
"""

import datetime as dt
import hashlib

import pytest
from rest_framework.test import APIClient

from tests.e2e.contract.helpers import (
    REFERENCE,
    STATES,
    TIMESTAMP,
    V1,
    assert_ok,
    client_for,
    fire,
    one_year_from,
    rows,
    six_months_after,
    today,
    walk_to_letter,
)
from tests.factories import LetterFactory, UserFactory

pytestmark = pytest.mark.django_db


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
