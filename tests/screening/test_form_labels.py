"""What the phase and selection forms say: a phase's capacity counts applications, and a drop-down that
asks for a choice starts with a translated prompt, never Django's "---------"."""

import pytest
from django.urls import reverse
from django.utils import translation

from portal.accounts.models import Company, User
from screening.forms.review import AssignmentForm, ConflictForm, PhaseChoiceForm, PhaseForm
from tests.factories import CompanyFactory, PhaseFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("language", "low", "high"), [
    ("ko", "최소 신청 건수", "최대 신청 건수"),
    ("en", "Minimum applications", "Maximum applications"),
])
def test_phase_capacity_is_labelled_as_applications(language, low, high):
    form = PhaseForm()
    with translation.override(language):
        labels = form["capacity_min"].label_tag(), form["capacity_max"].label_tag()
    assert labels == (f'<label for="id_capacity_min">{low}:</label>', f'<label for="id_capacity_max">{high}:</label>')


def _forms():
    CompanyFactory()
    PhaseFactory()
    UserFactory(reviewer=True)
    return [PhaseChoiceForm(), ConflictForm(),
            AssignmentForm(experts=User.objects.all(), loads={})]


@pytest.mark.parametrize(("language", "prompt"), [("ko", "— 선택 —"), ("en", "— choose —")])
def test_drop_downs_start_with_a_translated_prompt(language, prompt):
    with translation.override(language):
        for form in _forms():
            html = form.as_div()
            assert "---------" not in html, type(form).__name__
            assert f'<option value="" selected>{prompt}</option>' in html, type(form).__name__


def test_the_conflicts_page_shows_the_prompt(client, login, reviewer):
    CompanyFactory()
    assert Company.objects.exists()
    login(reviewer)
    page = client.get(reverse("screening:conflicts")).content.decode()
    assert "---------" not in page
    assert "— 선택 —" in page
