"""The contract test's shared vocabulary: its paths, names and patterns, the contract's own date
arithmetic, and the small calls a bank's client makes (tests/e2e/contract/).
"""

import calendar
import datetime as dt
import re
from zoneinfo import ZoneInfo

from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

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
