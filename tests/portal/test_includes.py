"""The shared KRDS partials other pages include."""

from django.template.loader import render_to_string

from eligibility.forms import CompanyFilterForm


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
