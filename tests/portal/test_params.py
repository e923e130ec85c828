"""Malformed input never gives a 5xx (portal/common/params.py): integers, ids, dates and choices from a query
string, a header or a path are read in one place and refused with a 400 naming the parameter, ids in a
path that no row can have are 404, and web pages ignore a bad filter and say so."""

import datetime as dt

import pytest
from django.conf import settings
from django.test import RequestFactory
from django.utils import translation

from portal.audit.services import audit_record
from portal.common.params import (
    DB_INT_MAX,
    IdConverter,
    if_match_version,
    parse_date,
    parse_int,
    query_choice,
    query_id,
    query_version,
)
from portal.errors import InvalidInput
from tests.factories import ApplicationFactory, LetterFactory, PhaseFactory
from tests.factories.otp import login_verified

# "²".isdigit() is true, but int("²") raises; int() refuses more than 4,300 digits; 26 digits
# overflow PostgreSQL's bigint.
SUPERSCRIPT = "²"
SUPERSCRIPTS = "³¹"
ARABIC_INDIC = "٣"  # int() reads it as 3; a client has no business sending it
TOO_BIG = "9" * 26
FIVE_THOUSAND_DIGITS = "9" * 5000
UNREADABLE_NUMBERS = [SUPERSCRIPT, SUPERSCRIPTS, ARABIC_INDIC, TOO_BIG, FIVE_THOUSAND_DIGITS, "1_000", "0x10", "x"]


# --- the readers themselves ---------------------------------------------------------------------------


@pytest.mark.parametrize("raw", UNREADABLE_NUMBERS + [str(DB_INT_MAX + 1), "-1", "", " "])
def test_an_id_that_cannot_be_read_is_refused_naming_the_parameter(raw):
    with pytest.raises(InvalidInput) as refused:
        parse_int(raw, "actor", minimum=1)
    assert list(refused.value.fields) == ["actor"]
    assert "actor" in refused.value.fields["actor"][0]


@pytest.mark.parametrize(("raw", "number"), [("7", 7), (" 7 ", 7), ("007", 7), (str(DB_INT_MAX), DB_INT_MAX)])
def test_ascii_digits_in_range_are_read(raw, number):
    assert parse_int(raw, "actor", minimum=1) == number


def test_absent_or_empty_is_none_and_ids_start_at_one():
    assert query_id({}, "actor") is None
    assert query_id({"actor": ""}, "actor") is None
    with pytest.raises(InvalidInput):
        query_id({"actor": "0"}, "actor")


@pytest.mark.parametrize("raw", ["2026-02-30", "20260701", "2026-W27-1", "²⁰²⁶-07-01", "٢٠٢٦-07-01", "99999-01-01",
                                 "2026-07-01T00:00", "x"])
def test_a_date_is_yyyy_mm_dd_only(raw):
    with pytest.raises(InvalidInput) as refused:
        parse_date(raw, "since")
    assert "since" in refused.value.fields


def test_a_date_is_read():
    assert parse_date(" 2026-07-01 ", "since") == dt.date(2026, 7, 1)


def test_a_choice_names_the_choices():
    assert query_choice({"state": "due"}, "state", ["due", "overdue"]) == "due"
    with translation.override("en"), pytest.raises(InvalidInput) as refused:
        query_choice({"state": "dud"}, "state", ["due", "overdue"])
    assert "due, overdue" in refused.value.fields["state"][0]


@pytest.mark.parametrize("raw", ["x" * 41, "../rubric-2026-06", "a/b", "a\x00b", "-x", "²"])
def test_a_catalogue_version_is_a_short_name(raw):
    with pytest.raises(InvalidInput):
        query_version({"version": raw})
    assert query_version({"version": "2026-05"}) == "2026-05"


@pytest.mark.parametrize(("header", "version"), [('"7"', 7), ('W/"7"', 7), ("7", 7), ("", None), ("*", None)])
def test_if_match_is_read(header, version):
    request = RequestFactory().patch("/", HTTP_IF_MATCH=header)
    assert if_match_version(request) == version


@pytest.mark.parametrize("header", UNREADABLE_NUMBERS + ['"²"', 'W/"³¹"', '"7", "8"', '"0"', '"-1"'])
def test_an_if_match_that_is_not_a_version_is_refused(header):
    request = RequestFactory().patch("/", HTTP_IF_MATCH=header)
    with pytest.raises(InvalidInput) as refused:
        if_match_version(request)
    assert list(refused.value.fields) == ["If-Match"]


def test_the_path_converter_refuses_what_no_row_can_have():
    converter = IdConverter()
    assert converter.to_python("42") == 42
    for raw in ("0", str(DB_INT_MAX + 1), "9" * 19):
        with pytest.raises(ValueError):
            converter.to_python(raw)


# --- the API: If-Match on PATCH and transitions -----------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("header", [SUPERSCRIPT, SUPERSCRIPTS, f'"{SUPERSCRIPT}"', FIVE_THOUSAND_DIGITS, TOO_BIG, "abc"])
def test_if_match_that_is_not_a_version_is_400_on_patch_and_changes_nothing(api, ciso, header):
    application = ApplicationFactory(company=ciso.company, self_assessment="before")
    response = api.as_user(ciso).patch(f"/api/v1/applications/{application.pk}/", {"self_assessment": "after"},
                                       format="json", HTTP_IF_MATCH=header)
    assert response.status_code == 400
    assert list(response.json()) == ["If-Match"]
    application.refresh_from_db()
    assert application.self_assessment == "before" and application.version == 1


@pytest.mark.django_db
@pytest.mark.parametrize("header", [SUPERSCRIPT, SUPERSCRIPTS, FIVE_THOUSAND_DIGITS, TOO_BIG])
def test_if_match_that_is_not_a_version_is_400_on_a_transition(api, ciso, header):
    application = ApplicationFactory(company=ciso.company, attested=True)
    response = api.as_user(ciso).post(f"/api/v1/applications/{application.pk}/transitions/withdraw/", {},
                                      format="json", HTTP_IF_MATCH=header)
    assert response.status_code == 400
    assert list(response.json()) == ["If-Match"]
    application.refresh_from_db()
    assert application.state == "draft"


@pytest.mark.django_db
def test_if_match_still_checks_the_version(api, ciso):
    application = ApplicationFactory(company=ciso.company)
    url = f"/api/v1/applications/{application.pk}/"
    client = api.as_user(ciso)
    assert client.patch(url, {"self_assessment": "1"}, format="json", HTTP_IF_MATCH='W/"1"').status_code == 200
    stale = client.patch(url, {"self_assessment": "2"}, format="json", HTTP_IF_MATCH='"1"')
    assert stale.status_code == 409 and stale.json()["code"] == "stale"
    assert client.patch(url, {"self_assessment": "2"}, format="json", HTTP_IF_MATCH="*").status_code == 200


# --- the API: query parameters ------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("actor", UNREADABLE_NUMBERS + ["-1", "0"])
def test_audit_actor_that_is_not_an_id_is_400_naming_it(api, program_admin, actor):
    with translation.override("en"):
        response = api.as_user(program_admin).get("/api/v1/audit/", {"actor": actor}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert list(response.json()) == ["actor"]
    assert "Parameter actor" in response.json()["actor"][0]


@pytest.mark.django_db
def test_the_audit_actor_message_is_korean_by_default(api, program_admin):
    response = api.as_user(program_admin).get("/api/v1/audit/", {"actor": SUPERSCRIPT})
    assert response.json()["actor"][0].startswith("매개변수 actor:")


@pytest.mark.django_db
def test_audit_filters_still_filter(api, program_admin, company):
    audit_record(actor=program_admin, action="company.update", obj=company)
    client = api.as_user(program_admin)
    assert client.get("/api/v1/audit/", {"actor": program_admin.pk}).json()["count"] == 1
    assert client.get("/api/v1/audit/", {"actor": program_admin.pk + 1000}).json()["count"] == 0
    assert client.get("/api/v1/audit/", {"actor": ""}).json()["count"] == 1


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["object_type", "object_id", "action"])
def test_audit_text_filters_refuse_nul_and_overlong(api, program_admin, name):
    client = api.as_user(program_admin)
    assert list(client.get("/api/v1/audit/", {name: "a\x00b"}).json()) == [name]
    assert client.get("/api/v1/audit/", {name: "a" * 500}).status_code == 400


@pytest.mark.django_db
@pytest.mark.parametrize("page", [SUPERSCRIPT, FIVE_THOUSAND_DIGITS, "x", "0", "-1"])
def test_an_api_page_that_is_not_a_number_is_400(api, ciso, page):
    response = api.as_user(ciso).get("/api/v1/applications/", {"page": page})
    assert response.status_code == 400 and list(response.json()) == ["page"]


@pytest.mark.django_db
@pytest.mark.parametrize("size", [SUPERSCRIPT, FIVE_THOUSAND_DIGITS, "false", "0"])
def test_an_api_page_size_that_is_not_a_number_is_400(api, ciso, size):
    response = api.as_user(ciso).get("/api/v1/applications/", {"page_size": size})
    assert response.status_code == 400 and list(response.json()) == ["page_size"]


@pytest.mark.django_db
def test_api_pages_past_the_end_and_big_sizes_keep_their_meaning(api, ciso):
    ApplicationFactory(company=ciso.company)
    client = api.as_user(ciso)
    assert client.get("/api/v1/applications/", {"page": 2}).status_code == 404
    assert client.get("/api/v1/applications/", {"page": DB_INT_MAX}).status_code == 404
    assert client.get("/api/v1/applications/", {"page": TOO_BIG}).status_code == 400
    assert client.get("/api/v1/applications/", {"page": "last"}).status_code == 200
    assert client.get("/api/v1/applications/", {"page_size": 100000}).json()["count"] == 1


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/v1/catalogue/controls/", "/api/v1/catalogue/rubric/",
                                  "/api/v1/catalogue/threats/"])
def test_a_catalogue_version_that_cannot_be_a_name_is_400_and_an_unknown_one_404(api, ciso, path):
    client = api.as_user(ciso)
    for version in ("x" * 300, FIVE_THOUSAND_DIGITS, "a\x00b"):
        response = client.get(path, {"version": version})
        assert response.status_code == 400 and list(response.json()) == ["version"]
    assert client.get(path, {"version": "1999-01"}).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("state", ["dud", SUPERSCRIPT, "a\x00b"])
def test_obligations_state_that_is_not_a_state_is_400(api, program_admin, state):
    response = api.as_user(program_admin).get("/api/v1/obligations/", {"state": state})
    assert response.status_code == 400 and list(response.json()) == ["state"]
    assert api.get("/api/v1/obligations/", {"state": "due"}).status_code == 200


# --- paths --------------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("pk", [TOO_BIG, str(DB_INT_MAX + 1), FIVE_THOUSAND_DIGITS, "0"])
def test_ids_in_a_path_that_no_row_can_have_are_404(api, client, program_admin, pk):
    office = api.as_user(program_admin)
    for url in (f"/api/v1/applications/{pk}/", f"/api/v1/applications/{pk}/scores/",
                f"/api/v1/applications/{pk}/assignments/", f"/api/v1/companies/{pk}/",
                f"/api/v1/phases/{pk}/", f"/api/v1/audit/{pk}/"):
        assert office.get(url).status_code == 404, url
    assert office.post(f"/api/v1/applications/{pk}/assignments/", {"user": 1}, format="json").status_code == 404
    assert office.patch(f"/api/v1/applications/{pk}/", {}, format="json").status_code == 404
    login_verified(client, program_admin)
    for url in (f"/applications/{pk}/", f"/companies/{pk}/", f"/reports/{pk}/", f"/screening/phases/{pk}/"):
        assert client.get(url).status_code == 404, url


@pytest.mark.django_db
def test_a_superscript_id_in_an_api_path_is_404(api, program_admin):
    office = api.as_user(program_admin)
    assert office.get(f"/api/v1/applications/{SUPERSCRIPT}/").status_code == 404
    assert office.get(f"/api/v1/companies/{SUPERSCRIPTS}/").status_code == 404


@pytest.mark.django_db
def test_a_reference_with_a_nul_in_a_path_is_404(api, client, program_admin):
    letter = LetterFactory()
    office = api.as_user(program_admin)
    for url in ("/api/v1/letters/a%00b/", "/api/v1/letters/a%00b/obligations/", "/api/v1/letters/a%00b/reports/",
                f"/api/v1/letters/{letter.reference}%00/reports/"):
        assert office.get(url).status_code == 404, url
    login_verified(client, program_admin)
    assert client.get("/reports/letters/a%00b/").status_code == 404


# --- headers ------------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("header", ["Token a\x00b", f"Token {SUPERSCRIPT}", "Token " + "x" * 5000])
def test_a_token_that_cannot_be_one_is_401(api, header):
    assert api.get("/api/v1/applications/", HTTP_AUTHORIZATION=header).status_code == 401


# --- web pages: a bad value is ignored and said, never a 500 ----------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("target", ["x", "2026-13-45", TOO_BIG, "a\x00b"])
def test_the_second_factor_page_sends_a_bad_next_home(client, program_admin, target):
    login_verified(client, program_admin)
    response = client.get("/mfa/verify/", {"next": target})
    assert response.status_code == 302 and response["Location"] == "/"


@pytest.mark.django_db
@pytest.mark.parametrize("phase", [SUPERSCRIPT, SUPERSCRIPTS, FIVE_THOUSAND_DIGITS, TOO_BIG])
def test_the_allocation_form_ignores_a_phase_it_cannot_read(client, program_admin, phase):
    waiting = ApplicationFactory(eligible=True)
    PhaseFactory(capacity_max=5)
    login_verified(client, program_admin)
    response = client.post("/screening/allocation/", {f"take_{waiting.pk}": "1", f"phase_{waiting.pk}": phase})
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.state == "eligible"


@pytest.mark.django_db
@pytest.mark.parametrize("value", [SUPERSCRIPT, "²⁰²⁶-01-01", FIVE_THOUSAND_DIGITS, "a\x00b"])
def test_pages_with_a_bad_query_value_answer_without_a_500(client, program_admin, reviewer, value):
    login_verified(client, program_admin)
    for url in ("/companies/", "/audit/", "/applications/", "/letters/", "/reports/", "/reports/findings/",
                "/reports/dashboard/", "/screening/board/", "/screening/phases/"):
        for name in ("page", "q", "sector", "eligible", "actor", "object_id", "state", "since", "until", "category"):
            assert client.get(url, {name: value}).status_code == 200, (url, name)
    assert client.get("/reports/summary.pdf", {"date": value}).status_code == 400
    login_verified(client, reviewer)
    assert client.get("/screening/conflicts/", {"company": value}).status_code == 200


@pytest.mark.django_db
def test_the_findings_page_says_which_date_it_ignored(client, program_admin):
    login_verified(client, program_admin)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get("/reports/findings/", {"since": "²⁰²⁶-01-01"})
    assert response.status_code == 200
    assert "is not a date (YYYY-MM-DD) and was ignored" in response.content.decode()
