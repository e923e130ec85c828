"""The company's pages: list, detail, section forms without JavaScript, upload, transitions, escaping
(their query counts: tests/test_query_counts.py)."""

import re

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from screening.models import Application, SupportingDocument
from screening.services import fire_transition
from tests.factories import ApplicationFactory, LetterFactory, PhaseFactory, StateChangeFactory, UserFactory
from tests.factories.otp import login_verified

from .helpers import pdf_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def web(client, login, ciso):
    login(ciso)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def _detail(application) -> str:
    return reverse("screening:application-detail", args=[application.pk])


def test_list_shows_only_own_company(web, ciso):
    own = ApplicationFactory(company=ciso.company)
    foreign = ApplicationFactory()
    page = web.get(reverse("screening:application-list")).content.decode()
    assert _detail(own) in page
    assert _detail(foreign) not in page
    assert web.get(_detail(foreign)).status_code == 404


def test_start_fill_attest_submit_without_javascript(web, ciso):
    response = web.post(reverse("screening:application-create"))
    application = Application.objects.get()
    assert response.status_code == 302 and response["Location"] == _detail(application)
    page = web.get(_detail(application)).content.decode()
    assert "Still missing before you can submit" in page

    edit = lambda section: reverse("screening:section-edit", args=[application.pk, section])  # noqa: E731
    form = {
        "version": 1, "scope_ai_vulnerability_assessment": "on",
        "ai-TOTAL_FORMS": "2", "ai-INITIAL_FORMS": "0", "ai-0-name": "Claude", "ai-0-vendor": "Anthropic",
        "ai-1-name": "", "ai-1-vendor": "",
        "saas-TOTAL_FORMS": "1", "saas-INITIAL_FORMS": "0", "saas-0-name": "", "saas-0-vendor": "",
    }
    assert web.get(edit("scope")).status_code == 200
    assert web.post(edit("scope"), form).status_code == 302
    assert web.post(edit("systems"), {"version": 2, "systems_in_scope": "분석망"}).status_code == 302
    assert web.post(edit("controls"), {"version": 3, "compensating_controls": ["dlp", "encryption"]}).status_code == 302
    assert web.post(edit("self_assessment"), {"version": 4, "self_assessment": "충분"}).status_code == 302
    assert web.post(edit("attestation"), {"version": 5, "attestation": "on"}).status_code == 302
    application.refresh_from_db()
    assert application.ai_models == [{"name": "Claude", "vendor": "Anthropic"}]
    assert application.compensating_controls == ["dlp", "encryption"]
    assert application.attestation is True

    page = web.get(_detail(application)).content.decode()
    submit_url = reverse("screening:transition", args=[application.pk, "submit"])
    assert f'action="{submit_url}"' in page
    response = web.post(submit_url, {"version": application.version})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.state == "eligible"
    page = web.get(_detail(application)).content.decode()
    assert "Met" in page and "Timeline" in page


def test_a_stale_form_is_refused_with_a_reload_message(web, ciso):
    application = ApplicationFactory(company=ciso.company)
    url = reverse("screening:section-edit", args=[application.pk, "systems"])
    assert web.post(url, {"version": 1, "systems_in_scope": "A"}).status_code == 302
    response = web.post(url, {"version": 1, "systems_in_scope": "B"}, follow=True)
    assert "changed by someone else" in response.content.decode()
    application.refresh_from_db()
    assert application.systems_in_scope == "A"


def test_staff_cannot_attest_or_submit(client, login, ciso):
    application = ApplicationFactory(company=ciso.company, attested=True)
    staff = application.created_by
    login(staff)
    assert client.get(reverse("screening:section-edit", args=[application.pk, "attestation"])).status_code == 403
    response = client.post(reverse("screening:transition", args=[application.pk, "submit"]),
                           {"version": application.version})
    assert response.status_code == 403
    application.refresh_from_db()
    assert application.state == "draft"


def test_withdraw_asks_for_confirmation(web, ciso):
    application = ApplicationFactory(company=ciso.company, eligible=True)
    url = reverse("screening:transition", args=[application.pk, "withdraw"])
    assert web.get(url).status_code == 200
    assert web.post(url, {"version": application.version, "reason": "내부 사정"}).status_code == 302
    application.refresh_from_db()
    assert application.state == "withdrawn"
    assert application.state_changes.get().reason == "내부 사정"


def test_not_allowed_now_is_explained(web, ciso):
    application = ApplicationFactory(company=ciso.company, eligible=True)
    response = web.post(reverse("screening:transition", args=[application.pk, "submit"]),
                        {"version": application.version}, follow=True)
    assert "not allowed while the application is Eligible" in response.content.decode()


def test_upload_through_the_page(web, ciso):
    application = ApplicationFactory(company=ciso.company)
    url = reverse("screening:document-upload", args=[application.pk])
    web.post(url, {"file": SimpleUploadedFile("구성도.pdf", pdf_bytes())})
    document = SupportingDocument.objects.get()
    response = web.get(reverse("screening:document-download", args=[application.pk, document.pk]))
    assert response.status_code == 200
    response = web.post(url, {"file": SimpleUploadedFile("evil.pdf", b"MZ" + b"\0" * 64)}, follow=True)
    assert "program (an executable)" in response.content.decode()
    assert SupportingDocument.objects.count() == 1
    stranger = UserFactory(ciso=True)
    web.force_login(stranger)
    assert web.get(reverse("screening:document-download", args=[application.pk, document.pk])).status_code in (302, 404)


def test_html_in_free_text_is_escaped_on_the_page(web, ciso):
    script = '<script>alert("x")</script>'
    application = ApplicationFactory(company=ciso.company, self_assessment=script, systems_in_scope=script,
                                     ai_models=[{"name": script, "vendor": "<img src=x onerror=alert(1)>"}])
    StateChangeFactory(application=application, reason=script)
    page = web.get(_detail(application)).content.decode()
    assert script not in page
    assert "<img src=x" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page


def test_long_text_is_refused_at_the_stated_limit_on_the_page(web, ciso):
    application = ApplicationFactory(company=ciso.company)
    url = reverse("screening:section-edit", args=[application.pk, "systems"])
    response = web.post(url, {"version": 1, "systems_in_scope": "x" * 10_001})
    assert response.status_code == 400  # the form again, with its error, as every form page answers
    assert "10000" in response.content.decode() or "10,000" in response.content.decode()


def test_other_company_pages_are_404(web):
    foreign = ApplicationFactory()
    for url in (
        _detail(foreign),
        reverse("screening:section-edit", args=[foreign.pk, "systems"]),
        reverse("screening:transition", args=[foreign.pk, "withdraw"]),
    ):
        assert web.get(url).status_code == 404
    assert web.post(reverse("screening:transition", args=[foreign.pk, "withdraw"]), {"version": 1}).status_code == 404


def test_help_texts_follow_the_page_language_with_separators(web, ciso):
    application = ApplicationFactory(company=ciso.company)
    url = reverse("screening:section-edit", args=[application.pk, "self_assessment"])
    assert "At most 20,000 characters." in web.get(url).content.decode()  # English (the fixture's cookie)
    web.cookies[settings.LANGUAGE_COOKIE_NAME] = "ko"
    assert "최대 20,000자." in web.get(url).content.decode()


def test_checkboxes_and_radios_use_the_structure_in_which_krds_draws_them(web, ciso):
    """KRDS hides every native radio and checkbox and draws one only for `.krds-form-check.medium > input ~ label`."""
    application = ApplicationFactory(company=ciso.company)
    page = web.get(reverse("screening:section-edit", args=[application.pk, "controls"])).content.decode()
    boxes = re.findall(r'<div class="krds-form-check medium"><input type="checkbox"[^>]*id="([^"]+)"[^>]*><label for="([^"]+)"',
                       page)
    assert len(boxes) >= 10 and all(a == b for a, b in boxes)
    assert page.count('type="checkbox"') == len(boxes)


def test_a_granted_application_leads_to_its_letter(web, ciso):
    letter = LetterFactory(application__company=ciso.company)
    page = web.get(_detail(letter.application)).content.decode()
    assert f'href="/letters/{letter.reference}/pdf/"' in page and f'href="/verify/{letter.reference}/"' in page
    assert letter.valid_until.isoformat() in page


def test_a_draft_leads_to_what_is_missing(web, ciso):
    application = ApplicationFactory(company=ciso.company, empty=True)  # nearly everything is missing
    page = web.get(_detail(application)).content.decode()
    first_missing = reverse("screening:section-edit", args=[application.pk, "scope"])
    assert f'<a class="krds-btn primary" href="{first_missing}">' in page  # the next step comes first
    assert page.count(">Fill in</a>") >= 4
    assert f'href="{reverse("screening:section-edit", args=[application.pk, "attestation"])}">Fill in' in page


def test_staff_are_not_sent_to_the_attestation_they_may_not_give(client, login, ciso):
    login(UserFactory(staff=True, company=ciso.company))
    application = ApplicationFactory(company=ciso.company)
    page = client.get(_detail(application)).content.decode()
    assert reverse("screening:section-edit", args=[application.pk, "attestation"]) not in page


def test_people_are_named_and_the_regulator_side_is_the_fsc_to_companies(client, login, ciso, program_admin):
    program_admin.first_name = "권나영"
    program_admin.save()
    ciso.first_name = "김정훈"
    ciso.save()
    application = ApplicationFactory(company=ciso.company, eligible=True, created_by=ciso)

    fire_transition(application=application, name="schedule", actor=program_admin,
                    data={"phase": PhaseFactory().pk})
    login(ciso)
    page = client.get(_detail(application)).content.decode()
    assert "금융위원회" in page and program_admin.username not in page and "권나영" not in page
    assert "김정훈" in page
    login_verified(client, program_admin)
    page = client.get(_detail(application)).content.decode()
    assert "권나영" in page


@pytest.mark.parametrize("trait", ["eligible", "scheduled", "under_review", "screened", "approved"])
def test_a_filed_application_says_what_happens_next(web, ciso, trait):
    application = ApplicationFactory(company=ciso.company, **{trait: True})
    page = web.get(_detail(application)).content.decode()
    assert 'class="krds-info-box portal-what-next"' in page


def test_what_happens_next_is_told_to_the_company_only(client, program_admin):
    login_verified(client, program_admin)
    page = client.get(_detail(ApplicationFactory(eligible=True))).content.decode()
    assert "portal-what-next" not in page


def test_the_scope_page_says_what_its_boxes_choose(web, ciso):
    application = ApplicationFactory(company=ciso.company)
    page = web.get(reverse("screening:section-edit", args=[application.pk, "scope"])).content.decode()
    assert "Choose what the eased network separation is for" in page
