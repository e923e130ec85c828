"""portal.ui.services: the pages' one way of running a service and showing its refusal."""

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import PermissionDenied
from django.http import Http404

from portal.errors import Conflict, InvalidInput, NotAllowed, NotFound
from portal.ui.services import run_service


class NameForm(forms.Form):
    name = forms.CharField()


@pytest.fixture
def request_(rf):
    request = rf.post("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def _raise(error):
    def call():
        raise error
    return call


def test_success_returns_the_result(request_):
    assert run_service(request_, lambda: 42) == (42, None)


@pytest.mark.parametrize(("error", "raised"), [(NotFound("gone"), Http404), (NotAllowed("no"), PermissionDenied)])
def test_not_found_and_not_allowed_become_the_shared_error_pages(request_, error, raised):
    with pytest.raises(raised):
        run_service(request_, _raise(error))


def test_invalid_input_goes_onto_the_form(request_):
    form = NameForm({"name": "x"})
    form.is_valid()
    result = run_service(request_, _raise(InvalidInput({"name": ["too short"], "other": ["whole form"]})), form=form)
    assert result == (None, None)
    assert form.errors["name"] == ["too short"] and form.non_field_errors() == ["whole form"]


def test_a_conflict_is_a_message_and_a_redirect(request_):
    result, response = run_service(request_, _raise(Conflict("changed by someone else")), on_conflict_redirect="/x/")
    assert result is None and response.status_code == 302 and response["Location"] == "/x/"
    assert [str(m) for m in get_messages(request_)] == ["changed by someone else"]


def test_invalid_input_without_a_form_is_a_message(request_):
    result, response = run_service(request_, _raise(InvalidInput({"a": ["bad"]})))
    assert (result, response) == (None, None)
    assert [str(m) for m in get_messages(request_)] == ["bad"]
