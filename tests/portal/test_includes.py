"""The shared KRDS partials other pages include."""

import re
from pathlib import Path

import pytest
from django import forms
from django.conf import settings
from django.forms.utils import ErrorList
from django.template import Context, Template, TemplateSyntaxError
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation

from eligibility.forms import CompanyFilterForm
from tests.factories import ApplicationFactory, LetterFactory


def test_field_shows_the_krds_error_state_and_links_the_message():
    form = CompanyFilterForm({"sector": "bogus"})
    form.is_valid()
    html = render_to_string("portal/includes/field.html", {"field": form["sector"]})
    assert 'class="form-conts is-error"' in html
    assert 'aria-invalid="true"' in html and 'aria-describedby="id_sector_error"' in html
    assert '<div id="id_sector_error"><p class="form-hint-invalid">' in html
    assert '<label for="id_sector">' in html


def test_a_chosen_select_is_marked_completed():
    assert "krds-form-select completed" in str(CompanyFilterForm({"sector": "bank"})["sector"])
    assert "completed" not in str(CompanyFilterForm({})["sector"])


def test_file_upload_is_a_labelled_native_input_inside_krds_markup():
    html = render_to_string("portal/includes/file_upload.html", {
        "name": "file", "input_id": "id_file", "label": "PDF <문서>", "hint": "PDF only",
        "accept": "application/pdf,.pdf", "required": True, "errors": ["Only PDF files."],
    })
    assert 'class="krds-file-upload portal-file-upload is-error"' in html
    assert '<label for="id_file">PDF &lt;문서&gt;</label>' in html
    assert '<input type="file" name="file" id="id_file" accept="application/pdf,.pdf" required' in html
    assert 'aria-describedby="id_file_hint id_file_error"' in html and 'aria-invalid="true"' in html
    # KRDS's script wires the first button inside .file-upload to the input; it must be there.
    assert '<button type="button" class="krds-btn medium"' in html
    assert '<p class="form-hint-invalid">Only PDF files.</p>' in html



# --- the error summary ---------------------------------------------------------------------------

TEMPLATES = Path(settings.BASE_DIR) / "templates"


def _title(page: str) -> str:
    return re.search(r"<title>(.*?)</title>", page, re.S).group(1)


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "prefix", "heading"), [
    ("ko", "오류: ", "입력한 내용을 확인해 주십시오"), ("en", "Error: ", "There is a problem"),
])
def test_a_form_posted_with_errors_opens_with_the_summary_and_an_error_title(client, language, prefix, heading):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = client.post("/login/", {}).content.decode()
    assert _title(page).startswith(prefix)
    summary = re.search(r'<div class="portal-error-summary" id="error-summary" tabindex="-1">(.*?)</ul>', page, re.S)
    assert summary and heading in summary.group(1)
    assert summary.group(1).count('<a href="#id_username">') == 1 and '<a href="#id_password">' in summary.group(1)
    # The summary comes before the form; each field keeps its own error, which its control points to.
    assert page.index('id="error-summary"') < page.index('<form method="post" action="/login/"')
    assert '<div id="id_username_error"><p class="form-hint-invalid">' in page
    assert re.search(r'<input [^>]*aria-invalid="true"[^>]*aria-describedby="id_username_error"', page)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ko", "en"])
def test_a_form_without_errors_has_no_summary_and_a_plain_title(client, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = client.get("/login/").content.decode()
    assert "error-summary" not in page
    assert not _title(page).startswith(("오류", "Error"))


@pytest.mark.django_db
def test_an_error_about_the_whole_form_is_listed_without_a_link(client, ciso):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.post("/login/", {"username": ciso.username, "password": "not the password"}).content.decode()
    summary = re.search(r'<ul class="portal-error-summary-list">(.*?)</ul>', page, re.S).group(1)
    assert re.fullmatch(r"<li>[^<]*correct username and password[^<]*</li>", summary.strip())
    assert page.count("correct username and password") == 1  # no second block above the form


@pytest.mark.django_db
def test_a_formset_row_error_links_to_that_row(client, login, ciso):
    letter = LetterFactory(application=ApplicationFactory(granted=True, company=ciso.company))
    login(ciso)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.post(f"/reports/letters/{letter.reference}/new/", {
        "kind": "ad_hoc", "file": "1", "tests-TOTAL_FORMS": "1", "tests-INITIAL_FORMS": "0",
        "findings-TOTAL_FORMS": "1", "findings-INITIAL_FORMS": "0",
        "tests-0-performed_on": "2026-01-05", "tests-0-tools": "Claude", "tests-0-systems": "API",
        "findings-0-description": "설명", "findings-0-status": "open",
    })
    page = response.content.decode()
    assert response.status_code == 400 and _title(page).startswith("Error: ")
    assert re.search(r'<a href="#id_findings-0-category">Threat category \(row 1\): [^<]+</a>', page)


class _Sample(forms.Form):
    name = forms.CharField(label="Name")
    colour = forms.ChoiceField(label="Colour", choices=[("r", "Red"), ("g", "Green")], widget=forms.RadioSelect)
    token = forms.CharField(widget=forms.HiddenInput)

    def clean(self):
        raise forms.ValidationError("The whole form is wrong.")


def _page_errors(**context) -> str:
    template = Template("{% load portal_page %}{% page_errors as errors %}"
                        "{% for e in errors %}[{{ e.label }}|{{ e.href }}|{{ e.message }}]{% endfor %}")
    with translation.override("en"):
        return template.render(Context(context))


def test_page_errors_link_fields_radio_groups_and_rows_and_list_the_rest():
    form = _Sample({"colour": "x"})
    rows = forms.formset_factory(_Sample, extra=0)({"form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "0",
                                                    "form-0-name": "n", "form-0-colour": "r", "form-0-token": "t"})
    found = _page_errors(form=form, rows=rows, same=form, loose=ErrorList(["Outside."], field_id="id_x"))
    assert "[Name|#id_name|This field is required.]" in found
    assert "[Colour|#id_colour_0|" in found  # a radio group: its first option
    assert "[||This field is required.]" in found  # a hidden field's error has no control to go to
    assert "[||The whole form is wrong.]" in found
    assert "[Row 1|#id_form-0-name|The whole form is wrong.]" in found  # a row's error: its first field
    assert "[|#id_x|Outside.]" in found
    assert found.count("The whole form is wrong.") == 2  # the same form under two names counts once


def test_an_unbound_form_and_plain_values_give_no_errors():
    assert _page_errors(form=_Sample(), rows=forms.formset_factory(_Sample)(), text="x", items=["a"]) == ""


# --- the field partial --------------------------------------------------------------------------


def test_a_radio_group_is_a_fieldset_with_a_visible_legend_and_its_description():
    form = _Sample({"colour": "x"})
    form.fields["colour"].help_text = "Pick one."
    form.is_valid()
    with translation.override("en"):
        html = render_to_string("portal/includes/field.html", {"field": form["colour"]})
    assert '<fieldset class="form-group" aria-describedby="id_colour_helptext id_colour_error">' in html
    assert '<legend class="form-tit">Colour' in html and "(required)" in html
    assert '<div class="krds-form-check medium"><input type="radio" name="colour" value="r"' in html
    assert html.index("Pick one.") < html.index('type="radio"')  # the description before the choices


def test_a_bare_text_widget_gets_krds_class_and_the_required_marker():
    with translation.override("en"):
        html = render_to_string("portal/includes/field.html", {"field": _Sample()["name"]})
    assert re.search(r'<input type="text" name="name" class="krds-input" required id="id_name">', html)
    assert '<label for="id_name">Name <span class="portal-required">(required)</span></label>' in html


# --- every field, every summary and every breadcrumb come from the partials -----------------------

# Templates that write a control themselves, and why.
CONTROLS_ALLOWED = {
    "portal/includes/field.html": "the field partial itself",
    "portal/includes/file_upload.html": "KRDS's file upload: a native file input inside KRDS's box",
    "screening/review/allocation.html": "one checkbox and one phase per proposed application, read without a form",
    "screening/review/assignments.html": "a row's own one-field form (the reason for removing that expert)",
}
CONTROL = re.compile(r"<(?:input|select|textarea)\b(?![^>]*type=\"hidden\")[^>]*>")
# A bound field rendered directly ({{ form.name }}, {{ field }}), but not a formset's management form.
BOUND_FIELD = re.compile(r"\{\{\s*(?:form|\w+_form|field|comment|score)(?:\.(?!management_form\b)\w+)?\s*(?:\|[^}]*)?\}\}")


def _html_templates():
    for path in sorted(TEMPLATES.rglob("*.html")):
        yield path.relative_to(TEMPLATES).as_posix(), path.read_text(encoding="utf-8")


def test_no_template_draws_a_form_field_outside_the_partial():
    outside = {name: CONTROL.findall(text) + BOUND_FIELD.findall(text)
               for name, text in _html_templates() if name not in CONTROLS_ALLOWED}
    assert {name: found for name, found in outside.items() if found} == {}
    for name in CONTROLS_ALLOWED:  # an exception that no longer needs to be one is removed from the list
        text = (TEMPLATES / name).read_text(encoding="utf-8")
        assert CONTROL.search(text) or BOUND_FIELD.search(text), name


def test_no_template_writes_its_own_error_block_or_breadcrumb():
    own = re.compile(r'krds-breadcrumb|class="breadcrumb"|portal-form-errors|portal-error-summary')
    shared = {"portal/includes/breadcrumb.html", "portal/includes/error_summary.html"}
    assert [name for name, text in _html_templates() if name not in shared and own.search(text)] == []
    for name, text in _html_templates():
        block = re.search(r"\{% block breadcrumb %\}(.*?)\{% endblock %\}", text, re.S)
        if block and block.group(1).strip():  # base.html's is empty
            assert "{% breadcrumb " in block.group(1), name


@pytest.mark.django_db
def test_a_page_has_one_breadcrumb_home_its_parents_then_itself(client, login, ciso):
    application = ApplicationFactory(company=ciso.company)
    login(ciso)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    path = f"/applications/{application.pk}/edit/systems/"
    page = client.get(path).content.decode()
    assert page.count('class="krds-breadcrumb-wrap"') == 1
    trail = re.findall(r'<li(?: class="home")?><a href="([^"]+)" class="txt"( aria-current="page")?>([^<]+)</a></li>',
                       re.search(r'<ol class="breadcrumb">(.*?)</ol>', page, re.S).group(1))
    assert [(href, label) for href, _current, label in trail] == [
        ("/", "Home"), ("/applications/", "Applications"), (f"/applications/{application.pk}/", f"#{application.pk}"),
        (path, trail[-1][2]),
    ]
    assert [bool(current) for _href, current, _label in trail] == [False, False, False, True]


def test_the_breadcrumb_tag_wants_pairs_and_then_the_current_page():
    request = RequestFactory().get("/x/")
    with pytest.raises(TemplateSyntaxError):
        Template('{% load portal_page %}{% breadcrumb "A" "/a/" %}').render(Context({"request": request}))
