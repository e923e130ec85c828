"""Shared template and page helpers: company names in the page's language, the status of form pages."""

from types import SimpleNamespace

from django import forms
from django.template import Context, Template
from django.utils import translation

from portal.templatetags.portal_ui import company_name, company_other_name
from portal.ui.forms import answer_status

COMPANY = SimpleNamespace(name_ko="가온은행", name_en="Gaon Bank")
LETTER = SimpleNamespace(company_name_ko="나래생명보험", company_name_en="Narae Life Insurance")
ROW = {"letter__company_name_ko": "다온증권", "letter__company_name_en": ""}


def test_names_follow_the_language():
    with translation.override("ko"):
        assert [company_name(v) for v in (COMPANY, LETTER, ROW)] == ["가온은행", "나래생명보험", "다온증권"]
        assert company_other_name(COMPANY) == "Gaon Bank"
    with translation.override("en"):
        # a company without an English name keeps its Korean one rather than showing nothing
        assert [company_name(v) for v in (COMPANY, LETTER, ROW)] == ["Gaon Bank", "Narae Life Insurance", "다온증권"]
        assert company_other_name(LETTER) == "나래생명보험"


def test_the_filter_is_available_in_every_template_and_escapes():
    hostile = SimpleNamespace(name_ko="<script>alert(1)</script>", name_en="x")
    with translation.override("ko"):
        html = Template("{{ c|company_name }}").render(Context({"c": hostile}))
    assert html == "&lt;script&gt;alert(1)&lt;/script&gt;"


def test_form_pages_answer_400_only_for_a_posted_form_with_errors(rf):
    class Form(forms.Form):
        name = forms.CharField()

    formset = forms.formset_factory(Form, extra=0)
    post, get = rf.post("/"), rf.get("/")
    assert answer_status(post, Form({"name": "ok"})) == 200
    assert answer_status(post, Form({})) == 400
    assert answer_status(get, Form()) == 200 and answer_status(post, None) == 200
    clean = formset({"form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "0", "form-0-name": "x"})
    broken = formset({"form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "1", "form-0-name": ""})  # a kept row emptied
    assert answer_status(post, Form({"name": "ok"}), clean) == 200
    assert answer_status(post, Form({"name": "ok"}), broken) == 400
